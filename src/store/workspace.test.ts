import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLeakverifyError } from '../core/errors.js';
import { quoteIdent } from './sql.js';
import type { Workspace } from './types.js';
import { clearJob, doneUnits, markDone } from './work-units.js';
import { DB_FILE, defaultMemoryLimit, openWorkspace } from './workspace.js';

const open: Workspace[] = [];
async function fresh(options: Parameters<typeof openWorkspace>[1] = {}): Promise<Workspace> {
  const ws = await openWorkspace(join(mkdtempSync(join(tmpdir(), 'lv-ws-')), 'ws'), {
    threads: 1,
    ...options,
  });
  open.push(ws);
  return ws;
}
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close();
});

async function expectCode(
  promise: Promise<unknown>,
  code: Parameters<typeof isLeakverifyError>[1],
): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isLeakverifyError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  return error as Error;
}

describe('openWorkspace', () => {
  it('creates the directory, migrates, records meta, and reopens idempotently', async () => {
    const ws = await fresh();
    expect(readdirSync(ws.dir)).toContain(DB_FILE);
    const versions = await ws.all<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const meta = await ws.all<{ key: string; value: string }>('SELECT * FROM meta ORDER BY key');
    expect(meta.map((m) => m.key)).toEqual(['created_at', 'tool_version']);
    expect(meta[1]?.value).toMatch(/^leakverify \d+\.\d+\.\d+/);
    const dir = ws.dir;
    await ws.close();
    const again = await openWorkspace(dir, { threads: 1 });
    open.push(again);
    const rows = await again.all<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(6);
  });

  it('applies memory limit, threads and temp directory', async () => {
    const ws = await fresh({ memoryLimit: '512MB', threads: 1 });
    const [settings] = await ws.all<{ t: string; m: string; d: string }>(
      `SELECT current_setting('threads')::VARCHAR AS t, current_setting('memory_limit') AS m,
              current_setting('temp_directory') AS d`,
    );
    expect(settings).toEqual({ t: '1', m: expect.stringMatching(/^48\d\.\d MiB$/), d: join(ws.dir, 'tmp') });
  });

  it('refuses a workspace written by a newer schema', async () => {
    const ws = await fresh();
    await ws.run(`INSERT INTO schema_migrations VALUES (99, 'future', now())`);
    const dir = ws.dir;
    await ws.close();
    open.splice(0);
    const error = await expectCode(openWorkspace(dir), 'store.schema');
    expect(error.message).toMatch(/schema version 99, newer than this leakverify knows \(6\)/);
  });

  it('refuses a non-empty foreign directory, a file, a second open, a missing read-only workspace', async () => {
    const base = mkdtempSync(join(tmpdir(), 'lv-ws-'));
    writeFileSync(join(base, 'notes.txt'), 'x');
    await expectCode(openWorkspace(base), 'store.open');
    await expectCode(openWorkspace(join(base, 'notes.txt')), 'store.open');
    await expectCode(openWorkspace(join(base, 'nothing'), { readOnly: true }), 'store.open');
    const ws = await fresh();
    await expectCode(openWorkspace(ws.dir), 'store.open');
  });

  it('opens read-only: reads work, writes fail', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE t (x INTEGER)');
    await ws.run('INSERT INTO t VALUES (1)');
    const dir = ws.dir;
    await ws.close();
    open.splice(0);
    const ro = await openWorkspace(dir, { readOnly: true });
    open.push(ro);
    expect(await ro.all('SELECT x FROM t')).toEqual([{ x: 1 }]);
    await expectCode(ro.run('INSERT INTO t VALUES (2)'), 'store.sql');
  });

  it('leaves stale spill files of a killed process behind no longer', async () => {
    const ws = await fresh();
    const dir = ws.dir;
    await ws.close();
    open.splice(0);
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    writeFileSync(join(dir, 'tmp', 'duckdb_temp_storage-0.tmp'), 'stale');
    open.push(await openWorkspace(dir, { threads: 1 }));
    expect(readdirSync(dir)).not.toContain('tmp');
  });
});

