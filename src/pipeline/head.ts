import type { Cell } from '../core/types.js';
import type { RowBatch, SampleStream } from '../ingest/types.js';

/** The first rows of a sample, read to decide column kinds before the rest streams by. */
export interface Head {
  readonly columns: readonly string[];
  readonly rows: Cell[][];
  readonly ordinals: number[];
  /** True when the head is the whole sample. */
  readonly complete: boolean;
  /** Continues after the head; call `return()` to stop early. */
  readonly iterator: AsyncIterator<RowBatch>;
}

/** Reads batches until at least `limit` rows are buffered or the sample ends. */
export async function readHead(stream: SampleStream, limit: number): Promise<Head> {
  const iterator = stream.batches()[Symbol.asyncIterator]();
  const rows: Cell[][] = [];
  const ordinals: number[] = [];
  let columns: readonly string[] = [];
  while (rows.length < limit) {
    const next = await iterator.next();
    if (next.done) return { columns, rows, ordinals, complete: true, iterator };
    columns = next.value.columns;
    for (const row of next.value.rows) rows.push(row);
    for (const ordinal of next.value.ordinals) ordinals.push(ordinal);
  }
  return { columns, rows, ordinals, complete: false, iterator };
}

/** Every batch of a sample, the head's rows first, as one stream. */
export async function* batchesFrom(head: Head): AsyncGenerator<RowBatch> {
  if (head.rows.length > 0)
    yield { columns: head.columns, rows: head.rows, ordinals: head.ordinals, lines: [] };
  if (head.complete) return;
  for (;;) {
    const next = await head.iterator.next();
    if (next.done) return;
    yield next.value;
  }
}
