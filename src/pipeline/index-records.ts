import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { LeakverifyError } from '../core/errors.js';
import { hashFile } from '../core/file-hash.js';
import type { ColumnMapping } from '../fields/types.js';
import type { OpenSampleOptions } from '../ingest/index.js';
import { FeatureKeys } from '../match/features.js';
import { FEATURE_FORMAT, FEATURE_TABLE_COLUMNS, featureTableSql } from '../match/schema.js';
import { checkKey, type SecretKey } from '../protect/index.js';
import { clearJob, doneUnits, quoteIdent } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import { type LoadResult, loadFeatures } from './load-features.js';
import { createProfileLearner, PROFILE_KINDS, saveTableProfile } from './record-profile.js';

export interface RecordsFile {
  readonly path: string;
  /** Name of the records table (customers, orders, ...); defaults to the file's base name. */
  readonly table?: string;
  /** Primary key column; inferred when absent. */
  readonly key?: string;
}

export interface IndexOptions {
  readonly ingest?: OpenSampleOptions;
  readonly mapping?: ColumnMapping;
  readonly defaultRegion?: string;
}

export interface IndexedTable {
  readonly name: string;
  readonly featureTable: string;
  readonly path: string;
  readonly sha256: string;
  /** Size of the file as indexed (null: indexed before sizes were kept). */
  readonly bytes: number | null;
  readonly rows: number;
  readonly keyColumn: string | null;
  /** `unchanged`: same file already indexed, nothing done. */
  readonly status: 'indexed' | 'updated' | 'unchanged';
  readonly load?: LoadResult;
}

export interface IndexEffects {
  /** `bytes` read of the file's `size`, for a share done and an ETA. */
  readonly onProgress?: (table: string, rows: number, bytes: number, size: number) => void;
  readonly onTable?: (table: IndexedTable) => void;
}

/** A records table's name from its file: `exports/customers.csv.gz` → `customers`. */
export function tableNameOf(path: string): string {
  return (
    basename(path)
      .replace(/(\.(gz|zip))+$/i, '')
      .replace(/\.[^.]+$/, '') || 'records'
  );
}

/**
 * Builds or updates the protected index of record tables. Re-indexing an unchanged file
 * does nothing; a changed file replaces its table. Rows are written in committed chunks, so
 * an interrupted run resumes where it stopped.
 */
export async function indexRecords(
  db: Workspace,
  key: SecretKey,
  files: readonly RecordsFile[],
  options: IndexOptions = {},
  effects: IndexEffects = {},
): Promise<IndexedTable[]> {
  await checkKey(db, key);
  const keys = new FeatureKeys(key);
  const names = files.map((f) => f.table ?? tableNameOf(f.path));
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) {
    throw new LeakverifyError(
      'cli.usage',
      `two records files map to the table name ${JSON.stringify(duplicate)}`,
      {
        hint: 'Rename one of the files, or name the tables with --key table=column.',
      },
    );
  }
  const out: IndexedTable[] = [];
  for (const [i, file] of files.entries()) {
    const table = await indexOne(db, keys, file, names[i]!, options, effects);
    effects.onTable?.(table);
    out.push(table);
  }
  return out;
}

