import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeValue } from '../fields/normalize/index.js';
import { SecretKey } from '../protect/key.js';
import { featureInserter } from './feature-chunk.js';
import { buildFeatures, FeatureKeys, featureRowValues, type NormalizedField } from './features.js';
import { FEATURE_TABLE_COLUMNS, featureTableSql } from './schema.js';
import { FeatureChunkBuilder } from './staged.js';
import { type TempWorkspace, tempWorkspace } from './test-support/workspace.js';

const people: NormalizedField[][] = (
  [
    ['email', 'Mario.Rossi+shop@gmail.com'],
    ['phone', '+39 347 123 4567'],
    ['first_name', 'Niccolò'],
    ['last_name', "D'Angelo"],
    ['date_of_birth', '1985-03-12'],
    ['street', 'Via Roma 12'],
    ['postcode', '20121'],
    ['city', 'Milano'],
    ['internal_id', 'SC-0001234'],
    ['username', 'mrossi85'],
  ] as const
).map((_, i, all) =>
  all
    .slice(0, all.length - (i % 4))
    .map(
      ([kind, raw]): NormalizedField => [
        kind,
        normalizeValue(kind, raw, { country: 'IT', phoneRegion: 'IT' }),
      ],
    ),
);
// An ordinary address (its provider mailbox is itself), a value holding the separators, nothing at all.
people.push(
  [
    ['email', normalizeValue('email', 'anna.bianchi@libero.it')],
    ['last_name', normalizeValue('last_name', 'Bianchi')],
  ],
  [['username', normalizeValue('username', 'odd\u001fname\u001e')]],
  // A name that cannot be split, a first name of two words beside a street with its number.
  [['full_name', normalizeValue('full_name', 'Cher')]],
  [
    ['first_name', normalizeValue('first_name', 'Anna Maria')],
    ['last_name', normalizeValue('last_name', 'De Luca')],
    ['street', normalizeValue('street', 'Corso Buenos Aires 7/B')],
  ],
  [],
);
const ffd = (v: string): string => v.replace(/[\u001e\u001f]/g, '\ufffd');
/** What the JavaScript path must match: separators inside values become U+FFFD on the bulk path. */
const cleaned = (fields: readonly NormalizedField[]): NormalizedField[] =>
  fields.map(
    ([kind, n]): NormalizedField => [
      kind,
      n?.ok
        ? {
            ...n,
            value: ffd(n.value),
            keys: Object.fromEntries(Object.entries(n.keys ?? {}).map(([k, v]) => [k, ffd(v)])),
          }
        : n,
    ],
  );

/** Rows of `left` not in `right` plus rows of `right` not in `left` (multisets). */
const DIFF_SQL = (left: string, right: string): string =>
  `SELECT count(*) AS n FROM ((SELECT * FROM ${left} EXCEPT ALL SELECT * FROM ${right}) UNION ALL (SELECT * FROM ${right} EXCEPT ALL SELECT * FROM ${left}))`;

