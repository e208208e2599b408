/**
 * The linkage executor: sample feature rows against one or more record feature tables,
 * through blocking, comparison, u and m estimation, prediction, one-to-one assignment and
 * link levels. Every step is SQL run in the workspace; only model parameters (a few
 * numbers) come back to JS: the links stay in `linksTable`, which callers page through
 * (rows.csv) or aggregate in SQL (the report), since a big sample links tens of millions of
 * rows. `readLinks` (output.ts) reads a small table whole, for tests.
 */
import { LeakverifyError } from '../core/errors.js';
import { quoteIdent as q } from '../store/sql.js';
import type { SqlExecutor, SqlStep, StepReport, Workspace } from '../store/types.js';
import { assignOneToOne } from './assign.js';
import {
  type BlockingInput,
  blockingReportSql,
  blockingSteps,
  fallbackReportSql,
  isFallback,
  recordsUnionSql,
  T,
} from './blocking.js';
import { comparisonSteps } from './comparison.js';
import { levelCountsSql, patternsSql, randomPairsSql, runEm, touchingRules, uFromCounts } from './em.js';
import { capIdentifierU, identifiedRowsSql, identifierAgreementSql } from './identifiers.js';
import type { LinkLevel } from './levels.js';
import type { ModelParams } from './model.js';
import { linksSql } from './output.js';
import { predictSql } from './predict.js';
import { FEATURE_TABLE_COLUMNS } from './schema.js';
import { type LinkSettingsInput, resolveSettings } from './settings.js';
import { tfSteps, uExactSql } from './tf.js';

export type LinkDb = Pick<Workspace, 'run' | 'all' | 'runSteps'>;

export interface RecordTableRef {
  /** The name rows.csv reports in `record_table` (customers, orders, ...). */
  readonly name: string;
  /** Its feature table (schema.ts). */
  readonly table: string;
}

export interface LinkOptions {
  readonly recordTables: readonly RecordTableRef[];
  /** Feature table of the sample; `eid` is the row ordinal. */
  readonly sampleTable: string;
  readonly settings?: LinkSettingsInput;
  /** Materialise every step and log its timing and row count. */
  readonly debug?: boolean;
  /** Log each phase's timing, and the materialised steps' (as debug does, without materialising more). */
  readonly timings?: boolean;
  readonly log?: (line: string) => void;
}

/** One line of rows.csv. */
export interface Link {
  readonly row: number;
  readonly record_table: string;
  readonly record_id: string;
  readonly probability: number;
  readonly level: LinkLevel;
  /** Comparisons at an exact or close level, e.g. ['email', 'last_name']. */
  readonly agreeing_fields: readonly string[];
}

export interface BlockingRuleReport {
  readonly rule: number;
  readonly name: string;
  /** Most records a key of the rule may pair with (blocking.ts `blockCap`). */
  readonly cap: number;
  readonly pairs: number;
  readonly capped_keys: number;
  readonly capped_rows: number;
  readonly largest_block: number;
}

export interface FallbackReport {
  readonly weak_rows: number;
  readonly keys: number;
  readonly kept_keys: number;
  readonly trimmed_rows: number;
}

export interface LinkResult {
  /**
   * Temp table with the rows.csv columns (`Link`), one row per linked sample row, written in
   * row order; it lives as long as the connection that ran `linkSample`.
   */
  readonly linksTable: string;
  readonly model: ModelParams & {
    readonly iterations: number;
    readonly converged: boolean;
    readonly expectedMatches: number;
  };
  readonly blocking: readonly BlockingRuleReport[];
  /** Rows that got the fallback (LSH) rules, and fallback keys the per-row budget dropped. */
  readonly fallback: FallbackReport | undefined;
  readonly counts: {
    readonly sampleRows: number;
    readonly records: number;
    readonly candidatePairs: number;
    readonly links: number;
  };
  readonly steps: readonly StepReport[];
  /** Milliseconds per phase. */
  readonly timings: Readonly<Record<string, number>>;
}

