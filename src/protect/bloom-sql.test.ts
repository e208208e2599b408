import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldKind } from '../core/types.js';
import type { Workspace } from '../store/types.js';
import { openWorkspace } from '../store/workspace.js';
import {
  BloomEncoder,
  type BloomLayout,
  bloomBytes,
  bloomFromBytes,
  CLK_LAYOUT,
  dice,
  fieldLayout,
  popcount,
} from './bloom.js';
import { bigramsSql, bloomStepsSql, diceSql } from './bloom-sql.js';
import { generateKey } from './key.js';
import { people } from './test-support/values.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await openWorkspace(join(mkdtempSync(join(tmpdir(), 'lv-bsql-')), 'ws'));
});
afterAll(async () => {
  await ws.close();
});

const master = generateKey();
type Values = Partial<Record<FieldKind, string>>;

async function encodeInSql(
  layout: BloomLayout,
  records: Values[],
): Promise<Map<string, { bytes: Buffer; bits: number }>> {
  await ws.run('CREATE OR REPLACE TEMP TABLE plain (record_id VARCHAR, field VARCHAR, value VARCHAR)');
  const rows = records.flatMap((r, i) => Object.entries(r).map(([field, value]) => [`r${i}`, field, value]));
  await ws.appendRows('plain', ['record_id', 'field', 'value'], rows);
  await ws.runSteps(bloomStepsSql({ master, layout, input: 'plain', output: 'encoded' }));
  const out = await ws.all<{ record_id: string; bytes: Buffer; bits: number }>(
    'SELECT record_id, bloom::BLOB AS bytes, bits FROM encoded',
  );
  return new Map(out.map((r) => [r.record_id, { bytes: r.bytes, bits: r.bits }]));
}

describe('Bloom encoding in SQL', () => {
  it('splits bigrams by code point like JS', async () => {
    const [row] = await ws.all<{ b: string[] }>(`SELECT ${bigramsSql(`'a😀e\u0301'`)} AS b`);
    expect(row?.b).toEqual([' a', 'a😀', '😀e', 'e\u0301', '\u0301 ']);
    const [again] = await ws.all<{ b: string[] }>(`SELECT ${bigramsSql(`'ana'`)} AS b`);
    expect(again?.b).toEqual([' a', 'an', 'na', 'a ']);
  });

  it('gives the same bits as the JS encoder (CLK, several fields, unicode)', async () => {
    const records: Values[] = people(300).map((p) => ({
      full_name: p.full_name,
      street: p.street,
      city: p.city,
    }));
    records.push(
      { full_name: 'zoë ødegård', city: 'münchen' },
      { full_name: '山田 太郎', street: '東京都 1 2 3' },
      { full_name: 'emoji 😀 name', city: "l'aquila" },
      { last_name: 'x', first_name: 'y', postcode: '00100' },
      ...fc
        .sample(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), 50)
        .map((s) => ({ full_name: s })),
    );
    const sql = await encodeInSql(CLK_LAYOUT, records);
    const js = new BloomEncoder(master, CLK_LAYOUT);
    expect(sql.size).toBe(records.length);
    for (const [i, record] of records.entries()) {
      const filter = js.encode(record);
      const got = sql.get(`r${i}`);
      expect(got?.bytes.equals(bloomBytes(filter)), JSON.stringify(record)).toBe(true);
      expect(got?.bits).toBe(popcount(filter));
    }
  });

  it('gives the same bits for a per-field layout with k > 16 (several HMAC blocks)', async () => {
    const layout = fieldLayout('last_name');
    expect(layout.k.last_name).toBeGreaterThan(32);
    const records = people(200).map((p) => ({ last_name: p.last_name }));
    const sql = await encodeInSql(layout, records);
    const js = new BloomEncoder(master, layout);
    for (const [i, record] of records.entries()) {
      expect(sql.get(`r${i}`)?.bytes.equals(bloomBytes(js.encode(record)))).toBe(true);
    }
  });

  it('computes the same Dice in SQL as in JS', async () => {
    const js = new BloomEncoder(master, CLK_LAYOUT);
    const filters = people(40).map((p) => js.encode({ full_name: p.full_name, city: p.city }));
    await ws.run('CREATE OR REPLACE TEMP TABLE f (id INTEGER, bloom BIT, bits SMALLINT)');
    await ws.appendRows(
      'f',
      ['id', 'bloom', 'bits'],
      filters.map((filter, id) => [id, bloomBytes(filter), popcount(filter)]),
    );
    const pairs = await ws.all<{ a: number; b: number; d: number; ab: Buffer }>(
      `SELECT x.id AS a, y.id AS b, ${diceSql('x.bloom', 'y.bloom', 'x.bits', 'y.bits')} AS d, x.bloom::BLOB AS ab
       FROM f AS x, f AS y`,
    );
    expect(pairs).toHaveLength(1600);
    for (const pair of pairs) {
      expect(pair.d).toBeCloseTo(dice(filters[pair.a]!, filters[pair.b]!), 12);
      expect(bloomFromBytes(pair.ab)).toEqual(filters[pair.a]);
    }
  });
});
