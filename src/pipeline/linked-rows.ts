import type { Agreement, LinkedRow } from '../analyze/types.js';
import { T } from '../match/blocking.js';
import { gammaColumn } from '../match/comparison.js';
import type { Comparison } from '../match/comparison-levels.js';
import type { LinkResult } from '../match/link.js';
import { resolveSettings } from '../match/settings.js';
import { quoteIdent } from '../store/index.js';
import type { SqlExecutor } from '../store/types.js';

/** Fields where only the top level counts as agreement: the address as we stored it, number included. */
const EXACT_ONLY: ReadonlySet<string> = new Set(['street', 'place']);

/** The linked pair's gamma columns (table `a`, the assigned pairs), for SQL. */
export function gammaList(comparisons: readonly Comparison[]): string {
  return comparisons.map((c) => `a.${quoteIdent(gammaColumn(c))}`).join(', ');
}

/**
 * Per linked row, how each comparison came out (agree / disagree / absent), read from the
 * comparison levels of the assigned pairs: what record corroboration judges provenance on.
 * Every link comes back, in row order, or only those of the sample rows listed in
 * `subsetTable` (one BIGINT column `eid`): call it only when that is bounded (the analysis's
 * row cap); link-tally.ts counts over all links in SQL. Reads the linkage's temp tables, so
 * call it on the connection that ran `linkSample`.
 */
export async function linkedRowsOf(
  db: SqlExecutor,
  result: LinkResult,
  subsetTable?: string,
): Promise<LinkedRow[]> {
  const comparisons = resolveSettings().comparisons;
  const subset = subsetTable === undefined ? '' : `JOIN ${quoteIdent(subsetTable)} s ON s.eid = l."row"`;
  const rows = await db.all<Record<string, number | string | null>>(
    `SELECT l."row" AS __row, l.record_table AS __table, l.record_id AS __id, l.probability AS __p,
       l.level AS __level, ${gammaList(comparisons)}
     FROM ${quoteIdent(result.linksTable)} l
     ${subset}
     LEFT JOIN ${quoteIdent(T.assigned)} a ON a.s_eid = l."row"
     ORDER BY l."row", l.rowid`,
  );
  return rows.map(
    (r): LinkedRow => ({
      row: Number(r.__row),
      recordTable: String(r.__table),
      recordId: String(r.__id),
      probability: Number(r.__p),
      level: r.__level as LinkedRow['level'],
      fields: agreementsOf(comparisons, r),
    }),
  );
}

/**
 * Renumbers sample-row ordinals densely: the ordinal at `ordinals[i]` becomes i + 1, others
 * undefined. A binary search over the sorted ordinals the reservoir keeps, so no Map (which
 * V8 caps at 2^24 entries) grows with the sample.
 * @example denseRows([3, 7, 9])(7) // 2
 */
export function denseRows(ordinals: readonly number[]): (ordinal: number) => number | undefined {
  const sorted = ordinals.every((o, i) => i === 0 || ordinals[i - 1]! < o);
  if (!sorted) {
    const index = new Map(ordinals.map((o, i) => [o, i + 1]));
    return (ordinal) => index.get(ordinal);
  }
  return (ordinal) => {
    let lo = 0;
    let hi = ordinals.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = ordinals[mid]!;
      if (at === ordinal) return mid + 1;
      if (at < ordinal) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
}

/**
 * Per comparison, whether a linked pair's fields agree, disagree or are absent, from its
 * comparison levels (gammas). Exact-only fields agree only at their exact level.
 */
export function agreementsOf(
  comparisons: readonly Comparison[],
  g: Readonly<Record<string, unknown>> | undefined,
): Record<string, Agreement> {
  const fields: Record<string, Agreement> = {};
  for (const c of comparisons) {
    const level = Number(g?.[gammaColumn(c)] ?? -1);
    if (level < 0) {
      fields[c.name] = 'absent';
      continue;
    }
    // Levels count down from the best (n) to 0, "far".
    const label = level === 0 ? 'far' : c.levels[c.levels.length - level]?.label;
    const agrees = EXACT_ONLY.has(c.name) ? label === 'exact' : label === 'exact' || label === 'close';
    fields[c.name] = agrees ? 'agree' : 'disagree';
  }
  // The linkage compares postcode and city jointly (`place`); corroboration reads the
  // postcode as stored, which an exact place agreement implies.
  if (fields.place !== undefined) fields.postcode = fields.place;
  return fields;
}
