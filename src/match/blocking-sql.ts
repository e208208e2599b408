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
  /** The candidate pairs and the random pairs together, each flagged `random`. */
  allPairs: '__lv_all_pairs',
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

/**
 * Per key of rule `i` (arity `n`): the sample rows (`ns`) and records (`nr`) that share it,
 * the records counted from `records` (rows with columns k0.. naming their key).
 */
function blockCountsSql(i: number, n: number, records: string): string {
  return `SELECT ${keyNames(n)}, ns, nr FROM
      (SELECT ${keyNames(n)}, count(*) AS ns FROM ${q(sampleKeysTable(i))} GROUP BY ALL) a
      JOIN (SELECT ${keyNames(n)}, count(*) AS nr FROM (${records}) GROUP BY ALL) b USING (${keyNames(n)})`;
}

/**
 * The steps writing rule `i`'s records and block counts, after its sample keys: `records` is
 * a query for every record that has the rule's key (`tbl`, `r_eid`, whatever else the pairs
 * need, and the key as k0..). Without `cap`, the records sharing a sample key are kept and
 * counted. With it (rules run for weak rows, whose keys are unselective), the counts come
 * first, straight from the records, and only the records of keys within `cap` are kept: at
 * 10M records a band rule's keys reached 8-10M of them, nearly all in blocks over the cap,
 * and writing them out only for the counts was most of its cost.
 */
export function recordKeySteps(i: number, n: number, records: string, cap?: number): SqlStep[] {
  const sharing = (keys: string): string =>
    `SELECT * FROM (${records}) x SEMI JOIN (${keys}) y ON ${keysEqual('x', 'y', n)}`;
  const sampleKeys = `SELECT DISTINCT ${keyNames(n)} FROM ${q(sampleKeysTable(i))}`;
  const kept = { outputTable: recordKeysTable(i), materialise: true };
  const counts = (from: string): SqlStep => ({
    outputTable: blockKeysTable(i),
    sql: blockCountsSql(i, n, from),
    materialise: true,
  });
  if (cap === undefined)
    return [{ ...kept, sql: sharing(sampleKeys) }, counts(`SELECT * FROM ${q(recordKeysTable(i))}`)];
  return [
    counts(sharing(sampleKeys)),
    {
      ...kept,
      sql: sharing(`SELECT ${keyNames(n)} FROM ${q(blockKeysTable(i))} WHERE nr <= ${Math.floor(cap)}`),
    },
  ];
}
