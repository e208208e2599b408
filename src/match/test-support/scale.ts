/**
 * Feature tables at benchmark scale (millions of records), generated inside DuckDB so that
 * generation does not dominate the measurement. Values come from pools whose fingerprints
 * and Bloom filters are real (FeatureKeys); records draw from the pools with skewed
 * frequencies (common names are common), and get unique emails and phones. The sample
 * mixes copies of records (some misspelt, moved, missing their email) with fabricated
 * people drawn from the same pools. Truth: sample rows with `truth_eid` set.
 */
import type { SqlValue, Workspace } from '../../store/types.js';
import { bloomBytesOf, buildFeaturesFromValues, FeatureKeys } from '../features.js';
import { type BloomName, bloomWordsFromHexSql, featureTableSql } from '../schema.js';
import { TEST_KEY } from './febrl4.js';
import { seededRandom } from './random.js';

const SYLLABLES = [
  'ka',
  'lo',
  'ri',
  'ma',
  'ne',
  'to',
  'sa',
  'vi',
  'de',
  'lu',
  'ber',
  'gan',
  'tti',
  'ssi',
  'ra',
  'co',
  'ni',
  'mo',
  'pe',
  'zu',
];

function word(random: () => number, parts: number): string {
  let w = '';
  for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
  return w;
}

function typo(s: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (s.length - 2));
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

type PoolKind = 'first' | 'last' | 'street' | 'city';

async function writePool(
  ws: Workspace,
  kind: PoolKind,
  values: string[],
  keys: FeatureKeys,
  random: () => number,
): Promise<void> {
  const table = `pool_${kind}`;
  await ws.run(
    `CREATE OR REPLACE TABLE ${table} (idx INTEGER, variant TINYINT, fp UBIGINT, fp2 UBIGINT, bf VARCHAR, bc SMALLINT, bfn VARCHAR, bcn SMALLINT)`,
  );
  const rows: SqlValue[][] = [];
  values.forEach((v, idx) => {
    [v, typo(v, random)].forEach((value, variant) => {
      const f =
        kind === 'first'
          ? buildFeaturesFromValues({ firstName: value, fullName: value }, keys)
          : kind === 'last'
            ? buildFeaturesFromValues({ lastName: value }, keys)
            : kind === 'street'
              ? buildFeaturesFromValues({ street: value, houseNumber: '1' }, keys)
              : buildFeaturesFromValues({ city: value }, keys);
      const field: BloomName = kind === 'first' ? 'first_name' : kind === 'last' ? 'last_name' : kind;
      const fp = kind === 'street' ? f['fp_street'] : f[`fp_${field}`];
      rows.push([
        idx,
        variant,
        fp as bigint,
        (kind === 'street' ? f['fp_street_number'] : null) as bigint | null,
        bloomBytesOf(f, field)?.toString('hex') ?? null,
        f[`bc_${field}`] as number,
        bloomBytesOf(f, 'name')?.toString('hex') ?? null,
        (f['bc_name'] ?? null) as number | null,
      ]);
    });
  });
  await ws.appendRows(table, ['idx', 'variant', 'fp', 'fp2', 'bf', 'bc', 'bfn', 'bcn'], rows);
}

const h = (expr: string): string => `('0x' || left(sha256(${expr}), 16))::UBIGINT`;

/** Pool index with a skew: index 0 is the most common value. */
const skewed = (n: number, rnd: string): string => `least(floor(pow(${rnd}, 2.5) * ${n})::INTEGER, ${n - 1})`;

export interface ScaleOptions {
  readonly records: number;
  readonly sample: number;
  /** Share of sample rows copied from records (the rest are fabricated). */
  readonly genuineShare: number;
  readonly seed?: number;
}