async function indexOne(
  db: Workspace,
  keys: FeatureKeys,
  file: RecordsFile,
  name: string,
  options: IndexOptions,
  effects: IndexEffects,
): Promise<IndexedTable> {
  const { sha256, bytes: size } = await hashFile(file.path).catch(() => {
    throw new LeakverifyError('input.not-found', `cannot read records file ${file.path}`);
  });
  const [known] = await db.all<{
    file_sha256: string;
    row_count: number;
    file_bytes: number | bigint | null;
    primary_key: string;
    feature_table: string;
  }>(
    'SELECT file_sha256, file_bytes, row_count, primary_key, feature_table FROM record_sources WHERE table_name = $1',
    [name],
  );
  // The index depends on the file and on how it was read: a different --key, mapping or
  // region is a new version of the index, never "unchanged".
  const version = indexVersion(sha256, file, options);
  const [stored] = await db.all<{ value: string }>('SELECT value FROM meta WHERE key = $1', [
    settingsKey(name),
  ]);
  if (known && known.file_sha256 === sha256 && (stored?.value ?? indexVersion(sha256, {}, {})) === version) {
    // Indexed before sizes were kept: the file is the one indexed, so its size is known now
    // and reports can state it by its indexed digest from here on.
    if (known.file_bytes === null)
      await db.run('UPDATE record_sources SET file_bytes = $1 WHERE table_name = $2', [size, name]);
    return {
      name,
      featureTable: known.feature_table,
      path: file.path,
      sha256,
      bytes: size,
      rows: Number(known.row_count),
      keyColumn: known.primary_key || null,
      status: 'unchanged',
    };
  }
  // Each version of a file gets its own feature table and job: the same file resumes an
  // interrupted run, a changed file starts afresh, and the previous complete index stays in
  // use until the new one is complete.
  const featureTable = featureTableFor(name, version);
  const job = `index:${name}:${version}`;
  await db.transaction(async (tx) => {
    const stale = await tx.all<{ job: string }>(
      `SELECT DISTINCT job FROM work_units WHERE job LIKE $1 AND job <> $2`,
      [`index:${name}:%`, job],
    );
    for (const { job: old } of stale) {
      await clearJob(tx, old);
      await tx.run(
        `DROP TABLE IF EXISTS ${quoteIdent(featureTableFor(name, old.slice(old.lastIndexOf(':') + 1)))}`,
      );
    }
    await tx.run(featureTableSql(featureTable));
  });
  const learner = createProfileLearner(name, file.key ?? null);
  let load: LoadResult;
  try {
    load = await loadFeatures(
      db,
      {
        path: file.path,
        table: featureTable,
        keys,
        ...(options.ingest ? { ingest: options.ingest } : {}),
        ...(options.mapping ? { mapping: options.mapping } : {}),
        ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}),
        recordKey: file.key === undefined ? {} : { column: file.key },
        job,
        observeKinds: PROFILE_KINDS,
        restartObserver: learner.reset,
      },
      (rows, bytes) => effects.onProgress?.(name, rows, bytes, size),
      learner.observe,
    );
  } catch (error) {
    // A file refused before its first chunk (unusable, empty, contradicting mapping, personal
    // key, too large) leaves the workspace as it was: no empty table of it.
    if ((await doneUnits(db, job)).size === 0)
      await db.run(`DROP TABLE IF EXISTS ${quoteIdent(featureTable)}`);
    throw error;
  }
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM record_sources WHERE table_name = $1', [name]);
    if (known && known.feature_table !== featureTable)
      await tx.run(`DROP TABLE IF EXISTS ${quoteIdent(known.feature_table)}`);
    await tx.run(
      `INSERT INTO record_sources (table_name, file_path, file_sha256, file_bytes, row_count, primary_key, indexed_at, feature_table)
       VALUES ($1, $2, $3, $4, $5, $6, now(), $7)`,
      // Absolute: a later run from another directory signs its manifest over this file.
      [name, resolve(file.path), sha256, size, load.rows, load.keyColumn ?? '', featureTable],
    );
    await saveTableProfile(tx, learner.finish(load.rows));
    await tx.run('DELETE FROM meta WHERE key = $1', [settingsKey(name)]);
    await tx.run('INSERT INTO meta VALUES ($1, $2)', [settingsKey(name), version]);
    await clearJob(tx, job);
  });
  await db.checkpoint();
  return {
    name,
    featureTable,
    path: file.path,
    sha256,
    bytes: size,
    rows: load.rows,
    keyColumn: load.keyColumn,
    status: known ? 'updated' : 'indexed',
    load,
  };
}

const settingsKey = (table: string): string => `index-version:${table}`;

/** Identifies one version of an index: the file's hash and the settings it was read with. */
function indexVersion(sha256: string, file: Pick<RecordsFile, 'key'>, options: IndexOptions): string {
  const settings = JSON.stringify([
    file.key ?? null,
    options.mapping ?? null,
    options.defaultRegion ?? null,
    options.ingest ?? null,
    // A version of leakverify that fingerprints other fields, or stores them otherwise, needs the records again.
    FEATURE_TABLE_COLUMNS,
    FEATURE_FORMAT,
  ]);
  return createHash('sha256').update(`${sha256}\n${settings}`).digest('hex');
}

function featureTableFor(name: string, sha256: string): string {
  return `features_${name}_${sha256.slice(0, 16)}`;
}

/** The record tables of a workspace, as linkage needs them. */
export async function indexedTables(db: Workspace): Promise<{ name: string; table: string; rows: number }[]> {
  return (await workspaceTables(db)).map((t) => ({ name: t.name, table: t.featureTable, rows: t.rows }));
}

/** Every records table of a workspace, whichever run indexed it, with its file and hash. */
export async function workspaceTables(db: Workspace): Promise<IndexedTable[]> {
  const rows = await db.all<{
    table_name: string;
    feature_table: string;
    row_count: number;
    file_path: string;
    file_sha256: string;
    file_bytes: number | bigint | null;
    primary_key: string;
  }>(
    'SELECT table_name, feature_table, row_count, file_path, file_sha256, file_bytes, primary_key FROM record_sources ORDER BY source_id',
  );
  return rows.map((r) => ({
    name: r.table_name,
    featureTable: r.feature_table,
    path: r.file_path,
    sha256: r.file_sha256,
    bytes: r.file_bytes === null ? null : Number(r.file_bytes),
    rows: Number(r.row_count),
    keyColumn: r.primary_key || null,
    status: 'unchanged',
  }));
}
