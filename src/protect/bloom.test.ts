import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldKind } from '../core/types.js';
import {
  BloomEncoder,
  bigramPositions,
  bigrams,
  bloomBytes,
  bloomFromBytes,
  bloomSubkeyLabel,
  CLK_LAYOUT,
  dice,
  diceWithCounts,
  fieldLayout,
  popcount,
} from './bloom.js';
import { deriveSubkey, generateKey, type SecretKey } from './key.js';
import { people } from './test-support/values.js';

const master = generateKey();

/** Any code points, astral and lone surrogates included (fc's 'binary' unit is slow to sample). */
function codePoints(maxLength: number): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 0x10ffff })), {
      maxLength,
    })
    .map((cps) => cps.map((cp) => String.fromCodePoint(cp)).join(''));
}
const clk = new BloomEncoder(master, CLK_LAYOUT);

/** The definition, written the slow and obvious way, to check the fast encoder against. */
function referenceEncode(
  key: SecretKey,
  layout: typeof CLK_LAYOUT,
  values: Partial<Record<FieldKind, string>>,
) {
  const bits = new Set<number>();
  for (const [field, value] of Object.entries(values) as [FieldKind, string][]) {
    const k = layout.k[field];
    if (k === undefined || value === '') continue;
    const subkey = deriveSubkey(key, bloomSubkeyLabel(layout, field));
    for (const bigram of bigrams(value))
      for (const p of bigramPositions(subkey, bigram, k, layout.bits)) bits.add(p);
  }
  const out = Buffer.alloc(layout.bits / 8);
  for (const p of bits) out[p >> 3]! |= 0x80 >> (p & 7);
  return out;
}

describe('bigrams', () => {
  it('pads with spaces and splits by code point', () => {
    expect(bigrams('ann')).toEqual([' a', 'an', 'nn', 'n ']);
    expect(bigrams('')).toEqual(['  ']);
    expect(bigrams('a😀')).toEqual([' a', 'a😀', '😀 ']);
    expect(bigrams('a\ud800')).toEqual([' a', 'a\ufffd', '\ufffd ']);
  });
});

describe('BloomEncoder', () => {
  it('matches the reference definition on arbitrary unicode values', () => {
    fc.assert(
      fc.property(codePoints(30), fc.string({ unit: 'grapheme', maxLength: 30 }), (a, b) => {
        const fast = bloomBytes(clk.encode({ full_name: a, city: b }));
        expect(fast.equals(referenceEncode(master, CLK_LAYOUT, { full_name: a, city: b }))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('matches the reference on values of words and spaces (the per-word cache)', () => {
    const word = fc.constantFrom('anna', 'de', 'luca', '12', 'a', 'é😀', '\ud800', '');
    const value = fc
      .array(fc.tuple(word, fc.constantFrom(' ', '  ', '')), { maxLength: 6 })
      .map((parts) => parts.map(([w, sep]) => w + sep).join(''));
    fc.assert(
      fc.property(value, value, (a, b) => {
        const fast = bloomBytes(clk.encode({ full_name: a, street: b }));
        expect(fast.equals(referenceEncode(master, CLK_LAYOUT, { full_name: a, street: b }))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('depends on the key and on the field', () => {
    const value = { last_name: 'lovelace' };
    const other = new BloomEncoder(generateKey(), CLK_LAYOUT).encode(value);
    expect(dice(clk.encode(value), other)).toBeLessThan(0.5);
    expect(dice(clk.encode(value), clk.encode({ first_name: 'lovelace' }))).toBeLessThan(0.5);
    expect(clk.encode(value)).toEqual(new BloomEncoder(master, CLK_LAYOUT).encode(value));
  });

  it('skips empty values and fields outside the layout', () => {
    expect(popcount(clk.encode({ full_name: '', city: null, email: 'a@b.c' }))).toBe(0);
  });

  it('fills about half the bits for name + street + city, and per field', () => {
    const sample = people(2000);
    const fill = (
      encoder: BloomEncoder,
      pick: (p: (typeof sample)[number]) => Partial<Record<FieldKind, string>>,
    ) =>
      sample.reduce((sum, p) => sum + popcount(encoder.encode(pick(p))), 0) /
      sample.length /
      encoder.layout.bits;
    const recordFill = fill(clk, (p) => ({ full_name: p.full_name, street: p.street, city: p.city }));
    expect(recordFill).toBeGreaterThan(0.45);
    expect(recordFill).toBeLessThan(0.55);
    for (const kind of ['first_name', 'last_name', 'full_name', 'street', 'city'] as const) {
      const perField = fill(new BloomEncoder(master, fieldLayout(kind)), (p) => ({ [kind]: p[kind] }));
      expect(perField, kind).toBeGreaterThan(0.42);
      expect(perField, kind).toBeLessThan(0.58);
    }
  });

  it('gives typo variants a high Dice and different people a low one', () => {
    const [a, b] = people(2, 7);
    const record = (p: typeof a) => ({ full_name: p!.full_name, street: p!.street, city: p!.city });
    const typo = { ...record(a), full_name: a!.full_name.replace(/.$/, 'x') };
    expect(dice(clk.encode(record(a)), clk.encode(typo))).toBeGreaterThan(0.9);
    expect(dice(clk.encode(record(a)), clk.encode(record(b)))).toBeLessThan(0.7);
  });
});

describe('dice', () => {
  const filters = people(50).map((p) => clk.encode({ full_name: p.full_name, city: p.city }));
  it('is 1 on itself, symmetric, in [0, 1], and agrees with the popcount shortcut', () => {
    for (const a of filters) {
      expect(dice(a, a)).toBe(1);
      for (const b of filters.slice(0, 10)) {
        const d = dice(a, b);
        expect(d).toBe(dice(b, a));
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        expect(diceWithCounts(a, popcount(a), b, popcount(b))).toBeCloseTo(d, 12);
      }
    }
    const empty = new Uint32Array(32);
    expect(dice(empty, empty)).toBe(0);
  });

  it('round-trips filters through bytes (the BIT layout)', () => {
    const f = filters[0]!;
    const bytes = Buffer.concat([Buffer.from([1]), bloomBytes(f)]).subarray(1);
    expect(bloomFromBytes(bytes)).toEqual(f);
    const one = new Uint32Array(2);
    new Uint8Array(one.buffer)[0] = 0x80;
    expect(bloomBytes(one)[0]).toBe(0x80);
  });
});
