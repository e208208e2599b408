import { stat } from 'node:fs/promises';
import { LeakverifyError } from '../core/errors.js';
import type { Cell, FieldKind } from '../core/types.js';
import { profileColumns } from '../fields/index.js';
import type { ColumnMapping, ColumnProfile } from '../fields/types.js';
import { type OpenSampleOptions, openSample } from '../ingest/index.js';
import type { IngestSummary, SampleStream } from '../ingest/types.js';
import { type FeatureChunk, featureInserter } from '../match/feature-chunk.js';
import type { FeatureKeys } from '../match/features.js';
import { createRowEncoder } from '../match/staged.js';
import { clearJob, doneUnits, markDone, quoteIdent } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import { isBlank } from './column-stats.js';
import { batchesFrom, type Head, readHead } from './head.js';
import { checkDiskSpace, checkMapping, checkUsable, chooseKey } from './load-checks.js';
import { loadInSlices } from './load-parallel.js';
import { canSplit, PARALLEL_MIN_BYTES } from './parallel.js';
import type { RowKeeper } from './sample-reservoir.js';

export interface LoadRequest {
  readonly path: string;
  /** Feature table to fill (created by the caller with `featureTableSql`). */
  readonly table: string;
  readonly keys: FeatureKeys;
  readonly ingest?: OpenSampleOptions;
  readonly mapping?: ColumnMapping;
  readonly defaultRegion?: string;
  /** For records: the primary key column, or undefined to infer one. Null for a sample. */
  readonly recordKey: { readonly column?: string } | null;
  /**
   * When set, rows are committed in chunks marked done under this job, and a re-run skips
   * the chunks already written (resume after a crash or kill -9).
   */
  readonly job?: string;
  readonly chunkRows?: number;
  readonly profileRows?: number;
  /** False: one thread even for a large plain file. */
  readonly parallel?: boolean;
  /** Smallest plain file loaded by worker threads (default 32 MiB; tests lower it). */
  readonly parallelMinBytes?: number;
  /**
   * The observer reads only columns of these kinds and ignores ordinals and row order: a
   * parallel load then hands it those cells from the workers instead of reading the file a
   * second time in this thread. Without it, the observer sees every row in file order.
   */
  readonly observeKinds?: readonly FieldKind[];
  /** Forgets what the observer saw, when a parallel load starts over in one thread. */
  readonly restartObserver?: () => void;
  /**
   * Keeps a uniform random subset of whole rows (the analysis's cells): the workers of a
   * parallel load choose it as they read, so the file is read once.
   */
  readonly keep?: RowKeeper;
}

/**
 * The rows a file of `size` bytes holds, guessed from its head: an underestimate when the
 * reader has buffered past the head's last row, which only makes the kept share larger.
 */
function expectedRows(
  head: { readonly ordinals: readonly number[] },
  bytesRead: number,
  size: number,
): number | undefined {
  const rows = head.ordinals.at(-1) ?? 0;
  return rows > 0 && bytesRead > 0 ? (size * rows) / bytesRead : undefined;
}

/** Sees every accepted row once, with the decided profiles (to learn formats, keep cells for analysis). */
export type RowObserver = (
  profiles: readonly ColumnProfile[],
  rows: readonly Cell[][],
  ordinals: readonly number[],
) => void;

export interface LoadResult {
  readonly summary: IngestSummary;
  readonly profiles: readonly ColumnProfile[];
  /** Share of rows with a value, per profile. */
  readonly filled: readonly number[];
  /** The record id column, or null when records are identified by their row ordinal. */
  readonly keyColumn: string | null;
  readonly rows: number;
  /** `parallel` when worker threads loaded byte ranges of the file. */
  readonly mode: 'sequential' | 'parallel';
}

/**
 * Rows per committed chunk: one DuckDB row group (its default `row_group_size`). A chunk that
 * fills a row group is written to the database file as it fills, and the commit only links
 * it in; smaller chunks (50,000 before session 10) went through the write-ahead log, and each
 * automatic checkpoint rewrote their partial row groups and then merged them (DuckDB's
 * vacuum), reading back and writing again what was just loaded. Measured on the 10M customers
 * (BENCHMARKS.md, session 10): index 205.6 -> 195.8 s (363 -> 336 CPU s), the 1M-row sample's
 * load 22.6-23.2 -> 21.5-21.6 s. A crash loses at most one chunk per worker.
 */
