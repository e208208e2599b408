import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckExecutor } from './duck-executor.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './schema.js';
import { openWorkspace } from './workspace.js';

const dir = mkdtempSync(join(tmpdir(), 'lv-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 5: 64-bit fingerprints', () => {
  it('keeps library keys comparable: a 32-byte key becomes its first 64 bits', async () => {
    const hmac = createHmac('sha256', Buffer.alloc(32, 1)).update('ada@example.com').digest();
    const ws = join(dir, 'ws');
    // A workspace as version 4 left it, with one library key.
    const instance = await DuckDBInstance.create(join(dir, 'seed.duckdb'));
    const exec = new DuckExecutor(await instance.connect());
    await migrate(
      exec,
      MIGRATIONS.filter((m) => m.version <= 4),
      { readOnly: false, dbPath: 'seed' },
    );
    await exec.run(`INSERT INTO library_keys VALUES (1, $1)`, [hmac]);
    await exec.run('CHECKPOINT');
    instance.closeSync();
    // Re-open the seeded file through openWorkspace, which applies the pending migration.
    mkdirSync(ws, { recursive: true });
    renameSync(join(dir, 'seed.duckdb'), join(ws, 'leakverify.duckdb'));
    const db = await openWorkspace(ws, { threads: 1 });
    try {
      const [row] = await db.all<{ fp: string }>('SELECT fp::VARCHAR AS fp FROM library_keys');
      expect(row?.fp).toBe(hmac.readBigUInt64BE(0).toString());
    } finally {
      await db.close();
    }
  });
});
