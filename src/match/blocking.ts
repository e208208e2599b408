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
import type { BandRule, BlockingRule } from './settings.js';

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
  readonly from: (table: string, x: string, semi?: string) => string;
  readonly notNull: (x: string) => string;
}

function keyShape(rule: BlockingRule): KeyShape {
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
    exprs: (x) => [
      'm.band',
      `(${x}.${lb} >> (m.band * ${rule.bits})) & ${mask}::UBIGINT`,
      ...extra.map((f) => `${x}.${fpColumn(f)}`),
    ],
    // Records are first cut down to those sharing the exact part of the key with some
    // sample row: the band expansion (× bands rows) is the costly part at scale.
    from: (table, x, semi) =>
      `(SELECT * FROM ${q(table)} ${x}${semi ?? ''}) ${x} CROSS JOIN (SELECT range::INTEGER AS band FROM range(${rule.bands})) m`,
    notNull: (x) =>
      [`${x}.${lb} IS NOT NULL`, ...extra.map((f) => `${x}.${fpColumn(f)} IS NOT NULL`)].join(' AND '),
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
   * Fallback rules (Bloom bands, and exact rules marked `fallback`) run only for "weak"
   * sample rows: rows whose best candidate from the other rules was found by fewer than
   * this many of them. A row that meets its record on email, name, birth date and postcode
   * needs no LSH. 0 turns fallback rules off; Infinity runs them for every row.
   */
  readonly weakBelowRules: number;
  /**
   * Per weak row, fallback keys are kept most selective first while the records they
   * reach add up to at most this many, so a fabricated million-row sample (all weak)
   * cannot turn LSH into billions of pairs.
   */
  readonly fallbackBudget: number;
}

export const isFallback = (rule: BlockingRule): boolean => rule.kind === 'bands' || rule.fallback === true;

/**
 * A band rule with exact keys is run as "join on the exact keys, keep pairs that agree on a
 * band": no expansion of every record into one row per band, which at 10M records was the
 * costliest step of linkage. Its block is the exact key's: records sharing the postcode, say.
 */
const filtersBands = (rule: BlockingRule): rule is BandRule =>
  rule.kind === 'bands' && (rule.with?.length ?? 0) > 0;

/** Records sharing the exact part of a band rule's key beyond this many are not paired on it. */
export const BAND_BLOCK_FACTOR = 10;

const bandPairsTable = (i: number): string => `__lv_bp_${i}`;
const BAND_KEPT = '__lv_band_kept';

const STRONG_PAIRS = '__lv_strong_pairs';
const WEAK_ROWS = '__lv_weak_rows';
const FALLBACK_KEYS = '__lv_fallback_keys';
const FALLBACK_KEPT = '__lv_fallback_kept';

/** Per key of rule `i` (arity `n`): the sample rows (`ns`) and records (`nr`) that share it. */
function blockCountsStep(i: number, n: number): SqlStep {
  return {
    outputTable: blockKeysTable(i),
    sql: `SELECT ${keyNames(n)}, ns, nr FROM
      (SELECT ${keyNames(n)}, count(*) AS ns FROM ${q(sampleKeysTable(i))} GROUP BY ALL) a
      JOIN (SELECT ${keyNames(n)}, count(*) AS nr FROM ${q(recordKeysTable(i))} GROUP BY ALL) b USING (${keyNames(n)})`,
    materialise: true,
  };
}

/** Steps computing, for rule `i`, its sample keys, matching record keys and key counts. */
function ruleSteps(input: BlockingInput, rule: BlockingRule, i: number): SqlStep[] {
  const shape = keyShape(rule);
  const n = shape.exprs('x').length;
  const weakOnly = isFallback(rule) ? ` AND s.eid IN (SELECT s_eid FROM ${WEAK_ROWS})` : '';
  return [
    {
      outputTable: sampleKeysTable(i),
      sql: `SELECT s.eid AS s_eid, ${named(shape.exprs('s'))} FROM ${shape.from(input.sample, 's')} WHERE ${shape.notNull('s')}${weakOnly}`,
      // A projection of the sample is cheaper to re-read than to copy; band keys are not.
      materialise: isFallback(rule),
    },
    // Only records whose key some sample row has: a semi-join probe instead of a full GROUP BY.
    {
      outputTable: recordKeysTable(i),
      sql: `SELECT * FROM (SELECT r.tbl, r.eid AS r_eid, ${named(shape.exprs('r'))}
        FROM ${shape.from(T.records, 'r', withKeysOf(rule, i, 'r'))} WHERE ${shape.notNull('r')}) x
      SEMI JOIN (SELECT DISTINCT ${keyNames(n)} FROM ${q(sampleKeysTable(i))}) y ON ${keysEqual('x', 'y', n)}`,
      materialise: true,
    },
    blockCountsStep(i, n),
  ];
}

