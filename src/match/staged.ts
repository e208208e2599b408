/**
 * The bulk path from normalised values to feature rows. JavaScript builds the Bloom filters
 * and the fingerprints of values that repeat across people (once per distinct value) and
 * writes them, with the entity ids, as fixed-width binary columns (`FeatureChunk`); DuckDB
 * takes those bytes as they are (`appendRaw`: a copy per column and 2048 rows, no parsing)
 * and computes the per-person HMAC fingerprints (on every core) as it inserts the chunk.
 *
 * The plaintext of the per-person keys (an email, a phone number) travels to DuckDB as one
 * text parameter per column (values separated by U+001E), which SQL splits into a list: it
 * lives only in that parameter, in memory, and never reaches a table, a file or the WAL.
 * Measured against the text path it replaces (every field of a row as text, split per row in
 * SQL, hex parsed back into integers): see BENCHMARKS.md, session 4.
 */
import type { Cell, FieldKind } from '../core/types.js';
import { createRowNormalizer } from '../fields/row-normalizer.js';
import type { ColumnProfile } from '../fields/types.js';
import { popcount, singleSpaced } from '../protect/bloom.js';
import { hmac64Sql } from '../protect/fingerprint.js';
import { quoteIdent } from '../store/sql.js';
import type { RawColumn, RawColumns, SqlExecutor } from '../store/types.js';
import {
  bloomValues,
  collectValues,
  type EntityValues,
  FEATURE_KINDS,
  type FeatureKeys,
  fingerprintValues,
  JOINED_BLOOMS,
  type JoinedBloom,
  type NormalizedField,
  personFingerprintValues,
} from './features.js';
import {
  BLOOM_BITS,
  BLOOMS,
  type BloomName,
  bcColumn,
  bloomWordColumns,
  FINGERPRINTS,
  type FingerprintName,
  fpColumn,
} from './schema.js';

const SEPARATOR = '\u001e';
const SEPARATORS = /[\u001e\u001f]/g;

/**
 * A value cannot hold the separator: one holding it (or U+001F, the separator of earlier
 * versions, kept so fingerprints do not change) gets U+FFFD instead, on both sides of the
 * linkage alike.
 */
const clean = (value: string): string =>
  value.includes('\u001f') || value.includes(SEPARATOR) ? value.replace(SEPARATORS, '\ufffd') : value;

/**
 * Feature columns that follow from ONE repeating value of an entity alone (a first name, a
 * birth date, a city): their fingerprints and Bloom filters are computed once per distinct
 * value and cached, so one lookup per value replaces one HMAC per column and row. Postcodes
 * are not among them: 705k distinct ones in 10M generated customers made their cache the
 * largest and slowest (a lookup in a Map that size costs about as much CPU as DuckDB's HMAC).
 */
interface ValueGroup {
  readonly input: 'firstName' | 'lastName' | 'dob' | 'postcode' | 'city' | 'street';
  readonly fingerprints: readonly FingerprintName[];
  readonly blooms: readonly BloomName[];
}

const GROUPS: readonly ValueGroup[] = [
  { input: 'firstName', fingerprints: ['first_name'], blooms: ['first_name'] },
  { input: 'lastName', fingerprints: ['last_name'], blooms: ['last_name'] },
  { input: 'dob', fingerprints: ['dob', 'dob_swapped', 'dob_ym', 'dob_md', 'dob_yd'], blooms: [] },
  { input: 'city', fingerprints: ['city'], blooms: ['city'] },
  { input: 'street', fingerprints: ['street'], blooms: [] },
];

/** Fingerprints computed in JavaScript (per distinct value) and carried as binary columns. */
const BINARY_FPS: readonly FingerprintName[] = GROUPS.flatMap((g) => g.fingerprints);
/** Per-person keys (email, phone, ids, ...) and postcodes: plaintext text parameters, HMACed by DuckDB. */
const PERSONAL_FPS = FINGERPRINTS.filter((f) => !BINARY_FPS.includes(f));
/**
 * Filters of several values joined (full name; house number and street): assembled per row as
 * the OR of their values' filters, those of GROUPS values cached with the value.
 */
const ROW_BLOOMS = Object.keys(JOINED_BLOOMS) as JoinedBloom[];
if (BLOOMS.some((b) => !ROW_BLOOMS.includes(b as JoinedBloom) && !GROUPS.some((g) => g.blooms.includes(b))))
  throw new Error("every Bloom filter is either a value group's or a joined one");
/** The group whose value is each input, for the parts of joined filters. */
const GROUP_OF: Partial<Record<keyof EntityValues, number>> = Object.fromEntries(
  GROUPS.map((g, i) => [g.input, i]),
);

