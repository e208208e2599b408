import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeValue } from '../fields/normalize/index.js';
import { SecretKey } from '../protect/key.js';
import { buildFeatures, FeatureKeys, featureRowValues, type NormalizedField } from './features.js';
import { FEATURE_TABLE_COLUMNS, featureTableSql } from './schema.js';
import { insertStagedSql, StagedEncoder, stagedText } from './staged.js';
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
  [],
);
const ffd = (v: string): string => v.replace(/[\u001e\u001f]/g, '\ufffd');
/** What the JavaScript path must match: separators inside values become U+FFFD on the bulk path. */
const expected = people.map((fields) =>
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
  ),
);

describe('the staged (HMAC in SQL) feature path', () => {
  let ws: TempWorkspace;
  beforeAll(async () => {
    ws = await tempWorkspace();
  });
  afterAll(async () => ws.dispose());

  it('writes exactly the feature rows the JavaScript path writes', async () => {
    const keys = new FeatureKeys(new SecretKey(Buffer.alloc(32, 9), 'test'));
    await ws.ws.run(featureTableSql('js'));
    await ws.ws.run(featureTableSql('sql'));
    await ws.ws.appendRows(
      'js',
      FEATURE_TABLE_COLUMNS,
      expected.map((fields, i) => featureRowValues(i + 1, `r${i}`, buildFeatures(fields, keys))),
    );
    const encoder = new StagedEncoder(keys);
    await ws.ws.run(insertStagedSql('sql', keys), [
      stagedText(people.map((fields, i) => encoder.line(i + 1, `r${i}`, fields))),
    ]);
    const [diff] = await ws.ws.all<{ n: number }>(
      'SELECT count(*) AS n FROM ((SELECT * FROM js EXCEPT ALL SELECT * FROM sql) UNION ALL (SELECT * FROM sql EXCEPT ALL SELECT * FROM js))',
    );
    const [rows] = await ws.ws.all<{ n: number; fps: number }>(
      'SELECT count(*) AS n, count(fp_email) AS fps FROM sql',
    );
    expect(rows).toEqual({ n: people.length, fps: people.length - 2 });
    expect(diff?.n).toBe(0);
  });
});
