import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeed, mixSeed, Random, rankWeights, WeightedTable } from './random.js';

describe('Random', () => {
  it('replays the same sequence from the same seed, and another from another seed', () => {
    const draw = (seed: number | string) => {
      const rng = new Random(seed);
      return Array.from({ length: 20 }, () => rng.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('shop')).toEqual(draw('shop'));
    expect(draw(42)).not.toEqual(draw(43));
    // Pinned values: a change here changes every generated company and sample.
    expect(draw(1).slice(0, 3)).toMatchInlineSnapshot(`
      [
        24724473,
        838574162,
        2522700496,
      ]
    `);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, min, span) => {
          const rng = new Random(seed);
          const seen = new Set<number>();
          for (let i = 0; i < 200; i++) {
            const v = rng.int(min, min + span);
            expect(v).toBeGreaterThanOrEqual(min);
            expect(v).toBeLessThanOrEqual(min + span);
            seen.add(v);
          }
          if (span <= 5) expect(seen.size).toBe(span + 1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('samples distinct sorted indices', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (seed, a, b) => {
          const size = Math.max(a, b);
          const count = Math.min(a, b);
          const picked = new Random(seed).sampleIndices(size, count);
          expect(picked).toHaveLength(count);
          expect(new Set(picked).size).toBe(count);
          expect([...picked].sort((x, y) => x - y)).toEqual(picked);
          for (const i of picked) expect(i >= 0 && i < size).toBe(true);
        },
      ),
    );
    expect(() => new Random(1).sampleIndices(3, 4)).toThrow();
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = new Random(9).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  it('draws weighted choices in proportion', () => {
    const rng = new Random(5);
    const table = new WeightedTable([
      ['a', 3],
      ['b', 1],
      ['c', 0],
    ]);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[table.pick(rng) as 'a' | 'b' | 'c']++;
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.7);
    expect(counts.a / counts.b).toBeLessThan(3.3);
    let inline = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        rng.weighted([
          ['x', 1],
          ['y', 9],
        ] as const) === 'x'
      )
        inline++;
    expect(inline).toBeGreaterThan(800);
    expect(inline).toBeLessThan(1200);
    expect(() => new WeightedTable([])).toThrow();
  });

  it('weights by rank so the first entries are the most common', () => {
    const weights = rankWeights(['x', 'y', 'z']).map(([, w]) => w);
    expect(weights[0]).toBeGreaterThan(weights[1]!);
    expect(weights[1]).toBeGreaterThan(weights[2]!);
  });

  it('derives distinct seeds from distinct parts', () => {
    expect(deriveSeed('a', 'bc')).not.toBe(deriveSeed('ab', 'c'));
    expect(deriveSeed(1, 'x')).toBe(deriveSeed(1, 'x'));
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => mixSeed(7, 1, i)));
    expect(seeds.size).toBe(10_000);
    const rng = new Random(3);
    expect(rng.derive('a').uint32()).toBe(new Random(3).derive('a').uint32());
  });

  it('draws geometric counts with the asked mean and normals with the asked spread', () => {
    const rng = new Random(11);
    let sum = 0;
    let sq = 0;
    let geo = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.normal(10, 2);
      sum += x;
      sq += x * x;
      geo += rng.geometric(2);
    }
    const mean = sum / 20_000;
    expect(mean).toBeCloseTo(10, 0);
    expect(Math.sqrt(sq / 20_000 - mean * mean)).toBeCloseTo(2, 0);
    expect(geo / 20_000).toBeGreaterThan(1.85);
    expect(geo / 20_000).toBeLessThan(2.15);
  });
});
