import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { hashFile } from '../core/file-hash.js';
import type { IngestLimits } from '../core/limits.js';
import type { Cell, SampleFormat, TextEncoding } from '../core/types.js';
import { profileColumns } from '../fields/index.js';
import { createRowNormalizer, type RowNormalizer } from '../fields/row-normalizer.js';
import type { ColumnMapping, ColumnProfile } from '../fields/types.js';
import { type OpenSampleOptions, openSample } from '../ingest/index.js';
import type { IngestSummary, SampleInfo, SampleStream } from '../ingest/types.js';
import {
  addCell,
  type ColumnStats,
  createColumnStats,
  type SerializedStats,
  serializeStats,
} from './column-stats.js';
import { type Head, readHead } from './head.js';
import { type SliceResult, shiftRejections } from './inspect-slice.js';
import { canSplit, cutsAreClean, runSlices, sliceOpenOptions, splitPoints } from './parallel.js';

export interface InspectOptions {
  readonly limits?: Partial<IngestLimits>;
  readonly format?: SampleFormat;
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly encoding?: TextEncoding;
  readonly mapping?: ColumnMapping;
  /** Region for phone numbers written without a country code when nothing in the sample says. */
  readonly defaultRegion?: string;
  /** Rows read before the column types are decided (from those rows' values). */
  readonly profileRows?: number;
  readonly examples?: number;
  /** Set to false to read in one thread even where the file could be split. */
  readonly parallel?: boolean;
  /** Smallest plain file read in parallel (default 32 MiB; tests lower it). */
  readonly parallelMinBytes?: number;
}

export interface InspectProgress {
  readonly rows: number;
  readonly bytesRead: number;
}

export interface InspectEffects {
  readonly onProgress?: (progress: InspectProgress) => void;
}

export interface ColumnReport {
  readonly name: string;
  readonly kind: ColumnProfile['kind'];
  readonly confidence: number;
  /** Share of rows where the column has a value. */
  readonly filled: number;
  /** Share of filled values that normalise as `kind`. */
  readonly valid: number;
  readonly examples: readonly string[];
  readonly params: ColumnProfile['params'];
  readonly evidence: string;
  readonly splits?: readonly string[];
  readonly mapped?: boolean;
  readonly invalidReasons: Readonly<Record<string, number>>;
}

export interface InspectReport {
  readonly sample: IngestSummary & { readonly sha256: string };
  readonly columns: readonly ColumnReport[];
  /** `parallel` when the file was read as byte ranges by one worker per core. */
  readonly mode: 'sequential' | 'parallel';
  readonly elapsedMs: number;
}

type Body = Omit<InspectReport, 'sample' | 'elapsedMs'> & { readonly sample: IngestSummary };

const DEFAULT_PROFILE_ROWS = 20_000;

/**
 * Reads a whole sample: the first `profileRows` rows decide each column's kind, then every
 * value is normalised to measure fill and validity. A large plain delimited file is cut into
 * byte ranges read by one worker thread per core; anything else streams through one thread.
 * Memory stays bounded by the profiling buffer, whatever the file size.
 */
export async function inspectSample(
  path: string,
  options: InspectOptions = {},
  effects: InspectEffects = {},
): Promise<InspectReport> {
  const started = performance.now();
  const openOptions: OpenSampleOptions = {
    limits: options.limits,
    format: options.format,
    delimiter: options.delimiter,
    header: options.header,
    encoding: options.encoding,
  };
  const stream = await openSample(path, openOptions);
  // Hashed concurrently with parsing; started only once the file is known to open.
  const digest = sha256File(path);
  const head = await readHead(stream, options.profileRows ?? DEFAULT_PROFILE_ROWS);
  let body: Body | null = null;
  const size = statSync(path).size;
  if (
    !head.complete &&
    options.parallel !== false &&
    canSplit(stream.info, size, 1, options.parallelMinBytes)
  ) {
    await head.iterator.return?.();
    const profiles = profileColumns(head.columns, head.rows, profileOptions(options));
    body = await inspectInSlices(path, openOptions, stream.info, size, profiles, options, effects);
    // null: a quoted field ran across a cut, so the cuts were not record boundaries.
    if (body === null) body = await inspectStream(await openSample(path, openOptions), options, effects);
  } else {
    body = await continueStream(head, stream, options, effects);
  }
  return {
    ...body,
    sample: { ...body.sample, sha256: await digest },
    elapsedMs: Math.round(performance.now() - started),
  };
}

async function inspectStream(
  stream: SampleStream,
  options: InspectOptions,
  effects: InspectEffects,
): Promise<Body> {
  return continueStream(
    await readHead(stream, options.profileRows ?? DEFAULT_PROFILE_ROWS),
    stream,
    options,
    effects,
  );
}

/**
 * Decides the kinds from the head, then normalises the head and the rest of the stream.
 * Columns that first appear after the head (sparse JSON keys) are decided at the end from
 * the rows that carried them.
 */
