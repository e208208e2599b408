import { quoteIdent } from '../store/index.js';
import type { Workspace } from '../store/types.js';

/** Prefix of the tables a verify or library run creates for itself and drops at its end. */
export const RUN_TABLE_PREFIX = 'run_';

/** Drops the per-run tables a killed run left behind. */
export async function dropRunTables(db: Workspace): Promise<void> {
  const left = await db.all<{ name: string }>(
    "SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND starts_with(table_name, $1)",
    [RUN_TABLE_PREFIX],
  );
  for (const { name } of left) await db.run(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
}
