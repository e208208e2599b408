import { parentPort, workerData } from 'node:worker_threads';
import { inspectSlice, type SliceTask } from './inspect-slice.js';

// Runs one slice of a parallel inspection; the parent merges the results.
let last = 0;
const progress = (rows: number, bytes: number): void => {
  const now = Date.now();
  if (now - last < 250) return;
  last = now;
  parentPort!.postMessage({ kind: 'progress', rows, bytes });
};

inspectSlice(workerData as SliceTask, progress).then(
  (result) => parentPort!.postMessage({ kind: 'done', ok: true, result }),
  (error: unknown) =>
    parentPort!.postMessage({
      kind: 'done',
      ok: false,
      code: (error as { code?: string }).code,
      message: error instanceof Error ? error.message : String(error),
    }),
);