/** 64-bit words per filter, and where each filter's first word column is among them. */
const WORDS = BLOOMS.map((b) => BLOOM_BITS[b] / 64);
const FIRST_WORD = WORDS.map((_, i) => WORDS.slice(0, i).reduce((a, w) => a + w, 0));
/**
 * The 64-bit columns of a chunk, in order: eid, the binary fingerprints, every filter word.
 * Then one 16-bit popcount column per filter.
 */
const U64_COLUMNS = 1 + BINARY_FPS.length + WORDS.reduce((a, w) => a + w, 0);
/** Columns that can be NULL, each with its own validity bits: the binary fingerprints, then one per filter (its words and popcount). */
const NULLABLE = BINARY_FPS.length + BLOOMS.length;
/** Validity words per column: a multiple of two, since DuckDB copies them as 64-bit words. */
const validWords = (capacity: number): number => 2 * Math.ceil(capacity / 64);

/**
 * A chunk of feature rows on its way to `insertFeatureChunk`: plain data that a worker thread
 * can transfer (its two buffers move without a copy).
 */
export interface FeatureChunk {
  readonly rows: number;
  readonly capacity: number;
  /**
   * `U64_COLUMNS` columns of `capacity` little-endian 64-bit integers (eid, the fingerprints
   * of BINARY_FPS, the filter words of BLOOMS), then one column of 16-bit popcounts per filter.
   */
  readonly data: ArrayBuffer;
  /** Validity bits of the NULLABLE columns, `validWords(capacity)` words each. */
  readonly valid: Uint32Array<ArrayBuffer>;
  /**
   * The plaintext of each per-person fingerprint (PERSONAL_FPS order), then the record id:
   * the rows' values joined by U+001E ('' for none), or null when no row has one.
   */
  readonly text: readonly (string | null)[];
}

/** One distinct value's cached features: each fingerprint's first 8 bytes (as two raw words) and each filter. */
interface GroupFeatures {
  readonly fps: readonly (readonly [number, number] | null)[];
  readonly filters: readonly (Filter | null)[];
  /**
   * Per ROW_BLOOMS filter, the value's own bits in it (undefined: not one of its parts; null:
   * not single-spaced, so the row encodes the joined text instead).
   */
  readonly parts: readonly (Uint32Array | null | undefined)[];
}

interface Filter {
  readonly words: Uint32Array;
  readonly bits: number;
}

const CACHE_LIMIT = 1 << 19;

/**
 * Gathers feature rows into a `FeatureChunk`. Holds the per-value caches of GROUPS, so use
 * one per thread and run.
 */
export class FeatureChunkBuilder {
  readonly #caches = GROUPS.map(() => new Map<string, GroupFeatures>());
  #rows = 0;
  #data!: ArrayBuffer;
  #u32!: Uint32Array;
  #counts!: Int16Array;
  #valid!: Uint32Array<ArrayBuffer>;
  #text!: string[][];
  #filled!: boolean[];
  readonly #validStride: number;
  /** The current row's cached features per group, and a scratch filter per ROW_BLOOMS. */
  readonly #groups: (GroupFeatures | null)[] = GROUPS.map(() => null);
  readonly #scratch = ROW_BLOOMS.map((b) => new Uint32Array(BLOOM_BITS[b] / 32));

  constructor(
    readonly keys: FeatureKeys,
    readonly capacity: number,
  ) {
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
    let fp = 0;
    for (let g = 0; g < GROUPS.length; g++) {
      const group = GROUPS[g]!;
      const value = values[group.input];
      const cached = value ? this.#group(g, value) : null;
      this.#groups[g] = cached;
      for (let j = 0; j < group.fingerprints.length; j++, fp++) {
        const words = cached?.fps[j];
        if (words) this.#setWord(1 + fp, r, words[0], words[1], fp);
      }
      group.blooms.forEach((b, j) => {
        const filter = cached?.filters[j];
        if (filter) this.#setFilter(BLOOMS.indexOf(b), r, filter);
      });
    }
    for (let j = 0; j < ROW_BLOOMS.length; j++) {
      const filter = this.#joined(j, values);
      if (filter) this.#setFilter(BLOOMS.indexOf(ROW_BLOOMS[j]!), r, filter);
    }
    const plain = personFingerprintValues(values);
    plain.postcode = values.postcode;
    // The provider's mailbox is usually the address itself: then SQL reuses the email's fingerprint.
    if (plain.email_provider === plain.email) plain.email_provider = undefined;
    for (let k = 0; k < PERSONAL_FPS.length; k++) this.#setText(k, plain[PERSONAL_FPS[k]!]);
    this.#setText(PERSONAL_FPS.length, recordId ?? undefined);
    this.#rows = r + 1;
  }

