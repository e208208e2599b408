/**
 * Exact small-sample statistics for the estimates and signals: the regularised incomplete
 * beta and gamma functions, beta quantiles, Clopper–Pearson intervals and chi-square tails.
 * Written out (about a hundred lines) rather than pulled in: every number in a report
 * rests on these, so they are tested against published values and by properties.
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error below 1e-13). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const TINY = 1e-300;

/** Continued fraction of the incomplete beta (modified Lentz), valid for x < (a+1)/(a+b+2). */
function betaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * The regularised incomplete beta function I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b).
 * @example regularizedBeta(0.5, 2, 2) === 0.5
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError('regularizedBeta needs a > 0 and b > 0');
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  // The fraction converges fast on one side of the mean; use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a).
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** The p-quantile of Beta(a, b), by bisection on the monotone CDF (to ~1e-15 absolute). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError('betaQuantile needs 0 <= p <= 1');
  if (p === 0) return 0;
  if (p === 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-16; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Exact (Clopper–Pearson) two-sided interval for a binomial share x/n, at the given
 * confidence (default 95%). Conservative: covers the true share at least that often.
 * @example clopperPearson(0, 3000)[1] ≈ 0.00123
 */
export function clopperPearson(x: number, n: number, confidence = 0.95): [number, number] {
  if (!(Number.isInteger(x) && Number.isInteger(n) && x >= 0 && x <= n)) {
    throw new RangeError(`clopperPearson needs integers 0 <= x <= n (got ${x}, ${n})`);
  }
  if (n === 0) return [0, 1];
  const alpha = 1 - confidence;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return [lower, upper];
}

/** Regularised lower incomplete gamma P(a, x), by its series (x < a + 1) or continued fraction. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError('regularizedGammaP needs a > 0');
  if (x <= 0) return 0;
  const lnFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return Math.min(1, sum * Math.exp(lnFront));
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.max(0, 1 - Math.exp(lnFront) * h);
}

/** P(X ≥ stat) for X ~ χ²(df): the p-value of a chi-square or G statistic. */
export function chiSquareSurvival(stat: number, df: number): number {
  if (!(df > 0)) throw new RangeError('chiSquareSurvival needs df > 0');
  if (stat <= 0) return 1;
  return 1 - regularizedGammaP(df / 2, stat / 2);
}

/** Pearson's chi-square statistic of observed counts against expected counts (cells with 0 expected skipped). */
export function chiSquareStatistic(observed: readonly number[], expected: readonly number[]): number {
  let stat = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i] ?? 0;
    if (e > 0) stat += ((observed[i] ?? 0) - e) ** 2 / e;
  }
  return stat;
}

/** p-value of observed counts under the given cell probabilities (Pearson chi-square, df = cells - 1). */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  probabilities: readonly number[],
): number {
  const n = observed.reduce((s, x) => s + x, 0);
  if (n === 0 || observed.length < 2) return 1;
  const expected = probabilities.map((p) => p * n);
  return chiSquareSurvival(chiSquareStatistic(observed, expected), observed.length - 1);
}