describe('queries', () => {
  it('converts 64/128-bit integers to numbers when exact and strings otherwise', async () => {
    const ws = await fresh();
    const [row] = await ws.all(
      `SELECT 42::BIGINT AS small, 9007199254740993::BIGINT AS big, (2::HUGEINT ** 100)::HUGEINT AS huge,
              count(*) AS n, [1::BIGINT, 18446744073709551615::UBIGINT] AS list, '\\xAA\\x01'::BLOB AS b,
              '\\xAA'::BLOB::BIT AS bits, 1.5::DECIMAL(4,2) AS d, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS ts,
              NULL AS nothing, {'a': 1::BIGINT} AS s
       FROM range(3)`,
    );
    expect(row).toEqual({
      small: 42,
      big: '9007199254740993',
      huge: '1267650600228229401496703205376',
      n: 3,
      list: [1, '18446744073709551615'],
      b: Buffer.from([0xaa, 0x01]),
      bits: '10101010',
      d: 1.5,
      ts: new Date('2024-01-02T03:04:05Z'),
      nothing: null,
      s: { a: 1 },
    });
  });

  it('binds positional and named parameters of every supported type', async () => {
    const ws = await fresh();
    const when = new Date('2025-06-07T08:09:10.123Z');
    const [row] = await ws.all(
      'SELECT $1 AS s, $2 AS i, $3 AS f, $4 AS b, $5 AS bytes, $6 AS ts, $7 AS n, $8 AS big',
      ["it's", 7, 2.5, true, new Uint8Array([1, 2]), when, null, 12345678901234567n],
    );
    expect(row).toEqual({
      s: "it's",
      i: 7,
      f: 2.5,
      b: true,
      bytes: Buffer.from([1, 2]),
      ts: when,
      n: null,
      big: '12345678901234567',
    });
    expect(await ws.all('SELECT $a || $b AS x', { a: 'p', b: 'q' })).toEqual([{ x: 'pq' }]);
  });

  it('returns the number of rows changed', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE t AS SELECT range AS x FROM range(10)');
    expect(await ws.run('DELETE FROM t WHERE x < $1', [4])).toBe(4);
  });

  it('round-trips hostile identifiers through quoteIdent without executing them', async () => {
    const ws = await fresh();
    const evil = '"; DROP TABLE x; --';
    await ws.run('CREATE TABLE x (v INTEGER)');
    await ws.run(
      `CREATE TABLE ${quoteIdent(evil)} (${quoteIdent(evil)} VARCHAR, ${quoteIdent("a'b")} VARCHAR)`,
    );
    await ws.run(`INSERT INTO ${quoteIdent(evil)} VALUES ($1, $2)`, [evil, "'); DROP TABLE x; --"]);
    await ws.appendRows(evil, [evil, "a'b"], [['appended', null]]);
    const rows = await ws.all(`SELECT ${quoteIdent(evil)} AS v FROM ${quoteIdent(evil)} ORDER BY 1`);
    expect(rows).toEqual([{ v: evil }, { v: 'appended' }]);
    expect(await ws.all('SELECT count(*) AS n FROM x')).toEqual([{ n: 0 }]);
    expect(() => quoteIdent('a\u0000b')).toThrow();
  });

  it('redacts key-sized hex literals from SQL errors', async () => {
    const ws = await fresh();
    const secret = 'ab'.repeat(32);
    const error = await expectCode(ws.all(`SELECT unhex('${secret}') + no_such_column`), 'store.sql');
    expect(error.message).not.toContain(secret);
    expect(error.message).toContain('no_such_column');
  });
});

