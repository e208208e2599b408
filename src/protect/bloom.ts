import { createHmac } from 'node:crypto';
import type { FieldKind } from '../core/types.js';
import { deriveSubkey, type SecretKey } from './key.js';

/**
 * Keyed Bloom-filter encodings for fuzzy comparison (CLK-style, as in clkhash/anonlink):
 * a value's character bigrams, each setting k bit positions that only the key holder can
 * compute. Similar values share bigrams, hence bits; Dice of two filters tracks the bigram
 * similarity of the values.
 *
 * Positions: for each DISTINCT bigram, HMAC(subkey, `${block}:${bigram}`) yields sixteen
 * 16-bit words, each one position (mod l). There are only a few thousand distinct bigrams,
 * so the HMAC is computed once per bigram and cached (JS) or tabulated (SQL, bloom-sql.ts),
 * and encoding a value is an OR of cached positions. These are independent keyed positions
 * ("random hashing"), not double hashing h1 + i·h2, whose structure is what published
 * pattern-mining attacks on CLKs exploit; at one HMAC per bigram it costs nothing more.
 */
export interface BloomLayout {
  /** Stored in `record_blooms.field`, and part of every subkey label. */
  readonly name: string;
  /** Filter length l in bits: a multiple of 64, at most 65536. */
  readonly bits: number;
  /** Positions per bigram, per field the layout encodes. */
  readonly k: Readonly<Partial<Record<FieldKind, number>>>;
}

/**
 * Typical numbers of distinct bigrams of normalised values, measured on 8,000 Faker values
 * (en_US, de, fr, it): first name 7.3, last name 7.7, full name 14.6, street line 18.7,
 * city 12.2. Used to choose k so that filters come out about half full.
 */
export const TYPICAL_BIGRAMS: Readonly<Partial<Record<FieldKind, number>>> = {
  first_name: 7.3,
  last_name: 7.7,
  full_name: 14.6,
  street: 18.7,
  city: 12.2,
  address: 36,
  postcode: 6.5,
  username: 10,
};

/**
 * The record-level CLK: name, street and city in one 1024-bit filter. With these k, a
 * typical full name + street + city record sets ~50% of the bits (k·n ≈ l·ln 2 = 710);
 * names weigh a bit more than the address, as they carry more identity.
 */
export const CLK_LAYOUT: BloomLayout = {
  name: 'clk',
  bits: 1024,
  k: { full_name: 20, first_name: 20, last_name: 20, street: 12, city: 15, address: 10, postcode: 10 },
};

/** k for a field alone in an l-bit filter, so that a typical value sets about half the bits. */
export function kForHalfFill(bits: number, typicalBigrams: number): number {
  return Math.max(1, Math.round((bits * Math.LN2) / typicalBigrams));
}

/**
 * A per-field filter (for per-field comparison levels), `field:<kind>`, l = 512 by default:
 * a name needs k ≈ 47 to half-fill 512 bits, which costs nothing since positions are cached.
 */
export function fieldLayout(kind: FieldKind, bits = 512): BloomLayout {
  const typical = TYPICAL_BIGRAMS[kind] ?? 12;
  return { name: `field:${kind}`, bits, k: { [kind]: kForHalfFill(bits, typical) } };
}

export function checkLayout(layout: BloomLayout): void {
  if (!Number.isInteger(layout.bits) || layout.bits % 64 !== 0 || layout.bits < 64 || layout.bits > 65536) {
    throw new Error(`Bloom layout ${layout.name}: bits must be a multiple of 64 in [64, 65536]`);
  }
  for (const [field, k] of Object.entries(layout.k)) {
    if (!Number.isInteger(k) || k < 1 || k > 256)
      throw new Error(`Bloom layout ${layout.name}: bad k for ${field}`);
  }
}

export function bloomSubkeyLabel(layout: BloomLayout, field: FieldKind): string {
  return `bloom:${layout.name}:${field}`;
}