/** Creates `scale_records` and `scale_sample` (feature tables) plus `scale_truth(s_eid, r_eid)`. */
export async function generateScaleTables(ws: Workspace, options: ScaleOptions): Promise<void> {
  const random = seededRandom(options.seed ?? 5);
  const keys = new FeatureKeys(TEST_KEY);
  const sizes = { first: 3000, last: 60000, street: 20000, city: 4000 };
  for (const kind of Object.keys(sizes) as PoolKind[]) {
    const parts = kind === 'first' ? 2 : 3;
    const values = new Set<string>();
    while (values.size < sizes[kind]) values.add(word(random, parts + (random() < 0.5 ? 1 : 0)));
    await writePool(ws, kind, [...values], keys, random);
  }
  await ws.run(`SELECT setseed(0.42)`);
  // Persons: pool indices and plain attributes; features are derived in one pass below.
  await ws.run(`CREATE OR REPLACE TABLE scale_people AS SELECT range + 1 AS eid,
      ${skewed(sizes.first, 'random()')} AS fi, ${skewed(sizes.last, 'random()')} AS li,
      ${skewed(sizes.street, 'random()')} AS si, (random() * 8000)::INTEGER AS pc,
      1 + (random() * 150)::INTEGER AS hn, DATE '1935-01-01' + (random() * 25000)::INTEGER AS dob
    FROM range(${options.records})`);
  const features = (
    src: string,
    eid: string,
    recordId: string,
    email: string,
    lastVariant: string,
    moved: string,
  ): string => `
    SELECT ${eid} AS eid, ${recordId} AS record_id,
      ${email} AS fp_email, ${email} AS fp_email_provider,
      ${h(`'p' || p.eid`)} AS fp_phone, ${h(`'n' || p.eid`)} AS fp_phone_national,
      NULL::UBIGINT AS fp_username, NULL::UBIGINT AS fp_internal_id, NULL::UBIGINT AS fp_order_id,
      f.fp AS fp_first_name, l.fp AS fp_last_name, ${h(`'t' || p.fi || ':' || p.li || ':' || l.variant`)} AS fp_name_tokens,
      ${h(`'d' || p.dob`)} AS fp_dob, NULL::UBIGINT AS fp_dob_swapped, ${h(`'ym' || strftime(p.dob, '%Y-%m')`)} AS fp_dob_ym,
      ${h(`'md' || strftime(p.dob, '%m-%d')`)} AS fp_dob_md, ${h(`'yd' || strftime(p.dob, '%Y-%d')`)} AS fp_dob_yd,
      ${h(`'pc' || (p.pc + ${moved})`)} AS fp_postcode, c.fp AS fp_city, s.fp AS fp_street,
      ${h(`'sn' || p.si || ':' || (p.hn + ${moved})`)} AS fp_street_number,
      ${[
        ['first_name', 'f.bf', 'f.bc'],
        ['last_name', 'l.bf', 'l.bc'],
        ['name', 'l.bfn', 'l.bcn'],
        ['street', 's.bf', 's.bc'],
        ['city', 'c.bf', 'c.bc'],
      ]
        .map(([b, hex, bc]) => [...bloomWordsFromHexSql(b as BloomName, hex!), `${bc} AS bc_${b}`].join(', '))
        .join(',\n      ')}
    FROM ${src} p
    JOIN pool_first f ON f.idx = p.fi AND f.variant = 0
    JOIN pool_last l ON l.idx = p.li AND l.variant = ${lastVariant}
    JOIN pool_street s ON s.idx = (p.si + ${moved}) % ${sizes.street} AND s.variant = 0
    JOIN pool_city c ON c.idx = (p.pc + ${moved}) % ${sizes.city} AND c.variant = 0`;
  await ws.run(featureTableSql('scale_records'));
  await ws.run(
    `INSERT INTO scale_records BY NAME ${features('scale_people', 'p.eid', `'C' || p.eid`, h(`'e' || p.eid`), '0', '0')}`,
  );
  const genuine = Math.round(options.sample * options.genuineShare);
  await ws.run(`CREATE OR REPLACE TABLE scale_sample_people AS
    SELECT range + 1 AS s_eid, p.*, random() AS r1, random() AS r2, random() AS r3
    FROM range(${genuine}) JOIN scale_people p ON p.eid = 1 + (range * 1000003) % ${options.records}
    UNION ALL
    SELECT ${genuine} + range + 1, -1 - range, ${skewed(sizes.first, 'random()')}, ${skewed(sizes.last, 'random()')},
      ${skewed(sizes.street, 'random()')}, (random() * 8000)::INTEGER, 1 + (random() * 150)::INTEGER,
      DATE '1935-01-01' + (random() * 25000)::INTEGER, random(), random(), random()
    FROM range(${options.sample - genuine})`);
  await ws.run(
    `CREATE OR REPLACE TABLE scale_truth AS SELECT s_eid, eid AS r_eid FROM scale_sample_people WHERE eid > 0`,
  );
  await ws.run(featureTableSql('scale_sample'));
  // 30% lose their email, 20% have a misspelt surname, 10% moved.
  await ws.run(
    `INSERT INTO scale_sample BY NAME ${features(
      'scale_sample_people',
      'p.s_eid',
      'NULL::VARCHAR',
      `CASE WHEN p.r1 < 0.3 THEN NULL ELSE ${h(`'e' || p.eid`)} END`,
      'CASE WHEN p.r2 < 0.2 THEN 1 ELSE 0 END',
      'CASE WHEN p.r3 < 0.1 THEN 17 ELSE 0 END',
    )}`,
  );
}
