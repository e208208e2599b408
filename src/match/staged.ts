/**
 * The bulk path from normalised values to feature rows: builds `FeatureChunk`s
 * (feature-chunk.ts, which also inserts them). The fingerprints and Bloom filters of values
 * that repeat across people come from per-value tables (value-table.ts), the filters of
 * joined values are ORed from their parts, and the per-person keys are fingerprinted per row
 * (protect/hmac64.ts). Measured against the text path it replaced (every field of a row as
 * text, split per row in SQL, hex parsed back into integers): see BENCHMARKS.md, sessions 4
 * and 7.
 */
import type { Cell, FieldKind, Normalized } from '../core/types.js';
import { createRowNormalizer } from '../fields/row-normalizer.js';
import type { ColumnProfile } from '../fields/types.js';
import { popcount, singleSpaced } from '../protect/bloom.js';
import {
  clean,
  type FeatureChunk,
  FIRST_WORD,
  GROUP_OF,
  GROUPS,
  NULLABLE,
  PERSONAL_FPS,
  ROW_BLOOMS,
  SEPARATOR,
  U64_COLUMNS,
  validWords,
  WORDS,
} from './feature-chunk.js';
import {
  bloomValues,
  collectValues,
  type EntityValues,
  FEATURE_KINDS,
  type FeatureKeys,
  JOINED_BLOOMS,
  type NormalizedField,
  personFingerprintValues,
} from './features.js';
import { BLOOM_BITS, BLOOMS, FINGERPRINTS, type FingerprintName } from './schema.js';
import { CACHE_LIMIT, GroupTable, Part } from './value-table.js';

/** Each group's fingerprints as indexes into FINGERPRINTS (the chunk's fingerprint columns). */
const GROUP_FPS = GROUPS.map((g) => g.fingerprints.map((f) => FINGERPRINTS.indexOf(f)));
/** The per-row fingerprints, as indexes into FINGERPRINTS. */
const PERSONAL_AT = PERSONAL_FPS.map((f) => FINGERPRINTS.indexOf(f));
const EMAIL = FINGERPRINTS.indexOf('email');
/** Each group's filters, and each joined filter, as indexes into BLOOMS (the chunk's filter columns). */
const GROUP_BLOOMS = GROUPS.map((g) => g.blooms.map((b) => BLOOMS.indexOf(b)));
const JOINED_INDEX = ROW_BLOOMS.map((b) => BLOOMS.indexOf(b));
/** Per joined filter, its values in order with the group each is the input of (-1: none). */
const JOINED_PARTS = ROW_BLOOMS.map((b) =>
  JOINED_BLOOMS[b].parts.map((input) => ({ input, g: GROUP_OF[input] ?? -1 })),
);

/**
 * Gathers feature rows into a `FeatureChunk`. Holds the per-value tables of GROUPS, so use
 * one per thread and run.
 */
export class FeatureChunkBuilder {
  readonly #tables: readonly GroupTable[];
  #rows = 0;
  #data!: ArrayBuffer;
  #u32!: Uint32Array;
  #counts!: Int16Array;
  #valid!: Uint32Array<ArrayBuffer>;
  #recordIds!: string[];
  #anyRecordId = false;
  readonly #validStride: number;
  /** The current row's value id per group (-1: no value), and a scratch filter per ROW_BLOOMS. */
  readonly #ids = new Int32Array(GROUPS.length);
  readonly #scratch = ROW_BLOOMS.map((b) => new Uint32Array(BLOOM_BITS[b] / 32));

  /** `cacheLimit`: most distinct values cached per group (tests lower it). */
  constructor(
    readonly keys: FeatureKeys,
    readonly capacity: number,
    cacheLimit = CACHE_LIMIT,
  ) {
    this.#tables = GROUPS.map((g) => new GroupTable(g, keys, cacheLimit));
    this.#validStride = validWords(capacity);
    this.#reset();
  }

