import type { Cell } from '../core/types.js';
import type { ColumnProfile } from '../fields/types.js';
import { type OpenSampleOptions, openSample } from '../ingest/index.js';
import type { FeatureChunk } from '../match/feature-chunk.js';
import { FeatureKeys } from '../match/features.js';
import { createRowEncoder } from '../match/staged.js';
import { SecretKey } from '../protect/key.js';
import { isBlank } from './column-stats.js';
import { remapProfiles } from './inspect-slice.js';
import { BottomK, detachCell, type KeepSpec, type KeptCandidate, rowKeyer } from './sample-reservoir.js';

/**
 * Entity ids written by a slice before the whole file is counted: slice k (from 0) numbers its
 * records `(k + 1) * SLICE_EID_BASE + local ordinal`, and the loader rewrites them to file
 * ordinals once every slice has reported how many records it holds.
 */
export const SLICE_EID_BASE = 2 ** 40;

/** One byte range of a records file or sample, turned into feature chunks by a worker. */
export interface LoadSliceTask {
  readonly path: string;
  readonly open: OpenSampleOptions;
  readonly profiles: readonly ColumnProfile[];
  /** Header names, for slices after the first (they read as headerless). */
  readonly columns?: readonly string[];
  readonly slice: number;
  /** Byte offset where the slice starts. */
  readonly start: number;
  /** Hex of the master key: the worker derives the same subkeys and Bloom encoders. */
  readonly keyHex: string;
  readonly chunkRows: number;
  /** Chunks of this slice committed by an earlier run: counted, not normalised again. */
  readonly done: readonly number[];
  /** The record id column, or -1 (ids are assigned from ordinals after the fix-up). */
  readonly keyIndex: number;
  /** Profile indexes of the columns whose cells go back with each chunk, for the loader's observer. */
  readonly forward: readonly number[];
  /** When set, the slice keeps its share of a random subset of rows (sample-reservoir.ts). */
  readonly keep?: KeepSpec;
}

export interface SliceChunk {
  readonly chunk: number;
  /** The chunk's feature rows; null for a chunk committed by an earlier run. */
  readonly features: FeatureChunk | null;
  readonly rows: number;
  readonly bytes: number;
  /** The forwarded cells (`forwardedText`), or '' when nothing is forwarded. */
  readonly cells: string;
}

export interface SliceTotals {
  /** Records read, accepted or rejected: what the ordinals of later slices shift by. */
  readonly records: number;
  readonly rows: number;
  /** Whether the slice ended inside a quoted field or a truncated record: the cut was not a record boundary. */
  readonly cleanEnd: boolean;
  /** Rows with a value, per profile. */
  readonly filled: readonly number[];
  readonly rejected: number;
  /** The rows this slice keeps (`keep`), cells in profile order, ordinals within the slice. */
  readonly kept: readonly KeptCandidate[];
}

const CELL = '\u001f';
const ROW = '\u001e';
/** A null cell among forwarded ones (a value cannot hold it: it is replaced, like separators). */
const NULL_CELL = '\u0000';
const RESERVED = /[\u0000\u001e\u001f]/g;

/** Forwarded cells of some columns, one row after another, as one string. */
export function forwardedText(rows: readonly (readonly (string | null)[])[]): string {
  return rows
    .map((row) => row.map((v) => (v === null ? NULL_CELL : v.replace(RESERVED, '\ufffd'))).join(CELL))
    .join(ROW);
}

/** The rows of `forwardedText`, each widened to `width` cells with the forwarded ones at `at`. */
export function forwardedRows(text: string, at: readonly number[], width: number): (string | null)[][] {
  if (text === '') return [];
  return text.split(ROW).map((line) => {
    const row: (string | null)[] = new Array(width).fill(null);
    line.split(CELL).forEach((v, k) => {
      row[at[k]!] = v === NULL_CELL ? null : v;
    });
    return row;
  });
}

/**
 * Normalises and encodes every row of one slice, handing each chunk of staged text to
 * `send`, which resolves when the loader is ready for the next one (backpressure).
 */
export async function loadSlice(
  task: LoadSliceTask,
  send: (chunk: SliceChunk) => Promise<void>,
): Promise<SliceTotals> {
  const keys = new FeatureKeys(new SecretKey(Buffer.from(task.keyHex, 'hex'), 'worker'));
  const stream = await openSample(task.path, task.open);
  const done = new Set(task.done);
  const base = (task.slice + 1) * SLICE_EID_BASE;
  let encoder: ReturnType<typeof createRowEncoder> | null = null;
  let inChunk = 0;
  let forwarded: (string | null)[][] = [];
  const filled: number[] = task.profiles.map(() => 0);
  let byProfile: number[] = [];
  let chunk = 0;
  let rows = 0;
  let pending: Promise<void> = Promise.resolve();
  const kept = task.keep ? new BottomK(task.keep.cap, task.keep.limit) : null;
  const keyOf = task.keep ? rowKeyer(task.keep.seedHex, task.start) : () => 0;
  const flush = async (): Promise<void> => {
    const current = chunk++;
    const features = done.has(current) || encoder === null ? null : encoder.builder.take();
    const cells = task.forward.length > 0 ? forwardedText(forwarded) : '';
    const count = inChunk;
    inChunk = 0;
    forwarded = [];
    // One chunk waits in the loader while the next is built.
    await pending;
    if (features !== null || cells !== '')
      pending = send({ chunk: current, features, rows: count, bytes: stream.summary().bytesRead, cells });
  };
  for await (const batch of stream.batches()) {
    if (encoder === null) {
      const names = batch.columns.map((name, i) => task.columns?.[i] ?? name);
      encoder = createRowEncoder(remapProfiles(task.profiles, names), keys, task.chunkRows);
      // Profile i is the slice column of the same name (later slices read as headerless).
      byProfile = task.profiles.map((p) => names.indexOf(p.name));
    }
    for (let r = 0; r < batch.rows.length; r++) {
      const row = batch.rows[r] as Cell[];
      rows++;
      for (let i = 0; i < byProfile.length; i++) {
        if (!isBlank(row[byProfile[i]!] ?? null)) filled[i]!++;
      }
      const ordinal = batch.ordinals[r]!;
      if (kept !== null)
        kept.offer(keyOf(ordinal), ordinal, () => byProfile.map((c) => detachCell(row[c] ?? null)));
      if (task.forward.length > 0) forwarded.push(task.forward.map((i) => row[byProfile[i]!] ?? null));
      if (!done.has(chunk)) {
        const recordId = task.keyIndex < 0 ? null : (row[task.keyIndex] ?? '').trim();
        encoder.add(base + ordinal, recordId, row);
      }
      if (++inChunk >= task.chunkRows) await flush();
    }
  }
  if (inChunk > 0) await flush();
  await pending;
  const summary = stream.summary();
  const reasons = summary.rejectedByReason;
  return {
    records: summary.rows + summary.rejected,
    rows,
    cleanEnd: !reasons['unterminated-quote'] && !reasons.truncated,
    filled,
    rejected: summary.rejected,
    kept: kept?.candidates() ?? [],
  };
}
