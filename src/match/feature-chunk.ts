/**
 * A chunk of feature rows as the bulk path carries it (staged.ts builds it, possibly in a
 * worker thread): fingerprints and Bloom-filter words as fixed-width binary columns, and the
 * record ids as one string. Here too its way into DuckDB: the binary columns are appended as
 * they are (`appendRaw`: a copy per column and 2048 rows, no parsing), the record ids beside
 * them, straight into the feature table (`featureInserter`). No plaintext of a
 * feature reaches DuckDB: it is fingerprinted before it leaves the thread that normalised it.
 */
import type { RawColumn, RawColumns, SqlExecutor } from '../store/types.js';
import { type EntityValues, JOINED_BLOOMS, type JoinedBloom } from './features.js';
import {
  BLOOM_BITS,
  BLOOMS,
  type BloomName,
  FEATURE_TABLE_COLUMNS,
  FINGERPRINTS,
  type FingerprintName,
} from './schema.js';

export const SEPARATOR = '\u001e';
const SEPARATORS = /[\u001e\u001f]/g;

/**
 * A value cannot hold the separator: one holding it (or U+001F, the separator of earlier
 * versions, kept so fingerprints do not change) gets U+FFFD instead, on both sides of the
 * linkage alike.
 */
export const clean = (value: string): string =>
  value.includes('\u001f') || value.includes(SEPARATOR) ? value.replace(SEPARATORS, '\ufffd') : value;

/**
 * Feature columns that follow from ONE repeating value of an entity alone (a first name, a
 * birth date, a city): their fingerprints and Bloom filters are computed once per distinct
 * value and cached, so one lookup per value replaces one HMAC per column and row. Postcodes
 * are not among them: 705k distinct ones in 10M generated customers made their cache the
 * largest and slowest (a lookup in a Map that size costs about as much CPU as an HMAC).
 */
export interface ValueGroup {
  readonly input: 'firstName' | 'lastName' | 'dob' | 'city' | 'street';
  readonly fingerprints: readonly FingerprintName[];
  readonly blooms: readonly BloomName[];
}

export const GROUPS: readonly ValueGroup[] = [
  { input: 'firstName', fingerprints: ['first_name'], blooms: ['first_name'] },
  { input: 'lastName', fingerprints: ['last_name'], blooms: ['last_name'] },
  { input: 'dob', fingerprints: ['dob', 'dob_swapped', 'dob_ym', 'dob_md', 'dob_yd'], blooms: [] },
  { input: 'city', fingerprints: ['city'], blooms: ['city'] },
  { input: 'street', fingerprints: ['street'], blooms: [] },
];

/** Fingerprints computed per row: per-person keys (email, phone, ids, ...) and postcodes. */
export const PERSONAL_FPS = FINGERPRINTS.filter((f) => !GROUPS.some((g) => g.fingerprints.includes(f)));
/**
 * Filters of several values joined (full name; house number and street): assembled per row as
 * the OR of their values' filters, those of GROUPS values cached with the value.
 */
export const ROW_BLOOMS = Object.keys(JOINED_BLOOMS) as JoinedBloom[];
if (BLOOMS.some((b) => !ROW_BLOOMS.includes(b as JoinedBloom) && !GROUPS.some((g) => g.blooms.includes(b))))
  throw new Error("every Bloom filter is either a value group's or a joined one");
/** The group whose value is each input, for the parts of joined filters. */
export const GROUP_OF: Partial<Record<keyof EntityValues, number>> = Object.fromEntries(
  GROUPS.map((g, i) => [g.input, i]),
);

/** 64-bit words per filter, and where each filter's first word column is among them. */
export const WORDS = BLOOMS.map((b) => BLOOM_BITS[b] / 64);
export const FIRST_WORD = WORDS.map((_, i) => WORDS.slice(0, i).reduce((a, w) => a + w, 0));
/**
 * The 64-bit columns of a chunk, in order: eid, the fingerprints (FINGERPRINTS order), every
 * filter word. Then one 16-bit popcount column per filter.
 */