/** Distinct bigrams of a value padded with a space at both ends, by code point. */
export function bigrams(value: string): string[] {
  // Lone surrogates become U+FFFD, as they do on their way into DuckDB (UTF-8).
  const chars = Array.from(` ${value.replace(/\p{Cs}/gu, '\uFFFD')} `);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

/** The message HMACed for block `block` of a bigram's positions (bloom-sql.ts builds the same). */
export function positionMessage(block: number, bigram: string): string {
  return `${block}:${bigram}`;
}

/** Positions of one bigram: the first k 16-bit words of the HMAC stream, each mod l. */
export function bigramPositions(subkey: SecretKey, bigram: string, k: number, bits: number): Uint16Array {
  const out = new Uint16Array(k);
  for (let block = 0; block * 16 < k; block++) {
    const mac = createHmac('sha256', subkey.bytes()).update(positionMessage(block, bigram), 'utf8').digest();
    for (let i = 0; i < 16 && block * 16 + i < k; i++) out[block * 16 + i] = mac.readUInt16BE(2 * i) % bits;
  }
  return out;
}

const CACHE_LIMIT = 1 << 20;
const WORD_CACHE_LIMIT = 1 << 18;

/** Per field: its subkey, k, the positions of each bigram and the filter of each word seen so far. */
interface FieldSpec {
  readonly subkey: SecretKey;
  readonly k: number;
  readonly bmp: Map<number, Uint16Array>;
  readonly other: Map<string, Uint16Array>;
  readonly words: Map<string, Uint32Array>;
}

/**
 * True when `value` is words joined by single spaces (no space at either end, none doubled):
 * then its filter is the OR of its words' filters, and the filter of two such values joined
 * by a space is the OR of theirs.
 */
export const singleSpaced = (value: string): boolean =>
  value.charCodeAt(0) !== 32 && value.charCodeAt(value.length - 1) !== 32 && !value.includes('  ');

/** Encodes values with one layout and key; caches positions per distinct bigram and filters per word. */
export class BloomEncoder {
  readonly layout: BloomLayout;
  readonly #fields = new Map<FieldKind, FieldSpec>();

  constructor(master: SecretKey, layout: BloomLayout) {
    checkLayout(layout);
    this.layout = layout;
    for (const [field, k] of Object.entries(layout.k) as [FieldKind, number][]) {
      const subkey = deriveSubkey(master, bloomSubkeyLabel(layout, field));
      this.#fields.set(field, { subkey, k, bmp: new Map(), other: new Map(), words: new Map() });
    }
  }

  /** The filter of a record's values; null/empty values and fields outside the layout are skipped. */
  encode(values: Readonly<Partial<Record<FieldKind, string | null>>>): Uint32Array {
    const words = new Uint32Array(this.layout.bits / 32);
    for (const field in values) {
      const value = values[field as FieldKind];
      if (value !== null && value !== undefined) this.addValue(field as FieldKind, value, words);
    }
    return words;
  }

  /** ORs the bits of one value of `field` into `filter` (the layout's length); a field outside the layout adds none. */
  addValue(field: FieldKind, value: string, filter: Uint32Array): void {
    const spec = this.#fields.get(field);
    if (spec !== undefined && value !== '') this.#encodeValue(spec, value, filter);
  }

  #encodeValue(spec: FieldSpec, value: string, filter: Uint32Array): void {
    if (!singleSpaced(value)) {
      this.#encodeBigrams(spec, value, new Uint8Array(filter.buffer));
      return;
    }
    // Padded with spaces, "anna de luca" has exactly the bigrams of " anna ", " de " and
    // " luca ": its filter is the OR of its words' filters, and words repeat far more than
    // whole values do (a first name, a street name, a house number).
    let start = 0;
    for (;;) {
      const end = value.indexOf(' ', start);
      const word = end < 0 ? value.slice(start) : value.slice(start, end);
      let bits = spec.words.get(word);
      if (bits === undefined) {
        bits = new Uint32Array(filter.length);
        this.#encodeBigrams(spec, word, new Uint8Array(bits.buffer));
        // Full, the cache keeps the words met first (the frequent ones) instead of starting over.
        if (spec.words.size < WORD_CACHE_LIMIT) spec.words.set(word, bits);
      }
      for (let i = 0; i < filter.length; i++) filter[i]! |= bits[i]!;
      if (end < 0) return;
      start = end + 1;
    }
  }

  #encodeBigrams(spec: FieldSpec, value: string, bytes: Uint8Array): void {
    // Walks code points without building arrays or sets (a repeated bigram only sets the
    // same bits again); same bigrams as `bigrams()`, which the tests check. Bigrams of two
    // BMP characters, nearly all of them, are cached under a number: no string is built.
    const padded = ` ${value.replace(/\p{Cs}/gu, '\uFFFD')} `;
    let start = 0;
    let next = padded.charCodeAt(0) >= 0xd800 && padded.charCodeAt(0) < 0xdc00 ? 2 : 1;
    while (next < padded.length) {
      const high = padded.charCodeAt(next);
      const end = next + (high >= 0xd800 && high < 0xdc00 ? 2 : 1);
      let positions: Uint16Array | undefined;
      if (end - start === 2) {
        const code = padded.charCodeAt(start) * 0x10000 + high;
        positions = spec.bmp.get(code);
        if (positions === undefined) {
          positions = this.#positions(spec, padded.slice(start, end));
          spec.bmp.set(code, positions);
        }
      } else {
        const bigram = padded.slice(start, end);
        positions = spec.other.get(bigram);
        if (positions === undefined) {
          positions = this.#positions(spec, bigram);
          spec.other.set(bigram, positions);
        }
      }
      // MSB-first within each byte, the bit order of DuckDB's BIT type.
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        bytes[p >> 3]! |= 0x80 >> (p & 7);
      }
      start = next;
      next = end;
    }
  }

  #positions(spec: FieldSpec, bigram: string): Uint16Array {
    if (spec.bmp.size + spec.other.size >= CACHE_LIMIT) {
      spec.bmp.clear();
      spec.other.clear();
    }
    return bigramPositions(spec.subkey, bigram, spec.k, this.layout.bits);
  }

  fields(): FieldKind[] {
    return [...this.#fields.keys()];
  }
}

