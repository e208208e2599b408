import { parentPort, workerData } from 'node:worker_threads';
import { type LoadSliceTask, loadSlice, type SliceChunk } from './load-slice.js';

// Loads one slice for load-parallel.ts: posts each chunk and waits for the parent's `next`
// before posting another, so at most one chunk per worker waits in memory.
let release: (() => void) | null = null;
parentPort!.on('message', (message: { kind: string }) => {
  if (message.kind === 'next') {
    release?.();
    release = null;
  }
});

const send = (chunk: SliceChunk): Promise<void> =>
  new Promise((resolve) => {
    release = resolve;
    // The feature buffers move to the parent instead of being copied.
    const moved = chunk.features ? [chunk.features.data, chunk.features.valid.buffer] : [];
    parentPort!.postMessage({ kind: 'chunk', ...chunk }, moved);
  });

loadSlice(workerData as LoadSliceTask, send).then(
  (totals) => parentPort!.postMessage({ kind: 'done', totals }),
  (error: unknown) =>
    parentPort!.postMessage({
      kind: 'error',
      code: (error as { code?: string }).code,
      message: error instanceof Error ? error.message : String(error),
    }),
);
