/**
 * Comparison vectors: for each candidate pair, one level per comparison (settings.ts), from
 * fingerprint equality and Dice similarity of Bloom filters. With `tf`, the record-side
 * frequency of the agreeing value rides along for the term-frequency adjustment.
 */
import { quoteIdent as q } from '../store/sql.js';
import type { SqlExecutor, SqlStep } from '../store/types.js';
import { T } from './blocking.js';
import { type Comparison, primitiveSql, primitivesIn } from './comparison-levels.js';
import { fpColumn } from './schema.js';
import { SAMPLE_TF, sampleTfColumn } from './tf.js';

export const gammaColumn = (c: Comparison): string => `g_${c.name}`;
export const tfColumn = (c: Comparison): string => `tf_${c.name}`;

/** Level of one comparison: -1 missing, 0 far, then 1.. up to the best level. */
export function gammaSql(c: Comparison): string {
  const n = c.levels.length;
  const whens = c.levels.map((l, i) => `WHEN ${l.when} THEN ${n - i}`).join(' ');
  return `(CASE WHEN NOT (${c.present}) THEN -1 ${whens} ELSE 0 END)::TINYINT`;
}

export interface ComparisonInput {
  /** Pairs (s_eid, tbl, r_eid, ...). */
  readonly pairs: string;
  readonly sample: string;
  readonly comparisons: readonly Comparison[];
  /**
   * Read the sample side from tf.ts's SAMPLE_TF (made from `sample` by tfSteps: its features
   * and each row's term frequencies) and add the tf_* columns; off, `sample` as it is.
   */
  readonly withTf: boolean;
  /** Extra pair columns to carry through, e.g. `rules`. */
  readonly carry?: readonly string[];
  /** Only pairs whose record id is in this range (inclusive): one slice of a sliced comparison. */
  readonly recordEids?: readonly [number, number];
}

/** One row per pair: s_eid, tbl, r_eid, carried columns, g_* levels and tf_* frequencies. */
export function comparisonSql(input: ComparisonInput): string {
  const tfs = input.withTf ? input.comparisons.filter((c) => c.tf !== undefined) : [];
  const text = input.comparisons.map((c) => [c.present, ...c.levels.map((l) => l.when)].join(' ')).join(' ');
  const primitives = primitivesIn(text);
  const carry = (input.carry ?? []).map(q);
  // Inner query: each primitive once per pair (Dice is the expensive part); outer: levels.
  const inner = [
    'p.s_eid',
    'p.tbl',
    'p.r_eid',
    ...carry.map((c) => `p.${c}`),
    ...primitives.map((name) => `${primitiveSql(name)} AS ${name}`),
    // The frequency applies only when the fingerprints themselves are equal (not, say,
    // when first and last name agree the other way round).
    ...tfs.map((c) => {
      const fp = fpColumn(c.tf!);
      return `CASE WHEN s.${fp} = r.${fp} THEN s.${sampleTfColumn(c.tf!)} END AS ${tfColumn(c)}`;
    }),
  ];
  // With frequencies, the sample side is SAMPLE_TF: the sample's features and frequencies.
  const sample = tfs.length > 0 ? SAMPLE_TF : input.sample;
  // Stated on both sides, so the records scan skips the other slices' row groups.
  const range = input.recordEids;
  const between = (column: string): string =>
    range ? ` WHERE ${column} BETWEEN ${Math.trunc(range[0])} AND ${Math.trunc(range[1])}` : '';
  const outer = [
    's_eid',
    'tbl',
    'r_eid',
    ...carry,
    ...input.comparisons.map((c) => `${gammaSql(c)} AS ${gammaColumn(c)}`),
    ...tfs.map(tfColumn),
  ];
  return `SELECT ${outer.join(', ')} FROM (
SELECT ${inner.join(',\n  ')}
FROM (SELECT * FROM ${q(input.pairs)}${between('r_eid')}) p
JOIN ${q(sample)} s ON s.eid = p.s_eid
JOIN (SELECT * FROM ${q(T.records)}${between('eid')}) r ON r.tbl = p.tbl AND r.eid = p.r_eid)`;
}

/**
 * Ranges of record ids (inclusive) holding about `perSlice` records each, over the records
 * view; one range covering everything when there are no more than that.
 */
async function recordSlices(
  db: Pick<SqlExecutor, 'all'>,
  records: number,
  perSlice: number,
): Promise<(readonly [number, number])[]> {
  const n = Math.ceil(records / perSlice);
  if (n <= 1) return [[Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]];
  // Quantiles, not an even split of [min, max]: eids need not be dense (records keep theirs).
  const [row] = await db.all<{ q: number[] }>(
    `SELECT quantile_disc(eid, [${Array.from({ length: n - 1 }, (_, k) => (k + 1) / n).join(', ')}]) AS q FROM ${q(T.records)}`,
  );
  const cuts = [...new Set((row?.q ?? []).map(Number))].sort((a, b) => a - b);
  const bounds = [Number.MIN_SAFE_INTEGER, ...cuts.map((c) => c + 1), Number.MAX_SAFE_INTEGER + 1];
  return bounds.slice(0, -1).map((lo, k) => [lo, bounds[k + 1]! - 1] as const);
}

/**
 * The steps writing `T.compared` from `input`: one join per slice of about `perSlice` record
 * ids (one slice for fewer records), each materialised, and `T.compared` their union. One
 * join over 10M records built a hash table near DuckDB's memory limit and took 20-41 s from
 * run to run as it spilled or not.
 *
 * With `random`, `input.pairs` holds the random pairs of u estimation as well, flagged by a
 * BOOLEAN column `random` (which `carry` must name): `T.compared` gets the others and the
 * view `random` these. They share the slices' scans of the records: compared on their own,
 * the few hundred records they draw cost a whole extra pass over every records column (27 s
 * of a quick verification against 100M records, BENCHMARKS.md, session 9).
 */
export async function comparisonSteps(
  db: Pick<SqlExecutor, 'all'>,
  input: Omit<ComparisonInput, 'recordEids'>,
  records: number,
  perSlice: number,
  random?: string,
): Promise<SqlStep[]> {
  if (random !== undefined && !(input.carry ?? []).includes('random'))
    throw new RangeError('comparing random pairs with the others needs their `random` column carried');
  const slices = await recordSlices(db, records, perSlice);
  const parts = slices.map((_, k) => `${T.compared}_${k}`);
  const all = parts.map((t) => `SELECT * FROM ${q(t)}`).join(' UNION ALL ');
  const split = (table: string, where: string): SqlStep => ({
    outputTable: table,
    sql: `SELECT * EXCLUDE (random) FROM (${all}) WHERE ${where}`,
  });
  return [
    ...slices.map((recordEids, k) => ({
      outputTable: parts[k]!,
      sql: comparisonSql(slices.length === 1 ? input : { ...input, recordEids }),
      materialise: true,
    })),
    ...(random === undefined
      ? [{ outputTable: T.compared, sql: all }]
      : [split(T.compared, 'NOT random'), split(random, 'random')]),
  ];
}