export const CHUNK_ROWS = 122_880;

/**
 * Streams a file through ingestion, field typing, normalisation and protection into a
 * feature table: only fingerprints and Bloom filters are written, never the values.
 */
export async function loadFeatures(
  db: Workspace,
  request: LoadRequest,
  onProgress?: (rows: number, bytes: number) => void,
  rowObserver?: RowObserver,
): Promise<LoadResult> {
  const keep = request.keep;
  const observe: RowObserver | undefined =
    keep === undefined
      ? rowObserver
      : (profiles, rows, ordinals) => {
          rowObserver?.(profiles, rows, ordinals);
          keep.observe(profiles, rows, ordinals);
        };
  const stream = await openSample(request.path, request.ingest ?? {});
  const head = await readHead(stream, request.profileRows ?? 20_000);
  if (head.complete && head.rows.length === 0) {
    throw new LeakverifyError('input.empty', `${request.path} has no data rows`, {
      hint: 'Check the file: leakverify inspect shows how it was read.',
    });
  }
  const profiles = profileColumns(head.columns, head.rows, {
    ...(request.mapping ? { mapping: request.mapping } : {}),
    ...(request.defaultRegion ? { defaultRegion: request.defaultRegion } : {}),
  });
  checkUsable(request.path, profiles, request.recordKey === null ? '--mapping' : '--records-mapping');
  checkMapping(request.path, profiles, head.rows);
  await checkDiskSpace(db.dir, request.path, stream.summary().bytesRead);
  const keyIndex =
    request.recordKey === null ? -1 : chooseKey(request.path, profiles, head.rows, request.recordKey.column);
  const chunkRows = request.chunkRows ?? CHUNK_ROWS;
  let done = request.job ? await doneUnits(db, request.job) : new Set<string>();
  const size = (await stat(request.path)).size;
  const parallel =
    request.parallel !== false &&
    !head.complete &&
    canSplit(stream.info, size, 1, request.parallelMinBytes ?? PARALLEL_MIN_BYTES);
  // Chunks committed by a run that cut the file differently cannot be resumed: start over.
  if ([...done].some((u) => isSliceUnit(u) !== parallel)) {
    await restart(db, request);
    done = new Set();
  }
  const scan = { profiles, keyIndex, done, chunkRows };
  let rows: number;
  let filled: number[];
  let summary: IngestSummary | null = null;
  let mode: LoadResult['mode'] = 'sequential';
  if (parallel) {
    const observeKinds = request.observeKinds;
    // The observer gets its cells from the workers, or has none (the kept subset travels apart).
    const forwarding = observeKinds !== undefined || rowObserver === undefined;
    const forward = profiles.filter((p) => observeKinds?.includes(p.kind)).map((p) => p.index);
    const sliced = loadInSlices(
      {
        db,
        path: request.path,
        size,
        info: stream.info,
        open: request.ingest ?? {},
        profiles,
        table: request.table,
        master: request.keys.master,
        keyIndex,
        keyless: request.recordKey !== null && keyIndex < 0,
        chunkRows,
        done,
        ...(request.job ? { job: request.job } : {}),
        forward,
        ...(forwarding && rowObserver
          ? { observe: (cells: Cell[][]) => rowObserver(profiles, cells, []) }
          : {}),
        ...(forwarding && keep
          ? { keep, expectedRows: expectedRows(head, stream.summary().bytesRead, size) }
          : {}),
      },
      onProgress,
    );
    // Otherwise this thread reads the file once more, to observe (and keep) the rows in order.
    const counted = forwarding
      ? null
      : await streamRows(db, request, { stream, head }, { ...scan, encode: false }, undefined, observe);
    const loaded = await sliced;
    if (loaded !== null && (counted === null || loaded.rows === counted.rows)) {
      rows = loaded.rows;
      filled = [...loaded.filled];
      mode = 'parallel';
      if (forwarding) {
        await head.iterator.return?.();
        summary = { ...stream.summary(), rows, rejected: loaded.rejected, bytesRead: size };
        if (keep && !keep.complete()) {
          // The file held far fewer rows than its head suggested: keep the subset in one more read.
          keep.restart();
          await streamRows(
            db,
            request,
            await headOf(request),
            { ...scan, done: new Set(), encode: false },
            undefined,
            keep.observe,
          );
        }
      }
    } else {
      // A cut fell inside a quoted field: the slices did not read the file's records.
      await restart(db, request);
      if (forwarding) {
        request.restartObserver?.();
        keep?.restart();
      }
      ({ rows, filled } = await streamRows(
        db,
        request,
        await headOf(request),
        { ...scan, done: new Set(), encode: true },
        onProgress,
        forwarding ? observe : undefined,
      ));
    }
  } else {
    ({ rows, filled } = await streamRows(
      db,
      request,
      { stream, head },
      { ...scan, encode: true },
      onProgress,
      observe,
    ));
  }
  return {
    summary: summary ?? stream.summary(),
    profiles,
    filled: filled.map((n) => (rows === 0 ? 0 : n / rows)),
    keyColumn: keyIndex < 0 ? null : profiles[keyIndex]!.name,
    rows,
    mode,
  };
}

