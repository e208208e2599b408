/**
 * The bulk path from normalised values to feature rows: JavaScript builds the Bloom filters
 * (fast there) and the canonical key strings; DuckDB computes the HMAC fingerprints (fast
 * there, on every core) while moving a chunk from a staging table into the feature table.
 * The staging table is TEMP (in memory, never in the workspace file or its WAL) and holds
 * one chunk at a time; it is emptied as soon as the chunk is moved.
 */
import { hmacSql } from '../protect/fingerprint.js';
import { quoteIdent } from '../store/sql.js';
import type { SqlValue } from '../store/types.js';
import {
  bloomColumnValues,
  collectValues,
  type FeatureKeys,
  fingerprintValues,
  type NormalizedField,
} from './features.js';
import { BLOOMS, bcColumn, bfColumn, FINGERPRINTS, fpColumn, lbColumn } from './schema.js';

const plainColumn = (f: string): string => `p_${f}`;

/** Columns of the staging table, in `stagedRowValues` order. */
export const STAGE_COLUMNS: readonly string[] = [
  'eid',
  'record_id',
  ...FINGERPRINTS.map(plainColumn),
  ...BLOOMS.flatMap((b) => [bfColumn(b), bcColumn(b), lbColumn(b)]),
];

export function stageTableSql(name: string): string {
  const columns = [
    'eid BIGINT NOT NULL',
    'record_id VARCHAR',
    ...FINGERPRINTS.map((f) => `${plainColumn(f)} VARCHAR`),
    ...BLOOMS.flatMap((b) => [`${bfColumn(b)} BIT`, `${bcColumn(b)} SMALLINT`, `${lbColumn(b)} UBIGINT`]),
  ];
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} (${columns.join(', ')})`;
}

/** One staging row: the entity's key strings (to be fingerprinted in SQL) and its filters. */
export function stagedRowValues(
  eid: number,
  recordId: string | null,
  fields: Iterable<NormalizedField>,
  keys: FeatureKeys,
): SqlValue[] {
  const values = collectValues(fields);
  const plain = fingerprintValues(values);
  // An empty key is no key, as in buildFeaturesFromValues.
  return [eid, recordId, ...FINGERPRINTS.map((f) => plain[f] || null), ...bloomColumnValues(values, keys)];
}

/**
 * Moves the staged chunk into `target`, fingerprinting each key with its field's subkey.
 * The SQL carries key material: run it, never log it or keep it in a view.
 */
export function moveStagedSql(stage: string, target: string, keys: FeatureKeys): string {
  const fps = FINGERPRINTS.map(
    (f) => `${hmacSql(keys.subkeyFor(f), quoteIdent(plainColumn(f)))} AS ${fpColumn(f)}`,
  );
  const blooms = BLOOMS.flatMap((b) => [bfColumn(b), bcColumn(b), lbColumn(b)]);
  return `INSERT INTO ${quoteIdent(target)} (eid, record_id, ${[...FINGERPRINTS.map(fpColumn), ...blooms].join(', ')})
    SELECT eid, record_id, ${[...fps, ...blooms].join(', ')} FROM ${quoteIdent(stage)}`;
}