  /** Hands over the rows gathered so far (their buffers move to the caller) and starts a new chunk. */
  take(): FeatureChunk {
    // Words were written as the bytes of the big-endian fingerprint or filter word: swapping
    // each 8 bytes makes them the little-endian integers DuckDB reads (eid is already one).
    Buffer.from(this.#data, 8 * this.capacity, 8 * this.capacity * (U64_COLUMNS - 1)).swap64();
    const chunk: FeatureChunk = {
      rows: this.#rows,
      capacity: this.capacity,
      data: this.#data,
      valid: this.#valid,
      text: this.#text.map((values, k) => (this.#filled[k] ? values.join(SEPARATOR) : null)),
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
    this.#text = Array.from({ length: PERSONAL_FPS.length + 1 }, () => []);
    this.#filled = this.#text.map(() => false);
  }

  /** Writes two raw words into 64-bit column `column` at row `r` and marks nullable column `nullable` valid there. */
  #setWord(column: number, r: number, first: number, second: number, nullable: number): void {
    const at = 2 * (column * this.capacity + r);
    this.#u32[at] = first;
    this.#u32[at + 1] = second;
    this.#valid[nullable * this.#validStride + (r >>> 5)]! |= 1 << (r & 31);
  }

  #setFilter(b: number, r: number, filter: Filter): void {
    const nullable = BINARY_FPS.length + b;
    const first = 1 + BINARY_FPS.length + FIRST_WORD[b]!;
    for (let w = 0; w < WORDS[b]!; w++)
      this.#setWord(first + w, r, filter.words[2 * w]!, filter.words[2 * w + 1]!, nullable);
    this.#counts[b * this.capacity + r] = filter.bits;
  }

  #setText(k: number, value: string | undefined): void {
    if (value) {
      this.#text[k]!.push(clean(value));
      this.#filled[k] = true;
    } else {
      this.#text[k]!.push('');
    }
  }

  /**
   * Joined filter j of the current row: the OR of its values' filters (the bits of " anna
   * rossi " are those of " anna " and " rossi "), or null when it has no bit set.
   */
  #joined(j: number, values: EntityValues): Filter | null {
    const b = ROW_BLOOMS[j]!;
    const { field, parts } = JOINED_BLOOMS[b];
    let words: Uint32Array = this.#scratch[j]!;
    words.fill(0);
    let known = false;
    let exact = true;
    for (const input of parts) {
      const value = values[input];
      if (!value) continue;
      known = true;
      const g = GROUP_OF[input];
      const part = g === undefined ? undefined : this.#groups[g]!.parts[j];
      if (part) {
        for (let i = 0; i < words.length; i++) words[i]! |= part[i]!;
      } else if (part === undefined && singleSpaced(value)) {
        this.keys.bloomInto(b, field, value, words);
      } else {
        exact = false;
      }
    }
    if (!known) return null;
    // A value with doubled or outer spaces has bigrams of its spaces: encode the joined text.
    if (!exact) words = this.keys.bloom(b, bloomValues(values)[b]!);
    const bits = popcount(words);
    return bits > 0 ? { words, bits } : null;
  }

  /** A filter with at least one bit set, or null. */
  #filter(name: BloomName, values: Readonly<Partial<Record<FieldKind, string>>>): Filter | null {
    const words = this.keys.bloom(name, values);
    const bits = popcount(words);
    return bits > 0 ? { words, bits } : null;
  }

  #group(g: number, value: string): GroupFeatures {
    const cache = this.#caches[g]!;
    let cached = cache.get(value);
    if (cached === undefined) {
      const group = GROUPS[g]!;
      const alone: EntityValues = { [group.input]: value };
      const fps = fingerprintValues(alone);
      const blooms = bloomValues(alone);
      cached = {
        fps: group.fingerprints.map((f) => {
          const v = fps[f];
          if (!v) return null;
          const bytes = this.keys.fingerprintBytes(f, clean(v));
          return [bytes.readUInt32LE(0), bytes.readUInt32LE(4)] as const;
        }),
        filters: group.blooms.map((b) => {
          const v = blooms[b];
          return v ? this.#filter(b, v) : null;
        }),
        parts: ROW_BLOOMS.map((b) => {
          const { field, parts } = JOINED_BLOOMS[b];
          if (!(parts as readonly string[]).includes(group.input)) return undefined;
          return singleSpaced(value) ? this.keys.bloom(b, { [field]: value }) : null;
        }),
      };
      // A full cache keeps what it has: the values met first are the most frequent ones,
      // where clearing it made every value a miss again once distinct values outgrew it
      // (705k postcodes in 10M generated customers).
      if (cache.size < CACHE_LIMIT) cache.set(value, cached);
    }
    return cached;
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
  return {
    builder,
    add(eid, recordId, row) {
      const results = normalize(row);
      builder.add(
        eid,
        recordId,
        used.map((p): NormalizedField => [p.kind, results[p.index] ?? null]),
      );
    },
  };
}

