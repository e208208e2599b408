/**
 * The wide, protected feature schema shared by record tables and samples: one row per entity
 * (a record, or a sample row), one 64-bit HMAC column per exact key and, per keyed Bloom
 * filter, its bits as 64-bit words (with its cached popcount). No column holds a plaintext value: the only
 * text is `record_id`, the primary key of the records table (an internal id, see
 * store/schema.ts), which rows.csv must report.
 */
import { quoteIdent } from '../store/sql.js';

/** Exact keys, each fingerprinted under its own sub-key. */
export const FINGERPRINTS = [
  'email',
  'email_provider',
  'phone',
  'phone_national',
  'username',
  'internal_id',
  /** Tax code, social security or ID-card number: identity, not provenance. */
  'national_id',
  'order_id',
  'first_name',
  'last_name',
  /** The words of first and last name, sorted: matches swapped first/last names. */
  'name_tokens',
  'dob',
  /** The DOB with day and month swapped (only when both are <= 12 and differ). */
  'dob_swapped',
  'dob_ym',
  'dob_md',
  'dob_yd',
  'postcode',
  'city',
  /** Street name without the house number. */
  'street',
  /** House number and street name. */
  'street_number',
] as const;

export type FingerprintName = (typeof FINGERPRINTS)[number];

/** Fuzzy keys: keyed Bloom filters of bigrams (CLK style), one layout per field. */
export const BLOOMS = ['first_name', 'last_name', 'name', 'street', 'city'] as const;

export type BloomName = (typeof BLOOMS)[number];

export const fpColumn = (name: FingerprintName): string => `fp_${name}`;

/** Length in bits of each filter (match/features.ts BLOOM_LAYOUTS): names are short, so 256 bits half-fill. */
export const BLOOM_BITS: Readonly<Record<BloomName, number>> = {
  first_name: 256,
  last_name: 256,
  name: 512,
  street: 512,
  city: 256,
};

/**
 * Word i (from 0) of a filter: its bits 64i to 64i+63, first bit most significant, as a
 * UBIGINT. Fixed-width words keep a filter inline in DuckDB's join rows, and Dice is a
 * `bit_count` of an AND per word: measured 2.3x faster than on one BIT string, which
 * allocates a result per pair.
 */
export const bwColumn = (name: BloomName, i: number): string => `bw_${name}_${i}`;

/** The word columns of a filter, in order. */
export const bloomWordColumns = (name: BloomName): string[] =>
  Array.from({ length: BLOOM_BITS[name] / 64 }, (_, i) => bwColumn(name, i));

/** The popcount of a filter, cached so Dice costs one `bit_count` per word and pair. */
export const bcColumn = (name: BloomName): string => `bc_${name}`;

/**
 * The filter's first 64 bits, for LSH blocking: bands of it are cheap integer keys. Bloom
 * positions are keyed pseudo-random, so any 64 positions are as good a sample as others.
 */
export const lbColumn = (name: BloomName): string => bwColumn(name, 0);

/** Bits of `lbColumn` available to band rules. */
export const LSH_BITS = 64;

/**
 * The version of what feature columns hold; an index built with another is built again.
 * 2: fingerprints are 64-bit integers (were 32-byte blobs).
 * 3: Bloom filters are 64-bit words (were BIT strings).
 */
export const FEATURE_FORMAT = 3;

/** All feature columns in table order (after `eid` and `record_id`). */
export const FEATURE_COLUMNS: readonly string[] = [
  ...FINGERPRINTS.map(fpColumn),
  ...BLOOMS.flatMap((b) => [...bloomWordColumns(b), bcColumn(b)]),
];

/**
 * SQL reading a filter's words (`bloomWordColumns` order) from a VARCHAR expression of its
 * bytes as hex (NULL stays NULL).
 */
export function bloomWordsFromHexSql(name: BloomName, hexExpr: string): string[] {
  return bloomWordColumns(name).map(
    (column, i) => `('0x' || substr(${hexExpr}, ${16 * i + 1}, 16))::UBIGINT AS ${column}`,
  );
}

/** All columns of a feature table, in order: what `appendRows` takes. */
export const FEATURE_TABLE_COLUMNS: readonly string[] = ['eid', 'record_id', ...FEATURE_COLUMNS];

/**
 * DDL of a feature table. `eid` identifies the entity within its table: the 1-based row
 * ordinal for a sample, any unique integer for a records table (its ordinal, say).
 * @example await db.run(featureTableSql('features_customers'))
 */
export function featureTableSql(name: string, options: { temp?: boolean } = {}): string {
  // FEATURE_COLUMNS is the one statement of the order (chunks are appended by position).
  const popcounts = new Set(BLOOMS.map(bcColumn));
  const columns = [
    'eid BIGINT NOT NULL',
    'record_id VARCHAR',
    ...FEATURE_COLUMNS.map((c) => `${c} ${popcounts.has(c) ? 'SMALLINT' : 'UBIGINT'}`),
  ];
  return `CREATE ${options.temp ? 'TEMP ' : ''}TABLE IF NOT EXISTS ${quoteIdent(name)} (\n  ${columns.join(',\n  ')}\n)`;
}
