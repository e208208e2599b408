/**
 * Prediction: the match weight and probability of every candidate pair, with the
 * term-frequency adjustment on exact agreements: the field's average u is replaced by the
 * agreeing value's own frequency, so a shared rare surname weighs more than a shared common
 * one (log2(u / freq) added to the weight).
 */
import { gammaColumn, tfColumn } from './comparison.js';
import { logit2, type ModelParams, num, probabilitySql, weightSumSql } from './model.js';
import type { Comparison } from './settings.js';

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

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
}

/** Candidate pairs with `match_weight` and `probability`, at or above the floor. */
export function predictSql(input: PredictInput): string {
  const { params, comparisons } = input;
  const weight = `${num(logit2(params.lambda))} + ${weightSumSql(comparisons, params)} + ${tfAdjustmentSql(comparisons, params)}`;
  return `SELECT *, ${probabilitySql('match_weight')} AS probability FROM (
    SELECT *, (${weight})::DOUBLE AS match_weight FROM ${q(input.compared)}
  ) WHERE match_weight >= ${num(logit2(input.floor))}`;
}
