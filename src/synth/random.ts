/**
 * A small seeded pseudo-random source for the synthetic data. Everything the generators
 * produce must be reproducible from a seed on any machine, so nothing in src/synth reads
 * Math.random or the clock. sfc32 is fast, passes PractRand far beyond what we draw, and its
 * state is four 32-bit words, so deriving one generator per customer costs next to nothing.
 */

export type Seed = number | string;

/** Mixes seed parts into one 32-bit seed: `deriveSeed(7, 'customer', 12)`. */
export function deriveSeed(...parts: readonly Seed[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === 'number' ? `#${part}` : `$${part}`;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    }
    // A murmur3 finaliser between parts, so ('a', 'bc') and ('ab', 'c') differ.
    h = fmix32(h);
  }
  return h;
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * `deriveSeed` for integers only, without building strings: one generator per customer
 * must cost next to nothing. Injective in `index` for a fixed seed and stream.
 */
export function mixSeed(seed: number, stream: number, index: number): number {
  return fmix32((fmix32((seed ^ Math.imul(stream, 0x9e3779b1)) >>> 0) + index) >>> 0);
}

/** A precomputed weighted choice, for lists drawn from many times (names, cities). */
export class WeightedTable<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('WeightedTable needs at least one entry');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new Error(`negative or NaN weight at ${i}`);
      total += weight;
      this.cumulative[i] = total;
    });
    if (total <= 0) throw new Error('WeightedTable needs a positive total weight');
  }

  pick(rng: Random): T {
    const cumulative = this.cumulative;
    const target = rng.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Weights that fall with rank like real name frequencies (a Zipf-like curve). */
export function rankWeights<T>(items: readonly T[], exponent = 0.9, offset = 3): [T, number][] {
  return items.map((item, rank) => [item, 1 / (rank + offset) ** exponent]);
}

export class Random {
  readonly seed: number;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: Seed) {
    this.seed = typeof seed === 'number' && Number.isInteger(seed) ? seed >>> 0 : deriveSeed(seed);
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = this.seed;
    // Warm up so that nearby seeds give unrelated first draws.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A child generator that depends only on this one's seed and the labels, not on its state. */
  derive(...labels: readonly Seed[]): Random {
    return new Random(deriveSeed(this.seed, ...labels));
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `weighted([['a', 3], ['b', 1]])` returns 'a' three times as often as 'b'. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let target = this.next() * total;
    for (const [item, weight] of entries) {
      target -= weight;
      if (target < 0) return item;
    }
    return entries[entries.length - 1]![0];
  }

  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** `count` distinct integers from [0, size), in increasing order (Floyd's algorithm). */
  sampleIndices(size: number, count: number): number[] {
    if (count > size) throw new Error(`cannot sample ${count} of ${size}`);
    const chosen = new Set<number>();
    for (let j = size - count; j < size; j++) {
      const t = this.int(0, j);
      chosen.add(chosen.has(t) ? j : t);
    }
    return [...chosen].sort((x, y) => x - y);
  }

  /** A string of `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(48 + Math.floor(this.next() * 10));
    return out;
  }

  /** A normally distributed value (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A count with mean `mean` from a geometric distribution on {0, 1, ...}. */
  geometric(mean: number): number {
    if (mean <= 0) return 0;
    const p = 1 / (mean + 1);
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }
}