  get rows(): number {
    return this.#rows;
  }

  /** Adds one entity's row; the chunk must not be full. */
  add(eid: number, recordId: string | null, fields: Iterable<NormalizedField>): void {
    const r = this.#rows;
    if (r >= this.capacity) throw new Error('feature chunk is full: take() it first');
    const values = collectValues(fields);
    // eid: a safe integer, as two 32-bit halves (little-endian).
    this.#u32[2 * r] = eid % 0x1_0000_0000;
    this.#u32[2 * r + 1] = Math.floor(eid / 0x1_0000_0000);
    for (let g = 0; g < GROUPS.length; g++) {
      const group = GROUPS[g]!;
      const value = values[group.input];
      const table = this.#tables[g]!;
      const id = value ? table.id(value) : -1;
      this.#ids[g] = id;
      if (id < 0) continue;
      const words = table.words;
      const base = id * table.stride;
      const nfps = group.fingerprints.length;
      for (let j = 0; j < nfps; j++) {
        const fp = GROUP_FPS[g]![j]!;
        if (table.present[id * nfps + j] === 1)
          this.#setWord(1 + fp, r, words[base + 2 * j]!, words[base + 2 * j + 1]!, fp);
      }
      for (let k = 0; k < group.blooms.length; k++) {
        const bits = table.bits[id * group.blooms.length + k]!;
        if (bits > 0) this.#setFilter(GROUP_BLOOMS[g]![k]!, r, words, base + table.filterAt[k]!, bits);
      }
    }
    for (let j = 0; j < ROW_BLOOMS.length; j++) this.#joined(j, r, values);
    const plain = personFingerprintValues(values);
    plain.postcode = values.postcode;
    for (let k = 0; k < PERSONAL_FPS.length; k++)
      this.#fingerprint(PERSONAL_FPS[k]!, PERSONAL_AT[k]!, r, plain);
    if (recordId) {
      this.#recordIds.push(clean(recordId));
      this.#anyRecordId = true;
    } else {
      this.#recordIds.push('');
    }
    this.#rows = r + 1;
  }

  /** Hands over the rows gathered so far (their buffers move to the caller) and starts a new chunk. */
  take(): FeatureChunk {
    // Filter words were written as the bytes of the big-endian words: swapping each 8 bytes
    // makes them the little-endian integers DuckDB reads (eid and fingerprints already are).
    const filters = 8 * this.capacity * (1 + FINGERPRINTS.length);
    Buffer.from(this.#data, filters, 8 * this.capacity * U64_COLUMNS - filters).swap64();
    const chunk: FeatureChunk = {
      rows: this.#rows,
      capacity: this.capacity,
      data: this.#data,
      valid: this.#valid,
      recordIds: this.#anyRecordId ? this.#recordIds.join(SEPARATOR) : null,
    };
    this.#reset();
    return chunk;
  }

  #reset(): void {
    const n = this.capacity;
    this.#rows = 0;
    this.#data = new ArrayBuffer(n * (8 * U64_COLUMNS + 2 * BLOOMS.length));
    this.#u32 = new Uint32Array(this.#data, 0, 2 * n * U64_COLUMNS);
    this.#counts = new Int16Array(this.#data, 8 * n * U64_COLUMNS, n * BLOOMS.length);
    this.#valid = new Uint32Array(NULLABLE * validWords(n));
    this.#recordIds = [];
    this.#anyRecordId = false;
  }

