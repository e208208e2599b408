import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../store/types.js';
import { openWorkspace } from '../store/workspace.js';
import { fingerprint, fingerprintLabel, hmacHexSql, hmacSql } from './fingerprint.js';
import { Hmac64 } from './hmac64.js';
import { deriveSubkey, generateKey, SecretKey } from './key.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await openWorkspace(join(mkdtempSync(join(tmpdir(), 'lv-fp-')), 'ws'));
});
afterAll(async () => {
  await ws.close();
});

const SPECIAL = [
  '',
  ' ',
  'a',
  "o'brien",
  'ünïcödé straße',
  'Ελληνικά',
  '日本語の名前',
  'emoji 😀👩‍👩‍👧',
  'e\u0301',
  'tab\tand\nnewline',
  '\\backslash\\',
  'x'.repeat(1000),
];

describe('fingerprint', () => {
  it('is HMAC-SHA-256 of the UTF-8 value under the subkey', () => {
    const subkey = new SecretKey(Buffer.alloc(32, 9), 'test');
    const expected = createHmac('sha256', Buffer.alloc(32, 9)).update('ada@example.com').digest();
    expect(fingerprint(subkey, 'ada@example.com')).toEqual(expected);
    expect(fingerprintLabel('email')).toBe('fp:email');
    expect(fingerprintLabel('email', 'canonical')).toBe('fp:email:canonical');
  });

  it('SQL and JS agree on many values, including unicode, for the same subkey', async () => {
    const subkey = deriveSubkey(generateKey(), 'fp:full_name');
    const values = [
      ...SPECIAL,
      ...fc.sample(fc.string({ unit: 'grapheme', maxLength: 40 }), 300),
      // Any code point except NUL and lone surrogates, which no normaliser lets through.
      ...fc
        .sample(fc.array(fc.integer({ min: 1, max: 0x10ffff }), { maxLength: 20 }), 300)
        .map((cps) =>
          cps.map((cp) => (cp >= 0xd800 && cp < 0xe000 ? '?' : String.fromCodePoint(cp))).join(''),
        ),
    ];
    await ws.run('CREATE OR REPLACE TEMP TABLE vals (i INTEGER, v VARCHAR)');
    await ws.appendRows(
      'vals',
      ['i', 'v'],
      values.map((v, i) => [i, v]),
    );
    const rows = await ws.all<{ i: number; fp: Buffer; hex: string; fp64: string }>(
      `SELECT i, ${hmacSql(subkey, 'v')} AS fp, ${hmacHexSql(subkey, 'v')} AS hex,
        ('0x' || left(${hmacHexSql(subkey, 'v')}, 16))::UBIGINT::VARCHAR AS fp64 FROM vals ORDER BY i`,
    );
    expect(rows).toHaveLength(values.length);
    const stored = new Hmac64(subkey.bytes());
    for (const row of rows) {
      const js = fingerprint(subkey, values[row.i]!);
      expect(row.fp.equals(js), `value #${row.i} ${JSON.stringify(values[row.i])}`).toBe(true);
      expect(row.hex).toBe(js.toString('hex'));
      // The stored form: the first 64 bits, the same in SQL (workspaces indexed before
      // session 7 were fingerprinted by DuckDB) and JavaScript.
      expect(row.fp64).toBe(stored.digest(values[row.i]!).toString());
    }
  });

  it('SQL handles keys given as hex, also longer than the 64-byte HMAC block', async () => {
    const long = Buffer.alloc(100, 3);
    const [row] = await ws.all<{ fp: Buffer }>(`SELECT ${hmacSql(long.toString('hex'), `'value'`)} AS fp`);
    expect(row?.fp).toEqual(createHmac('sha256', long).update('value').digest());
  });

  it('computes HMACs in SQL fast (throughput printed for the report)', async () => {
    const subkey = deriveSubkey(generateKey(), 'fp:email');
    await ws.run(
      `CREATE OR REPLACE TEMP TABLE emails AS SELECT 'user' || range || '@example.com' AS v FROM range(200000)`,
    );
    const started = performance.now();
    await ws.run(`CREATE OR REPLACE TEMP TABLE fps AS SELECT ${hmacSql(subkey, 'v')} AS fp FROM emails`);
    const perSecond = 200_000 / ((performance.now() - started) / 1000);
    console.log(`HMAC in SQL: ${Math.round(perSecond).toLocaleString('en-US')} values/s`);
    const [check] = await ws.all<{ fp: Buffer }>(`SELECT ${hmacSql(subkey, `'user7@example.com'`)} AS fp`);
    expect(check?.fp).toEqual(fingerprint(subkey, 'user7@example.com'));
    expect(await ws.all('SELECT count(DISTINCT fp) AS n FROM fps')).toEqual([{ n: 200_000 }]);
  });
});
