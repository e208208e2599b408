/**
 * Prediction: the match weight and probability of every candidate pair, with the
 * term-frequency adjustment on exact agreements: the field's average u is replaced by the
 * agreeing value's own frequency, so a shared rare surname weighs more than a shared common
 * one (log2(u / freq) added to the weight).
 */
import { quoteIdent as q } from '../store/sql.js';
import { gammaColumn, tfColumn } from './comparison.js';
import type { Comparison } from './comparison-levels.js';
import { logit2, type ModelParams, num, probabilitySql, weightSumSql } from './model.js';

/**
 * Σ of term-frequency adjustments, as SQL on a compared-pairs table with tf_* columns: on the
 * best level, log2(average agreement chance / this value's frequency).
 */
export function tfAdjustmentSql(comparisons: readonly Comparison[], params: ModelParams): string {
  const terms = comparisons.flatMap((c, i) => {
    if (c.tf === undefined) return [];
    const p = params.comparisons[i]!;
    const best = p.levels[p.levels.length - 1]!;
    const u = p.tfU ?? best.u;
    // A value seen once among ten million records must not outweigh everything else: the
    // frequency is floored at a hundredth of the average.
    return [
      `(CASE WHEN ${gammaColumn(c)} = ${best.gamma} AND ${tfColumn(c)} IS NOT NULL
        THEN log2(${num(u)} / greatest(${tfColumn(c)}, ${num(u / 100)})) ELSE 0 END)`,
    ];
  });
  return terms.length === 0 ? '0' : terms.join(' + ');
}

export interface PredictInput {
  readonly compared: string;
  readonly comparisons: readonly Comparison[];
  readonly params: ModelParams;
  /** Pairs below this probability are dropped (they can never become links). */
  readonly floor: number;
  /**
   * The share of sample rows that have a match in a given record table (from EM), for the
   * row-level probability; undefined for plain pairwise probabilities.
   */
  readonly rowMatchShare?: number;
  /**
   * A pair agreeing exactly on one of these SQL conditions (a shared email or phone) is a
   * link at this probability at least, whatever else disagrees: the identifier itself is
   * our customer's, even in a row fabricated around it.
   */
  readonly identifier?: { readonly when: string; readonly probability: number };
}

/**
 * Candidate pairs with `match_weight` (log2 odds of the pair alone) and `probability`, at or
 * above the floor.
 *
 * With `rowMatchShare` = ρ, the probability is that of the row's match being this record,
 * knowing that a row has at most one match per table: 2^w_j / ((1 − ρ) + Σ_k 2^w_k) over the
 * row's candidates k in that table (records outside the candidates add almost nothing).
 * For a row whose only plausible candidate is weak, in a sample where most rows have a
 * match, this is higher than the pairwise probability; for a sample of fabricated rows
 * (ρ ≈ 0) it is the same. Weights are clamped to ±1000, so 2^w and a row's sum stay within
 * a double's range (2^1000 ≈ 1e301; a row has a few hundred candidates at most) with full
 * relative precision: no largest weight needs factoring out.
 *
 * The weights are computed on the pairs' ids alone, the row sums are one GROUP BY, and only
 * the pairs above the floor are joined back to their comparison levels: window functions
 * over the whole compared table took 12-15 s for 10.5M pairs, this 2-3 s.
 */
export function predictSql(input: PredictInput): string {
  const { params, comparisons } = input;
  const weight = `${num(logit2(params.lambda))} + ${weightSumSql(comparisons, params)} + ${tfAdjustmentSql(comparisons, params)}`;
  const identified = input.identifier ? `(${input.identifier.when})` : 'false';
  const weighted = `SELECT s_eid, tbl, r_eid, greatest(least((${weight})::DOUBLE, 1000.0), -1000.0) AS match_weight,
    ${identified} AS identified FROM ${q(input.compared)}`;
  let scored: string;
  if (input.rowMatchShare === undefined) {
    scored = `SELECT *, ${probabilitySql('match_weight')} AS probability FROM w`;
  } else {
    const rho = Math.min(Math.max(input.rowMatchShare, 0), 0.999);
    scored = `SELECT w.*, pow(2.0, match_weight) / (${num(1 - rho)} + mass) AS probability
  FROM w JOIN (SELECT s_eid, tbl, sum(pow(2.0, match_weight)) AS mass FROM w GROUP BY s_eid, tbl) rows
    ON rows.s_eid = w.s_eid AND rows.tbl = w.tbl`;
  }
  const probability = input.identifier
    ? `CASE WHEN identified THEN greatest(probability, ${num(input.identifier.probability)}) ELSE probability END`
    : 'probability';
  return `WITH w AS MATERIALIZED (${weighted}),
kept AS (SELECT s_eid, tbl, r_eid, match_weight, ${probability} AS probability FROM (${scored})
  WHERE probability >= ${num(input.floor)}${input.identifier ? ` OR (identified AND ${num(input.identifier.probability)} >= ${num(input.floor)})` : ''})
SELECT c.*, kept.match_weight, kept.probability FROM ${q(input.compared)} c
JOIN kept ON kept.s_eid = c.s_eid AND kept.tbl = c.tbl AND kept.r_eid = c.r_eid`;
}
