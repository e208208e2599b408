import {
  analyzeSample,
  createSampleView,
  decideVerdict,
  estimateShares,
  parseClaimedRows,
} from '../analyze/index.js';
import { count } from '../analyze/signals/common.js';
import { provenanceSignals } from '../analyze/signals/provenance.js';
import { recyclingSignals } from '../analyze/signals/recycling.js';
import { sizeSignals } from '../analyze/signals/size.js';
import type {
  AnalysisInput,
  AnalysisResult,
  CorroborationSummary,
  LinkedRow,
  RecordProfile,
} from '../analyze/types.js';
import type { Signal, SubsetNote } from '../core/report.js';
import type { ColumnProfile } from '../fields/types.js';
import type { LinkResult } from '../match/link.js';
import { quoteIdent } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import { libraryInputFor } from './library.js';
import { type LinkTally, tallyLinks } from './link-tally.js';
import { denseRows, linkedRowsOf } from './linked-rows.js';
import { RUN_TABLE_PREFIX } from './run-tables.js';
import type { KeptRows } from './sample-reservoir.js';

/**
 * The analysis of a sample larger than the cells the pipeline keeps (sample-reservoir.ts).
 * Linkage is over every row, so what comes from it alone (identity and corroboration counts,
 * the shares and their intervals, the claim) uses every row; the signals that read cell
 * values (generation, impossible values, id formats, library overlap) read the kept subset,
 * which is a uniform random sample, so their rates estimate the whole sample's.
 */

const FAMILY_ORDER: readonly Signal['family'][] = ['provenance', 'fabrication', 'recycling', 'size'];

export interface WholeSample {
  /** Accepted rows of the whole sample. */
  readonly rows: number;
  /** Corroboration counts over every linked row. */
  readonly tally: LinkTally;
}

/**
 * Composes the analysis as `analyzeSample` does, from the subset's cells and the whole
 * sample's linkage: `subset` is the input for the kept rows alone (their links renumbered
 * 1..subset.rows). Signals computed from the linkage replace the subset's versions and are
 * marked `scope: 'all-rows'`; the others are marked `scope: 'subset'`.
 */
export function analyzeWithSubset(subset: AnalysisInput, whole: WholeSample): AnalysisResult {
  const part = analyzeSample(subset);
  // byRow, formatFit and the unlinked-row checks read cells: they stay the subset's.
  const corroboration: CorroborationSummary = { ...part.corroboration, ...whole.tally, rows: whole.rows };
  const records = subset.records;
  const claimed = subset.claimedRows ?? parseClaimedRows(subset.notes ?? []);
  const estimate = estimateShares(corroboration, records, claimed);
  // A view of the columns' kinds without cells: enough for the signals built on linkage counts.
  const kinds = createSampleView(
    subset.columns.map((c) => ({ profile: c.profile, raw: [], normalized: [] })),
    whole.rows,
    1,
  );
  const fromLinkage = [
    ...provenanceSignals(corroboration),
    ...recyclingSignals(kinds, corroboration, subset.library),
    ...sizeSignals(estimate, records),
  ].map((s): Signal => ({ ...s, scope: 'all-rows' }));
  const replaced = new Map(fromLinkage.map((s) => [s.id, s]));
  const signals = [
    ...part.signals.map((s): Signal => replaced.get(s.id) ?? { ...s, scope: 'subset' }),
    ...fromLinkage.filter((s) => !part.signals.some((p) => p.id === s.id)),
  ].sort((a, b) => FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family) || b.weight - a.weight);
  const options = subset.options ?? {};
  const verdict = decideVerdict({
    estimate,
    corroboration,
    signals,
    sampleKinds: subset.columns.map((c) => c.profile.kind),
    recordKinds: records.kinds,
    thresholds: {
      ...(options.minRows !== undefined ? { minRows: options.minRows } : {}),
      ...(options.partialFloor !== undefined ? { partialFloor: options.partialFloor } : {}),
      ...(options.authenticShare !== undefined ? { authenticShare: options.authenticShare } : {}),
    },
    ...(options.organisation !== undefined ? { organisation: options.organisation } : {}),
  });
  const note = ` The shares above use all ${count(whole.rows)} rows; the signs of generation and recycling were measured on a uniform random subset of ${count(subset.rows)} of them.`;
  return { estimate, signals, verdict: { ...verdict, summary: verdict.summary + note }, corroboration };
}