describe('appendRaw', () => {
  it('copies fixed-width columns with their nulls across vectors, and refuses what does not fit', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE r (a BIGINT, b UBIGINT, c INTEGER, d SMALLINT)');
    const rows = 5000; // three DuckDB vectors, the last one partial
    const a = BigInt64Array.from({ length: rows }, (_, i) => BigInt(i) - 2500n);
    const b = BigUint64Array.from({ length: rows }, (_, i) => 2n ** 63n + BigInt(i));
    const c = Int32Array.from({ length: rows }, (_, i) => i * 3);
    const d = Int16Array.from({ length: rows }, (_, i) => i % 1000);
    // Column d: even rows only. Validity words come in pairs (64 bits), after an unused pair.
    const valid = new Uint32Array(2 + 2 * Math.ceil(rows / 64));
    for (let i = 0; i < rows; i += 2) valid[2 + (i >>> 5)]! |= 1 << (i & 31);
    const columns = [
      { type: 'BIGINT', buffer: a.buffer, offset: 0 },
      { type: 'UBIGINT', buffer: b.buffer, offset: 0 },
      { type: 'INTEGER', buffer: c.buffer, offset: 0 },
      { type: 'SMALLINT', buffer: d.buffer, offset: 0, valid, validOffset: 2 },
    ] as const;
    expect(await ws.appendRaw('r', { rows, columns })).toBe(rows);
    expect(
      await ws.all(
        `SELECT count(*) AS n, sum(a) AS a, min(b)::VARCHAR AS b, sum(c) AS c, count(d) AS d,
           count(*) FILTER (WHERE d IS NOT NULL AND (c / 3) % 2 = 1) AS odd, sum(d) AS dsum
         FROM r`,
      ),
    ).toEqual([
      {
        n: rows,
        a: -2500,
        b: (2n ** 63n).toString(),
        c: (3 * rows * (rows - 1)) / 2,
        d: rows / 2,
        odd: 0,
        dsum: Array.from({ length: rows / 2 }, (_, k) => (2 * k) % 1000).reduce((x, y) => x + y, 0),
      },
    ]);
    const refused = (why: Parameters<Workspace['appendRaw']>[1]) =>
      expectCode(ws.appendRaw('r', why), 'store.sql');
    await refused({ rows: rows + 1, columns });
    await refused({ rows, columns: columns.slice(0, 3) });
    await refused({ rows, columns: [columns[1], columns[1], columns[2], columns[3]] });
    await refused({ rows, columns: [...columns.slice(0, 3), { ...columns[3], validOffset: 1 }] });
    await refused({ rows, columns: [...columns.slice(0, 3), { ...columns[3], validOffset: 4 }] });
    expect(await ws.all('SELECT count(*) AS n FROM r')).toEqual([{ n: rows }]);
  });
});

describe('appendRaw with the column names it fills', () => {
  it('appends when the table has those columns in that order, and refuses another order before writing', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE n (a UBIGINT, b UBIGINT)');
    const a = BigUint64Array.from([1n, 2n]);
    const b = BigUint64Array.from([10n, 20n]);
    const columns = [
      { type: 'UBIGINT', buffer: a.buffer, offset: 0 },
      { type: 'UBIGINT', buffer: b.buffer, offset: 0 },
    ] as const;
    expect(await ws.appendRaw('n', { rows: 2, columns, names: ['a', 'b'] })).toBe(2);
    // Same types, so only the names tell: b's values would land in a.
    await expectCode(ws.appendRaw('n', { rows: 2, columns, names: ['b', 'a'] }), 'internal');
    await expectCode(ws.appendRaw('n', { rows: 2, columns, names: ['a'] }), 'internal');
    expect(await ws.all('SELECT a, b FROM n ORDER BY a')).toEqual([
      { a: 1, b: 10 },
      { a: 2, b: 20 },
    ]);
  });
});

