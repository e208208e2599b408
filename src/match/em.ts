/**
 * Estimating the model without labels.
 *
 * u: from random (sample row, record) pairs, which are almost all non-matches; for exact
 * levels, exactly from value frequencies (tf.ts), since random pairs never agree on an email.
 *
 * m and λ: expectation–maximisation over the candidate pairs, compressed to their distinct
 * comparison patterns (a few thousand rows, however many pairs). Pairs outside the candidate
 * set are taken as non-matches, so λ is a prior over all Ns·Nr pairs and the E-step is the
 * same posterior predict.ts uses. u stays fixed, as in Splink. The M-step adds a weak
 * Dirichlet prior towards defaultM(): when a sample holds almost no true matches (a
 * fabricated one), m stays near the prior instead of fitting a handful of chance agreements.
 */
import { quoteIdent as q } from '../store/sql.js';
import type { SqlExecutor } from '../store/types.js';
import { gammaColumn } from './comparison.js';
import { type Comparison, comparisonPrimitives, rulePrimitives } from './comparison-levels.js';
import {
  type ComparisonParams,
  defaultM,
  levelLabels,
  type ModelParams,
  num,
  probabilitySql,
  weightSumSql,
} from './model.js';
import type { BlockingRule } from './settings.js';

/**
 * Random pairs: a random subset of sample rows crossed with one of records, about `pairs`
 * pairs in all. Every pair of the cross product is a uniformly random pair. Each subset is
 * the rows with the smallest seeded hashes of their ids: the same whatever order the rows
 * lie in, so two indexes of the same file (whose parallel loads append chunks in different
 * orders) give the same u-probabilities, which a reservoir sample did not.
 */
export function randomPairsSql(
  sample: string,
  records: string,
  pairs: number,
  sampleRows: number,
  seed: number,
): string {
  const ks = Math.max(1, Math.min(sampleRows, Math.ceil(Math.sqrt(pairs))));
  const kr = Math.max(1, Math.ceil(pairs / ks));
  const salt = `hash(${Math.trunc(seed)}::BIGINT)`;
  return `SELECT s.eid AS s_eid, r.tbl, r.eid AS r_eid
    FROM (SELECT eid FROM ${q(sample)} ORDER BY xor(hash(eid), ${salt}), eid LIMIT ${ks}) s
    CROSS JOIN (SELECT tbl, eid FROM ${q(records)}
      ORDER BY xor(xor(hash(eid), hash(tbl)), ${salt}), tbl, eid LIMIT ${kr}) r`;
}

/**
 * Counts per comparison level (and of pairs where the field is present) in one row, from a
 * table or, with `weight`, sums of that column.
 */
export function levelCountsSql(
  table: string,
  comparisons: readonly Comparison[],
  weight = '1',
  from = q(table),
): string {
  const cols = comparisons.flatMap((c, i) => {
    const g = gammaColumn(c);
    const levels = levelLabels(c).map(
      (_, l) => `coalesce(sum(${weight}) FILTER (WHERE ${g} = ${l}), 0)::DOUBLE AS c${i}_${l}`,
    );
    return [...levels, `coalesce(sum(${weight}) FILTER (WHERE ${g} >= 0), 0)::DOUBLE AS c${i}_n`];
  });
  return `SELECT coalesce(sum(${weight}), 0)::DOUBLE AS total, ${cols.join(', ')} FROM ${from}`;
}

/**
 * For each comparison, the bit mask of the blocking rules that select on a field it reads.
 * @example touchingRules(rules, comparisons)[i] & (1n << 3n) — rule 3 selects on comparison i's field
 */
export function touchingRules(rules: readonly BlockingRule[], comparisons: readonly Comparison[]): bigint[] {
  const selected = rules.map((r) => new Set(rulePrimitives(r)));
  return comparisons.map((c) => {
    const reads = comparisonPrimitives(c);
    return selected.reduce(
      (mask, set, i) => (reads.some((p) => set.has(p)) ? mask | (1n << BigInt(i)) : mask),
      0n,
    );
  });
}

const ALL_RULES = (1n << 64n) - 1n;

/**
 * The distinct comparison patterns of the candidate pairs, with their counts, for training.
 * A pair that only rules selecting on a comparison's field found agrees on that field by
 * construction (blocking on postcode yields pairs with equal postcodes), so for training that
 * comparison counts as missing on that pair; otherwise EM mistakes "same postcode" for
 * "same person" (Splink likewise leaves blocked columns out when it trains).
 */
export function patternsSql(
  compared: string,
  comparisons: readonly Comparison[],
  touching?: readonly bigint[],
): string {
  const gs = comparisons.map((c, i) => {
    const mask = touching?.[i] ?? 0n;
    if (mask === 0n) return gammaColumn(c);
    return `CASE WHEN rules & ${ALL_RULES ^ mask}::UBIGINT = 0 THEN -1 ELSE ${gammaColumn(c)} END AS ${gammaColumn(c)}`;
  });
  return `SELECT ${gs.join(', ')}, count(*)::DOUBLE AS n FROM ${q(compared)} GROUP BY ALL`;
}

type CountRow = Record<string, number>;

/**
 * u per level from random-pair counts, with exact u where known (`exactU[i]`). A level the
 * random pairs never showed gets half a pair, so no weight is infinite.
 */