export const U64_COLUMNS = 1 + FINGERPRINTS.length + WORDS.reduce((a, w) => a + w, 0);
/** Columns that can be NULL, each with its own validity bits: the fingerprints, then one per filter (its words and popcount). */
export const NULLABLE = FINGERPRINTS.length + BLOOMS.length;
/** Validity words per column: a multiple of two, since DuckDB copies them as 64-bit words. */
export const validWords = (capacity: number): number => 2 * Math.ceil(capacity / 64);

/**
 * A chunk of feature rows on its way to `featureInserter`: plain data that a worker thread
 * can transfer (its two buffers move without a copy).
 */
export interface FeatureChunk {
  readonly rows: number;
  readonly capacity: number;
  /**
   * `U64_COLUMNS` columns of `capacity` little-endian 64-bit integers (eid, the fingerprints
   * of FINGERPRINTS, the filter words of BLOOMS), then one column of 16-bit popcounts per filter.
   */
  readonly data: ArrayBuffer;
  /** Validity bits of the NULLABLE columns, `validWords(capacity)` words each. */
  readonly valid: Uint32Array<ArrayBuffer>;
  /** The rows' record ids joined by U+001E ('' for none), or null when no row has one. */
  readonly recordIds: string | null;
}

/** The chunk's columns for `appendRaw` into a feature table, in featureTableSql's order. */
function tableRawColumns(chunk: FeatureChunk): RawColumns {
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
  const filter = (b: number): RawColumn[] => [
    ...Array.from({ length: WORDS[b]! }, (_, w) =>
      u64(1 + FINGERPRINTS.length + FIRST_WORD[b]! + w, FINGERPRINTS.length + b),
    ),
    {
      type: 'SMALLINT',
      buffer: chunk.data,
      offset: 8 * n * U64_COLUMNS + 2 * n * b,
      ...valid(FINGERPRINTS.length + b),
    },
  ];
  return {
    rows: chunk.rows,
    names: FEATURE_TABLE_COLUMNS,
    columns: [
      u64(0, null),
      recordIdColumn(chunk),
      ...FINGERPRINTS.map((_, j) => u64(1 + j, j)),
      ...BLOOMS.flatMap((_, b) => filter(b)),
    ],
  };
}

/** The chunk's record ids as a VARCHAR raw column: pieces of their UTF-8 between separators, '' for none. */
function recordIdColumn(chunk: FeatureChunk): RawColumn {
  if (chunk.recordIds === null) return { type: 'VARCHAR', buffer: new ArrayBuffer(0), offset: 0 };
  const bytes = Buffer.from(chunk.recordIds, 'utf8');
  const starts = new Int32Array(chunk.rows);
  const ends = new Int32Array(chunk.rows);
  // U+001E is one byte in UTF-8, and no other character's bytes contain it. Offsets are into
  // the Buffer's own ArrayBuffer, which it may share with others: no copy of the bytes.
  let start = 0;
  for (let r = 0; r < chunk.rows; r++) {
    const end = bytes.indexOf(0x1e, start);
    starts[r] = bytes.byteOffset + start;
    ends[r] = bytes.byteOffset + (end < 0 ? bytes.length : end);
    start = (end < 0 ? bytes.length : end) + 1;
  }
  return { type: 'VARCHAR', buffer: bytes.buffer as ArrayBuffer, offset: 0, text: { starts, ends } };
}

/**
 * Returns how to insert chunks into the feature table `target`, in the caller's transaction:
 * appended as they are, record ids too (one call per id, from one UTF-8 copy of the chunk's
 * joined ids). Appending goes by position, so the chunk names featureTableSql's columns and
 * `appendRaw` refuses a table with other columns or another order (every feature table has
 * this layout: FEATURE_FORMAT names it, and a table of another format is never loaded into).
 * A staging table copied over by INSERT ... SELECT cost the 1M-row sample 2.2 s of appending
 * and 2.2 s of copying (BENCHMARKS.md, session 8).
 */
export function featureInserter(target: string): (tx: SqlExecutor, chunk: FeatureChunk) => Promise<void> {
  return async (tx, chunk) => {
    if (chunk.rows === 0) return;
    await tx.appendRaw(target, tableRawColumns(chunk));
  };
}
