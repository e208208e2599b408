/**
 * The workspace schema, as numbered migrations. A migration is never edited once released:
 * changes go in a new one. Each runs in its own transaction and is recorded in
 * `schema_migrations`, so a crash mid-migration leaves the previous version intact.
 *
 * Privacy rule: no table holds a plaintext value from the records or the sample. Values
 * are stored as keyed fingerprints (HMAC-SHA-256, 32-byte BLOB) or keyed Bloom filters
 * (BIT). `record_id` is the primary key of the records table, which must be an internal id
 * (the indexer uses the row ordinal instead when the only unique column is personal data,
 * e.g. an email).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'record index',
    statements: [
      // key_check (see protect/key.ts), created_at, tool_version, and later settings.
      `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
      `CREATE SEQUENCE record_source_ids START 1`,
      // One row per indexed records table; a changed file (new sha256) replaces its rows.
      `CREATE TABLE record_sources (
        source_id INTEGER PRIMARY KEY DEFAULT nextval('record_source_ids'),
        table_name VARCHAR NOT NULL UNIQUE,
        file_path VARCHAR NOT NULL,
        file_sha256 VARCHAR NOT NULL,
        row_count BIGINT NOT NULL,
        primary_key VARCHAR NOT NULL,
        indexed_at TIMESTAMPTZ NOT NULL
      )`,
      // Exact keys. `key_name` is '' for the normalised value itself, else the name of a
      // derived key (an email's provider-canonical form, a name+DOB composite, a DOB's year).
      // The fingerprint is a BLOB: 32 bytes instead of 64 hex characters halves the table
      // and its hash-join keys; joins on it are as fast as on VARCHAR.
      // No index: DuckDB joins by hashing, and an ART index would slow bulk loads.
      `CREATE TABLE record_fingerprints (
        source_id INTEGER NOT NULL,
        record_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        key_name VARCHAR NOT NULL DEFAULT '',
        fp BLOB NOT NULL
      )`,
      // Fuzzy keys. `field` names the layout and field (protect/bloom.ts), e.g. 'clk' or
      // 'field:last_name'. BIT because DuckDB has `&` and `bit_count` on it (Dice in SQL) and
      // `bitstring_agg` builds it (encoding in SQL); `bits` caches the popcount so a Dice
      // comparison costs one `bit_count` instead of three.
      `CREATE TABLE record_blooms (
        source_id INTEGER NOT NULL,
        record_id VARCHAR NOT NULL,
        field VARCHAR NOT NULL,
        bloom BIT NOT NULL,
        bits SMALLINT NOT NULL
      )`,
      // Term frequencies of fingerprints per source and key, for term-frequency adjustment
      // (a common surname weighs less than a rare one). Rebuilt per source with one
      // INSERT ... GROUP BY, so rows are unique by construction.
      `CREATE TABLE fingerprint_frequencies (
        source_id INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        key_name VARCHAR NOT NULL DEFAULT '',
        fp BLOB NOT NULL,
        n BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'resumable work units',
    statements: [
      // A unit is whatever a long job can redo independently (e.g. '<file sha256>:<chunk>').
      // It is marked in the same transaction as the unit's writes, so after a crash a unit
      // is either fully written and marked, or neither.
      `CREATE TABLE work_units (
        job VARCHAR NOT NULL,
        unit VARCHAR NOT NULL,
        done_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (job, unit)
      )`,
    ],
  },
  {
    version: 3,
    name: 'wide feature tables',
    statements: [
      // Linkage reads one wide feature row per record (match/schema.ts: a fingerprint
      // column per exact key, a Bloom filter per fuzzy field), one table per records source,
      // named in record_sources. The long-format tables of version 1 were never filled.
      `DROP TABLE record_fingerprints`,
      `DROP TABLE record_blooms`,
      `DROP TABLE fingerprint_frequencies`,
      `ALTER TABLE record_sources ADD COLUMN feature_table VARCHAR`,
    ],
  },
  {
    version: 4,
    name: 'sample library',
    statements: [
      // Earlier claimed samples (`leakverify library add`), for the recycling signal: which
      // share of a new sample's people already appeared in one of them. Only keyed
      // fingerprints of identifying values (email, phone) are kept, like the index.
      `CREATE SEQUENCE library_ids START 1`,
      `CREATE TABLE library_samples (
        library_id INTEGER PRIMARY KEY DEFAULT nextval('library_ids'),
        name VARCHAR NOT NULL UNIQUE,
        file_name VARCHAR NOT NULL,
        file_sha256 VARCHAR NOT NULL,
        row_count BIGINT NOT NULL,
        added_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE TABLE library_keys (library_id INTEGER NOT NULL, fp BLOB NOT NULL)`,
    ],
  },
  {
    version: 5,
    name: '64-bit fingerprints',
    statements: [
      // Feature tables store the first 64 bits of each HMAC (protect/hmac64.ts); the library
      // keeps its keys comparable by truncating the same way.
      // Feature tables themselves are rebuilt by the next `index` (their index version changed).
      `ALTER TABLE library_keys ALTER fp TYPE UBIGINT USING ('0x' || left(hex(fp), 16))::UBIGINT`,
    ],
  },
  {
    version: 6,
    name: 'indexed file sizes',
    statements: [
      // With file_sha256, the digest a report's manifest gives for the records file: what was
      // indexed is what the sample was linked against. NULL for files indexed before.
      `ALTER TABLE record_sources ADD COLUMN file_bytes BIGINT`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