interface Scan {
  readonly profiles: readonly ColumnProfile[];
  readonly keyIndex: number;
  readonly done: ReadonlySet<string>;
  readonly chunkRows: number;
  /** False: only count rows and fill rates (the slices encode them). */
  readonly encode: boolean;
}

/**
 * Reads the stream after its head in one thread: counts and observes every row and, when
 * `encode`, writes its features in chunks committed as work units.
 */
async function streamRows(
  db: Workspace,
  request: LoadRequest,
  { stream, head }: { stream: SampleStream; head: Head },
  scan: Scan,
  onProgress?: (rows: number, bytes: number) => void,
  observe?: RowObserver,
): Promise<{ rows: number; filled: number[] }> {
  const { profiles, keyIndex, done, chunkRows } = scan;
  const encoder = createRowEncoder(profiles, request.keys, chunkRows);
  const filled = profiles.map(() => 0);
  const insert = featureInserter(request.table);
  let rows = 0;
  let inChunk = 0;
  let chunkIndex = 0;
  // Whether the chunk being gathered was written by an earlier run. Decided per chunk, not
  // per batch: a batch can straddle a done chunk and the next one.
  let skipping = !scan.encode || done.has('0');
  // While DuckDB fingerprints and commits one chunk, the next is being built: at most one
  // chunk is in flight, and an error in it surfaces at the next flush or at the end.
  let inFlight: Promise<void> = Promise.resolve();
  const write = async (features: FeatureChunk, unit: string): Promise<void> => {
    await db.transaction(async (tx) => {
      await insert(tx, features);
      if (request.job) await markDone(tx, request.job, unit);
    });
  };
  const flush = async (): Promise<void> => {
    const unit = String(chunkIndex++);
    skipping = !scan.encode || done.has(String(chunkIndex));
    const features = encoder.builder.rows > 0 ? encoder.builder.take() : null;
    inChunk = 0;
    await inFlight;
    if (features === null) return;
    const writing = write(features, unit);
    // Awaited at the next flush or at the end; until then a failure must not count as unhandled.
    writing.catch(() => {});
    inFlight = writing;
  };
  for await (const batch of batchesFrom(head)) {
    observe?.(profiles, batch.rows, batch.ordinals);
    for (let r = 0; r < batch.rows.length; r++) {
      const row = batch.rows[r]!;
      rows++;
      for (let i = 0; i < profiles.length; i++) if (!isBlank(row[i] ?? null)) filled[i]!++;
      if (!skipping) {
        const ordinal = batch.ordinals[r]!;
        const recordId =
          keyIndex < 0 ? (request.recordKey === null ? null : `#${ordinal}`) : (row[keyIndex] ?? '').trim();
        encoder.add(ordinal, recordId, row);
      }
      if (++inChunk >= chunkRows) await flush();
    }
    onProgress?.(rows, stream.summary().bytesRead);
  }
  if (inChunk > 0) await flush();
  await inFlight;
  return { rows, filled };
}

const isSliceUnit = (unit: string): boolean => unit.startsWith('s');

/** Empties the feature table and forgets its committed chunks, in one transaction. */
async function restart(db: Workspace, request: LoadRequest): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(`DELETE FROM ${quoteIdent(request.table)}`);
    if (request.job) await clearJob(tx, request.job);
  });
}

async function headOf(request: LoadRequest): Promise<{ stream: SampleStream; head: Head }> {
  const stream = await openSample(request.path, request.ingest ?? {});
  return { stream, head: await readHead(stream, request.profileRows ?? 20_000) };
}
