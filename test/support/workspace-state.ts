/**
 * What a workspace holds, read back through the store: every table with its row count, and
 * the rows of the bookkeeping tables. Two snapshots are equal when a command left the
 * workspace as it was.
 */
import { openWorkspace } from '../../src/store/index.js';

export interface WorkspaceSnapshot {
  readonly tables: Readonly<Record<string, number>>;
  readonly sources: readonly unknown[];
  readonly meta: readonly unknown[];
  readonly workUnits: number;
}

export async function snapshotWorkspace(dir: string): Promise<WorkspaceSnapshot> {
  const db = await openWorkspace(dir, { readOnly: true, threads: 1 });
  try {
    const names = await db.all<{ table_name: string }>(
      `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name`,
    );
    const tables: Record<string, number> = {};
    for (const { table_name } of names) {
      const [row] = await db.all<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM "${table_name.replaceAll('"', '""')}"`,
      );
      tables[table_name] = row?.n ?? -1;
    }
    const sources = await db.all(
      'SELECT table_name, file_sha256, row_count, primary_key, feature_table FROM record_sources ORDER BY table_name',
    );
    const meta = await db.all('SELECT key, value FROM meta ORDER BY key');
    const [units] = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM work_units');
    return { tables, sources, meta, workUnits: units?.n ?? -1 };
  } finally {
    await db.close();
  }
}
