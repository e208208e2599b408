import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LeakverifyError } from '../core/errors.js';
import type { OpenSampleOptions } from '../ingest/index.js';
import type { SampleInfo } from '../ingest/types.js';
import type { SliceResult, SliceTask } from './inspect-slice.js';

/** Plain files smaller than this are read by one thread: starting workers costs more. */
export const PARALLEL_MIN_BYTES = 32 << 20;

/**
 * Bytes per slice when loading features. A fixed size, not a share per core, so that a
 * re-run (on any machine) cuts the same slices and resumes their committed chunks.
 */
export const LOAD_SLICE_BYTES = 128 << 20;

/**
 * Whether a sample can be cut into byte ranges read independently: one uncompressed member,
 * an encoding where `\n` is one byte, and a line-oriented format. A quoted field may still
 * hold a newline at a cut; `mergeSlices` detects that and the caller falls back.
 */
export function canSplit(
  info: SampleInfo,
  size: number,
  members: number,
  minBytes = PARALLEL_MIN_BYTES,
): boolean {
  return (
    size >= minBytes &&
    members === 1 &&
    info.compression === 'none' &&
    (info.encoding === 'utf-8' || info.encoding === 'windows-1252') &&
    (info.format === 'csv' || info.format === 'combolist') &&
    availableParallelism() >= 2
  );
}

/** Byte offsets where slices start: just after a newline near each even share of the file. */
export async function splitPoints(path: string, size: number, parts: number): Promise<number[]> {
  const handle = await open(path, 'r');
  try {
    const points = [0];
    const buffer = Buffer.alloc(1 << 20);
    for (let k = 1; k < parts; k++) {
      const target = Math.floor((size * k) / parts);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, target);
      const newline = buffer.subarray(0, bytesRead).indexOf(10);
      if (newline < 0) break;
      const point = target + newline + 1;
      if (point > points[points.length - 1]! && point < size) points.push(point);
    }
    return points;
  } finally {
    await handle.close();
  }
}

/** The open options for slice k of `points`: the first keeps the user's, later ones are pinned to what the head showed. */
export function sliceOpenOptions(
  base: OpenSampleOptions,
  info: SampleInfo,
  points: readonly number[],
  size: number,
  k: number,
): OpenSampleOptions {
  const range = { start: points[k]!, end: points[k + 1] ?? size };
  if (k === 0) return { ...base, range };
  return {
    ...base,
    range,
    format: info.format,
    encoding: info.encoding,
    header: false,
    ...(info.dialect ? { delimiter: info.dialect.delimiter } : {}),
  };
}

interface WorkerMessage {
  readonly kind: 'progress' | 'done';
  readonly rows?: number;
  readonly bytes?: number;
  readonly ok?: boolean;
  readonly result?: SliceResult;
  readonly code?: string;
  readonly message?: string;
}

/**
 * The workers' young generation, in MB (V8's default is about 48). Encoding a row makes a few
 * dozen short-lived strings and objects; a larger nursery lets more of them die before a
 * scavenge copies them: the 10M verification's sample phase 25.1 s -> 24.1 s (four runs
 * against two, alternating; BENCHMARKS.md, session 9), for at most ~80 MB more per worker.
 */
export const WORKER_YOUNG_GENERATION_MB = 128;

/**
 * Starts `./<name>.js` of this folder in a worker thread. Under vitest the sources are
 * TypeScript; the worker then needs tsx's loader.
 */
export function startWorker(name: string, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
  return fromSource
    ? new Worker(
        `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`,
        { eval: true, workerData, resourceLimits },
      )
    : new Worker(url, { workerData, resourceLimits });
}

/** Runs each slice in its own worker thread and returns the results in file order. */
export function runSlices(
  tasks: readonly SliceTask[],
  onProgress?: (rows: number, bytes: number) => void,
): Promise<SliceResult[]> {
  const rows = tasks.map(() => 0);
  const bytes = tasks.map(() => 0);
  return Promise.all(
    tasks.map(
      (task, k) =>
        new Promise<SliceResult>((resolve, reject) => {
          const worker = startWorker('inspect-worker', task);
          worker.on('message', (message: WorkerMessage) => {
            if (message.kind === 'progress') {
              rows[k] = message.rows ?? 0;
              bytes[k] = message.bytes ?? 0;
              onProgress?.(sum(rows), sum(bytes));
              return;
            }
            if (message.ok) resolve(message.result!);
            else reject(new LeakverifyError(toCode(message.code), message.message ?? 'worker failed'));
            void worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

export function toCode(code: string | undefined): LeakverifyError['code'] {
  return code && /^[a-z]+\.[a-z-]+$/.test(code) ? (code as LeakverifyError['code']) : 'internal';
}

/** True when every slice but the last ended on a record boundary (no quoted field ran across a cut). */
export function cutsAreClean(results: readonly SliceResult[]): boolean {
  return results
    .slice(0, -1)
    .every((r) => !r.summary.rejectedByReason['unterminated-quote'] && !r.summary.rejectedByReason.truncated);
}