async function continueStream(
  head: Head,
  stream: SampleStream,
  options: InspectOptions,
  effects: InspectEffects,
): Promise<Body> {
  const maxExamples = options.examples ?? 3;
  const limit = options.profileRows ?? DEFAULT_PROFILE_ROWS;
  let columns = head.columns;
  let profiles = profileColumns(columns, head.rows, profileOptions(options));
  let normalize: RowNormalizer = createRowNormalizer(profiles);
  const stats: ColumnStats[] = profiles.map(() => createColumnStats());
  const accumulate = (row: readonly Cell[], from: number): void => {
    const results = normalize(row);
    for (let i = from; i < stats.length; i++)
      addCell(stats[i]!, row[i] ?? null, results[i] ?? null, maxExamples);
  };
  for (const row of head.rows) accumulate(row, 0);
  let rows = head.rows.length;
  let late: Cell[][] = [];
  if (!head.complete) {
    for (;;) {
      const next = await head.iterator.next();
      if (next.done) break;
      const batch = next.value;
      rows += batch.rows.length;
      columns = batch.columns;
      for (const row of batch.rows) accumulate(row, 0);
      if (columns.length > profiles.length && late.length < limit) late.push(...batch.rows);
      effects.onProgress?.({ rows, bytesRead: stream.summary().bytesRead });
    }
  }
  if (columns.length > profiles.length) {
    const from = profiles.length;
    profiles = [...profiles, ...profileColumns(columns, late, profileOptions(options)).slice(from)];
    normalize = createRowNormalizer(profiles);
    while (stats.length < profiles.length) stats.push(createColumnStats());
    for (const row of late) accumulate(row, from);
    late = [];
  }
  const summary = stream.summary();
  return {
    sample: summary,
    columns: buildColumnReports(profiles, (i) => serializeStats(stats[i]), rows),
    mode: 'sequential',
  };
}

async function inspectInSlices(
  path: string,
  openOptions: OpenSampleOptions,
  info: SampleInfo,
  size: number,
  profiles: readonly ColumnProfile[],
  options: InspectOptions,
  effects: InspectEffects,
): Promise<Body | null> {
  const points = await splitPoints(path, size, availableParallelism());
  const tasks = points.map((_, k) => ({
    path,
    open: sliceOpenOptions(openOptions, info, points, size, k),
    profiles,
    maxExamples: options.examples ?? 3,
    ...(k > 0 ? { columns: profiles.map((p) => p.name) } : {}),
  }));
  const results = await runSlices(tasks, (rows, bytes) => effects.onProgress?.({ rows, bytesRead: bytes }));
  if (!cutsAreClean(results)) return null;
  return mergeSlices(results, profiles);
}

/** Adds up slice results in file order: counts sum, ordinals of later slices shift by the records before them. */
function mergeSlices(results: readonly SliceResult[], profiles: readonly ColumnProfile[]): Body {
  const first = results[0]!.summary;
  let offset = 0;
  let rows = 0;
  let rejected = 0;
  const byReason: Record<string, number> = {};
  const examples: IngestSummary['rejectionExamples'][number][] = [];
  const notes: string[] = [];
  for (const { summary } of results) {
    examples.push(...shiftRejections(summary.rejectionExamples, offset, offset === 0));
    offset += summary.rows + summary.rejected;
    rows += summary.rows;
    rejected += summary.rejected;
    for (const [code, n] of Object.entries(summary.rejectedByReason))
      byReason[code] = (byReason[code] ?? 0) + (n ?? 0);
    notes.push(...summary.notes);
  }
  const columns = [...first.columns];
  for (const { summary } of results)
    for (const c of summary.columns) if (!columns.includes(c)) columns.push(c);
  const sample: IngestSummary = {
    ...first,
    columns,
    rows,
    rejected,
    rejectedByReason: byReason,
    rejectionExamples: examples.slice(0, first.rejectionExamples.length + 50),
    notes: notes.slice(0, 200),
    bytesRead: results.reduce((n, r) => n + r.summary.bytesRead, 0),
    members: [
      {
        name: first.members[0]?.name ?? first.info.file,
        bytes: results.reduce((n, r) => n + r.summary.bytesRead, 0),
        rows,
        rejected,
      },
    ],
  };
  const merged = (name: string): SerializedStats => {
    const all = results.map((r) => r.stats[name]).filter((s): s is SerializedStats => s !== undefined);
    const reasons: Record<string, number> = {};
    for (const s of all)
      for (const [k, v] of Object.entries(s.invalidReasons)) reasons[k] = (reasons[k] ?? 0) + v;
    return {
      filled: all.reduce((n, s) => n + s.filled, 0),
      valid: all.reduce((n, s) => n + s.valid, 0),
      examples: all[0]?.examples ?? [],
      invalidReasons: reasons,
    };
  };
  return {
    sample,
    columns: buildColumnReports(profiles, (i) => merged(profiles[i]!.name), rows),
    mode: 'parallel',
  };
}

function profileOptions(options: InspectOptions): { mapping?: ColumnMapping; defaultRegion?: string } {
  return {
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}),
  };
}

function buildColumnReports(
  profiles: readonly ColumnProfile[],
  statsOf: (index: number) => SerializedStats,
  rows: number,
): ColumnReport[] {
  return profiles.map((profile, i) => {
    const s = statsOf(i);
    return {
      name: profile.name,
      kind: profile.kind,
      confidence: round(profile.confidence),
      filled: rows === 0 ? 0 : round(s.filled / rows),
      valid: s.filled === 0 ? 0 : round(s.valid / s.filled),
      examples: s.examples,
      params: profile.params,
      evidence: profile.evidence,
      invalidReasons: s.invalidReasons,
      ...(profile.splits ? { splits: profile.splits } : {}),
      ...(profile.mapped ? { mapped: true } : {}),
    };
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** SHA-256 of the file as posted (compressed bytes included): the evidence hash. */
export async function sha256File(path: string): Promise<string> {
  return (await hashFile(path)).sha256;
}
