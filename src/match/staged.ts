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
import type { Cell } from '../core/types.js';
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
 * A chunk of feature rows on its way to `featureInserter`: plain data that a worker thread
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

const CACHE_LIMIT = 1 << 19;

/** Where each group's fingerprints start among BINARY_FPS. */
const FP_BASE = GROUPS.map((_, g) => GROUPS.slice(0, g).reduce((a, x) => a + x.fingerprints.length, 0));
/** Per joined filter, its values in order with the group each is the input of (-1: none). */
const JOINED_PARTS = ROW_BLOOMS.map((b) =>
  JOINED_BLOOMS[b].parts.map((input) => ({ input, g: GROUP_OF[input] ?? -1 })),
);

/**
 * How a value takes part in a joined filter (`GroupTable.parts`): not at all, with its bits
 * in the table, or not single-spaced (the row then encodes the joined text instead).
 */
const Part = { None: 0, Bits: 1, Text: 2 } as const;

/**
 * The features of one group's distinct values (fingerprints, filters, their bits in joined
 * filters), computed once per value and kept in flat arrays indexed by the value's id. One
 * Map lookup gives an integer, and the rest is read from contiguous memory: with an object
 * per value, the chain of dependent loads to its fingerprints was about a quarter of the
 * builder's time.
 */
class GroupTable {
  readonly #ids = new Map<string, number>();
  readonly #group: ValueGroup;
  /** 32-bit words per value: two per fingerprint, then each filter's, then each joined part's. */
  readonly stride: number;
  readonly filterAt: readonly number[];
  readonly partAt: readonly number[];
  words = new Uint32Array(0);
  /** Per value and fingerprint: 1 when it has one. */
  present = new Uint8Array(0);
  /** Per value and filter: its popcount (0: no filter). */
  bits = new Uint16Array(0);
  /** Per value and ROW_BLOOMS filter: a `Part`. */
  parts = new Uint8Array(0);
  /** Slot 0 holds a value met after the table filled up; cached values start at 1. */
  #size = 1;

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
    if (known !== undefined) return known;
    // A full table keeps what it has (the values met first are the frequent ones): a value
    // outside it is computed into slot 0 each time.
    const id = this.#size <= this.limit ? this.#size++ : 0;
    if (id >= this.present.length / Math.max(1, this.#group.fingerprints.length)) this.#grow(2 * id);
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
    this.present = grown(this.present, (n) => new Uint8Array(n), Math.max(1, g.fingerprints.length));
    this.bits = grown(this.bits, (n) => new Uint16Array(n), Math.max(1, g.blooms.length));
    this.parts = grown(this.parts, (n) => new Uint8Array(n), ROW_BLOOMS.length);
  }

  #compute(id: number, value: string): void {
    const g = this.#group;
    const base = id * this.stride;
    const alone: EntityValues = { [g.input]: value };
    const fps = fingerprintValues(alone);
    const blooms = bloomValues(alone);
    const nfps = Math.max(1, g.fingerprints.length);
    g.fingerprints.forEach((f, j) => {
      const v = fps[f];
      this.present[id * nfps + j] = v ? 1 : 0;
      if (!v) return;
      const bytes = this.keys.fingerprintBytes(f, clean(v));
      this.words[base + 2 * j] = bytes.readUInt32LE(0);
      this.words[base + 2 * j + 1] = bytes.readUInt32LE(4);
    });
    g.blooms.forEach((b, k) => {
      const v = blooms[b];
      const words = v ? this.keys.bloom(b, v) : null;
      this.bits[id * Math.max(1, g.blooms.length) + k] = words ? popcount(words) : 0;
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
  #text!: string[][];
  #filled!: boolean[];
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
        const fp = FP_BASE[g]! + j;
        if (table.present[id * nfps + j] === 1)
          this.#setWord(1 + fp, r, words[base + 2 * j]!, words[base + 2 * j + 1]!, fp);
      }
      for (let k = 0; k < group.blooms.length; k++) {
        const bits = table.bits[id * group.blooms.length + k]!;
        if (bits > 0)
          this.#setFilter(BLOOMS.indexOf(group.blooms[k]!), r, words, base + table.filterAt[k]!, bits);
      }
    }
    for (let j = 0; j < ROW_BLOOMS.length; j++) this.#joined(j, r, values);
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

  /** Writes filter `b` of row `r` from `words[from..]`, with its popcount. */
  #setFilter(b: number, r: number, words: Uint32Array, from: number, bits: number): void {
    const nullable = BINARY_FPS.length + b;
    const first = 1 + BINARY_FPS.length + FIRST_WORD[b]!;
    for (let w = 0; w < WORDS[b]!; w++)
      this.#setWord(first + w, r, words[from + 2 * w]!, words[from + 2 * w + 1]!, nullable);
    this.#counts[b * this.capacity + r] = bits;
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
    if (bits > 0) this.#setFilter(BLOOMS.indexOf(b), r, words, 0, bits);
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
