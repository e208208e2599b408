/**
 * A string → integer table for the per-value caches of the load workers (value-table.ts):
 * open addressing over two 32-bit hashes of a string's UTF-16 code units, each hit confirmed
 * by comparing the string itself, so two values never share an id however they hash.
 *
 * Why not a `Map<string, number>`: in the workers, the first lookup of each freshly
 * normalised value cost 0.5-2.7 µs (V8 hashes the new string, then walks a hash table and
 * key strings that the rest of the row's work has pushed out of the caches), five lookups a
 * row. Hashing the code units here and probing flat typed arrays costs ~0.05 µs, and the one
 * string comparison touches only the value that matched.
 */

/** Two independent 32-bit hashes of `value`'s code units (murmur3's mixing on each lane). */
export type StringHasher = (value: string, out: Uint32Array) => void;

export const hashString: StringHasher = (value, out) => {
  let a = 0x9747b28c ^ value.length;
  let b = 0x2f5a9e1d ^ Math.imul(value.length, 0x85ebca6b);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    b = Math.imul(b ^ c, 0x1b873593);
    b = (b << 13) | (b >>> 19);
  }
  out[0] = fmix(a);
  out[1] = fmix(b ^ a);
};

/** murmur3's finaliser: every input bit reaches every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Slots of a new table; it doubles its slots whenever more than half would be used. */
const INITIAL_SLOTS = 1 << 10;

export class StringIds {
  /** Per slot: the index of its entry + 1 (0: empty). */
  #slots = new Int32Array(INITIAL_SLOTS);
  #mask = INITIAL_SLOTS - 1;
  /** Per entry: its value, its id and its two hashes. */
  readonly #values: string[] = [];
  #ids = new Int32Array(INITIAL_SLOTS / 2);
  #first = new Uint32Array(INITIAL_SLOTS / 2);
  #second = new Uint32Array(INITIAL_SLOTS / 2);
  readonly #hash = new Uint32Array(2);

  /** `hasher` is for tests that force collisions. */
  constructor(private readonly hasher: StringHasher = hashString) {}

  get size(): number {
    return this.#values.length;
  }

  /** The id stored for `value`, or -1. */
  get(value: string): number {
    const slot = this.#find(value);
    const entry = this.#slots[slot]!;
    return entry === 0 ? -1 : this.#ids[entry - 1]!;
  }

  /** Stores `id` for `value` (replacing the id it had). */
  set(value: string, id: number): void {
    let slot = this.#find(value);
    const entry = this.#slots[slot]!;
    if (entry !== 0) {
      this.#ids[entry - 1] = id;
      return;
    }
    const n = this.#values.length;
    if (2 * (n + 1) > this.#slots.length) {
      this.#grow();
      slot = this.#find(value);
    }
    this.#values.push(value);
    this.#ids[n] = id;
    this.#first[n] = this.#hash[0]!;
    this.#second[n] = this.#hash[1]!;
    this.#slots[slot] = n + 1;
  }

  /** The slot holding `value`, or the empty slot where it would go; leaves its hashes in #hash. */
  #find(value: string): number {
    this.hasher(value, this.#hash);
    const first = this.#hash[0]!;
    const second = this.#hash[1]!;
    let slot = first & this.#mask;
    for (;;) {
      const entry = this.#slots[slot]!;
      if (entry === 0) return slot;
      const e = entry - 1;
      if (this.#first[e] === first && this.#second[e] === second && this.#values[e] === value) return slot;
      slot = (slot + 1) & this.#mask;
    }
  }

  /** Doubles the slots (and the entries' room) and places every entry again by its stored hash. */
  #grow(): void {
    const slots = new Int32Array(2 * this.#slots.length);
    const mask = slots.length - 1;
    for (let e = 0; e < this.#values.length; e++) {
      let slot = this.#first[e]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = e + 1;
    }
    this.#slots = slots;
    this.#mask = mask;
    const room = slots.length / 2;
    const widen = <T extends Int32Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(room);
      next.set(old);
      return next;
    };
    this.#ids = widen(this.#ids, (n) => new Int32Array(n));
    this.#first = widen(this.#first, (n) => new Uint32Array(n));
    this.#second = widen(this.#second, (n) => new Uint32Array(n));
  }
}