/**
 * Steps of a band rule with exact keys (`filtersBands`), for the weak sample rows: keys,
 * records sharing them, block counts, and the pairs that agree on at least one band of the
 * filter, kept for a row only when they are at most `fallbackBudget` (an unselective rule
 * for that row adds noise, not its record).
 */
function bandFilterSteps(input: BlockingInput, rule: BandRule, i: number): SqlStep[] {
  const keys = (rule.with ?? []).map(fpColumn);
  const lb = lbColumn(rule.filter);
  const n = keys.length;
  const exprs = (x: string): string => keys.map((c, k) => `${x}.${c} AS k${k}`).join(', ');
  const notNull = (x: string): string => [lb, ...keys].map((c) => `${x}.${c} IS NOT NULL`).join(' AND ');
  const cap = input.maxBlockSize * BAND_BLOCK_FACTOR;
  const mask = String(2n ** BigInt(rule.bits) - 1n);
  const agree = Array.from(
    { length: rule.bands },
    (_, b) => `((xor(s.lb, r.lb) >> ${b * rule.bits}) & ${mask}::UBIGINT) = 0`,
  ).join(' OR ');
  return [
    {
      outputTable: sampleKeysTable(i),
      sql: `SELECT s.eid AS s_eid, s.${lb} AS lb, ${exprs('s')} FROM ${q(input.sample)} s
        WHERE ${notNull('s')} AND s.eid IN (SELECT s_eid FROM ${WEAK_ROWS})`,
      materialise: true,
    },
    {
      outputTable: recordKeysTable(i),
      sql: `SELECT * FROM (SELECT r.tbl, r.eid AS r_eid, r.${lb} AS lb, ${exprs('r')} FROM ${T.records} r WHERE ${notNull('r')}) x
        SEMI JOIN (SELECT DISTINCT ${keyNames(n)} FROM ${q(sampleKeysTable(i))}) y ON ${keysEqual('x', 'y', n)}`,
      materialise: true,
    },
    blockCountsStep(i, n),
    {
      outputTable: bandPairsTable(i),
      sql: `SELECT s_eid, tbl, r_eid FROM (
          SELECT s.s_eid, r.tbl, r.r_eid, count(*) OVER (PARTITION BY s.s_eid) AS per_row
          FROM ${q(sampleKeysTable(i))} s
          JOIN ${q(blockKeysTable(i))} k ON ${keysEqual('s', 'k', n)} AND k.nr <= ${cap}
          JOIN ${q(recordKeysTable(i))} r ON ${keysEqual('r', 's', n)}
          WHERE ${agree}
        ) WHERE per_row <= ${Math.max(0, Math.floor(input.fallbackBudget))}`,
      materialise: true,
    },
  ];
}

/**
 * One budget across the band rules of a weak row: rules are kept most selective first (fewest
 * candidates for that row) while their candidates add up to at most `fallbackBudget`, so a
 * non-customer (every row of a fabricated sample is weak) costs at most that many pairs.
 */
function bandBudgetStep(input: BlockingInput, rules: { rule: BlockingRule; index: number }[]): SqlStep {
  const counts = rules.map(
    ({ index }) =>
      `SELECT s_eid, ${index} AS rule, count(*) AS n FROM ${q(bandPairsTable(index))} GROUP BY s_eid`,
  );
  return {
    outputTable: BAND_KEPT,
    sql:
      counts.length === 0
        ? 'SELECT NULL::BIGINT AS s_eid, 0 AS rule WHERE false'
        : `SELECT s_eid, rule FROM (${counts.join('\nUNION ALL\n')})
          QUALIFY sum(n) OVER (PARTITION BY s_eid ORDER BY n, rule ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            <= ${Math.max(0, Math.floor(input.fallbackBudget))}`,
    materialise: true,
  };
}

