/**
 * The per-value caches of the bulk path (staged.ts): the fingerprints and filters of each
 * distinct first name, last name, birth date, city and street, in flat typed arrays.
 */
import { popcount, singleSpaced } from '../protect/bloom.js';
import { clean, ROW_BLOOMS, type ValueGroup } from './feature-chunk.js';
import {
  bloomValues,
  type EntityValues,
  type FeatureKeys,
  fingerprintValues,
  JOINED_BLOOMS,
} from './features.js';
import { BLOOM_BITS } from './schema.js';
import { StringIds } from './string-ids.js';

/** Most distinct values cached per group; the rest are computed each time they come. */
export const CACHE_LIMIT = 1 << 19;

/**
 * How a value takes part in a joined filter (`GroupTable.parts`): not at all, with its bits
 * in the table, or not single-spaced (the row then encodes the joined text instead).
 */
export const Part = { None: 0, Bits: 1, Text: 2 } as const;

/**
 * The features of one group's distinct values (fingerprints, filters, their bits in joined
 * filters), computed once per value and kept in flat arrays indexed by the value's id. One
 * lookup (string-ids.ts) gives an integer, and the rest is read from contiguous memory: with
 * an object per value, the chain of dependent loads to its fingerprints was about a quarter
 * of the builder's time.
 */
export class GroupTable {
  readonly #ids = new StringIds();
  readonly #group: ValueGroup;
  /**
   * 32-bit words per value: two per fingerprint (a little-endian 64-bit integer), then each
   * filter's, then each joined part's (the bytes of big-endian words, as Bloom encoders give them).
   */
  readonly stride: number;
  readonly filterAt: readonly number[];
  readonly partAt: readonly number[];
  words = new Uint32Array(0);
  /** Per value and fingerprint (`id * fingerprints + j`): 1 when it has one. */
  present = new Uint8Array(0);
  /** Per value and filter (`id * blooms + k`): its popcount (0: no filter). */
  bits = new Uint16Array(0);
  /** Per value and ROW_BLOOMS filter: a `Part`. */
  parts = new Uint8Array(0);
  /** Slot 0 holds a value met after the table filled up; cached values start at 1. */
  #size = 1;
  /** Values the arrays have room for. */
  #capacity = 0;

  constructor(
    group: ValueGroup,
    private readonly keys: FeatureKeys,
    private readonly limit: number,
  ) {
    this.#group = group;
    let at = 2 * group.fingerprints.length;
    this.filterAt = group.blooms.map((b) => {
      const here = at;
      at += BLOOM_BITS[b] / 32;
      return here;
    });
    this.partAt = ROW_BLOOMS.map((b) => {
      const here = at;
      if ((JOINED_BLOOMS[b].parts as readonly string[]).includes(group.input)) at += BLOOM_BITS[b] / 32;
      return here;
    });
    this.stride = at;
    this.#grow(1024);
  }

  /** The id of `value`'s features, computing them on first sight. */
  id(value: string): number {
    const known = this.#ids.get(value);
    if (known >= 0) return known;
    // A full table keeps what it has (the values met first are the frequent ones): a value
    // outside it is computed into slot 0 each time.
    const id = this.#size <= this.limit ? this.#size++ : 0;
    if (id >= this.#capacity) this.#grow(2 * id);
    this.#compute(id, value);
    if (id > 0) this.#ids.set(value, id);
    return id;
  }

  #grow(values: number): void {
    const g = this.#group;
    const grown = <T extends Uint32Array | Uint8Array | Uint16Array>(
      old: T,
      make: (n: number) => T,
      per: number,
    ): T => {
      const next = make(values * per);
      next.set(old);
      return next;
    };
    this.words = grown(this.words, (n) => new Uint32Array(n), this.stride);
    this.present = grown(this.present, (n) => new Uint8Array(n), g.fingerprints.length);
    this.bits = grown(this.bits, (n) => new Uint16Array(n), g.blooms.length);
    this.parts = grown(this.parts, (n) => new Uint8Array(n), ROW_BLOOMS.length);
    this.#capacity = values;
  }

  #compute(id: number, value: string): void {
    const g = this.#group;
    const base = id * this.stride;
    const alone: EntityValues = { [g.input]: value };
    const fps = fingerprintValues(alone);
    const blooms = bloomValues(alone);
    g.fingerprints.forEach((f, j) => {
      const v = fps[f];
      this.present[id * g.fingerprints.length + j] = v ? 1 : 0;
      if (!v) return;
      this.keys.fingerprintInto(f, clean(v), this.words, base + 2 * j);
    });
    g.blooms.forEach((b, k) => {
      const v = blooms[b];
      const words = v ? this.keys.bloom(b, v) : null;
      this.bits[id * g.blooms.length + k] = words ? popcount(words) : 0;
      if (words) this.words.set(words, base + this.filterAt[k]!);
    });
    ROW_BLOOMS.forEach((b, j) => {
      const { field, parts } = JOINED_BLOOMS[b];
      let part: number = Part.None;
      if ((parts as readonly string[]).includes(g.input)) {
        part = singleSpaced(value) ? Part.Bits : Part.Text;
        const words = this.words.subarray(
          base + this.partAt[j]!,
          base + this.partAt[j]! + BLOOM_BITS[b] / 32,
        );
        words.fill(0);
        if (part === Part.Bits) this.keys.bloomInto(b, field, value, words);
      }
      this.parts[id * ROW_BLOOMS.length + j] = part;
    });
  }
}
