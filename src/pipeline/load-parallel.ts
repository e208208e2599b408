import { availableParallelism } from 'node:os';
import { LeakverifyError } from '../core/errors.js';
import type { ColumnProfile } from '../fields/types.js';
import type { OpenSampleOptions } from '../ingest/index.js';
import type { SampleInfo } from '../ingest/types.js';
import { featureInserter } from '../match/feature-chunk.js';
import { keyToHex, type SecretKey } from '../protect/key.js';
import { markDone, quoteIdent } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import {
  forwardedRows,
  type LoadSliceTask,
  SLICE_EID_BASE,
  type SliceChunk,
  type SliceTotals,
} from './load-slice.js';
import { LOAD_SLICE_BYTES, sliceOpenOptions, splitPoints, startWorker, toCode } from './parallel.js';
import type { RowKeeper } from './sample-reservoir.js';

export interface SlicedLoad {
  readonly db: Workspace;
  readonly path: string;
  readonly size: number;
  readonly info: SampleInfo;
  readonly open: OpenSampleOptions;
  readonly profiles: readonly ColumnProfile[];
  readonly table: string;
  readonly master: SecretKey;
  readonly keyIndex: number;
  /** Records without an id column are named `#<ordinal>`; samples have no record id. */
  readonly keyless: boolean;
  readonly chunkRows: number;
  readonly job?: string;
  /** Units of `job` already committed. */
  readonly done: ReadonlySet<string>;
  /** Profile indexes of the columns `observe` reads; their cells come back with each chunk. */
  readonly forward: readonly number[];
  /** Sees every row once (forwarded columns only, the others null), in no particular order. */
  readonly observe?: (rows: (string | null)[][]) => void;
  /** Keeps a random subset of whole rows: each worker chooses its share, this thread merges. */
  readonly keep?: RowKeeper;
  /** Rows the file is guessed to hold, for the workers' share of `keep`. */
  readonly expectedRows?: number;
}

export interface SlicedResult {
  readonly rows: number;
  readonly rejected: number;
  /** Rows with a value, per profile. */
  readonly filled: readonly number[];
}

/** The work unit of chunk `chunk` of the slice starting at byte `start`. */
export const sliceUnit = (start: number, chunk: number): string => `s${start}:${chunk}`;

/**
 * Loads a plain file as byte ranges, one worker thread per core turning rows into feature
 * chunks while this thread inserts them. Slices are a fixed
 * function of the file size, so a re-run after a crash cuts the same slices and skips the
 * chunks already committed. Returns the rows loaded, or null when a cut fell inside a quoted
 * field (the caller then loads the file in one stream).
 */
export async function loadInSlices(
  load: SlicedLoad,
  onProgress?: (rows: number, bytes: number) => void,
): Promise<SlicedResult | null> {
  const parts = Math.max(2, Math.ceil(load.size / LOAD_SLICE_BYTES));
  const points = await splitPoints(load.path, load.size, parts);
  const insert = featureInserter(load.table);
  const keyHex = keyToHex(load.master);
  let inserted = 0;
  const bytes = points.map(() => 0);
  // Each lane of workers inserts on a DuckDB connection of its own, one chunk at a time (its
  // worker waits for the commit before sending another): with one connection for all, the
  // insert was the load's critical path while DuckDB computed the per-person HMACs (before
  // session 7); two connections inserting at once took 10.1 µs of wall per row against 21.7.
  const width = Math.min(availableParallelism(), points.length);
  const writers = await Promise.all(Array.from({ length: width }, () => load.db.openWriter()));
  const write = (lane: number, k: number, chunk: SliceChunk): Promise<void> => {
    if (load.observe && chunk.cells !== '')
      load.observe(forwardedRows(chunk.cells, load.forward, load.profiles.length));
    const features = chunk.features;
    if (features === null) return Promise.resolve();
    const next = writers[lane]!.transaction(async (tx) => {
      await insert(tx, features);
      if (load.job) await markDone(tx, load.job, sliceUnit(points[k]!, chunk.chunk));
    });
    return next.then(() => {
      inserted += chunk.rows;
      bytes[k] = chunk.bytes;
      onProgress?.(
        inserted,
        bytes.reduce((a, b) => a + b, 0),
      );
    });
  };
  const tasks = points.map(
    (start, k): LoadSliceTask => ({
      path: load.path,
      open: sliceOpenOptions(load.open, load.info, points, load.size, k),
      profiles: load.profiles,
      ...(k > 0 ? { columns: load.profiles.map((p) => p.name) } : {}),
      slice: k,
      start,
      keyHex,
      chunkRows: load.chunkRows,
      done: [...load.done].flatMap((u) => {
        const m = /^s(\d+):(\d+)$/.exec(u);
        return m && Number(m[1]) === start ? [Number(m[2])] : [];
      }),
      keyIndex: load.keyIndex,
      forward: load.observe ? load.forward : [],
      ...(load.keep ? { keep: load.keep.workerSpec(load.expectedRows) } : {}),
    }),
  );
  // Each slice's kept rows join the subset as soon as it ends (held memory stays ~2 × cap);
  // their ordinals are slice-local, tagged like eids, until every slice has been counted.
  let totals: SliceTotals[];
  try {
    totals = await withOneDuckThread(load.db, () =>
      runPool(tasks, width, write, (k, t) => {
        load.keep?.absorb(
          t.kept.map((c) => ({ ...c, ordinal: (k + 1) * SLICE_EID_BASE + c.ordinal })),
          t.rows,
        );
        return { ...t, kept: [] };
      }),
    );
  } finally {
    await Promise.all(writers.map((w) => w.close()));
  }
  if (totals.slice(0, -1).some((t) => !t.cleanEnd)) return null;
  await renumber(load, totals);
  const offsets = sliceOffsets(totals);
  load.keep?.renumber((o) => offsets[Math.floor(o / SLICE_EID_BASE) - 1]! + (o % SLICE_EID_BASE));
  return {
    rows: totals.reduce((a, t) => a + t.rows, 0),
    rejected: totals.reduce((a, t) => a + t.rejected, 0),
    filled: load.profiles.map((_, i) => totals.reduce((a, t) => a + (t.filled[i] ?? 0), 0)),
  };
}

