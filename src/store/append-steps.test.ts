import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeakverifyError } from '../core/errors.js';
import type { Workspace } from './types.js';
import { openWorkspace } from './workspace.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await openWorkspace(join(mkdtempSync(join(tmpdir(), 'lv-app-')), 'ws'));
});
afterAll(async () => {
  await ws.close();
});

describe('appendRows', () => {
  it('appends typed values to all columns, or to a subset with defaults', async () => {
    await ws.run(`CREATE TABLE typed (s VARCHAR, i INTEGER, big BIGINT, f DOUBLE, ok BOOLEAN, b BLOB,
                  bits BIT, ts TIMESTAMPTZ, d VARCHAR DEFAULT 'dflt')`);
    const when = new Date('2024-05-06T07:08:09Z');
    const count = await ws.appendRows(
      'typed',
      ['s', 'i', 'big', 'f', 'ok', 'b', 'bits', 'ts', 'd'],
      [
        ['é😀', 1, 2n ** 40n, 0.5, true, new Uint8Array([0, 255]), new Uint8Array([0xa5, 0x0f]), when, 'x'],
        [null, null, null, null, null, null, null, null, null],
      ],
    );
    expect(count).toBe(2);
    await ws.appendRows('typed', ['i', 's'], [[3, 'subset']]);
    const rows = await ws.all(
      'SELECT s, i, big, f, ok, b, bits, bit_count(bits) AS n, ts, d FROM typed ORDER BY rowid',
    );
    expect(rows).toEqual([
      {
        s: 'é😀',
        i: 1,
        big: 2 ** 40,
        f: 0.5,
        ok: true,
        b: Buffer.from([0, 255]),
        bits: '1010010100001111',
        n: 8,
        ts: when,
        d: 'x',
      },
      { s: null, i: null, big: null, f: null, ok: null, b: null, bits: null, n: null, ts: null, d: null },
      { s: 'subset', i: 3, big: null, f: null, ok: null, b: null, bits: null, n: null, ts: null, d: 'dflt' },
    ]);
  });

  it('is atomic: a bad row leaves none of the batch', async () => {
    await ws.run('CREATE TABLE atomic (a VARCHAR, b INTEGER)');
    const rows = function* () {
      for (let i = 0; i < 5000; i++) yield [`r${i}`, i];
      yield ['short'];
    };
    const error = await ws.appendRows('atomic', ['a', 'b'], rows()).catch((e: unknown) => e);
    expect(isLeakverifyError(error, 'store.sql')).toBe(true);
    expect(await ws.all('SELECT count(*) AS n FROM atomic')).toEqual([{ n: 0 }]);
    expect(isLeakverifyError(await ws.appendRows('atomic', ['nope'], []).catch((e) => e), 'store.sql')).toBe(
      true,
    );
    expect(isLeakverifyError(await ws.appendRows('missing', ['a'], []).catch((e) => e), 'store.sql')).toBe(
      true,
    );
  });

  it('appends into temp tables', async () => {
    await ws.run('CREATE TEMP TABLE staging (v VARCHAR)');
    await ws.appendRows('staging', ['v'], [['a'], ['b']]);
    expect(await ws.all('SELECT count(*) AS n FROM staging')).toEqual([{ n: 2 }]);
  });

  it('loads ~6 varchar columns fast (throughput printed for the report)', async () => {
    await ws.run('CREATE TABLE wide (a VARCHAR, b VARCHAR, c VARCHAR, d VARCHAR, e VARCHAR, f VARCHAR)');
    const n = 200_000;
    const rows = Array.from({ length: n }, (_, i) => [
      `C${i}`,
      `Name ${i}`,
      `${i} Main Street`,
      `City ${i % 997}`,
      `user${i}@example.com`,
      `+3933312${i}`,
    ]);
    const started = performance.now();
    await ws.appendRows('wide', ['a', 'b', 'c', 'd', 'e', 'f'], rows);
    const perSecond = n / ((performance.now() - started) / 1000);
    console.log(`appendRows: ${Math.round(perSecond).toLocaleString('en-US')} rows/s (6 varchar columns)`);
    expect(await ws.all('SELECT count(*) AS n FROM wide')).toEqual([{ n }]);
    expect(perSecond).toBeGreaterThan(50_000);
  });
});

describe('runSteps', () => {
  const steps = [
    { sql: 'SELECT range AS x FROM range(100)', outputTable: 'numbers' },
    { sql: 'SELECT x FROM numbers WHERE x % 2 = 0', outputTable: 'evens' },
    { sql: 'SELECT count(*) AS n, sum(x) AS total FROM evens', outputTable: 'summary' },
  ];

  it('chains views and materialises the last step', async () => {
    const reports = await ws.runSteps(steps);
    expect(reports.map((r) => [r.outputTable, r.kind, r.rows])).toEqual([
      ['numbers', 'view', undefined],
      ['evens', 'view', undefined],
      ['summary', 'table', 1],
    ]);
    expect(await ws.all('SELECT * FROM summary')).toEqual([{ n: 50, total: 2450 }]);
  });

  it('in debug mode materialises every step and logs timing and rows, never SQL', async () => {
    const lines: string[] = [];
    const reports = await ws.runSteps(steps, { debug: true, log: (line) => lines.push(line) });
    expect(reports.map((r) => [r.kind, r.rows])).toEqual([
      ['table', 100],
      ['table', 50],
      ['table', 1],
    ]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^step 2\/3 evens: 50 rows in \d+ ms$/);
    expect(lines.join('\n')).not.toContain('SELECT');
    // And back to views: a table of the same name is replaced by a view.
    await ws.runSteps(steps);
    const kinds = await ws.all<{ table_name: string; table_type: string }>(
      `SELECT table_name, table_type FROM information_schema.tables WHERE table_catalog = 'temp'
       AND table_name IN ('numbers', 'evens', 'summary') ORDER BY table_name`,
    );
    expect(kinds.map((k) => k.table_type)).toEqual(['VIEW', 'VIEW', 'LOCAL TEMPORARY']);
  });

  it('materialises parameterised steps and quotes output names', async () => {
    const reports = await ws.runSteps([
      { sql: 'SELECT range AS x FROM range($1)', outputTable: 'odd "name"', params: [7] },
      { sql: 'SELECT max(x) AS m FROM "odd ""name"""', outputTable: 'result' },
    ]);
    expect(reports[0]).toMatchObject({ kind: 'table', rows: 7 });
    expect(await ws.all('SELECT m FROM result')).toEqual([{ m: 6 }]);
  });
});
