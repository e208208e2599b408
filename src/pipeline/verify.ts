import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSample, parseClaimedRows } from '../analyze/index.js';
import type { AnalysisInput, AnalysisResult } from '../analyze/types.js';
import { LeakverifyError } from '../core/errors.js';
import type { SubsetNote } from '../core/report.js';
import type { ColumnMapping } from '../fields/types.js';
import type { OpenSampleOptions } from '../ingest/index.js';
import { FeatureKeys } from '../match/features.js';
import { type LinkResult, linkSample } from '../match/link.js';
import { FEATURE_FORMAT } from '../match/schema.js';
import { resolveSettings } from '../match/settings.js';
import type { SecretKey } from '../protect/index.js';
import { type BundleResult, writeReportBundle } from '../report/bundle.js';
import type { RenderableReport } from '../report/types.js';
import { validateReport } from '../report/validate.js';
import { openWorkspace } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import { buildReport } from './build-report.js';
import {
  type IndexEffects,
  type IndexedTable,
  indexRecords,
  type RecordsFile,
  workspaceTables,
} from './index-records.js';
import { sha256File } from './inspect.js';
import { libraryInputFor } from './library.js';
import { removeRowsCsvSpool, type SpooledRowsCsv, spoolRowsCsv } from './link-pages.js';
import { summariseLinkage } from './linkage-summary.js';
import { denseRows, linkedRowsOf } from './linked-rows.js';
import { type LoadResult, loadFeatures } from './load-features.js';
import { loadRecordProfile } from './record-profile.js';
import { abandonSampleRun, finishSampleRun, openSampleRun } from './run-tables.js';
import { ANALYSIS_ROW_CAP, keepSampleRows } from './sample-reservoir.js';
import { analyseKeptSubset, type KeptAnalysis, reservoirNote } from './subset-analysis.js';

export interface VerifyRequest {
  readonly records: readonly RecordsFile[];
  readonly sample: string;
  /** Reuse (and update) this workspace; without one, a temporary workspace is built and removed. */
  readonly workspace?: string;
  readonly key: SecretKey;
  readonly ingest?: OpenSampleOptions;
  /** Column types of the sample. */
  readonly mapping?: ColumnMapping;
  /** Column types of the records files. */
  readonly recordsMapping?: ColumnMapping;
  readonly defaultRegion?: string;
  /** `--claimed`: the seller's claimed row count; otherwise parsed from the sample's banner. */
  readonly claimedRows?: number;
  /** How the report names the company ("ShopCo"); default "our". */
  readonly organisation?: string;
  readonly debug?: boolean;
  /** Log each linkage phase's and materialised step's duration (without debug's extra tables). */
  readonly timings?: boolean;
  readonly now?: Date;
  /** Rows whose cells the analysis keeps (default ANALYSIS_ROW_CAP); above it, a seeded uniform subset. */
  readonly analysisRowCap?: number;
  /** The sample is itself a random subset of a larger file (`verify --quick`): the report says so. */
  readonly subsetOf?: SubsetNote;
  /**
   * Spool rows.csv for `writeVerifyBundle` (default true). Without a bundle to write, false
   * saves a pass over every link and a temp file of their size.
   */
  readonly rowsCsv?: boolean;
}

export interface VerifyEffects extends IndexEffects {
  readonly onPhase?: (phase: 'index' | 'sample' | 'link' | 'analyse', detail?: string) => void;
  readonly onSampleProgress?: (rows: number, bytes: number) => void;
  readonly log?: (line: string) => void;
}

export interface VerifyOutcome {
  readonly report: RenderableReport;
  /**
   * rows.csv, streamed from the links table before the workspace closed (the links never sit
   * in memory). A private temp file: `writeVerifyBundle` copies it, `releaseVerifyOutcome`
   * removes it (and process exit does, for an outcome never released). Null when the
   * request said `rowsCsv: false`.
   */
  readonly rowsCsv: SpooledRowsCsv | null;
  readonly sample: LoadResult & { readonly sha256: string; readonly path: string };
  /** The tables this run indexed (or found unchanged), from `--records`. */
  readonly tables: readonly IndexedTable[];
  /** Every records table the sample was linked against, including earlier runs' (for the manifest). */
  readonly recordTables: readonly IndexedTable[];
  readonly link: LinkResult;
  readonly analysis: AnalysisResult;
  readonly workspace: string;
}