async function checkTable(db: LinkDb, table: string): Promise<void> {
  const rows = await db.all<{ column_name: string }>(
    `SELECT column_name FROM duckdb_columns() WHERE table_name = $1 AND schema_name = 'main'`,
    [table],
  );
  const have = new Set(rows.map((r) => r.column_name));
  const missing = FEATURE_TABLE_COLUMNS.filter((c) => !have.has(c));
  if (missing.length > 0) {
    throw new LeakverifyError(
      'store.schema',
      `feature table ${q(table)} lacks ${missing.slice(0, 3).join(', ')}`,
      {
        hint: 'Re-index the records with this version of leakverify.',
      },
    );
  }
}

async function count(db: Pick<SqlExecutor, 'all'>, sql: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql);
  return Number(row?.n ?? 0);
}

/**
 * Links each sample row to at most one record (and each record to at most one row).
 * @example const { linksTable, model } = await linkSample(ws, { recordTables: [{ name: 'customers', table: 'features_customers' }], sampleTable: 'features_sample' })
 */
export async function linkSample(db: LinkDb, options: LinkOptions): Promise<LinkResult> {
  const settings = resolveSettings(options.settings);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const debugLog = options.debug ? log : undefined;
  const timingLog = options.debug || options.timings ? log : undefined;
  const timings: Record<string, number> = {};
  const steps: StepReport[] = [];
  const phase = async <R>(name: string, fn: () => Promise<R>): Promise<R> => {
    const started = performance.now();
    const result = await fn();
    timings[name] = performance.now() - started;
    timingLog?.(`phase ${name}: ${timings[name].toFixed(0)} ms`);
    return result;
  };
  const run = async (list: readonly SqlStep[]): Promise<void> => {
    steps.push(
      ...(await db.runSteps(list, { debug: options.debug ?? false, timings: options.timings ?? false, log })),
    );
  };

  if (options.recordTables.length === 0) throw new RangeError('linkSample needs at least one record table');
  for (const t of [...options.recordTables.map((r) => r.table), options.sampleTable]) await checkTable(db, t);
  const sample = options.sampleTable;
  // A view, never a step: the last step of a chain is materialised, and a copy of ten
  // million records would cost more than the whole linkage.
  await db.run(
    `CREATE OR REPLACE TEMP VIEW ${q(T.records)} AS ${recordsUnionSql(
      options.recordTables.map((t) => t.table),
      FEATURE_TABLE_COLUMNS,
    )}`,
  );
  const sampleRows = await count(db, `SELECT count(*) AS n FROM ${q(sample)}`);
  const records = await count(db, `SELECT count(*) AS n FROM ${q(T.records)}`);

  const input: BlockingInput = {
    sample,
    rules: settings.blocking,
    maxBlockSize: settings.maxBlockSize,
    secondaryBlockSize: settings.secondaryBlockSize,
    weakBelowRules: settings.weakBelowRules,
    fallbackBudget: settings.fallbackBudget,
  };
  await phase('blocking', () => run(blockingSteps(input)));
  const blocking = await db.all<BlockingRuleReport>(blockingReportSql(input));
  const fallbackRan = settings.weakBelowRules > 0 && settings.blocking.some(isFallback);
  const [fallback] = fallbackRan ? await db.all<FallbackReport>(fallbackReportSql()) : [];
  for (const r of blocking)
    timingLog?.(
      `blocking rule ${r.name}: ${Number(r.pairs).toLocaleString('en-US')} pairs` +
        (Number(r.capped_keys) > 0
          ? `, ${r.capped_keys} keys over its block cap of ${r.cap} (${r.capped_rows} rows)`
          : ''),
    );
  // Blocking's own tables (ten million pairs and more) are not read past this point: dropped,
  // so that DuckDB's memory holds the candidate pairs and the comparison's hash tables.
  for (const step of steps.filter((s) => s.outputTable !== T.blocked).reverse())
    await db.run(
      `DROP ${step.kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS temp.main.${q(step.outputTable)}`,
    );
  const comparisons = settings.comparisons;
  const tfFields = comparisons.flatMap((c) => (c.tf ? [c.tf] : []));
  const compared = await comparisonSteps(
    db,
    { pairs: T.allPairs, sample, comparisons, withTf: true, carry: ['rules', 'random'] },
    records,
    settings.comparisonSliceRecords,
    T.randomCompared,
  );
  await phase('comparison', () =>
    run([
      ...tfSteps(sample, tfFields),
      // The random pairs of u estimation ride along with the candidates (comparisonSteps).
      {
        outputTable: T.randomPairs,
        sql: randomPairsSql(sample, T.records, settings.uPairs, sampleRows, settings.seed),
        materialise: true,
      },
      {
        outputTable: T.allPairs,
        sql: `SELECT s_eid, tbl, r_eid, rules, false AS random FROM ${q(T.blocked)}
          UNION ALL SELECT s_eid, tbl, r_eid, 0::UBIGINT AS rules, true AS random FROM ${q(T.randomPairs)}`,
      },
      ...compared,
      {
        outputTable: T.patterns,
        sql: patternsSql(T.compared, comparisons, touchingRules(settings.blocking, comparisons)),
        materialise: true,
      },
    ]),
  );
  const candidatePairs = await count(db, `SELECT count(*) AS n FROM ${q(T.compared)}`);

  const u = await phase('u', async () => {
    const [counts] = await db.all<Record<string, number>>(levelCountsSql(T.randomCompared, comparisons));
    const exactU: (number | undefined)[] = [];
    for (const c of comparisons) {
      const [row] = c.tf ? await db.all<{ u: number }>(uExactSql(sample, c.tf)) : [];
      exactU.push(row?.u);
    }
    return { u: uFromCounts(comparisons, counts ?? {}, exactU), tfU: exactU };
  });

  const em = await phase('em', () =>
    runEm(db, T.patterns, comparisons, u.u, {
      iterations: settings.emIterations,
      tolerance: settings.emTolerance,
      allPairs: sampleRows * records,
      maxMatches: Math.min(sampleRows * options.recordTables.length, records),
      ...(debugLog ? { log: debugLog } : {}),
    }),
  );

  // EM cannot learn the match rate from a field its blocking selected on: a sample holding
  // nothing but emails (a combolist) gives it no other evidence. As Splink's deterministic
  // estimate does, rows that share a unique identifier (email or phone, exactly) with a
  // record bound the number of matches from below.
  const identified = await count(db, identifiedRowsSql(comparisons));
  const expectedMatches = Math.min(
    Math.max(em.expectedMatches, identified),
    Math.min(sampleRows * options.recordTables.length, records),
  );
  const lambda = Math.min(expectedMatches / Math.max(sampleRows * records, 1), 0.5);
  debugLog?.(
    `rows sharing an exact email or phone with a record: ${identified}; expected matches ${expectedMatches.toFixed(1)}`,
  );
  // The average agreement chance of each tf fingerprint, floored like u, for the adjustment.
  const params: ModelParams = {
    ...em.params,
    lambda,
    comparisons: em.params.comparisons.map((c, i) => {
      const tfU = u.tfU[i];
      const capped = capIdentifierU(c, records);
      return tfU === undefined ? capped : { ...capped, tfU: Math.min(Math.max(tfU, 1e-12), 0.5) };
    }),
  };
  const assignReport = await phase('predict-assign', async () => {
    const rowMatchShare = settings.rowProbability
      ? expectedMatches / Math.max(sampleRows * options.recordTables.length, 1)
      : undefined;
    const predict = predictSql({
      compared: T.compared,
      comparisons,
      params,
      floor: settings.levels.possible,
      ...(rowMatchShare === undefined ? {} : { rowMatchShare }),
      identifier: { when: identifierAgreementSql(comparisons), probability: settings.levels.possible },
    });
    await run([{ outputTable: T.predicted, sql: predict, materialise: true }]);
    const report = await assignOneToOne(db, { pairs: T.predicted, output: T.assigned });
    const names = options.recordTables.map((t) => t.name);
    await run([
      { outputTable: T.links, sql: linksSql(names, settings.levels, comparisons), materialise: true },
    ]);
    return report;
  });
  debugLog?.(`assignment: ${assignReport.assigned} links in ${assignReport.rounds} rounds`);

  const linkCount = await count(db, `SELECT count(*) AS n FROM ${q(T.links)}`);
  return {
    linksTable: T.links,
    model: {
      ...params,
      iterations: em.iterations,
      converged: em.converged,
      expectedMatches,
    },
    blocking,
    fallback,
    counts: { sampleRows, records, candidatePairs, links: linkCount },
    steps,
    timings,
  };
}
