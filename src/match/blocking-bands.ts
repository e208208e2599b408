/**
 * Blocking on Bloom-filter bands (LSH for Hamming distance), for the weak sample rows only:
 * a band rule joins sample rows and records on its exact keys (a postcode, a surname) and
 * keeps the pairs whose filters agree on at least one band of bits. Joining first and
 * filtering after costs one integer test per pair, where expanding every record into one
 * row per band was, at 10M records, the costliest step of linkage.
 */
import type { SqlStep } from '../store/types.js';
import {
  blockKeysTable,
  keysEqual,
  q,
  recordKeySteps,
  recordKeysTable,
  sampleKeysTable,
  T,
  WEAK_ROWS,
} from './blocking-sql.js';
import { fpColumn, lbColumn } from './schema.js';
import type { BandRule } from './settings.js';

/** Records sharing the exact part of a band rule's key beyond this many are not paired on it. */
export const BAND_BLOCK_FACTOR = 10;

/** The block cap of band rules: their exact keys are coarser (a postcode), the band filters after. */
export const bandBlockCap = (maxBlockSize: number): number => maxBlockSize * BAND_BLOCK_FACTOR;

export interface BandInput {
  readonly sample: string;
  readonly maxBlockSize: number;
  readonly fallbackBudget: number;
}

const bandPairsTable = (i: number): string => `__lv_bp_${i}`;
const BAND_KEPT = '__lv_band_kept';

/**
 * Steps of a band rule, for the weak sample rows: keys,
 * records sharing them, block counts, and the pairs that agree on at least one band of the
 * filter, kept for a row only when they are at most `fallbackBudget` (an unselective rule
 * for that row adds noise, not its record).
 */
export function bandFilterSteps(input: BandInput, rule: BandRule, i: number): SqlStep[] {
  const keys = rule.with.map(fpColumn);
  const lb = lbColumn(rule.filter);
  const n = keys.length;
  const exprs = (x: string): string => keys.map((c, k) => `${x}.${c} AS k${k}`).join(', ');
  const notNull = (x: string): string => [lb, ...keys].map((c) => `${x}.${c} IS NOT NULL`).join(' AND ');
  const cap = bandBlockCap(input.maxBlockSize);
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
    ...recordKeySteps(
      i,
      n,
      `SELECT r.tbl, r.eid AS r_eid, r.${lb} AS lb, ${exprs('r')} FROM ${T.records} r WHERE ${notNull('r')}`,
      cap,
    ),
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
export function bandBudgetStep(input: BandInput, indexes: readonly number[]): SqlStep {
  const counts = indexes.map(
    (index) =>
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

/** The candidate pairs of band rule `i` that its weak rows' budget kept. */
export function bandPairsSql(i: number): string {
  return `SELECT b.s_eid, b.tbl, b.r_eid, ${i} AS rule FROM ${q(bandPairsTable(i))} b
      SEMI JOIN ${BAND_KEPT} k ON k.s_eid = b.s_eid AND k.rule = ${i}`;
}