/**
 * Indexes the records (incrementally), loads the sample's protected features, links each
 * sample row to at most one record, and measures the identity share with its exact interval.
 */
export async function verifySample(
  request: VerifyRequest,
  effects: VerifyEffects = {},
): Promise<VerifyOutcome> {
  const temporary = request.workspace === undefined;
  const dir = request.workspace ?? (await mkdtemp(join(tmpdir(), 'leakverify-ws-')));
  let db: Workspace | null = null;
  try {
    db = await openWorkspace(dir);
    return await verifyIn(db, dir, request, effects);
  } finally {
    await db?.close();
    if (temporary) await rm(dir, { recursive: true, force: true });
  }
}

async function verifyIn(
  db: Workspace,
  dir: string,
  request: VerifyRequest,
  effects: VerifyEffects,
): Promise<VerifyOutcome> {
  effects.onPhase?.('index');
  const tables = await indexRecords(
    db,
    request.key,
    request.records,
    {
      ...(request.recordsMapping ? { mapping: request.recordsMapping } : {}),
      ...(request.defaultRegion ? { defaultRegion: request.defaultRegion } : {}),
    },
    effects,
  );
  // Every table of the workspace takes part, also those indexed by earlier runs.
  const recordTables = await workspaceTables(db);
  if (recordTables.length === 0) {
    throw new LeakverifyError('cli.usage', 'no records to compare the sample with', {
      hint: 'Pass --records <file> (customers, orders, ...) or a --workspace that has an index.',
    });
  }
  effects.onPhase?.('sample');
  const sha256 = await sha256File(request.sample);
  // The sample's features live until the run succeeds, in a table named after the sample
  // and the options that shape them: a run killed while loading resumes where it stopped.
  const run = await openSampleRun(db, {
    sha256,
    format: FEATURE_FORMAT,
    ingest: request.ingest ?? null,
    mapping: request.mapping ?? null,
    region: request.defaultRegion ?? null,
  });
  if (run.resumed > 0) effects.log?.(`resuming the sample's load: ${run.resumed} chunks already written`);
  const sampleTable = run.table;
  // At most `cap` rows' cells stay in memory, a uniform subset seeded by the file's hash,
  // chosen by the load's workers as they read (the file is read once).
  const keeper = keepSampleRows(request.analysisRowCap ?? ANALYSIS_ROW_CAP, sha256);
  const load = await loadFeatures(
    db,
    {
      path: request.sample,
      table: sampleTable,
      keys: new FeatureKeys(request.key),
      ...(request.ingest ? { ingest: request.ingest } : {}),
      ...(request.mapping ? { mapping: request.mapping } : {}),
      ...(request.defaultRegion ? { defaultRegion: request.defaultRegion } : {}),
      recordKey: null,
      keep: keeper,
      job: run.job,
    },
    effects.onSampleProgress,
  ).catch(async (error: unknown) => {
    // A refused sample (empty, unusable, contradicting its mapping) leaves the workspace as it was.
    await abandonSampleRun(db, run);
    throw error;
  });
  const kept = keeper.finish();
  effects.onPhase?.('link');
  const link = await linkSample(db, {
    recordTables: recordTables.map((t) => ({ name: t.name, table: t.featureTable })),
    sampleTable,
    ...(request.debug ? { debug: true } : {}),
    ...(request.timings ? { timings: true } : {}),
    ...(effects.log ? { log: effects.log } : {}),
  });
  effects.onPhase?.('analyse');
  const columns = load.profiles.map((profile, i) => ({ profile, raw: kept.cells[i] ?? [] }));
  const records = await loadRecordProfile(
    db,
    recordTables.map((t) => t.name),
  );
  const claimSource =
    request.claimedRows !== undefined
      ? 'option'
      : parseClaimedRows(load.summary.notes) !== null
        ? 'banner'
        : 'none';
  const capped = kept.ordinals.length < kept.seen;
  const { analysis, keptLinks } = capped
    ? await analyseKeptSubset(db, {
        sampleTable,
        link,
        kept,
        profiles: load.profiles,
        rows: load.rows,
        records,
        claimedRows: request.claimedRows ?? null,
        notes: load.summary.notes,
        ...(request.organisation ? { organisation: request.organisation } : {}),
      })
    : await analyseAll(db, sampleTable, link, kept.ordinals, {
        rows: load.rows,
        columns,
        records,
        claimedRows: request.claimedRows ?? null,
        notes: load.summary.notes,
        ...(request.organisation ? { options: { organisation: request.organisation } } : {}),
      });
  const sample = { ...load, sha256, path: request.sample };
  const built = buildReport({
    sample,
    columns,
    ordinals: kept.ordinals,
    tables: recordTables,
    linkage: await summariseLinkage(db, link.linksTable, { sampleRows: load.rows }),
    keptLinks: keptLinks.map((l) => ({
      row: l.row,
      level: l.level,
      probability: l.probability,
      record_table: l.recordTable,
    })),
    analysis,
    claimedRows: analysis.estimate.claimedRows,
    claimSource,
    settings: {
      records: recordTables.map((t) => ({ table: t.name, rows: t.rows })),
      linkLevels: resolveSettings().levels,
      ...(request.claimedRows !== undefined ? { claimedRows: request.claimedRows } : {}),
    },
    now: request.now ?? new Date(),
  });
  // A capped analysis states its subset; a quick run's sample is itself one, and its verdict says so.
  const quick = capped ? undefined : request.subsetOf;
  const report = capped
    ? { ...built, subset: reservoirNote(kept.ordinals.length, load.rows, sha256.slice(0, 32)) }
    : quick
      ? {
          ...built,
          verdict: { ...built.verdict, summary: `${built.verdict.summary} ${quick.detail}` },
          subset: quick,
        }
      : built;
  // report.json is a contract other tools read: never hand out one that breaks it.
  const { valid, errors } = validateReport(report);
  if (!valid)
    throw new LeakverifyError(
      'internal',
      `the report does not match its schema: ${errors.slice(0, 3).join('; ')}`,
    );
  // The links table is a temp table of this connection: rows.csv must be read out now.
  const rowsCsv = request.rowsCsv === false ? null : await spoolRowsCsv(db, link.linksTable);
  await finishSampleRun(db, run);
  return { report, rowsCsv, sample, tables, recordTables, link, analysis, workspace: dir };
}

