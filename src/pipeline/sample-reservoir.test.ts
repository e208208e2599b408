import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareGoodnessOfFit } from '../analyze/stats.js';
import type { Cell } from '../core/types.js';
import type { ColumnProfile } from '../fields/types.js';
import {
  BottomK,
  KEY_SPACE,
  keepSampleRows,
  keyLimit,
  Reservoir,
  randomBelow,
  rowKeyer,
  seededRandom,
} from './sample-reservoir.js';

const SHA_A = 'a3f1c2e4b5d6978812345678deadbeef00112233445566778899aabbccddeeff';
const SHA_B = '0b1c2d3e4f5a69788796a5b4c3d2e1f000112233445566778899aabbccddeeff';

function sampleOf(items: number, capacity: number, random: () => number): number[] {
  const reservoir = new Reservoir<number>(capacity, random);
  for (let i = 0; i < items; i++) {
    i += reservoir.skipUpTo(items - i);
    if (i >= items) break;
    const item = i;
    reservoir.offer(() => item);
  }
  return [...reservoir.items()];
}

describe('seededRandom', () => {
  it('is deterministic for a seed, differs between seeds, stays in (0, 1)', () => {
    const a = seededRandom(SHA_A);
    const a2 = seededRandom(SHA_A);
    const b = seededRandom(SHA_B);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => a2())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => b())).not.toEqual(xs);
    expect(xs.every((x) => x > 0 && x < 1)).toBe(true);
  });

  it('gives uniform integers (chi-square over 20 cells)', () => {
    const random = seededRandom(SHA_A);
    const counts = new Array<number>(20).fill(0);
    for (let i = 0; i < 100_000; i++) counts[randomBelow(random, 20)]!++;
    expect(
      chiSquareGoodnessOfFit(
        counts,
        counts.map(() => 1 / 20),
      ),
    ).toBeGreaterThan(0.001);
  });
});

