import type { SqlExecutor } from './types.js';

/**
 * Resumability: a long job records each completed unit (e.g. '<file sha256>:<chunk>') in
 * the same transaction as the unit's writes, so after a crash a re-run skips exactly the
 * units whose writes are in the database.
 */
export async function markDone(exec: SqlExecutor, job: string, unit: string): Promise<void> {
  await exec.run('INSERT OR IGNORE INTO work_units VALUES ($1, $2, now())', [job, unit]);
}

export async function isDone(exec: SqlExecutor, job: string, unit: string): Promise<boolean> {
  const rows = await exec.all<{ n: number }>(
    'SELECT count(*) AS n FROM work_units WHERE job = $1 AND unit = $2',
    [job, unit],
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** All completed units of a job, for jobs that plan many units at once. */
export async function doneUnits(exec: SqlExecutor, job: string): Promise<Set<string>> {
  const rows = await exec.all<{ unit: string }>('SELECT unit FROM work_units WHERE job = $1', [job]);
  return new Set(rows.map((r) => r.unit));
}

/** Forgets a job's progress, e.g. when its input file changed. Returns the units removed. */
export async function clearJob(exec: SqlExecutor, job: string): Promise<number> {
  return exec.run('DELETE FROM work_units WHERE job = $1', [job]);
}
