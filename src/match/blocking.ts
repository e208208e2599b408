/**
 * Blocking: the candidate pairs worth comparing. Each rule pairs sample rows and records that
 * share a key (equal fingerprints here; an equal band of a Bloom filter in blocking-bands.ts);
 * the union of the rules, deduplicated, is what the comparison step scores.
 *
 * A common value (a default birth date, the city everyone lives in) would pair every sample
 * row carrying it with thousands of records, so each rule first counts records per key among
 * the keys the sample actually has, and keys shared by more than `maxBlockSize` records are
 * not used by that rule. The counts stay in `blockKeysTable(i)` so the report can say how
 * many sample rows lost a rule to the cap.
 */
import type { SqlStep } from '../store/types.js';
import { bandBlockCap, bandBudgetStep, bandFilterSteps, bandPairsSql } from './blocking-bands.js';
import {
  blockKeysTable,
  keyNames,
  keysEqual,
  q,
  recordKeySteps,
  recordKeysTable,
  sampleKeysTable,
  T,
  WEAK_ROWS,
} from './blocking-sql.js';
import { fpColumn } from './schema.js';
import type { BlockingRule, ExactRule } from './settings.js';

export { blockKeysTable, T } from './blocking-sql.js';

/**
 * The union of the record feature tables as one view, with `tbl` the index of each table in
 * `tables`: a sample row may link to a customer or to an order.
 */
export function recordsUnionSql(tables: readonly string[], columns: readonly string[]): string {
  if (tables.length === 0) throw new RangeError('no record tables');
  const list = columns.map(q).join(', ');
  return tables.map((t, i) => `SELECT ${i}::SMALLINT AS tbl, ${list} FROM ${q(t)}`).join('\nUNION ALL\n');
}

