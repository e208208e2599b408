import type { Cell, Rejection } from '../core/types.js';
import { createRowNormalizer } from '../fields/row-normalizer.js';
import type { ColumnProfile } from '../fields/types.js';
import { type OpenSampleOptions, openSample } from '../ingest/index.js';
import type { IngestSummary } from '../ingest/types.js';
import {
  addCell,
  type ColumnStats,
  createColumnStats,
  type SerializedStats,
  serializeStats,
} from './column-stats.js';

/** One byte range of a plain file, read by one worker when inspection runs in parallel. */
export interface SliceTask {
  readonly path: string;
  readonly open: OpenSampleOptions;
  readonly profiles: readonly ColumnProfile[];
  readonly maxExamples: number;
  /**
   * Header names of the file for slices after the first, which start mid-file and so read
   * as headerless (`col_1`, ...): column i of the slice is `columns[i]`.
   */
  readonly columns?: readonly string[];
}

/** What a slice reports back; `stats` are keyed by column name since slices see columns alone. */
export interface SliceResult {
  readonly summary: IngestSummary;
  readonly stats: Readonly<Record<string, SerializedStats>>;
}

/** Normalises every row of one slice with the profiles decided from the head of the file. */
export async function inspectSlice(
  task: SliceTask,
  onProgress?: (rows: number, bytes: number) => void,
): Promise<SliceResult> {
  const stream = await openSample(task.path, task.open);
  let byIndex: (ColumnProfile | undefined)[] = [];
  let normalize: ReturnType<typeof createRowNormalizer> | null = null;
  let stats: ColumnStats[] = [];
  let width = -1;
  let names: string[] = [];
  let rows = 0;
  const byName = new Map(task.profiles.map((p) => [p.name, p]));
  for await (const batch of stream.batches()) {
    if (batch.columns.length !== width) {
      // Re-map the decided profiles onto this slice's column order.
      width = batch.columns.length;
      names = batch.columns.map((name, i) => task.columns?.[i] ?? name);
      byIndex = names.map((name) => byName.get(name));
      normalize = createRowNormalizer(remapProfiles(task.profiles, names));
      while (stats.length < width) stats.push(createColumnStats());
    }
    for (const row of batch.rows as Cell[][]) {
      const results = normalize!(row);
      for (let i = 0; i < width; i++) {
        addCell(stats[i]!, row[i] ?? null, byIndex[i] ? (results[i] ?? null) : null, task.maxExamples);
      }
    }
    rows += batch.rows.length;
    onProgress?.(rows, stream.summary().bytesRead);
  }
  const raw = stream.summary();
  const summary = { ...raw, columns: raw.columns.map((name, i) => names[i] ?? task.columns?.[i] ?? name) };
  const out: Record<string, SerializedStats> = {};
  summary.columns.forEach((name, i) => {
    out[name] = serializeStats(stats[i]);
  });
  stats = [];
  return { summary, stats: out };
}

/** The decided profiles re-indexed onto a slice's column order; columns the head never showed are unknown. */
export function remapProfiles(profiles: readonly ColumnProfile[], names: readonly string[]): ColumnProfile[] {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  return names.map((name, index): ColumnProfile => {
    const known = byName.get(name);
    return known ? { ...known, index } : unknownProfile(name, index);
  });
}

function unknownProfile(name: string, index: number): ColumnProfile {
  return {
    index,
    name,
    kind: 'unknown',
    confidence: 0,
    params: {},
    evidence: 'not seen while profiling',
    alternatives: [],
  };
}

/**
 * Shifts a slice's rejection examples to whole-file ordinals. Line numbers of later slices
 * are relative to the cut, so they become 0 (unknown) rather than wrong.
 */
export function shiftRejections(
  rejections: readonly Rejection[],
  ordinalOffset: number,
  keepLines: boolean,
): Rejection[] {
  return rejections.map((r) => ({ ...r, ordinal: r.ordinal + ordinalOffset, line: keepLines ? r.line : 0 }));
}