/**
 * Every row's cells are kept: the analysis as it always ran, with the linked rows renumbered
 * densely (1..rows) as its input wants (rejected records hold ordinals too). The links come
 * from DuckDB whole, which is bounded here: the sample fits the analysis's row cap.
 */
async function analyseAll(
  db: Workspace,
  sampleTable: string,
  link: LinkResult,
  ordinals: readonly number[],
  input: Omit<AnalysisInput, 'links' | 'library'>,
): Promise<KeptAnalysis> {
  const keptLinks = await linkedRowsOf(db, link);
  const dense = denseRows(ordinals);
  const library = await libraryInputFor(db, sampleTable, ordinals);
  const analysis = analyzeSample({
    ...input,
    links: keptLinks.map((l) => ({ ...l, row: dense(l.row) ?? l.row })),
    ...(library ? { library } : {}),
  });
  return { analysis, keptLinks };
}

/** Removes the outcome's spooled rows.csv; call it once its bundle is written (or not wanted). */
export async function releaseVerifyOutcome(outcome: Pick<VerifyOutcome, 'rowsCsv'>): Promise<void> {
  if (outcome.rowsCsv) await removeRowsCsvSpool(outcome.rowsCsv);
}

/** Writes the report folder of a verification: the files of SPEC.md and the signed manifest over every input. */
export async function writeVerifyBundle(
  dir: string,
  outcome: VerifyOutcome,
  options: { readonly signingKeyDir: string; readonly company: string },
): Promise<BundleResult> {
  if (!outcome.rowsCsv)
    throw new LeakverifyError('internal', 'this verification ran without rows.csv (rowsCsv: false)');
  return await writeReportBundle(dir, {
    report: outcome.report,
    rowsCsvFile: outcome.rowsCsv.path,
    inputs: [
      { role: 'sample', path: outcome.sample.path },
      ...outcome.recordTables.map((t) => ({
        role: 'records' as const,
        path: t.path,
        name: t.name,
        ...(t.bytes === null ? {} : { digest: { sha256: t.sha256, bytes: t.bytes } }),
      })),
    ],
    signingKeyDir: options.signingKeyDir,
    company: options.company,
  });
}
