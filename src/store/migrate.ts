import { LeakverifyError } from '../core/errors.js';
import type { DuckExecutor } from './duck-executor.js';
import type { Migration } from './schema.js';

const BOOTSTRAP = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL
)`;

async function appliedVersion(exec: DuckExecutor): Promise<number> {
  const exists = await exec.all<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database()
     AND schema_name = 'main' AND table_name = 'schema_migrations'`,
  );
  if ((exists[0]?.n ?? 0) === 0) return 0;
  const rows = await exec.all<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}

/**
 * Brings the database to the newest schema this code knows, one transaction per migration.
 * A database written by a newer leakverify is refused rather than misread.
 */
export async function migrate(
  exec: DuckExecutor,
  migrations: readonly Migration[],
  options: { readOnly: boolean; dbPath: string },
): Promise<number> {
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = await appliedVersion(exec);
  if (current > known) {
    throw new LeakverifyError(
      'store.schema',
      `workspace ${options.dbPath} has schema version ${current}, newer than this leakverify knows (${known})`,
      { hint: 'Upgrade leakverify to open this workspace, or build a new workspace.' },
    );
  }
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return current;
  if (options.readOnly) {
    throw new LeakverifyError(
      'store.schema',
      `workspace ${options.dbPath} has schema version ${current} and needs migrating to ${known}`,
      { hint: 'Open it once without read-only mode so leakverify can upgrade it.' },
    );
  }
  for (const migration of pending) {
    await exec.run('BEGIN TRANSACTION');
    try {
      await exec.run(BOOTSTRAP);
      for (const statement of migration.statements) await exec.run(statement);
      await exec.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [
        migration.version,
        migration.name,
      ]);
      await exec.run('COMMIT');
    } catch (error) {
      await exec.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  // DuckDB cannot replay an ALTER TABLE ... ADD COLUMN from the WAL when the table has a
  // DEFAULT nextval(...) column ("GetDefaultDatabase with no default database set"): a
  // process killed before its first checkpoint would leave a workspace that never opens.
  // Writing the migrated schema into the database file keeps such statements out of the WAL.
  await exec.run('CHECKPOINT');
  return known;
}
