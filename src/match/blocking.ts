/**
 * Blocking: the candidate pairs worth comparing. Each rule pairs sample rows and records that
 * share a key (equal fingerprints, or an equal band of a Bloom filter); the union of the
 * rules, deduplicated, is what the comparison step scores.
 *
 * A common value (a default birth date, the city everyone lives in) would pair every sample
 * row carrying it with thousands of records, so each rule first counts records per key among
 * the keys the sample actually has, and keys shared by more than `maxBlockSize` records are
 * not used by that rule. The counts stay in `blockKeysTable(i)` so the report can say how
 * many sample rows lost a rule to the cap.
 */
import type { SqlStep } from '../store/types.js';
import { fpColumn, lbColumn } from './schema.js';
import type { BlockingRule } from './settings.js';

/** Names of the tables the linkage reads and writes (all temp). */
export const T = {
  records: '__lv_r',
  blocked: '__lv_blocked',
  compared: '__lv_compared',
  randomPairs: '__lv_random_pairs',
  randomCompared: '__lv_random_compared',
  patterns: '__lv_patterns',
  predicted: '__lv_predicted',
  assigned: '__lv_assigned',
  links: '__lv_links',
} as const;

export const blockKeysTable = (i: number): string => `__lv_bk_${i}`;
const sampleKeysTable = (i: number): string => `__lv_bs_${i}`;
const recordKeysTable = (i: number): string => `__lv_br_${i}`;

/** Identifiers are ours (never from input), but still quoted the one way everything is. */
const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The union of the record feature tables as one view, with `tbl` the index of each table in
 * `tables`: a sample row may link to a customer or to an order.
 */
export function recordsUnionSql(tables: readonly string[], columns: readonly string[]): string {
  if (tables.length === 0) throw new RangeError('no record tables');
  const list = columns.map(q).join(', ');
  return tables.map((t, i) => `SELECT ${i}::SMALLINT AS tbl, ${list} FROM ${q(t)}`).join('\nUNION ALL\n');
}

interface KeyShape {
  /** Key expressions over entity alias `x` (and `m` for band rules), named k0, k1, ... */
  readonly exprs: (x: string) => string[];
  readonly from: (table: string, x: string) => string;
  readonly notNull: (x: string) => string;
}

function keyShape(rule: BlockingRule, index: number): KeyShape {
  if (rule.kind === 'exact') {
    return {
      exprs: (x) => rule.keys.map((f) => `${x}.${fpColumn(f)}`),
      from: (table, x) => `${q(table)} ${x}`,
      notNull: (x) => rule.keys.map((f) => `${x}.${fpColumn(f)} IS NOT NULL`).join(' AND '),
    };
  }
  const lb = lbColumn(rule.filter);
  const extra = rule.with ?? [];
  const mask = rule.bits >= 64 ? '18446744073709551615' : String(2n ** BigInt(rule.bits) - 1n);
  return {
    exprs: (x) => ['m.band', `(${x}.${lb} >> (m.band * ${rule.bits})) & ${mask}::UBIGINT`, ...extra.map((f) => `${x}.${fpColumn(f)}`)],
    from: (table, x) => `${q(table)} ${x} CROSS JOIN (SELECT range::INTEGER AS band FROM range(${rule.bands})) m`,
    notNull: (x) => [`${x}.${lb} IS NOT NULL`, ...extra.map((f) => `${x}.${fpColumn(f)} IS NOT NULL`)].join(' AND '),
  };
}

const named = (exprs: string[]): string => exprs.map((e, k) => `${e} AS k${k}`).join(', ');
const keyNames = (n: number): string => Array.from({ length: n }, (_, k) => `k${k}`).join(', ');
const keysEqual = (a: string, b: string, n: number): string =>
  Array.from({ length: n }, (_, k) => `${a}.k${k} = ${b}.k${k}`).join(' AND ');

export interface BlockingInput {
  readonly sample: string;
  readonly rules: readonly BlockingRule[];
  readonly maxBlockSize: number;
  /**
   * Band rules (fuzzy, costlier) run only for sample rows whose best exact-rule candidate
   * was found by fewer than this many exact rules: a row that meets its record on name,
   * birth date and postcode needs no LSH. 0 turns band rules off; Infinity runs them for all.
   */
  readonly bandsBelowRules: number;
}

