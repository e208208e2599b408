import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openWorkspace } from '../store/index.js';
import { dropRunTables } from './run-tables.js';

it('drops the per-run tables a killed run left, and nothing else', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lv-run-tables-'));
  const db = await openWorkspace(join(dir, 'ws'));
  try {
    await db.run('CREATE TABLE run_sample_123_456 (eid BIGINT)');
    await db.run('CREATE TABLE features_customers_abc (eid BIGINT)');
    await dropRunTables(db);
    const tables = await db.all<{ name: string }>(
      "SELECT table_name AS name FROM duckdb_tables() WHERE table_name IN ('run_sample_123_456', 'features_customers_abc')",
    );
    expect(tables.map((t) => t.name)).toEqual(['features_customers_abc']);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