/**
 * Runs `fn` with DuckDB on one thread. While the workers keep every core busy, DuckDB's own
 * threads only compete with them for a chunk's small insert, and the thread that runs a
 * query spins on the task queue waiting for the others: measured 6.5% of all CPU of a 1M
 * index in `pthread_mutex_lock`/`unlock` under `ExecuteTask`.
 */
async function withOneDuckThread<T>(db: Workspace, fn: () => Promise<T>): Promise<T> {
  const [setting] = await db.all<{ threads: number }>(
    "SELECT current_setting('threads')::INTEGER AS threads",
  );
  await db.run('SET threads = 1');
  try {
    return await fn();
  } finally {
    await db.run(`SET threads = ${Number(setting?.threads ?? availableParallelism())}`);
  }
}

/** Runs at most `width` slice workers at once, one per lane; results in slice order. */
async function runPool(
  tasks: readonly LoadSliceTask[],
  width: number,
  write: (lane: number, k: number, chunk: SliceChunk) => Promise<void>,
  finished: (k: number, totals: SliceTotals) => SliceTotals,
): Promise<SliceTotals[]> {
  const results: SliceTotals[] = [];
  let nextTask = 0;
  const lane = async (index: number): Promise<void> => {
    while (nextTask < tasks.length) {
      const k = nextTask++;
      results[k] = finished(k, await runSlice(tasks[k]!, (chunk) => write(index, k, chunk)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, (_, index) => lane(index)));
  return results;
}

function runSlice(task: LoadSliceTask, write: (chunk: SliceChunk) => Promise<void>): Promise<SliceTotals> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('load-worker', task);
    const fail = (error: unknown): void => {
      reject(error);
      void worker.terminate();
    };
    worker.on('message', (message: { kind: string } & Partial<SliceChunk> & Record<string, unknown>) => {
      if (message.kind === 'chunk') {
        write(message as unknown as SliceChunk).then(() => worker.postMessage({ kind: 'next' }), fail);
      } else if (message.kind === 'done') {
        resolve(message['totals'] as SliceTotals);
        void worker.terminate();
      } else {
        fail(
          new LeakverifyError(
            toCode(message['code'] as string | undefined),
            String(message['message'] ?? 'a load worker failed'),
          ),
        );
      }
    });
    worker.once('error', fail);
  });
}

/** Per slice, the records of the slices before it: a slice-local ordinal plus this is the file's. */
function sliceOffsets(totals: readonly SliceTotals[]): number[] {
  let offset = 0;
  return totals.map((t) => {
    const before = offset;
    offset += t.records;
    return before;
  });
}

/**
 * Rewrites slice-local entity ids to file ordinals (and names keyless records after them),
 * now that every slice's record count is known. Idempotent: only ids still slice-local change.
 */
async function renumber(load: SlicedLoad, totals: readonly SliceTotals[]): Promise<void> {
  const offsets = sliceOffsets(totals);
  const cases = offsets.map((offset, k) => `WHEN ${k + 1} THEN ${offset}`);
  const eid = `(eid % ${SLICE_EID_BASE}) + CASE eid // ${SLICE_EID_BASE} ${cases.join(' ')} END`;
  await load.db.run(
    `UPDATE ${quoteIdent(load.table)} SET eid = ${eid}${load.keyless ? `, record_id = '#' || (${eid})` : ''}
     WHERE eid >= ${SLICE_EID_BASE}`,
  );
}
