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
import { type Link, type LinkResult, linkSample } from '../match/link.js';
import { featureTableSql } from '../match/schema.js';
import { resolveSettings } from '../match/settings.js';
import type { SecretKey } from '../protect/index.js';
import { type BundleResult, writeReportBundle } from '../report/bundle.js';
import type { RenderableReport } from '../report/types.js';
import { validateReport } from '../report/validate.js';
import { openWorkspace, quoteIdent } from '../store/index.js';
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
import { linkedRowsOf } from './linked-rows.js';
import { type LoadResult, loadFeatures } from './load-features.js';
import { loadRecordProfile } from './record-profile.js';
import { dropRunTables, RUN_TABLE_PREFIX } from './run-tables.js';
import { ANALYSIS_ROW_CAP, keepSampleRows } from './sample-reservoir.js';
import { analyseKeptSubset, reservoirNote } from './subset-analysis.js';

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
  readonly now?: Date;
  /** Rows whose cells the analysis keeps (default ANALYSIS_ROW_CAP); above it, a seeded uniform subset. */
  readonly analysisRowCap?: number;
  /** The sample is itself a random subset of a larger file (`verify --quick`): the report says so. */
  readonly subsetOf?: SubsetNote;
}

export interface VerifyEffects extends IndexEffects {
  readonly onPhase?: (phase: 'index' | 'sample' | 'link' | 'analyse', detail?: string) => void;
  readonly onSampleProgress?: (rows: number, bytes: number) => void;
  readonly log?: (line: string) => void;
}

export interface VerifyOutcome {
  readonly report: RenderableReport;
  readonly links: readonly Link[];
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
  // The sample's features live only for this run: a table with a unique name, dropped after.
  // One left by a run that was killed is dropped first (a workspace has one process at a time).
  await dropRunTables(db);
  const sampleTable = `${RUN_TABLE_PREFIX}sample_${process.pid}_${Date.now()}`;
  await db.run(featureTableSql(sampleTable));
  try {
    const sha256 = await sha256File(request.sample);
    // At most `cap` rows' cells stay in memory, a uniform subset seeded by the file's hash.
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
      },
      effects.onSampleProgress,
      keeper.observe,
    );
    const kept = keeper.finish();
    effects.onPhase?.('link');
    const link = await linkSample(db, {
      recordTables: recordTables.map((t) => ({ name: t.name, table: t.featureTable })),
      sampleTable,
      ...(request.debug ? { debug: true } : {}),
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
    const analysis = capped
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
      link,
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
    return { report, links: link.links, sample, tables, recordTables, link, analysis, workspace: dir };
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${quoteIdent(sampleTable)}`);
  }
}

/**
 * Every row's cells are kept: the analysis as it always ran, with the linked rows renumbered
 * densely (1..rows) as its input wants (rejected records hold ordinals too).
 */
async function analyseAll(
  db: Workspace,
  sampleTable: string,
  link: LinkResult,
  ordinals: readonly number[],
  input: Omit<AnalysisInput, 'links' | 'library'>,
): Promise<AnalysisResult> {
  const linked = await linkedRowsOf(db, link);
  const dense = new Map(ordinals.map((ordinal, i) => [ordinal, i + 1]));
  const library = await libraryInputFor(db, sampleTable, ordinals);
  return analyzeSample({
    ...input,
    links: linked.map((l) => ({ ...l, row: dense.get(l.row) ?? l.row })),
    ...(library ? { library } : {}),
  });
}

/** Writes the report folder of a verification: the files of SPEC.md and the signed manifest over every input. */
export function writeVerifyBundle(
  dir: string,
  outcome: VerifyOutcome,
  options: { readonly signingKeyDir: string; readonly company: string },
): Promise<BundleResult> {
  return writeReportBundle(dir, {
    report: outcome.report,
    links: outcome.links,
    inputs: [
      { role: 'sample', path: outcome.sample.path },
      ...outcome.recordTables.map((t) => ({ role: 'records' as const, path: t.path, name: t.name })),
    ],
    signingKeyDir: options.signingKeyDir,
    company: options.company,
  });
}
