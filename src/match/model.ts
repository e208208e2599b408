/**
 * The Fellegi–Sunter model: per comparison level, m = P(level | match) and u = P(level |
 * non-match), and λ, the chance that a random (sample row, record) pair is a match. The
 * match weight of a pair is log2(λ/(1-λ)) + Σ log2(m/u) over its comparisons (0 for a
 * missing field); SQL for it is shared by EM (em.ts) and prediction (predict.ts).
 */
import { gammaColumn } from './comparison.js';
import type { Comparison } from './comparison-levels.js';

export interface LevelParams {
  readonly label: string;
  /** The level's value in `g_<comparison>`: 0 is far, higher is closer. */
  readonly gamma: number;
  readonly m: number;
  readonly u: number;
}

export interface ComparisonParams {
  readonly name: string;
  /** Far first, best last (index = gamma). */
  readonly levels: readonly LevelParams[];
  /** Chance that a random pair agrees on the comparison's `tf` fingerprint (tf.ts). */
  readonly tfU?: number;
}

export interface ModelParams {
  /** Prior probability that a random (sample row, record) pair is a match. */
  readonly lambda: number;
  readonly comparisons: readonly ComparisonParams[];
}

export const levelLabels = (c: Comparison): string[] => ['far', ...c.levels.map((l) => l.label).reverse()];

/** A finite SQL literal for a double (NaN and infinities never reach SQL text). */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return x.toPrecision(17);
}

export function bayesFactorLog2(level: LevelParams): number {
  return Math.log2(level.m / level.u);
}

/**
 * Σ log2(m/u) over comparisons, as SQL on the g_* columns of a compared-pairs table. Each
 * term picks its level's factor from a constant list by the level (missing, -1, is 0): on
 * 10.5M pairs 1.0 s against 3.7 s for a CASE per comparison, whose constants DuckDB adds
 * as DECIMALs.
 */
export function weightSumSql(comparisons: readonly Comparison[], params: ModelParams): string {
  const terms = comparisons.map((c, i) => {
    const levels = params.comparisons[i]!.levels;
    const factors = Array.from({ length: Math.max(-1, ...levels.map((l) => l.gamma)) + 2 }, () => '0');
    for (const l of levels) factors[l.gamma + 1] = num(bayesFactorLog2(l));
    return `coalesce(list_extract([${factors.join(', ')}]::DOUBLE[], ${gammaColumn(c)} + 2), 0)`;
  });
  return terms.length === 0 ? '0' : terms.join(' + ');
}

export const logit2 = (p: number): number => Math.log2(p / (1 - p));

/** Probability from a log2 odds SQL expression, clamped so that pow never overflows. */
export function probabilitySql(weightExpr: string): string {
  return `(1.0 / (1.0 + pow(2.0, -greatest(least(${weightExpr}, 1000.0), -1000.0))))`;
}

/** Starting m (and the prior EM shrinks towards): most matches agree exactly. */
export function defaultM(levels: number): number[] {
  // levels counts far too: [far, ..., best].
  if (levels <= 1) return [1];
  const best = 0.8;
  const far = 0.05;
  const between = levels > 2 ? (1 - best - far) / (levels - 2) : 0;
  return Array.from({ length: levels }, (_, g) =>
    g === 0 ? (levels > 2 ? far : 1 - best) : g === levels - 1 ? best : between,
  );
}