/** For a band rule with exact keys: a semi-join of records on those keys of the sample rows. */
function withKeysOf(rule: BlockingRule, i: number, x: string): string | undefined {
  if (rule.kind !== 'bands' || !rule.with || rule.with.length === 0) return undefined;
  const cols = rule.with.map(fpColumn);
  const offset = 2; // k0 is the band, k1 its bits; the exact keys follow.
  const on = cols.map((c, j) => `${x}.${c} = w.k${j + offset}`).join(' AND ');
  const list = cols.map((_, j) => `k${j + offset}`).join(', ');
  return ` SEMI JOIN (SELECT DISTINCT ${list} FROM ${q(sampleKeysTable(i))}) w ON ${on}`;
}

const arity = (rule: BlockingRule): number => keyShape(rule).exprs('x').length;

function rulePairsSql(rule: BlockingRule, i: number, maxBlockSize: number): string {
  if (filtersBands(rule))
    return `SELECT b.s_eid, b.tbl, b.r_eid, ${i} AS rule FROM ${q(bandPairsTable(i))} b
      SEMI JOIN ${BAND_KEPT} k ON k.s_eid = b.s_eid AND k.rule = ${i}`;
  const n = arity(rule);
  // Fallback keys go through the per-row budget; the others only through the block cap.
  const keep = isFallback(rule)
    ? `JOIN ${FALLBACK_KEPT} b ON b.s_eid = s.s_eid AND b.rule = ${i} AND b.kh = hash(${keyNames(n).replace(/k/g, 's.k')})`
    : `JOIN ${q(blockKeysTable(i))} k ON ${keysEqual('s', 'k', n)} AND k.nr <= ${maxBlockSize}`;
  return `SELECT s.s_eid, r.tbl, r.r_eid, ${i} AS rule
    FROM ${q(sampleKeysTable(i))} s ${keep}
    JOIN ${q(recordKeysTable(i))} r ON ${keysEqual('r', 's', n)}`;
}

function unionPairsSql(parts: string[]): string {
  if (parts.length === 0)
    return `SELECT NULL::BIGINT AS s_eid, NULL::SMALLINT AS tbl, NULL::BIGINT AS r_eid, 0::UBIGINT AS rules WHERE false`;
  // `rules` is a bit mask of the rules that produced the pair, for the report.
  return `SELECT s_eid, tbl, r_eid, bit_or((1::UBIGINT) << rule) AS rules
    FROM (${parts.join('\nUNION ALL\n')}) GROUP BY s_eid, tbl, r_eid`;
}

/** Fallback keys of weak rows with their block sizes, and those within each row's budget. */
function budgetSteps(input: BlockingInput, fallback: { rule: BlockingRule; index: number }[]): SqlStep[] {
  const parts = fallback.map(({ rule, index }) => {
    const n = arity(rule);
    return `SELECT s.s_eid, ${index} AS rule, hash(${keyNames(n).replace(/k/g, 's.k')}) AS kh, k.nr
      FROM ${q(sampleKeysTable(index))} s JOIN ${q(blockKeysTable(index))} k ON ${keysEqual('s', 'k', n)}
      WHERE k.nr <= ${input.maxBlockSize}`;
  });
  const keys =
    parts.length === 0
      ? 'SELECT NULL::BIGINT AS s_eid, 0 AS rule, 0::UBIGINT AS kh, 0::BIGINT AS nr WHERE false'
      : parts.join('\nUNION ALL\n');
  return [
    { outputTable: FALLBACK_KEYS, sql: keys, materialise: true },
    {
      outputTable: FALLBACK_KEPT,
      // A key is kept when its records fit in the budget with those of the more selective
      // keys before it: a birth date shared by hundreds of records at scale is never kept.
      sql: `SELECT s_eid, rule, kh FROM ${FALLBACK_KEYS}
        QUALIFY sum(nr) OVER (PARTITION BY s_eid ORDER BY nr, rule, kh ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
          <= ${Math.max(0, Math.floor(input.fallbackBudget))}`,
      materialise: true,
    },
  ];
}

/**
 * The blocking steps, ending in `T.blocked` (s_eid, tbl, r_eid, rules). Reads the sample
 * feature table `input.sample` and the records view `T.records`.
 */
