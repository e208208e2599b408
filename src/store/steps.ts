import { quoteIdent } from './sql.js';
import type { RunStepsOptions, SqlExecutor, SqlStep, StepReport } from './types.js';

async function existingKind(exec: SqlExecutor, name: string): Promise<'table' | 'view' | undefined> {
  const rows = await exec.all<{ table_type: string }>(
    `SELECT table_type FROM information_schema.tables
     WHERE table_catalog = 'temp' AND table_schema = 'main' AND table_name = $1`,
    [name],
  );
  const type = rows[0]?.table_type;
  if (type === undefined) return undefined;
  return type === 'VIEW' ? 'view' : 'table';
}

/**
 * Runs a chain of SQL steps, Splink style: each step becomes a temp view (cheap, inlined by
 * the optimiser into the next step) or, when materialised, a temp table. The last step is
 * always materialised. In debug mode every step is materialised and its timing and row
 * count are logged; the SQL itself is never logged, since steps may embed key material.
 *
 * Example: `runSteps(exec, [{ sql: 'SELECT ...', outputTable: 'blocked' }, ...])`.
 */
export async function runSteps(
  exec: SqlExecutor,
  steps: readonly SqlStep[],
  options: RunStepsOptions = {},
): Promise<StepReport[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const reports: StepReport[] = [];
  for (const [index, step] of steps.entries()) {
    const kind: 'table' | 'view' =
      options.debug || step.materialise || step.params !== undefined || index === steps.length - 1
        ? 'table'
        : 'view';
    const name = quoteIdent(step.outputTable);
    // CREATE OR REPLACE cannot turn a view into a table or back, so drop the other kind.
    const previous = await existingKind(exec, step.outputTable);
    if (previous !== undefined && previous !== kind) {
      await exec.run(`DROP ${previous === 'view' ? 'VIEW' : 'TABLE'} temp.main.${name}`);
    }
    const started = performance.now();
    await exec.run(
      `CREATE OR REPLACE TEMP ${kind === 'table' ? 'TABLE' : 'VIEW'} ${name} AS ${step.sql}`,
      step.params,
    );
    let rows: number | undefined;
    if (kind === 'table') {
      const counted = await exec.all<{ n: number }>(`SELECT count(*) AS n FROM temp.main.${name}`);
      rows = counted[0]?.n ?? 0;
    }
    const ms = performance.now() - started;
    const report: StepReport =
      rows === undefined
        ? { outputTable: step.outputTable, kind, ms }
        : { outputTable: step.outputTable, kind, ms, rows };
    reports.push(report);
    if (options.debug || (options.timings && kind === 'table')) {
      log(
        `step ${index + 1}/${steps.length} ${step.outputTable}: ${rows?.toLocaleString('en-US') ?? '?'} rows in ${ms.toFixed(0)} ms`,
      );
    }
  }
  return reports;
}