export interface BlockingInput {
  readonly sample: string;
  readonly rules: readonly BlockingRule[];
  readonly maxBlockSize: number;
  /**
   * The block cap of secondary rules (at most `maxBlockSize`; default: `maxBlockSize`): a
   * full name or a surname in a postcode shared by more records than this pairs a weak row
   * with namesakes only (settings.ts).
   */
  readonly secondaryBlockSize?: number;
  /**
   * Fallback rules (Bloom bands, and exact rules marked `fallback`) and secondary rules run
   * only for "weak" sample rows: rows whose best candidate from the other rules was found by
   * fewer than this many of them. A row that meets its record on email, name, birth date and
   * postcode needs no LSH. 0 turns fallback rules off and runs secondary rules for every row;
   * Infinity runs both for every row.
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

/** Most records one key of `rule` may pair with: a band rule's cap is its own (blocking-bands.ts). */
export function blockCap(input: BlockingInput, rule: BlockingRule): number {
  if (rule.kind === 'bands') return bandBlockCap(input.maxBlockSize);
  if (rule.secondary === true)
    return Math.min(input.secondaryBlockSize ?? input.maxBlockSize, input.maxBlockSize);
  return input.maxBlockSize;
}

/**
 * Rules run only for weak rows: fallback and secondary ones, unless `weakBelowRules` is 0
 * (no row is weak): then secondary rules run for every row and fallback rules not at all.
 */
const forWeakRows = (input: BlockingInput, rule: BlockingRule): boolean =>
  input.weakBelowRules > 0 && (isFallback(rule) || (rule.kind === 'exact' && rule.secondary === true));

const STRONG_PAIRS = '__lv_strong_pairs';
const FALLBACK_KEYS = '__lv_fallback_keys';
const FALLBACK_KEPT = '__lv_fallback_kept';

const keyExprs = (rule: ExactRule, x: string): string =>
  rule.keys.map((f, k) => `${x}.${fpColumn(f)} AS k${k}`).join(', ');
const keysPresent = (rule: ExactRule, x: string): string =>
  rule.keys.map((f) => `${x}.${fpColumn(f)} IS NOT NULL`).join(' AND ');

/** Steps computing, for exact rule `i`, its sample keys, matching record keys and key counts. */
function ruleSteps(input: BlockingInput, rule: ExactRule, i: number): SqlStep[] {
  const weak = forWeakRows(input, rule);
  const weakOnly = weak ? ` AND s.eid IN (SELECT s_eid FROM ${WEAK_ROWS})` : '';
  return [
    {
      outputTable: sampleKeysTable(i),
      sql: `SELECT s.eid AS s_eid, ${keyExprs(rule, 's')} FROM ${q(input.sample)} s WHERE ${keysPresent(rule, 's')}${weakOnly}`,
      // A projection of the sample is cheaper to re-read than to copy; weak rows are a filter worth keeping.
      materialise: weak,
    },
    // Only records whose key some sample row has: a semi-join probe instead of a full GROUP BY.
    ...recordKeySteps(
      i,
      rule.keys.length,
      `SELECT r.tbl, r.eid AS r_eid, ${keyExprs(rule, 'r')} FROM ${T.records} r WHERE ${keysPresent(rule, 'r')}`,
      weak ? blockCap(input, rule) : undefined,
    ),
  ];
}

function rulePairsSql(rule: BlockingRule, i: number, cap: number): string {
  if (rule.kind === 'bands') return bandPairsSql(i);
  const n = rule.keys.length;
  // Fallback keys go through the per-row budget; the others only through the block cap.
  const keep = isFallback(rule)
    ? `JOIN ${FALLBACK_KEPT} b ON b.s_eid = s.s_eid AND b.rule = ${i} AND b.kh = hash(${keyNames(n).replace(/k/g, 's.k')})`
    : `JOIN ${q(blockKeysTable(i))} k ON ${keysEqual('s', 'k', n)} AND k.nr <= ${cap}`;
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
function budgetSteps(input: BlockingInput, fallback: { rule: ExactRule; index: number }[]): SqlStep[] {
  const parts = fallback.map(({ rule, index }) => {
    const n = rule.keys.length;
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
  // Without weak rows fallback rules do not run, and secondary ones are strong.
  const strong = all.filter(({ rule }) => !isFallback(rule) && !forWeakRows(input, rule));
  const weak = all.filter(({ rule }) => forWeakRows(input, rule));
  // Band rules are fallback rules: the strong ones are exact.
  const steps: SqlStep[] = strong.flatMap(({ rule, index }) =>
    rule.kind === 'exact' ? ruleSteps(input, rule, index) : [],
  );
  const strongParts = strong.map(({ rule, index }) => rulePairsSql(rule, index, blockCap(input, rule)));
  steps.push({ outputTable: STRONG_PAIRS, sql: unionPairsSql(strongParts), materialise: true });
  if (weak.length === 0) {
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
  const exact = weak.flatMap(({ rule, index }) => (rule.kind === 'exact' ? [{ rule, index }] : []));
  const bands = weak.flatMap(({ rule, index }) => (rule.kind === 'bands' ? [{ rule, index }] : []));
  steps.push(
    ...exact.flatMap(({ rule, index }) => ruleSteps(input, rule, index)),
    ...bands.flatMap(({ rule, index }) => bandFilterSteps(input, rule, index)),
    ...budgetSteps(
      input,
      exact.filter(({ rule }) => isFallback(rule)),
    ),
    bandBudgetStep(
      input,
      bands.map(({ index }) => index),
    ),
  );
  const weakParts = weak.map(({ rule, index }) => rulePairsSql(rule, index, blockCap(input, rule)));
  // The weak rows' pairs join the strong ones (a hash table of the fewer, probed by the
  // more) instead of grouping all of them again.
  steps.push({
    outputTable: T.blocked,
    sql: `SELECT coalesce(st.s_eid, f.s_eid) AS s_eid, coalesce(st.tbl, f.tbl) AS tbl,
        coalesce(st.r_eid, f.r_eid) AS r_eid, coalesce(st.rules, 0::UBIGINT) | coalesce(f.rules, 0::UBIGINT) AS rules
      FROM ${STRONG_PAIRS} st FULL OUTER JOIN (${unionPairsSql(weakParts)}) f
        ON f.s_eid = st.s_eid AND f.tbl = st.tbl AND f.r_eid = st.r_eid`,
    materialise: true,
  });
  return steps;
}

/** Per rule: its block cap, the pairs its keys reach, and the keys and sample rows the cap skipped. */
export function blockingReportSql(input: BlockingInput): string {
  const parts = input.rules.map((rule, index) => {
    const cap = blockCap(input, rule);
    return `SELECT ${index} AS rule, '${rule.name.replaceAll("'", "''")}' AS name, ${cap} AS cap,
      coalesce(sum(ns * nr) FILTER (WHERE nr <= ${cap}), 0)::BIGINT AS pairs,
      count(*) FILTER (WHERE nr > ${cap})::BIGINT AS capped_keys,
      coalesce(sum(ns) FILTER (WHERE nr > ${cap}), 0)::BIGINT AS capped_rows,
      coalesce(max(nr), 0)::BIGINT AS largest_block
      FROM ${q(blockKeysTable(index))}`;
  });
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
