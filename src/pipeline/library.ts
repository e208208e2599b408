import { basename } from 'node:path';
import type { LibraryInput } from '../analyze/types.js';
import { LeakverifyError } from '../core/errors.js';
import type { ColumnMapping } from '../fields/types.js';
import type { OpenSampleOptions } from '../ingest/index.js';
import { FeatureKeys } from '../match/features.js';
import { featureTableSql } from '../match/schema.js';
import { checkKey, type SecretKey } from '../protect/index.js';
import { quoteIdent } from '../store/index.js';
import type { SqlExecutor, Workspace } from '../store/types.js';
import { sha256File } from './inspect.js';
import { loadFeatures } from './load-features.js';
import { dropRunTables, RUN_TABLE_PREFIX } from './run-tables.js';

/** The identifying fingerprints a library sample is remembered by. */
const KEY_COLUMNS = ['fp_email', 'fp_phone'] as const;

export interface LibraryEntry {
  readonly name: string;
  readonly file: string;
  readonly sha256: string;
  readonly rows: number;
  readonly keys: number;
}

/**
 * Registers an earlier claimed sample (another platform's breach, last year's paste) so that
 * later verifications report how much of a new sample it already holds. Keeps only keyed
 * fingerprints of emails and phones.
 */
export async function addToLibrary(
  db: Workspace,
  key: SecretKey,
  request: { path: string; name: string; ingest?: OpenSampleOptions; mapping?: ColumnMapping },
): Promise<LibraryEntry> {
  await checkKey(db, key);
  const [taken] = await db.all('SELECT 1 FROM library_samples WHERE name = $1', [request.name]);
  if (taken) {
    throw new LeakverifyError(
      'cli.usage',
      `the library already has a sample named ${JSON.stringify(request.name)}`,
      {
        hint: 'Choose another --name, or `leakverify library remove` it first.',
      },
    );
  }
  const sha256 = await sha256File(request.path);
  await dropRunTables(db);
  const table = `${RUN_TABLE_PREFIX}library_${process.pid}_${Date.now()}`;
  await db.run(featureTableSql(table));
  try {
    const load = await loadFeatures(db, {
      path: request.path,
      table,
      keys: new FeatureKeys(key),
      ...(request.ingest ? { ingest: request.ingest } : {}),
      ...(request.mapping ? { mapping: request.mapping } : {}),
      recordKey: null,
    });
    return await db.transaction(async (tx) => {
      const [row] = await tx.all<{ id: number }>(
        `INSERT INTO library_samples (name, file_name, file_sha256, row_count, added_at)
         VALUES ($1, $2, $3, $4, now()) RETURNING library_id AS id`,
        [request.name, basename(request.path), sha256, load.rows],
      );
      const keys = await tx.run(
        `INSERT INTO library_keys SELECT DISTINCT $1::INTEGER, fp FROM (
           ${KEY_COLUMNS.map((c) => `SELECT ${c} AS fp FROM ${quoteIdent(table)} WHERE ${c} IS NOT NULL`).join(' UNION ALL ')})`,
        [row!.id],
      );
      return { name: request.name, file: basename(request.path), sha256, rows: load.rows, keys };
    });
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  }
}

export async function listLibrary(db: SqlExecutor): Promise<LibraryEntry[]> {
  return db.all<LibraryEntry>(
    `SELECT s.name, s.file_name AS file, s.file_sha256 AS sha256, s.row_count AS rows, count(k.fp) AS keys
     FROM library_samples s LEFT JOIN library_keys k USING (library_id)
     GROUP BY s.library_id, s.name, s.file_name, s.file_sha256, s.row_count ORDER BY s.library_id`,
  );
}

export async function removeFromLibrary(db: Workspace, name: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.all<{ id: number }>(
      'SELECT library_id AS id FROM library_samples WHERE name = $1',
      [name],
    );
    if (!row) return false;
    await tx.run('DELETE FROM library_keys WHERE library_id = $1', [row.id]);
    await tx.run('DELETE FROM library_samples WHERE library_id = $1', [row.id]);
    return true;
  });
}

/**
 * The library overlap of a sample already loaded into `sampleTable`, in the analysis's
 * shape: per row (dense order of `ordinals`) its identifying fingerprints, and per library
 * sample the fingerprints it shares with this one (only those are read back).
 */
export async function libraryInputFor(
  db: SqlExecutor,
  sampleTable: string,
  ordinals: readonly number[],
): Promise<LibraryInput | undefined> {
  const [{ n } = { n: 0 }] = await db.all<{ n: number }>('SELECT count(*) AS n FROM library_samples');
  if (Number(n) === 0) return undefined;
  const rows = await db.all<{ eid: number; k: string | null; p: string | null }>(
    `SELECT eid, hex(fp_email) AS k, hex(fp_phone) AS p FROM ${quoteIdent(sampleTable)}`,
  );
  const byOrdinal = new Map(
    rows.map((r) => [Number(r.eid), [r.k, r.p].filter((x): x is string => x !== null)]),
  );
  const shared = await db.all<{ name: string; k: string }>(
    `SELECT DISTINCT l.name, hex(k.fp) AS k FROM library_keys k JOIN library_samples l USING (library_id)
     JOIN ${quoteIdent(sampleTable)} s ON k.fp = s.fp_email OR k.fp = s.fp_phone`,
  );
  const names = (await db.all<{ name: string }>('SELECT name FROM library_samples ORDER BY library_id')).map(
    (r) => r.name,
  );
  return {
    rowKeys: ordinals.map((o) => byOrdinal.get(o) ?? []),
    earlier: names.map((name) => ({
      name,
      keys: new Set(shared.filter((s) => s.name === name).map((s) => s.k)),
    })),
  };
}
