import { createHash } from 'node:crypto';
import { featureTableSql } from '../match/schema.js';
import { clearJob, doneUnits, quoteIdent } from '../store/index.js';
import type { Workspace } from '../store/types.js';

/** Prefix of the tables a verify or library run creates for itself and drops at its end. */
export const RUN_TABLE_PREFIX = 'run_';

/** Prefix of the work-unit jobs of sample loads (one per `SampleRun`). */
const SAMPLE_JOB_PREFIX = 'sample:';

/** Drops the per-run tables a killed run left behind, except `keep`. */
export async function dropRunTables(db: Workspace, keep?: string): Promise<void> {
  const left = await db.all<{ name: string }>(
    "SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND starts_with(table_name, $1)",
    [RUN_TABLE_PREFIX],
  );
  for (const { name } of left) if (name !== keep) await db.run(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
}

/** Where a verification loads its sample's features, and the job its committed chunks belong to. */
export interface SampleRun {
  readonly table: string;
  readonly job: string;
  /** Chunks an interrupted run on the same sample already committed (0: a fresh load). */
  readonly resumed: number;
}

/**
 * The feature table of a verification's sample, named after the sample's bytes and whatever
 * else shapes its features (`identity`: mapping, region, ingest options, feature format), so
 * that a run killed while loading a large sample is resumed by the next run on the same
 * sample: it finds the chunks already committed. Tables and jobs of other samples' runs are
 * dropped (a workspace serves one process at a time).
 */
export async function openSampleRun(db: Workspace, identity: unknown): Promise<SampleRun> {
  const id = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 24);
  const table = `${RUN_TABLE_PREFIX}sample_${id}`;
  const job = `${SAMPLE_JOB_PREFIX}${id}`;
  await dropRunTables(db, table);
  const jobs = await db.all<{ job: string }>(
    'SELECT DISTINCT job FROM work_units WHERE starts_with(job, $1) AND job <> $2',
    [SAMPLE_JOB_PREFIX, job],
  );
  for (const stale of jobs) await clearJob(db, stale.job);
  const [kept] = await db.all<{ n: number }>(
    "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = $1",
    [table],
  );
  // Chunks commit with their work unit, so units without the table (dropped by another
  // command) are forgotten, and a table without units holds nothing to keep.
  if (kept?.n === 0) await clearJob(db, job);
  const done = await doneUnits(db, job);
  if (done.size === 0) await db.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  await db.run(featureTableSql(table));
  return { table, job, resumed: done.size };
}

/** Drops a finished run's table and forgets its chunks. */
export async function finishSampleRun(db: Workspace, run: SampleRun): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(`DROP TABLE IF EXISTS ${quoteIdent(run.table)}`);
    await clearJob(tx, run.job);
  });
}

/**
 * After a failed run: keeps what it committed, to resume from, or, when it committed no chunk
 * (the sample was refused before any was written), drops its table so the workspace is as
 * it was before the run.
 */
export async function abandonSampleRun(db: Workspace, run: SampleRun): Promise<void> {
  if ((await doneUnits(db, run.job)).size === 0) await finishSampleRun(db, run);
}