describe('the bulk (binary columns, HMAC in SQL) feature path', () => {
  let ws: TempWorkspace;
  const keys = new FeatureKeys(new SecretKey(Buffer.alloc(32, 9), 'test'));
  beforeAll(async () => {
    ws = await tempWorkspace();
  });
  afterAll(async () => ws.dispose());

  /** Loads `rows` both ways into tables `js_<name>` and `sql_<name>`, in chunks of `capacity`. */
  async function loadBothWays(
    name: string,
    source: NormalizedField[][],
    reference: NormalizedField[][],
    capacity: number,
    cacheLimit?: number,
  ) {
    await ws.ws.run(featureTableSql(`js_${name}`));
    await ws.ws.run(featureTableSql(`sql_${name}`));
    await ws.ws.appendRows(
      `js_${name}`,
      FEATURE_TABLE_COLUMNS,
      reference.map((fields, i) => featureRowValues(i + 1, `r${i}`, buildFeatures(fields, keys))),
    );
    const builder = new FeatureChunkBuilder(keys, capacity, cacheLimit);
    const insert = featureInserter(`sql_${name}`);
    for (let i = 0; i < source.length; i++) {
      builder.add(i + 1, `r${i}`, source[i]!);
      if (builder.rows === capacity || i === source.length - 1)
        await ws.ws.transaction((tx) => insert(tx, builder.take()));
    }
    const [diff] = await ws.ws.all<{ n: number }>(DIFF_SQL(`js_${name}`, `sql_${name}`));
    return diff?.n;
  }

  it('writes exactly the feature rows the JavaScript path writes', async () => {
    expect(await loadBothWays('people', people, people.map(cleaned), 4)).toBe(0);
    const [rows] = await ws.ws.all<{ n: number; fps: number }>(
      'SELECT count(*) AS n, count(fp_email) AS fps FROM sql_people',
    );
    expect(rows).toEqual({ n: people.length, fps: people.length - 4 });
  });

  it('keeps every row and null in its place across DuckDB vectors and chunks', async () => {
    // 7,000 rows in chunks of 3,000: chunks span two vectors of 2,048 and end mid-vector;
    // which fields a row has changes with its index, so misplaced validity bits would show.
    const many = Array.from({ length: 7000 }, (_, i) =>
      people[i % people.length]!.filter((_, j) => (i + j) % 3 !== 0),
    );
    expect(await loadBothWays('many', many, many.map(cleaned), 3000)).toBe(0);
    const [rows] = await ws.ws.all<{ n: number; ids: number }>(
      'SELECT count(*) AS n, count(DISTINCT record_id) AS ids FROM sql_many',
    );
    expect(rows).toEqual({ n: 7000, ids: 7000 });
  });

  it('computes values past a full value cache as it does cached ones', async () => {
    // 1,500 distinct people, each twice, against caches of 50 values: the tables grow, fill
    // up, and every later value is computed in their spare slot, each time it comes back.
    const letters = (i: number): string =>
      String.fromCharCode(97 + (i % 26), 97 + (Math.floor(i / 26) % 26), 97 + (Math.floor(i / 676) % 26));
    const distinct = Array.from({ length: 3000 }, (_, k): NormalizedField[] => {
      const i = k % 1500;
      const raw = [
        ['first_name', `Anna ${letters(i)}`],
        ['last_name', `De ${letters(i + 7)}`],
        ['date_of_birth', new Date(Date.UTC(1950, 0, 1 + i)).toISOString().slice(0, 10)],
        ['city', `San ${letters(i + 3)}`],
        ['street', `Via ${letters(i)} ${1 + (i % 90)}`],
      ] as const;
      return raw.map(([kind, v]): NormalizedField => [kind, normalizeValue(kind, v, { country: 'IT' })]);
    });
    expect(await loadBothWays('distinct', distinct, distinct.map(cleaned), 1000, 50)).toBe(0);
  });

  it.each([
    ['without record ids', (_: number): string | null => null],
    ['with record ids, some empty', (i: number): string | null => (i % 5 === 0 ? null : `r${i}é"'`)],
  ])(
    'appends chunks %s straight into the table, and refuses a table whose columns are in another order',
    async (label, idOf) => {
      const name = label.startsWith('without') ? 'noid' : 'ids';
      const many = Array.from({ length: 7000 }, (_, i) =>
        people[i % people.length]!.filter((_, j) => (i + j) % 3 !== 0),
      );
      await ws.ws.run(featureTableSql(`js_${name}`));
      await ws.ws.appendRows(
        `js_${name}`,
        FEATURE_TABLE_COLUMNS,
        many.map(cleaned).map((fields, i) => featureRowValues(i + 1, idOf(i), buildFeatures(fields, keys))),
      );
      await ws.ws.run(featureTableSql(`direct_${name}`));
      const builder = new FeatureChunkBuilder(keys, 3000);
      const insert = featureInserter(`direct_${name}`);
      const appendedTo: string[] = [];
      for (let i = 0; i < many.length; i++) {
        builder.add(i + 1, idOf(i), many[i]!);
        if (builder.rows < 3000 && i < many.length - 1) continue;
        const chunk = builder.take();
        await ws.ws.transaction((tx) =>
          insert(
            {
              ...tx,
              run: (sql, params) => tx.run(sql, params),
              all: (sql, params) => tx.all(sql, params),
              appendRaw: (target, raw) => {
                appendedTo.push(target);
                return tx.appendRaw(target, raw);
              },
            },
            chunk,
          ),
        );
      }
      expect(new Set(appendedTo)).toEqual(new Set([`direct_${name}`]));
      const [diff] = await ws.ws.all<{ n: number }>(DIFF_SQL(`js_${name}`, `direct_${name}`));
      expect(diff?.n).toBe(0);
      // The same columns in another order would take every value into the wrong column: refused, nothing written.
      const reordered = ['record_id', 'eid', ...FEATURE_TABLE_COLUMNS.slice(2).reverse()];
      await ws.ws.run(
        `CREATE TABLE other_${name} AS SELECT ${reordered.join(', ')} FROM js_${name} WHERE false`,
      );
      builder.add(1, idOf(1), many[1]!);
      const chunk = builder.take();
      await expect(
        ws.ws.transaction((tx) => featureInserter(`other_${name}`)(tx, chunk)),
      ).rejects.toMatchObject({
        code: 'internal',
      });
      const [left] = await ws.ws.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM other_${name}`);
      expect(left?.n).toBe(0);
    },
  );
});
