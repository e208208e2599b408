/**
 * The wide, protected feature schema shared by record tables and samples: one row per entity
 * (a record, or a sample row), one 64-bit HMAC column per exact key and one BIT column per
 * keyed Bloom filter (with its cached popcount). No column holds a plaintext value: the only
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
export const bfColumn = (name: BloomName): string => `bf_${name}`;
/** The popcount of a filter, cached so Dice costs one `bit_count` per pair instead of three. */
export const bcColumn = (name: BloomName): string => `bc_${name}`;
/**
 * The filter's first 64 bits as an integer, for LSH blocking: bands of it are cheap integer
 * keys. Bloom positions are keyed pseudo-random, so any 64 positions are as good a sample
 * as others, and these add nothing the filter does not already show.
 */
export const lbColumn = (name: BloomName): string => `lb_${name}`;

/** Bits of `lb_*` available to band rules. */
export const LSH_BITS = 64;

/**
 * The version of what feature columns hold; an index built with another is built again.
 * 2: fingerprints are 64-bit integers (were 32-byte blobs).
 */
export const FEATURE_FORMAT = 2;

/** All feature columns in table order (after `eid` and `record_id`). */
export const FEATURE_COLUMNS: readonly string[] = [
  ...FINGERPRINTS.map(fpColumn),
  ...BLOOMS.flatMap((b) => [bfColumn(b), bcColumn(b), lbColumn(b)]),
];

/** All columns of a feature table, in order: what `appendRows` takes. */
export const FEATURE_TABLE_COLUMNS: readonly string[] = ['eid', 'record_id', ...FEATURE_COLUMNS];

/**
 * DDL of a feature table. `eid` identifies the entity within its table: the 1-based row
 * ordinal for a sample, any unique integer for a records table (its ordinal, say).
 * @example await db.run(featureTableSql('features_customers'))
 */
export function featureTableSql(name: string, options: { temp?: boolean } = {}): string {
  const columns = [
    'eid BIGINT NOT NULL',
    'record_id VARCHAR',
    ...FINGERPRINTS.map((f) => `${fpColumn(f)} UBIGINT`),
    ...BLOOMS.flatMap((b) => [`${bfColumn(b)} BIT`, `${bcColumn(b)} SMALLINT`, `${lbColumn(b)} UBIGINT`]),
  ];
  return `CREATE ${options.temp ? 'TEMP ' : ''}TABLE IF NOT EXISTS ${quoteIdent(name)} (\n  ${columns.join(',\n  ')}\n)`;
}