const STAGE = '_feature_stage';

/** The staging table's columns: the row's place in its chunk (1-based), then the chunk's binary columns. */
const stageColumns = (): string[] => [
  'i INTEGER',
  'eid BIGINT',
  ...BINARY_FPS.map((f) => `${fpColumn(f)} UBIGINT`),
  ...BLOOMS.flatMap((b) => bloomWordColumns(b).map((c) => `${c} UBIGINT`)),
  ...BLOOMS.map((b) => `${bcColumn(b)} SMALLINT`),
];

let rowIndex = new Int32Array(0);

/** 1..n as 32-bit integers (the staging table's `i`), shared by every chunk. */
function rowIndexes(n: number): ArrayBuffer {
  if (rowIndex.length < n)
    rowIndex = Int32Array.from({ length: Math.max(n, 2 * rowIndex.length) }, (_, i) => i + 1);
  return rowIndex.buffer as ArrayBuffer;
}

/** The chunk's columns for `appendRaw` into the staging table. */
function rawColumns(chunk: FeatureChunk): RawColumns {
  const n = chunk.capacity;
  const valid = (nullable: number): Pick<RawColumn, 'valid' | 'validOffset'> => ({
    valid: chunk.valid,
    validOffset: nullable * validWords(n),
  });
  const u64 = (column: number, nullable: number | null): RawColumn => ({
    type: column === 0 ? 'BIGINT' : 'UBIGINT',
    buffer: chunk.data,
    offset: 8 * n * column,
    ...(nullable === null ? {} : valid(nullable)),
  });
  return {
    rows: chunk.rows,
    columns: [
      { type: 'INTEGER', buffer: rowIndexes(chunk.rows), offset: 0 },
      u64(0, null),
      ...BINARY_FPS.map((_, j) => u64(1 + j, j)),
      ...BLOOMS.flatMap((_, b) =>
        Array.from({ length: WORDS[b]! }, (_, w) =>
          u64(1 + BINARY_FPS.length + FIRST_WORD[b]! + w, BINARY_FPS.length + b),
        ),
      ),
      ...BLOOMS.map(
        (_, b): RawColumn => ({
          type: 'SMALLINT',
          buffer: chunk.data,
          offset: 8 * n * U64_COLUMNS + 2 * n * b,
          ...valid(BINARY_FPS.length + b),
        }),
      ),
    ],
  };
}

/**
 * Returns how to insert chunks into the feature table `target`: each is appended to a
 * staging table as raw columns, then copied into `target` with the per-person fingerprints
 * computed from its text parameters, in the caller's transaction. The SQL carries key
 * material: it is run, never logged or kept in a view.
 */
export function featureInserter(
  target: string,
  keys: FeatureKeys,
): (tx: SqlExecutor, chunk: FeatureChunk) => Promise<void> {
  const list = (k: number): string => `nullif(t.p${k}[s.i], '')`;
  const personal = (f: FingerprintName): string => list(PERSONAL_FPS.indexOf(f));
  const fps = FINGERPRINTS.map((f) => {
    if (BINARY_FPS.includes(f)) return `s.${fpColumn(f)}`;
    const hmac = hmac64Sql(keys.subkeyFor(f), personal(f));
    // A provider mailbox equal to the address is not sent: it has the email's fingerprint.
    return f === 'email_provider' ? `coalesce(${hmac}, ${fpColumn('email')})` : hmac;
  });
  const columns = [
    ...FINGERPRINTS.map(fpColumn),
    ...BLOOMS.flatMap((b) => [...bloomWordColumns(b), bcColumn(b)]),
  ];
  const blooms = BLOOMS.flatMap((b) => [...bloomWordColumns(b), bcColumn(b)].map((c) => `s.${c}`));
  const texts = [...PERSONAL_FPS.keys(), PERSONAL_FPS.length].map(
    (k) => `string_split($${k + 1}, chr(30)) AS p${k}`,
  );
  const insert = `INSERT INTO ${quoteIdent(target)} (eid, record_id, ${columns.join(', ')})
    SELECT s.eid, ${list(PERSONAL_FPS.length)}, ${[...FINGERPRINTS.map((f, i) => `${fps[i]} AS ${fpColumn(f)}`), ...blooms].join(', ')}
    FROM ${STAGE} s, (SELECT ${texts.join(', ')}) t`;
  const ddl = `CREATE OR REPLACE TEMP TABLE ${STAGE} (${stageColumns().join(', ')})`;
  return async (tx, chunk) => {
    if (chunk.rows === 0) return;
    await tx.run(ddl);
    await tx.appendRaw(STAGE, rawColumns(chunk));
    await tx.run(insert, [...chunk.text]);
    await tx.run(`DROP TABLE temp.main.${STAGE}`);
  };
}
