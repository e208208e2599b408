import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  chiSquareGoodnessOfFit,
  chiSquareSurvival,
  clopperPearson,
  logGamma,
  regularizedBeta,
  regularizedGammaP,
} from './stats.js';

// Reference values from SciPy 1.17 (scipy.special.betainc, scipy.stats.binomtest(...).proportion_ci('exact')).
describe('regularizedBeta', () => {
  it('matches published values', () => {
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    expect(regularizedBeta(0.3, 2, 5)).toBeCloseTo(0.579825, 12);
    expect(regularizedBeta(0.2, 0.5, 0.5)).toBeCloseTo(0.2951672353008665, 12);
    expect(regularizedBeta(0.35, 100, 200)).toBeCloseTo(0.7325714649575441, 10);
    expect(regularizedBeta(0.41, 1230, 1771)).toBeCloseTo(0.5069598385726004, 9);
  });

  it('is a CDF: 0 at 0, 1 at 1, monotone, and symmetric under x → 1-x, a ↔ b', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        (a, b, x, y) => {
          const [lo, hi] = x < y ? [x, y] : [y, x];
          const fl = regularizedBeta(lo, a, b);
          const fh = regularizedBeta(hi, a, b);
          expect(fl).toBeGreaterThanOrEqual(0);
          expect(fh).toBeLessThanOrEqual(1);
          expect(fh).toBeGreaterThanOrEqual(fl - 1e-12);
          // 1 - x rounds, and near the ends the CDF is steep: agreement to 1e-8 is what doubles allow.
          expect(regularizedBeta(x, a, b) + regularizedBeta(1 - x, b, a)).toBeCloseTo(1, 8);
        },
      ),
    );
    expect(regularizedBeta(0, 3, 4)).toBe(0);
    expect(regularizedBeta(1, 3, 4)).toBe(1);
  });
});

describe('logGamma', () => {
  it('matches factorials and Γ(1/2)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 8);
  });
});

describe('betaQuantile', () => {
  it('inverts the CDF', () => {
    expect(betaQuantile(0.025, 3, 7)).toBeCloseTo(0.07485463141969183, 10);
    expect(betaQuantile(0.975, 0.5, 0.5)).toBeCloseTo(0.9984586668665639, 10);
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 300, noNaN: true }),
        fc.double({ min: 0.5, max: 300, noNaN: true }),
        (p, a, b) => {
          expect(regularizedBeta(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 6);
        },
      ),
    );
  });
});

describe('clopperPearson', () => {
  it('matches exact intervals from SciPy', () => {
    const cases: [number, number, number, number][] = [
      [0, 3000, 0, 0.0012288708038255011],
      [1230, 3000, 0.39232863277124963, 0.4278471125445622],
      [3000, 3000, 0.9987711291961745, 1],
      [5, 20, 0.08657146910143455, 0.49104587170795755],
      [1, 10, 0.0025285785444625728, 0.44501611702819543],
      [150, 2000, 0.06383622222456223, 0.08742784744016034],
      [1, 1, 0.025, 1],
    ];
    for (const [x, n, lo, hi] of cases) {
      const [l, h] = clopperPearson(x, n);
      expect(l).toBeCloseTo(lo, 10);
      expect(h).toBeCloseTo(hi, 10);
    }
  });

  it('contains the point estimate, stays in [0,1], and narrows as n grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const x = Math.round(share * n);
          const [lo, hi] = clopperPearson(x, n);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(1);
          expect(lo).toBeLessThanOrEqual(x / n + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(x / n - 1e-12);
          const [lo4, hi4] = clopperPearson(4 * x, 4 * n);
          expect(hi4 - lo4).toBeLessThanOrEqual(hi - lo + 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is symmetric: the interval of x/n mirrors that of (n-x)/n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.nat(), (n, k) => {
        const x = k % (n + 1);
        const [lo, hi] = clopperPearson(x, n);
        const [lo2, hi2] = clopperPearson(n - x, n);
        expect(lo).toBeCloseTo(1 - hi2, 9);
        expect(hi).toBeCloseTo(1 - lo2, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('is monotone in x for fixed n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3000 }), fc.nat(), (n, k) => {
        const x = k % n;
        const [lo, hi] = clopperPearson(x, n);
        const [lo2, hi2] = clopperPearson(x + 1, n);
        expect(lo2).toBeGreaterThan(lo);
        expect(hi2).toBeGreaterThan(hi);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects impossible counts', () => {
    expect(() => clopperPearson(5, 4)).toThrow(RangeError);
    expect(() => clopperPearson(-1, 4)).toThrow(RangeError);
    expect(() => clopperPearson(1.5, 4)).toThrow(RangeError);
    expect(clopperPearson(0, 0)).toEqual([0, 1]);
  });
});

describe('chi-square', () => {
  it('matches published tail probabilities', () => {
    expect(chiSquareSurvival(3.84, 1)).toBeCloseTo(0.05004352124870519, 10);
    expect(chiSquareSurvival(20, 9)).toBeCloseTo(0.017912404529843298, 10);
    expect(chiSquareSurvival(100, 99)).toBeCloseTo(0.4529585113209314, 9);
    expect(chiSquareSurvival(0.5, 3)).toBeCloseTo(0.9188914116546758, 10);
    expect(regularizedGammaP(3, 2.5)).toBeCloseTo(0.45618688411667035, 12);
    expect(regularizedGammaP(0.5, 10)).toBeCloseTo(0.999992255783569, 12);
  });

  it('gives a high p-value to counts that fit and a tiny one to counts that do not', () => {
    expect(chiSquareGoodnessOfFit([100, 98, 102, 100], [0.25, 0.25, 0.25, 0.25])).toBeGreaterThan(0.9);
    expect(chiSquareGoodnessOfFit([400, 0, 0, 0], [0.25, 0.25, 0.25, 0.25])).toBeLessThan(1e-10);
  });
});