/** The report's statement of a capped analysis. */
export function reservoirNote(kept: number, of: number, seed: string): SubsetNote {
  return {
    rows: kept,
    of,
    method: 'reservoir',
    estimates: 'all-rows',
    seed,
    detail: `The signals that read cell values were computed on a uniform random subset of ${count(kept)} of the ${count(of)} rows (reservoir sampling seeded from the sample's SHA-256, so the same file gives the same subset); the shares and their intervals use every row.`,
  };
}

export interface SubsetRequest {
  readonly sampleTable: string;
  readonly link: LinkResult;
  readonly kept: KeptRows;
  readonly profiles: readonly ColumnProfile[];
  /** Accepted rows of the whole sample. */
  readonly rows: number;
  readonly records: RecordProfile;
  readonly claimedRows: number | null;
  readonly notes: readonly string[];
  readonly organisation?: string;
}

/** An analysis and the links of the rows whose cells it read (sample ordinals, row order). */
export interface KeptAnalysis {
  readonly analysis: AnalysisResult;
  /** At most one per kept row: bounded by the analysis's row cap, not by the sample. */
  readonly keptLinks: readonly LinkedRow[];
}

/**
 * Reads what the subset analysis needs from the workspace (the kept rows' links and library
 * keys, the whole linkage's tally) and runs it. The kept ordinals go into a run table so
 * that only their rows come back from DuckDB.
 */
export async function analyseKeptSubset(db: Workspace, request: SubsetRequest): Promise<KeptAnalysis> {
  const { kept } = request;
  const stamp = `${process.pid}_${Date.now()}`;
  const subsetTable = `${RUN_TABLE_PREFIX}subset_${stamp}`;
  const subsetView = `${RUN_TABLE_PREFIX}subset_sample_${stamp}`;
  await db.run(`CREATE TABLE ${quoteIdent(subsetTable)} (eid BIGINT NOT NULL)`);
  try {
    await db.appendRows(
      subsetTable,
      ['eid'],
      kept.ordinals.map((o) => [o]),
    );
    await db.run(
      `CREATE OR REPLACE TEMP VIEW ${quoteIdent(subsetView)} AS SELECT s.* FROM ${quoteIdent(request.sampleTable)} s
       SEMI JOIN ${quoteIdent(subsetTable)} k ON k.eid = s.eid`,
    );
    const dense = denseRows(kept.ordinals);
    const keptLinks = await linkedRowsOf(db, request.link, subsetTable);
    const links = keptLinks.map((l) => ({ ...l, row: dense(l.row) ?? 0 }));
    const library = await libraryInputFor(db, subsetView, kept.ordinals);
    const tally = await tallyLinks(db, request.link);
    const analysis = analyzeWithSubset(
      {
        rows: kept.ordinals.length,
        columns: request.profiles.map((profile, i) => ({ profile, raw: kept.cells[i] ?? [] })),
        links,
        records: request.records,
        claimedRows: request.claimedRows,
        notes: request.notes,
        ...(library ? { library } : {}),
        ...(request.organisation ? { options: { organisation: request.organisation } } : {}),
      },
      { rows: request.rows, tally },
    );
    return { analysis, keptLinks };
  } finally {
    await db.run(`DROP VIEW IF EXISTS ${quoteIdent(subsetView)}`);
    await db.run(`DROP TABLE IF EXISTS ${quoteIdent(subsetTable)}`);
  }
}