/** Steps computing, for rule `i`, its sample keys, matching record keys and key counts. */
function ruleSteps(input: BlockingInput, rule: BlockingRule, i: number): SqlStep[] {
  const shape = keyShape(rule, i);
  const n = shape.exprs('x').length;
  const steps: SqlStep[] = [];
  const unblocked =
    rule.kind === 'bands' && Number.isFinite(input.bandsBelowRules)
      ? ` AND s.eid NOT IN (SELECT s_eid FROM __lv_exact_pairs WHERE bit_count(rules) >= ${Math.max(0, Math.floor(input.bandsBelowRules))})`
      : '';
  steps.push({
    outputTable: sampleKeysTable(i),
    sql: `SELECT s.eid AS s_eid, ${named(shape.exprs('s'))} FROM ${shape.from(input.sample, 's')} WHERE ${shape.notNull('s')}${unblocked}`,
    materialise: true,
  });
  // Only records whose key some sample row has: a semi-join probe instead of a full GROUP BY.
  steps.push({
    outputTable: recordKeysTable(i),
    sql: `SELECT * FROM (SELECT r.tbl, r.eid AS r_eid, ${named(shape.exprs('r'))} FROM ${shape.from(T.records, 'r')} WHERE ${shape.notNull('r')}) x
      SEMI JOIN (SELECT DISTINCT ${keyNames(n)} FROM ${q(sampleKeysTable(i))}) y ON ${keysEqual('x', 'y', n)}`,
    materialise: true,
  });
  steps.push({
    outputTable: blockKeysTable(i),
    sql: `SELECT ${keyNames(n)}, ns, nr FROM
      (SELECT ${keyNames(n)}, count(*) AS ns FROM ${q(sampleKeysTable(i))} GROUP BY ALL) a
      JOIN (SELECT ${keyNames(n)}, count(*) AS nr FROM ${q(recordKeysTable(i))} GROUP BY ALL) b USING (${keyNames(n)})`,
    materialise: true,
  });
  return steps;
}

function rulePairsSql(rule: BlockingRule, i: number, maxBlockSize: number): string {
  const n = keyShape(rule, i).exprs('x').length;
  return `SELECT s.s_eid, r.tbl, r.r_eid, ${i} AS rule
    FROM ${q(sampleKeysTable(i))} s
    JOIN ${q(blockKeysTable(i))} k ON ${keysEqual('s', 'k', n)} AND k.nr <= ${maxBlockSize}
    JOIN ${q(recordKeysTable(i))} r ON ${keysEqual('r', 'k', n)}`;
}

function unionPairsSql(parts: string[]): string {
  if (parts.length === 0) return `SELECT NULL::BIGINT AS s_eid, NULL::SMALLINT AS tbl, NULL::BIGINT AS r_eid, 0::UBIGINT AS rules WHERE false`;
  // `rules` is a bit mask of the rules that produced the pair, for the report.
  return `SELECT s_eid, tbl, r_eid, bit_or((1::UBIGINT) << rule) AS rules
    FROM (${parts.join('\nUNION ALL\n')}) GROUP BY s_eid, tbl, r_eid`;
}

/**
 * The blocking steps, ending in `T.blocked` (s_eid, tbl, r_eid, rules). Reads the sample
 * feature table `input.sample` and the records view `T.records`.
 */
export function blockingSteps(input: BlockingInput): SqlStep[] {
  if (input.rules.length > 64) throw new RangeError('at most 64 blocking rules');
  const active = input.rules.map((rule, index) => ({ rule, index }));
  const exact = active.filter(({ rule }) => rule.kind === 'exact');
  const bands = active.filter(({ rule }) => rule.kind === 'bands' && input.bandsBelowRules > 0);
  const steps: SqlStep[] = exact.flatMap(({ rule, index }) => ruleSteps(input, rule, index));
  const exactParts = exact.map(({ rule, index }) => rulePairsSql(rule, index, input.maxBlockSize));
  steps.push({ outputTable: '__lv_exact_pairs', sql: unionPairsSql(exactParts), materialise: true });
  steps.push(...bands.flatMap(({ rule, index }) => ruleSteps(input, rule, index)));
  const bandParts = bands.map(({ rule, index }) => rulePairsSql(rule, index, input.maxBlockSize));
  steps.push({
    outputTable: T.blocked,
    sql:
      bandParts.length === 0
        ? `SELECT * FROM __lv_exact_pairs`
        : `SELECT s_eid, tbl, r_eid, bit_or(rules) AS rules FROM (
            SELECT * FROM __lv_exact_pairs UNION ALL ${unionPairsSql(bandParts)}
          ) GROUP BY s_eid, tbl, r_eid`,
    materialise: true,
  });
  return steps;
}

/** Per rule: pairs it produced, keys and sample rows it skipped because of the cap. */
export function blockingReportSql(input: BlockingInput): string {
  const parts = input.rules.map((rule, index) => ({ rule, index })).map(
    ({ rule, index }) => `SELECT ${index} AS rule, '${rule.name.replaceAll("'", "''")}' AS name,
      coalesce(sum(ns * nr) FILTER (WHERE nr <= ${input.maxBlockSize}), 0)::BIGINT AS pairs,
      count(*) FILTER (WHERE nr > ${input.maxBlockSize})::BIGINT AS capped_keys,
      coalesce(sum(ns) FILTER (WHERE nr > ${input.maxBlockSize}), 0)::BIGINT AS capped_rows,
      coalesce(max(nr), 0)::BIGINT AS largest_block
      FROM ${q(blockKeysTable(index))}`,
  );
  return parts.length === 0 ? 'SELECT 0 AS rule WHERE false' : `${parts.join('\nUNION ALL\n')} ORDER BY rule`;
}