describe('appendRaw of a VARCHAR column', () => {
  it('assigns each row its piece of UTF-8 (empty: NULL), across vectors, or NULL everywhere without text', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE v (a BIGINT, s VARCHAR)');
    const rows = 3000;
    const a = BigInt64Array.from({ length: rows }, (_, i) => BigInt(i));
    // Every third row NULL; the others carry quotes, separators, NUL and non-ASCII text.
    const values = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? '' : `id-${i}-'\u0000",é😀`));
    const bytes = Buffer.from(values.join('|'), 'utf8');
    const starts = new Int32Array(rows);
    const ends = new Int32Array(rows);
    let at = 0;
    values.forEach((v, i) => {
      starts[i] = at;
      ends[i] = at + Buffer.byteLength(v);
      at = ends[i]! + 1;
    });
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    const text = { type: 'VARCHAR', buffer, offset: 0, text: { starts, ends } } as const;
    const key = { type: 'BIGINT', buffer: a.buffer, offset: 0 } as const;
    expect(await ws.appendRaw('v', { rows, columns: [key, text] })).toBe(rows);
    const back = await ws.all<{ a: number; s: string | null }>('SELECT a, s FROM v ORDER BY a');
    expect(back.map((r) => r.s ?? '')).toEqual(values);
    expect(back.filter((r) => r.s === null)).toHaveLength(rows / 3);
    const nothing = { type: 'VARCHAR', buffer: new ArrayBuffer(0), offset: 0 } as const;
    expect(await ws.appendRaw('v', { rows, columns: [key, nothing] })).toBe(rows);
    expect(await ws.all('SELECT count(*) AS n, count(s) AS s FROM v')).toEqual([
      { n: 2 * rows, s: rows - rows / 3 },
    ]);
    const valid = new Uint32Array(2 * Math.ceil(rows / 64)).fill(0xffffffff);
    const refused = (columns: Parameters<Workspace['appendRaw']>[1]['columns']) =>
      expectCode(ws.appendRaw('v', { rows, columns }), 'store.sql');
    await refused([key, { ...nothing, valid }]);
    await refused([key, { ...text, text: { starts, ends: ends.subarray(0, rows - 1) } }]);
    await refused([key, { ...text, text: { starts, ends: ends.map((e) => e + bytes.length) } }]);
    // Text fits only a VARCHAR column.
    await refused([text, text]);
    expect(await ws.all('SELECT count(*) AS n FROM v')).toEqual([{ n: 2 * rows }]);
  });
});

describe('transaction', () => {
  it('commits on success and rolls back on error, including appended rows', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE t (x INTEGER)');
    await ws.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (1)');
    });
    await expect(
      ws.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (2)');
        await tx.appendRows('t', ['x'], [[3], [4]]);
        await ws.run('INSERT INTO t VALUES (5)'); // joins the transaction instead of deadlocking
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await ws.all('SELECT x FROM t ORDER BY x')).toEqual([{ x: 1 }]);
  });

  it('serialises concurrent callers so transactions never interleave', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE log (who VARCHAR, step INTEGER)');
    const writer = (who: string) =>
      ws.transaction(async (tx) => {
        for (let step = 0; step < 5; step++) {
          await tx.run('INSERT INTO log VALUES ($1, $2)', [who, step]);
          await new Promise((r) => setTimeout(r, 1));
        }
      });
    const outside = ws.run(`INSERT INTO log VALUES ('outside', 0)`);
    await Promise.all([
      writer('a'),
      writer('b'),
      outside,
      ws.transaction((tx) => Promise.all([tx.all('SELECT 1'), tx.all('SELECT 2')])),
    ]);
    const rows = await ws.all<{ who: string }>('SELECT who FROM log ORDER BY rowid');
    const order = rows.map((r) => r.who).join('');
    expect(order).toMatch(/^(aaaaabbbbboutside|outsideaaaaabbbbb|aaaaaoutsidebbbbb)$/);
  });

  it('nested transactions join the outer one', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE t (x INTEGER)');
    await expect(
      ws.transaction(async (tx) => {
        await ws.transaction(async (inner) => inner.run('INSERT INTO t VALUES (1)'));
        await tx.run('INSERT INTO t VALUES (NULL::INTEGER + $1)', ['not a number']);
      }),
    ).rejects.toThrow();
    expect(await ws.all('SELECT * FROM t')).toEqual([]);
  });
});