  /** Writes two raw words into 64-bit column `column` at row `r` and marks nullable column `nullable` valid there. */
  #setWord(column: number, r: number, first: number, second: number, nullable: number): void {
    const at = 2 * (column * this.capacity + r);
    this.#u32[at] = first;
    this.#u32[at + 1] = second;
    this.#valid[nullable * this.#validStride + (r >>> 5)]! |= 1 << (r & 31);
  }

  /** Writes filter `b` of row `r` from `words[from..]`, with its popcount. */
  #setFilter(b: number, r: number, words: Uint32Array, from: number, bits: number): void {
    const nullable = FINGERPRINTS.length + b;
    const first = 1 + FINGERPRINTS.length + FIRST_WORD[b]!;
    for (let w = 0; w < WORDS[b]!; w++)
      this.#setWord(first + w, r, words[from + 2 * w]!, words[from + 2 * w + 1]!, nullable);
    this.#counts[b * this.capacity + r] = bits;
  }

  /**
   * Writes the fingerprint `name` (column `fp` among FINGERPRINTS) of row `r` from its
   * plaintext in `plain`, if it has one. The provider's mailbox is usually the address
   * itself, and then has the email's fingerprint (they share a subkey): copied, not computed.
   */
  #fingerprint(
    name: FingerprintName,
    fp: number,
    r: number,
    plain: Partial<Record<FingerprintName, string>>,
  ): void {
    const value = plain[name];
    if (!value) return;
    if (name === 'email_provider' && value === plain.email) {
      const from = 2 * ((1 + EMAIL) * this.capacity + r);
      this.#setWord(1 + fp, r, this.#u32[from]!, this.#u32[from + 1]!, fp);
      return;
    }
    this.keys.fingerprintInto(name, clean(value), this.#u32, 2 * ((1 + fp) * this.capacity + r));
    this.#valid[fp * this.#validStride + (r >>> 5)]! |= 1 << (r & 31);
  }

  /**
   * Writes joined filter j of row `r`: the OR of its values' filters (the bits of " anna
   * rossi " are those of " anna " and " rossi "), unless no bit is set.
   */
  #joined(j: number, r: number, values: EntityValues): void {
    const b = ROW_BLOOMS[j]!;
    const field = JOINED_BLOOMS[b].field;
    let words: Uint32Array = this.#scratch[j]!;
    words.fill(0);
    let known = false;
    let exact = true;
    for (const { input, g } of JOINED_PARTS[j]!) {
      const value = values[input];
      if (!value) continue;
      known = true;
      if (g < 0) {
        if (singleSpaced(value)) this.keys.bloomInto(b, field, value, words);
        else exact = false;
        continue;
      }
      const table = this.#tables[g]!;
      const id = this.#ids[g]!;
      if (table.parts[id * ROW_BLOOMS.length + j] !== Part.Bits) {
        exact = false;
        continue;
      }
      const from = id * table.stride + table.partAt[j]!;
      for (let i = 0; i < words.length; i++) words[i]! |= table.words[from + i]!;
    }
    if (!known) return;
    // A value with doubled or outer spaces has bigrams of its spaces: encode the joined text.
    if (!exact) words = this.keys.bloom(b, bloomValues(values)[b]!);
    const bits = popcount(words);
    if (bits > 0) this.#setFilter(JOINED_INDEX[j]!, r, words, 0, bits);
  }
}

/**
 * Feature rows straight from a file's raw rows: normalises only the columns features are
 * built from (FEATURE_KINDS), then adds them to a chunk.
 */
export function createRowEncoder(
  profiles: readonly ColumnProfile[],
  keys: FeatureKeys,
  capacity: number,
): {
  readonly builder: FeatureChunkBuilder;
  add(eid: number, recordId: string | null, row: readonly Cell[]): void;
} {
  const used = profiles.filter((p) => FEATURE_KINDS.has(p.kind));
  const normalize = createRowNormalizer(used);
  const builder = new FeatureChunkBuilder(keys, capacity);
  // One array of (kind, result) pairs refilled per row: `add` reads it before returning.
  const fields: [FieldKind, Normalized | null][] = used.map((p) => [p.kind, null]);
  return {
    builder,
    add(eid, recordId, row) {
      const results = normalize(row);
      for (let i = 0; i < used.length; i++) fields[i]![1] = results[used[i]!.index] ?? null;
      builder.add(eid, recordId, fields);
    },
  };
}
