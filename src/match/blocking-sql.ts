/**
 * Names and SQL pieces the blocking steps share (blocking.ts for exact keys,
 * blocking-bands.ts for Bloom-filter bands). Every rule `i` writes its sample keys, the
 * records sharing them and the block counts into tables named after `i`; key columns are
 * `k0`, `k1`, ...
 */
import { quoteIdent } from '../store/sql.js';
import type { SqlStep } from '../store/types.js';

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
export const sampleKeysTable = (i: number): string => `__lv_bs_${i}`;
export const recordKeysTable = (i: number): string => `__lv_br_${i}`;
/** Sample rows whose strong candidates are too few: only they get the fallback rules. */
export const WEAK_ROWS = '__lv_weak_rows';

/** Identifiers are ours (never from input), but still quoted the one way everything is. */
export const q = quoteIdent;

export const keyNames = (n: number): string => Array.from({ length: n }, (_, k) => `k${k}`).join(', ');
export const keysEqual = (a: string, b: string, n: number): string =>
  Array.from({ length: n }, (_, k) => `${a}.k${k} = ${b}.k${k}`).join(' AND ');

/** Per key of rule `i` (arity `n`): the sample rows (`ns`) and records (`nr`) that share it. */
export function blockCountsStep(i: number, n: number): SqlStep {
  return {
    outputTable: blockKeysTable(i),
    sql: `SELECT ${keyNames(n)}, ns, nr FROM
      (SELECT ${keyNames(n)}, count(*) AS ns FROM ${q(sampleKeysTable(i))} GROUP BY ALL) a
      JOIN (SELECT ${keyNames(n)}, count(*) AS nr FROM ${q(recordKeysTable(i))} GROUP BY ALL) b USING (${keyNames(n)})`,
    materialise: true,
  };
}