describe('openWriter', () => {
  it('commits and rolls back on a connection of its own, beside the workspace and other writers', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE t (who VARCHAR, x INTEGER)');
    await ws.run('CREATE TABLE done (unit VARCHAR PRIMARY KEY)');
    const [a, b] = [await ws.openWriter(), await ws.openWriter()];
    // Both transactions are open at once: each sees its own rows, not the other's.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const first = a.transaction(async (tx) => {
      await tx.run(`INSERT INTO t VALUES ('a', 1)`);
      await tx.run(`INSERT INTO done VALUES ('a')`);
      await held;
      return tx.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t');
    });
    const second = b.transaction(async (tx) => {
      await tx.appendRows(
        't',
        ['who', 'x'],
        [
          ['b', 2],
          ['b', 3],
        ],
      );
      await tx.run(`INSERT INTO done VALUES ('b')`);
      release();
      return tx.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t');
    });
    expect(await Promise.all([first, second])).toEqual([[{ n: 1 }], [{ n: 2 }]]);
    await expect(
      a.transaction(async (tx) => {
        await tx.run(`INSERT INTO t VALUES ('a', 4)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await ws.all('SELECT who, x FROM t ORDER BY x')).toEqual([
      { who: 'a', x: 1 },
      { who: 'b', x: 2 },
      { who: 'b', x: 3 },
    ]);
    expect(await ws.all('SELECT unit FROM done ORDER BY unit')).toEqual([{ unit: 'a' }, { unit: 'b' }]);
    await a.close();
    await expectCode(
      a.transaction(async () => undefined),
      'store.open',
    );
  });

  it('closes with the workspace, after the transaction in flight', async () => {
    const ws = await fresh();
    await ws.run('CREATE TABLE t (x INTEGER)');
    const writer = await ws.openWriter();
    const inFlight = writer.transaction(async (tx) => {
      await new Promise((r) => setTimeout(r, 20));
      await tx.run('INSERT INTO t VALUES (1)');
    });
    await ws.close();
    await inFlight;
    await expectCode(
      writer.transaction(async () => undefined),
      'store.open',
    );
    const again = await openWorkspace(ws.dir, { readOnly: true });
    open.push(again);
    expect(await again.all('SELECT x FROM t')).toEqual([{ x: 1 }]);
  });

  it('is refused on a read-only workspace', async () => {
    const ws = await fresh();
    const dir = ws.dir;
    await ws.close();
    const readOnly = await openWorkspace(dir, { readOnly: true });
    open.push(readOnly);
    await expectCode(readOnly.openWriter(), 'store.open');
  });
});

describe('work units', () => {
  it('marks units done idempotently, lists and clears them per job', async () => {
    const ws = await fresh();
    expect(await ws.isDone('index:customers', 'abc:0')).toBe(false);
    await ws.markDone('index:customers', 'abc:0');
    await ws.markDone('index:customers', 'abc:0');
    await ws.transaction((tx) => markDone(tx, 'index:customers', 'abc:1'));
    await ws.markDone('other', 'abc:0');
    expect(await ws.isDone('index:customers', 'abc:0')).toBe(true);
    expect(await doneUnits(ws, 'index:customers')).toEqual(new Set(['abc:0', 'abc:1']));
    expect(await clearJob(ws, 'index:customers')).toBe(2);
    expect(await ws.isDone('index:customers', 'abc:0')).toBe(false);
    expect(await ws.isDone('other', 'abc:0')).toBe(true);
  });
});

describe('defaultMemoryLimit', () => {
  it('is a quarter of the memory, at most 3 GB, unless LEAKVERIFY_MEMORY_LIMIT says otherwise', () => {
    const mib = Number(/^(\d+)MiB$/.exec(defaultMemoryLimit({}))?.[1]);
    expect(mib).toBe(Math.min(Math.floor(totalmem() / 4 / 2 ** 20), 3 * 1024));
    expect(defaultMemoryLimit({ LEAKVERIFY_MEMORY_LIMIT: '12GB' })).toBe('12GB');
    expect(() => defaultMemoryLimit({ LEAKVERIFY_MEMORY_LIMIT: 'lots' })).toThrow(/not a size/);
  });

  it('is what DuckDB runs with', async () => {
    const ws = await fresh();
    const [row] = await ws.all<{ v: string }>(`SELECT current_setting('memory_limit') AS v`);
    expect(row?.v).toMatch(/(GiB|MiB)$/);
  });
});