/** Convenience: `bloomEncode(encoder, { full_name: 'ada lovelace', city: 'london' })`. */
export function bloomEncode(
  encoder: BloomEncoder,
  values: Readonly<Partial<Record<FieldKind, string | null>>>,
): Uint32Array {
  return encoder.encode(values);
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

export function popcount(filter: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < filter.length; i++) n += popcount32(filter[i]!);
  return n;
}

/** Dice coefficient 2|a∧b| / (|a| + |b|); 0 for two empty filters. */
export function dice(a: Uint32Array, b: Uint32Array): number {
  let both = 0;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    both += popcount32(x & y);
    total += popcount32(x) + popcount32(y);
  }
  return total === 0 ? 0 : (2 * both) / total;
}

/** Dice with known popcounts (as stored in `record_blooms.bits`): one popcount per pair. */
export function diceWithCounts(a: Uint32Array, aBits: number, b: Uint32Array, bBits: number): number {
  let both = 0;
  for (let i = 0; i < a.length; i++) both += popcount32(a[i]! & b[i]!);
  return aBits + bBits === 0 ? 0 : (2 * both) / (aBits + bBits);
}

/** The filter's bytes as DuckDB's BIT type holds them (`bloom::BLOB`), for appending. */
export function bloomBytes(filter: Uint32Array): Buffer {
  return Buffer.from(filter.buffer, filter.byteOffset, filter.byteLength);
}

/** A filter from bytes read back (`SELECT bloom::BLOB`); copies, since Buffers may be unaligned. */
export function bloomFromBytes(bytes: Uint8Array): Uint32Array {
  if (bytes.length % 8 !== 0) throw new Error('a Bloom filter is a whole number of 64-bit words');
  const words = new Uint32Array(bytes.length / 4);
  new Uint8Array(words.buffer).set(bytes);
  return words;
}