describe('Reservoir (Algorithm L)', () => {
  it('keeps every item while under capacity, in order', () => {
    expect(sampleOf(50, 100, seededRandom(SHA_A))).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(sampleOf(100, 100, seededRandom(SHA_A))).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('keeps exactly `capacity` distinct items of the stream', () => {
    const kept = sampleOf(100_000, 500, seededRandom(SHA_A));
    expect(kept).toHaveLength(500);
    expect(new Set(kept).size).toBe(500);
    expect(kept.every((x) => Number.isInteger(x) && x >= 0 && x < 100_000)).toBe(true);
  });

  it('includes each position with probability k/n: chi-square over positions, 2,000 seeded trials', () => {
    // 1,000 items, keep 50: each item is kept in 5% of trials. Cells of 50 positions each
    // expect 2,000 * 50 * 0.05 = 5,000 inclusions; a skewed sampler (first or last items
    // favoured, a wrong skip length) fails this by a wide margin.
    const items = 1000;
    const capacity = 50;
    const trials = 2000;
    const cells = 20;
    const counts = new Array<number>(cells).fill(0);
    const master = seededRandom(SHA_B);
    for (let t = 0; t < trials; t++) {
      const seed = Math.floor(master() * 2 ** 32)
        .toString(16)
        .padStart(8, '0')
        .repeat(4);
      for (const x of sampleOf(items, capacity, seededRandom(seed)))
        counts[Math.floor((x * cells) / items)]!++;
    }
    expect(counts.reduce((s, c) => s + c, 0)).toBe(trials * capacity);
    expect(
      chiSquareGoodnessOfFit(
        counts,
        counts.map(() => 1 / cells),
      ),
    ).toBeGreaterThan(0.001);
    // And the last item alone (where off-by-one skips show): kept in about 5% of trials.
    let last = 0;
    for (let t = 0; t < trials; t++) {
      if (
        sampleOf(items, capacity, seededRandom(`${t.toString(16).padStart(8, '0')}c0ffee00`)).includes(
          items - 1,
        )
      )
        last++;
    }
    expect(last).toBeGreaterThan(trials * 0.05 - 4 * Math.sqrt(trials * 0.05 * 0.95));
    expect(last).toBeLessThan(trials * 0.05 + 4 * Math.sqrt(trials * 0.05 * 0.95));
  });

  it('with capacity 0 keeps nothing and still counts', () => {
    const reservoir = new Reservoir<number>(0, seededRandom(SHA_A));
    expect(reservoir.skipUpTo(10)).toBe(10);
    expect(reservoir.offer(() => 1)).toBe(false);
    expect(reservoir.items()).toEqual([]);
  });
});

const profiles = ['email', 'name'].map(
  (name, index) => ({ name, index, kind: 'text', confidence: 1, params: {} }) as unknown as ColumnProfile,
);

function feed(cap: number, sha: string, rows: number, batch = 997) {
  const keeper = keepSampleRows(cap, sha);
  for (let start = 1; start <= rows; start += batch) {
    const ordinals: number[] = [];
    const cells: Cell[][] = [];
    // Odd ordinals only: rejected records take ordinals too, so they have gaps.
    for (let o = start; o < Math.min(rows + 1, start + batch); o++) {
      ordinals.push(2 * o - 1);
      cells.push([`user${o}@example.com`, o % 7 === 0 ? null : `Name Number ${o}`]);
    }
    keeper.observe(profiles, cells, ordinals);
  }
  return keeper.finish();
}

describe('keepSampleRows', () => {
  it('below the cap keeps every row, column by column, in file order', () => {
    const kept = feed(5000, SHA_A, 3000);
    expect(kept.seen).toBe(3000);
    expect(kept.ordinals).toEqual(Array.from({ length: 3000 }, (_, i) => 2 * i + 1));
    expect(kept.cells[0]![40]).toBe('user41@example.com');
    expect(kept.cells[1]![40]).toBe('Name Number 41');
    expect(kept.cells[1]![6]).toBeNull();
  });

  it('above the cap keeps `cap` rows in file order, each row whole, the same for the same sha', () => {
    const kept = feed(400, SHA_A, 20_000);
    expect(kept.seen).toBe(20_000);
    expect(kept.ordinals).toHaveLength(400);
    expect(kept.ordinals).toEqual([...kept.ordinals].sort((a, b) => a - b));
    kept.ordinals.forEach((ordinal, i) => {
      const o = (ordinal + 1) / 2;
      expect(kept.cells[0]![i]).toBe(`user${o}@example.com`);
      expect(kept.cells[1]![i]).toBe(o % 7 === 0 ? null : `Name Number ${o}`);
    });
    expect(feed(400, SHA_A, 20_000, 64)).toEqual(kept);
    expect(feed(400, SHA_B, 20_000).ordinals).not.toEqual(kept.ordinals);
  });
});

describe('keyLimit', () => {
  it('keeps about 1.5 times the cap of the expected rows, and no limit near the cap', () => {
    expect(keyLimit(200_000, 1_000_000)).toBe(Math.ceil(0.3 * KEY_SPACE));
    expect(keyLimit(600, 800)).toBe(Number.POSITIVE_INFINITY);
    expect(keyLimit(600, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('never keeps a key above the limit', () => {
    const b = new BottomK(10, 100);
    for (let key = 0; key < 1000; key += 7) b.offer(key, key, () => []);
    expect(b.candidates().map((c) => c.key)).toEqual([0, 7, 14, 21, 28, 35, 42, 49, 56, 63]);
    const few = new BottomK(10, 20);
    for (let key = 0; key < 1000; key += 7) few.offer(key, key, () => []);
    expect(few.candidates().map((c) => c.key)).toEqual([0, 7, 14]);
  });
});

describe('BottomK', () => {
  it('keeps the cap smallest keys whatever order they arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 300 }),
        fc.integer({ min: 0, max: 40 }),
        (keys, cap) => {
          const offered = keys.map((key, ordinal) => ({ key, ordinal }));
          const pick = (order: typeof offered) => {
            const b = new BottomK(cap);
            for (const o of order) b.offer(o.key, o.ordinal, () => []);
            return b.candidates().map((c) => c.ordinal);
          };
          const expected = [...offered]
            .sort((x, y) => x.key - y.key || x.ordinal - y.ordinal)
            .slice(0, cap)
            .map((o) => o.ordinal);
          expect(pick(offered)).toEqual(expected);
          expect(pick([...offered].reverse())).toEqual(expected);
        },
      ),
    );
  });

  it('gives rows keys that depend on the seed and the place, spread over [0, 2^52)', () => {
    expect(rowKeyer(SHA_A, 0)(7)).toBe(rowKeyer(SHA_A, 0)(7));
    expect(rowKeyer(SHA_A, 0)(7)).not.toBe(rowKeyer(SHA_B, 0)(7));
    expect(rowKeyer(SHA_A, 0)(7)).not.toBe(rowKeyer(SHA_A, 134217728)(7));
    const keys = Array.from({ length: 20_000 }, (_, i) => rowKeyer(SHA_A, 0)(i + 1));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => Number.isInteger(k) && k >= 0 && k < 2 ** 52)).toBe(true);
    const low = keys.filter((k) => k < 2 ** 51).length / keys.length;
    expect(low).toBeGreaterThan(0.48);
    expect(low).toBeLessThan(0.52);
  });
});