export function blockingSteps(input: BlockingInput): SqlStep[] {
  if (input.rules.length > 64) throw new RangeError('at most 64 blocking rules');
  const all = input.rules.map((rule, index) => ({ rule, index }));
  const strong = all.filter(({ rule }) => !isFallback(rule));
  const fallback = input.weakBelowRules > 0 ? all.filter(({ rule }) => isFallback(rule)) : [];
  const steps: SqlStep[] = strong.flatMap(({ rule, index }) => ruleSteps(input, rule, index));
  const strongParts = strong.map(({ rule, index }) => rulePairsSql(rule, index, input.maxBlockSize));
  steps.push({ outputTable: STRONG_PAIRS, sql: unionPairsSql(strongParts), materialise: true });
  if (fallback.length === 0) {
    steps.push({ outputTable: T.blocked, sql: `SELECT * FROM ${STRONG_PAIRS}`, materialise: true });
    return steps;
  }
  const threshold = Number.isFinite(input.weakBelowRules)
    ? Math.floor(input.weakBelowRules)
    : Number.MAX_SAFE_INTEGER;
  steps.push({
    outputTable: WEAK_ROWS,
    sql: `SELECT eid AS s_eid FROM ${q(input.sample)} WHERE eid NOT IN
      (SELECT s_eid FROM ${STRONG_PAIRS} WHERE bit_count(rules) >= ${threshold})`,
    materialise: true,
  });
  steps.push(
    ...fallback.flatMap(({ rule, index }) =>
      filtersBands(rule) ? bandFilterSteps(input, rule, index) : ruleSteps(input, rule, index),
    ),
  );
  steps.push(
    ...budgetSteps(
      input,
      fallback.filter(({ rule }) => !filtersBands(rule)),
    ),
    bandBudgetStep(
      input,
      fallback.filter(({ rule }) => filtersBands(rule)),
    ),
  );
  const fallbackParts = fallback.map(({ rule, index }) => rulePairsSql(rule, index, input.maxBlockSize));
  steps.push({
    outputTable: T.blocked,
    sql: `SELECT s_eid, tbl, r_eid, bit_or(rules) AS rules FROM (
        SELECT * FROM ${STRONG_PAIRS} UNION ALL ${unionPairsSql(fallbackParts)}
      ) GROUP BY s_eid, tbl, r_eid`,
    materialise: true,
  });
  return steps;
}

/** Per rule: pairs its keys reach, keys and sample rows it skipped because of the cap. */
export function blockingReportSql(input: BlockingInput): string {
  const parts = input.rules.map(
    (rule, index) => `SELECT ${index} AS rule, '${rule.name.replaceAll("'", "''")}' AS name,
      coalesce(sum(ns * nr) FILTER (WHERE nr <= ${input.maxBlockSize}), 0)::BIGINT AS pairs,
      count(*) FILTER (WHERE nr > ${input.maxBlockSize})::BIGINT AS capped_keys,
      coalesce(sum(ns) FILTER (WHERE nr > ${input.maxBlockSize}), 0)::BIGINT AS capped_rows,
      coalesce(max(nr), 0)::BIGINT AS largest_block
      FROM ${q(blockKeysTable(index))}`,
  );
  const ran = input.rules
    .map((_, i) => i)
    .filter((i) => !isFallback(input.rules[i]!) || input.weakBelowRules > 0);
  const kept = parts.filter((_, i) => ran.includes(i));
  return kept.length === 0 ? 'SELECT 0 AS rule WHERE false' : `${kept.join('\nUNION ALL\n')} ORDER BY rule`;
}

/** Weak rows, and how many fallback keys the per-row budget dropped (and for how many rows). */
export function fallbackReportSql(): string {
  return `SELECT (SELECT count(*) FROM ${WEAK_ROWS}) AS weak_rows,
    (SELECT count(*) FROM ${FALLBACK_KEYS}) AS keys,
    (SELECT count(*) FROM ${FALLBACK_KEPT}) AS kept_keys,
    (SELECT count(DISTINCT s_eid) FROM ${FALLBACK_KEYS} ANTI JOIN ${FALLBACK_KEPT} USING (s_eid, rule, kh)) AS trimmed_rows`;
}