export function uFromCounts(
  comparisons: readonly Comparison[],
  counts: CountRow,
  exactU: readonly (number | undefined)[],
): number[][] {
  return comparisons.map((c, i) => {
    const labels = levelLabels(c);
    const present = counts[`c${i}_n`] ?? 0;
    const raw = labels.map((_, l) => ((counts[`c${i}_${l}`] ?? 0) + 0.5) / (present + 0.5 * labels.length));
    const best = labels.length - 1;
    const exact = c.tfIsBest === false ? undefined : exactU[i];
    if (exact === undefined || best === 0) return raw;
    const u = Math.min(Math.max(exact, 1e-12), 0.5);
    const rest = raw.slice(0, best).reduce((a, b) => a + b, 0);
    return raw.map((x, l) => (l === best ? u : (x / rest) * (1 - u)));
  });
}

/**
 * Most true matches do not disagree completely on a field they both have. Without any true
 * match among the candidates (a fabricated sample), EM can settle on a cluster of chance
 * agreements (same city, same first name) and conclude that matches disagree on email and
 * phone, which would make disagreement worthless as evidence. Capping m(far) keeps
 * disagreement on a field evidence against a match, whatever EM finds.
 */
export const MAX_M_FAR = 0.5;

function boundFar(m: number[]): number[] {
  const far = m[0] ?? 0;
  if (m.length < 2 || far <= MAX_M_FAR) return m;
  const rest = m.slice(1).reduce((a, b) => a + b, 0);
  const scale = (1 - MAX_M_FAR) / rest;
  return [MAX_M_FAR, ...m.slice(1).map((x) => x * scale)];
}

export interface EmOptions {
  readonly iterations: number;
  readonly tolerance: number;
  /** Ns·Nr: all pairs, for λ. */
  readonly allPairs: number;
  /** At most this many matches exist (a sample row matches at most one record per table). */
  readonly maxMatches?: number;
  /** Pseudo-count of the Dirichlet prior on m (in pairs). */
  readonly priorStrength?: number;
  readonly log?: (line: string) => void;
}

export interface EmResult {
  readonly params: ModelParams;
  readonly iterations: number;
  readonly converged: boolean;
  /** λ·Ns·Nr: how many true matches the model believes the candidates hold. */
  readonly expectedMatches: number;
}

function paramsFrom(
  comparisons: readonly Comparison[],
  lambda: number,
  m: number[][],
  u: number[][],
): ModelParams {
  const cs: ComparisonParams[] = comparisons.map((c, i) => ({
    name: c.name,
    levels: levelLabels(c).map((label, g) => ({ label, gamma: g, m: m[i]![g]!, u: u[i]![g]! })),
  }));
  return { lambda, comparisons: cs };
}

/** One E-step and the M-step's sums, as a query over the patterns table. */
export function emStepSql(patterns: string, comparisons: readonly Comparison[], params: ModelParams): string {
  const prior = Math.log2(params.lambda / (1 - params.lambda));
  // The posterior once per pattern in a subquery, then summed per level.
  const w = `n * ${probabilitySql(`${num(prior)} + ${weightSumSql(comparisons, params)}`)}`;
  return levelCountsSql(patterns, comparisons, 'w', `(SELECT *, ${w} AS w FROM ${q(patterns)})`);
}

/** Runs EM from defaultM() and returns the fitted model. `u[i][g]` is fixed. */
export async function runEm(
  db: Pick<SqlExecutor, 'all'>,
  patterns: string,
  comparisons: readonly Comparison[],
  u: number[][],
  options: EmOptions,
): Promise<EmResult> {
  const strength = options.priorStrength ?? 10;
  const prior = comparisons.map((c) => defaultM(levelLabels(c).length));
  let m = prior.map((p) => [...p]);
  const [{ n: candidates } = { n: 0 }] = await db.all<{ n: number }>(
    `SELECT coalesce(sum(n), 0)::DOUBLE AS n FROM ${q(patterns)}`,
  );
  const all = Math.max(options.allPairs, 1);
  // Start from half the candidates being matches; EM corrects it within a few iterations.
  let lambda = Math.min(Math.max(candidates / 2, 1) / all, 0.5);
  let iterations = 0;
  let converged = false;
  while (iterations < options.iterations && !converged) {
    iterations++;
    const params = paramsFrom(comparisons, lambda, m, u);
    const [row] = await db.all<CountRow>(emStepSql(patterns, comparisons, params));
    const sums = row ?? {};
    const matches = sums['total'] ?? 0;
    const next = comparisons.map((c, i) => {
      const n = sums[`c${i}_n`] ?? 0;
      return boundFar(
        levelLabels(c).map((_, g) => ((sums[`c${i}_${g}`] ?? 0) + strength * prior[i]![g]!) / (n + strength)),
      );
    });
    const nextLambda = Math.min(Math.max(Math.min(matches, options.maxMatches ?? Infinity), 0.5) / all, 0.5);
    let delta = Math.abs(Math.log(nextLambda / lambda));
    for (let i = 0; i < next.length; i++) {
      for (let g = 0; g < next[i]!.length; g++) delta = Math.max(delta, Math.abs(next[i]![g]! - m[i]![g]!));
    }
    m = next;
    lambda = nextLambda;
    converged = delta < options.tolerance;
    options.log?.(
      `em iteration ${iterations}: expected matches ${(lambda * all).toFixed(1)}, max change ${delta.toExponential(2)}`,
    );
  }
  return {
    params: paramsFrom(comparisons, lambda, m, u),
    iterations,
    converged,
    expectedMatches: lambda * all,
  };
}
