import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../store/types.js';
import { DB_FILE, openWorkspace } from '../store/workspace.js';
import { CHUNK_ROWS } from './load-features.js';

/**
 * CHUNK_ROWS is worth its size only while a committed chunk of it is written straight to the
 * database file: a chunk short of a row group goes through the write-ahead log, and the
 * checkpoints then rewrite and merge it (BENCHMARKS.md, session 10). A DuckDB whose row groups
 * grow past it, or a constant changed by hand, shows here as a WAL holding the chunk.
 */
describe('the load chunk', () => {
  const root = mkdtempSync(join(tmpdir(), 'lv-chunk-'));
  const dir = join(root, 'ws');
  let ws: Workspace;
  afterAll(async () => {
    await ws?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('fills a row group, so its commit writes the data file and not the WAL', async () => {
    ws = await openWorkspace(dir, { threads: 1 });
    const walBytes = async (rows: number): Promise<number> => {
      await ws.run('CREATE OR REPLACE TABLE chunk (a UBIGINT, b UBIGINT)');
      await ws.checkpoint();
      const a = BigUint64Array.from({ length: rows }, (_, i) => BigInt(i));
      const columns = [
        { type: 'UBIGINT', buffer: a.buffer, offset: 0 },
        { type: 'UBIGINT', buffer: a.buffer, offset: 0 },
      ] as const;
      await ws.transaction((tx) => tx.appendRaw('chunk', { rows, columns }));
      const wal = join(dir, `${DB_FILE}.wal`);
      return existsSync(wal) ? statSync(wal).size : 0;
    };
    // 16 bytes a row: a chunk in the WAL would take ~2 MB of it.
    expect(await walBytes(CHUNK_ROWS)).toBeLessThan(64 << 10);
    expect(await walBytes(CHUNK_ROWS - 1)).toBeGreaterThan(CHUNK_ROWS * 8);
  });
});
