import type { Cell, Normalized } from '../core/types.js';

/** Running statistics of one column over every row of a sample. */
export interface ColumnStats {
  /** Rows where the cell is present and not blank. */
  filled: number;
  /** Filled cells that normalised as the column's kind. */
  valid: number;
  /** Up to `maxExamples` distinct canonical values, in order of first appearance. */
  readonly examples: string[];
  /** Most common reasons a filled cell did not normalise, with counts. */
  readonly invalidReasons: Map<string, number>;
}

const MAX_REASONS = 20;

export function createColumnStats(): ColumnStats {
  return { filled: 0, valid: 0, examples: [], invalidReasons: new Map() };
}

/** Adds one cell and its normalised form (null when the column has no normaliser) to the stats. */
export function addCell(
  stats: ColumnStats,
  cell: Cell,
  result: Normalized | null,
  maxExamples: number,
): void {
  if (isBlank(cell)) return;
  stats.filled++;
  if (result === null) return;
  if (result.ok) {
    stats.valid++;
    if (stats.examples.length < maxExamples && !stats.examples.includes(result.value)) {
      stats.examples.push(result.value);
    }
  } else {
    const seen = stats.invalidReasons.get(result.reason);
    if (seen !== undefined) stats.invalidReasons.set(result.reason, seen + 1);
    else if (stats.invalidReasons.size < MAX_REASONS) stats.invalidReasons.set(result.reason, 1);
  }
}

/** True for an absent cell or one holding only whitespace; avoids allocating in the common case. */
export function isBlank(cell: Cell): cell is null | '' {
  if (cell == null || cell.length === 0) return true;
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(cell.length - 1);
  if (first > 32 && first !== 160 && last > 32 && last !== 160) return false;
  return cell.trim() === '';
}

/** Column statistics as plain data: what a worker thread posts back and reports merge. */
export interface SerializedStats {
  readonly filled: number;
  readonly valid: number;
  readonly examples: readonly string[];
  readonly invalidReasons: Readonly<Record<string, number>>;
}

export function serializeStats(s: ColumnStats | undefined): SerializedStats {
  const stats = s ?? createColumnStats();
  return {
    filled: stats.filled,
    valid: stats.valid,
    examples: stats.examples,
    invalidReasons: Object.fromEntries(stats.invalidReasons),
  };
}
