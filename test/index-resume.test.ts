import { statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { captureIo } from '../src/cli/test-io.js';
import { indexedTables, indexRecords } from '../src/pipeline/index-records.js';
import { openWorkspace } from '../src/store/index.js';
import { customersTable, generateCompany, writeSample } from '../src/synth/index.js';
import { ROOT, runTsChild } from './support/child-process.js';
import { freshKey, makeTempDir } from './support/fixtures.js';
import { snapshotWorkspace } from './support/workspace-state.js';

/**
 * `leakverify index` is incremental (the same file adds nothing, a changed file replaces its
 * table) and resumable: a run killed with SIGKILL between chunk commits is completed by the
 * next run, which skips the chunks already written, and every record ends up indexed once.
 */

const tmp = makeTempDir('index-resume');
const { hex, key } = freshKey();
afterAll(() => tmp.remove());

async function featureCounts(dir: string, table: string) {
  const db = await openWorkspace(dir, { readOnly: true, threads: 1 });
  try {
    const [row] = await db.all<{ n: number; eids: number; ids: number; lo: number; hi: number }>(
      `SELECT count(*)::INTEGER AS n, count(DISTINCT eid)::INTEGER AS eids, count(DISTINCT record_id)::INTEGER AS ids,
              min(eid)::BIGINT AS lo, max(eid)::BIGINT AS hi FROM "${table}"`,
    );
    const units = await db.all<{ unit: string }>('SELECT unit FROM work_units ORDER BY unit');
    return { ...row!, units: units.map((u) => u.unit) };
  } finally {
    await db.close();
  }
}

describe('incremental indexing', () => {
  const ws = join(tmp.dir, 'incremental-ws');
  const file = join(tmp.dir, 'customers.csv');

  beforeAll(async () => {
    await writeSample(file, customersTable(generateCompany({ seed: 17, customers: 2000 })), {
      format: 'csv',
    });
  });

  it('indexes a file, then reports the same file unchanged and adds no rows', async () => {
    const db = await openWorkspace(ws);
    try {
      const [first] = await indexRecords(db, key, [{ path: relative(process.cwd(), file) }]);
      expect(first).toMatchObject({
        name: 'customers',
        status: 'indexed',
        rows: 2000,
        keyColumn: 'customer_id',
      });
    } finally {
      await db.close();
    }
    const before = await snapshotWorkspace(ws);
    expect(before.sources).toHaveLength(1);
    // The path is kept absolute: a later run from another directory signs its manifest over it.
    const db1 = await openWorkspace(ws, { readOnly: true, threads: 1 });
    try {
      const [source] = await db1.all<{ file_path: string }>('SELECT file_path FROM record_sources');
      expect(source?.file_path).toBe(resolve(file));
      expect(isAbsolute(source?.file_path ?? '')).toBe(true);
    } finally {
      await db1.close();
    }
    expect(before.tables[featureTableOf(before)]).toBe(2000);

    const db2 = await openWorkspace(ws);
    try {
      const [again] = await indexRecords(db2, key, [{ path: file }]);
      expect(again).toMatchObject({ status: 'unchanged', rows: 2000 });
      expect(await indexedTables(db2)).toEqual([
        { name: 'customers', table: featureTableOf(before), rows: 2000 },
      ]);
    } finally {
      await db2.close();
    }
    expect(await snapshotWorkspace(ws)).toEqual(before);

    const io = captureIo({ LEAKVERIFY_KEY: hex });
    expect(await runCli(['index', '--records', file, '--workspace', ws], io), io.err()).toBe(0);
    expect(io.err()).toContain('customers: unchanged (2000 records already indexed)');
    expect(await snapshotWorkspace(ws)).toEqual(before);
  });

  it('records the size of a file indexed before sizes were kept when it is seen unchanged', async () => {
    const db = await openWorkspace(ws);
    try {
      await db.run(`UPDATE record_sources SET file_bytes = NULL WHERE table_name = 'customers'`);
      const [again] = await indexRecords(db, key, [{ path: file }]);
      expect(again).toMatchObject({ status: 'unchanged', rows: 2000 });
      expect(await db.all('SELECT file_bytes::INTEGER AS bytes FROM record_sources')).toEqual([
        { bytes: statSync(file).size },
      ]);
    } finally {
      await db.close();
    }
  });

  it('replaces the table of a changed file: the row count follows the new file', async () => {
    const before = await snapshotWorkspace(ws);
    await writeSample(file, customersTable(generateCompany({ seed: 17, customers: 1500 })), {
      format: 'csv',
    });
    const io = captureIo({ LEAKVERIFY_KEY: hex });
    expect(await runCli(['index', '--records', file, '--workspace', ws], io), io.err()).toBe(0);
    expect(io.err()).toContain('customers: updated, 1500 records');
    const after = await snapshotWorkspace(ws);
    const table = featureTableOf(after);
    expect(table).not.toBe(featureTableOf(before));
    // The old version's table is gone: one feature table per records table.
    expect(Object.keys(after.tables).filter((t) => t.startsWith('features_'))).toEqual([table]);
    expect(after.tables[table]).toBe(1500);
    expect(after.sources).toEqual([expect.objectContaining({ table_name: 'customers', row_count: 1500 })]);
    expect(after.workUnits).toBe(0);
  });
});

function featureTableOf(snapshot: { sources: readonly unknown[] }): string {
  return (snapshot.sources[0] as { feature_table: string }).feature_table;
}

describe('resume after kill -9', () => {
  const ROWS = 200_000;
  const CHUNK = 20_000;
  const file = join(tmp.dir, 'big.csv');
  const table = 'features_big';
  const job = 'index:big:test';
  const script = join(ROOT, 'test/support/index-chunks.child.ts');
  const env = { LEAKVERIFY_TEST_KEY: hex };

  beforeAll(() => {
    // A slim records file (id and email) keeps 200k rows to a few seconds of feature building.
    const lines = ['customer_id,email'];
    for (let i = 0; i < ROWS; i++) {
      lines.push(
        `CU-${String(100_000 + i * 7).padStart(8, '0')},user${i}.k${(i * 7919) % 997}@mail${i % 13}.example.org`,
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
  });

  /** Kills the indexer after its second chunk commit, re-runs it to the end, checks both runs. */
  async function killAndResume(ws: string, mode: 'sequential' | 'parallel' = 'sequential'): Promise<void> {
    const args = [ws, file, table, job, String(CHUNK), mode];
    let committed = 0;
    const first = runTsChild(script, args, env, (line, child) => {
      if (line.startsWith('committed ') && ++committed === 2) child.kill('SIGKILL');
    });
    expect(await first.exit, first.stderr()).toBe('SIGKILL');

    // Only whole chunks survive, each marked done in the same transaction as its rows.
    const killed = await featureCounts(ws, table);
    const done = killed.units.length;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(ROWS / CHUNK);
    // Slices end in a partial chunk, so in parallel mode a chunk may be short.
    if (mode === 'sequential') expect(killed.n).toBe(done * CHUNK);
    expect(killed.n).toBeGreaterThan(0);
    expect(killed.eids).toBe(killed.n);

    const second = runTsChild(script, args, env);
    expect(await second.exit, second.stderr()).toBe('0');
    const commits = second.lines.filter((l) => l.startsWith('committed ') && l !== 'committed 0');
    // The second run skipped the chunks already done: it committed and appended only the rest.
    if (mode === 'sequential') expect(commits).toHaveLength(ROWS / CHUNK - done);
    expect(second.lines.at(-1)).toBe(`finished ${ROWS} ${ROWS - killed.n}`);

    const final = await featureCounts(ws, table);
    expect(final).toMatchObject({ n: ROWS, eids: ROWS, ids: ROWS, lo: 1, hi: ROWS });
    expect(final.units).toHaveLength(done + commits.length);
  }

  it('a workspace created by a run killed before its first checkpoint opens again and resumes', async () => {
    await killAndResume(join(tmp.dir, 'fresh-ws'));
  }, 60_000);

  it('an existing workspace: the killed run keeps whole chunks, the next writes only the missing ones', async () => {
    const ws = join(tmp.dir, 'existing-ws');
    // Opened and closed once (closing checkpoints), as after an earlier `leakverify index`.
    const db = await openWorkspace(ws);
    await db.close();
    await killAndResume(ws);
  }, 60_000);

  it('in worker threads over byte ranges: the killed run keeps whole chunks, the next completes the file once', async () => {
    await killAndResume(join(tmp.dir, 'parallel-ws'), 'parallel');
  }, 60_000);
});
