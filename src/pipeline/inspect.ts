import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import type { IngestLimits } from '../core/limits.js';
import type { Cell, SampleFormat, TextEncoding } from '../core/types.js';
import { profileColumns } from '../fields/index.js';
import { createRowNormalizer, type RowNormalizer } from '../fields/row-normalizer.js';
import type { ColumnMapping, ColumnProfile } from '../fields/types.js';
import { openSample } from '../ingest/index.js';
import type { IngestSummary } from '../ingest/types.js';
import { addCell, type ColumnStats, createColumnStats } from './column-stats.js';

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
  readonly elapsedMs: number;
}

const DEFAULT_PROFILE_ROWS = 20_000;

/**
 * Reads a whole sample once: the first `profileRows` rows decide each column's kind, then
 * every value is normalised to measure fill and validity. Memory stays bounded by the
 * profiling buffer, whatever the file size.
 */
export async function inspectSample(
  path: string,
  options: InspectOptions = {},
  effects: InspectEffects = {},
): Promise<InspectReport> {
  const started = performance.now();
  const stream = await openSample(path, {
    limits: options.limits,
    format: options.format,
    delimiter: options.delimiter,
    header: options.header,
    encoding: options.encoding,
  });
  // Hashed concurrently with parsing; started only once the file is known to open.
  const digest = sha256File(path);
  const profileRows = options.profileRows ?? DEFAULT_PROFILE_ROWS;
  const maxExamples = options.examples ?? 3;

  // Rows are buffered until the column kinds are decided; columns that first appear later
  // (sparse JSON keys) are decided at the end from the rows that carried them.
  let buffered: Cell[][] = [];
  let late: Cell[][] = [];
  let columns: readonly string[] = [];
  let profiles: ColumnProfile[] = [];
  let normalize: RowNormalizer | null = null;
  const stats: ColumnStats[] = [];
  let rows = 0;

  const decideFrom = (sampleRows: readonly Cell[][], from: number): void => {
    const decided = profileColumns(columns, sampleRows, profileOptions(options)).slice(from);
    profiles = [...profiles, ...decided];
    normalize = createRowNormalizer(profiles);
    while (stats.length < profiles.length) stats.push(createColumnStats());
  };
  const accumulate = (row: readonly Cell[], from: number): void => {
    const results = normalize!(row);
    for (let i = from; i < stats.length; i++) addCell(stats[i]!, row[i] ?? null, results[i] ?? null, maxExamples);
  };

  for await (const batch of stream.batches()) {
    rows += batch.rows.length;
    columns = batch.columns;
    if (normalize === null) {
      for (const row of batch.rows) buffered.push(row);
      if (buffered.length < profileRows) continue;
      decideFrom(buffered, 0);
      for (const row of buffered) accumulate(row, 0);
      buffered = [];
    } else {
      for (const row of batch.rows) accumulate(row, 0);
      if (columns.length > profiles.length && late.length < profileRows) late.push(...batch.rows);
    }
    effects.onProgress?.({ rows, bytesRead: stream.summary().bytesRead });
  }
  if (normalize === null) {
    decideFrom(buffered, 0);
    for (const row of buffered) accumulate(row, 0);
  } else if (columns.length > profiles.length) {
    const from = profiles.length;
    decideFrom(late, from);
    for (const row of late) accumulate(row, from);
    late = [];
  }
  const summary = stream.summary();
  return {
    sample: { ...summary, sha256: await digest },
    columns: buildColumnReports(profiles, stats, rows),
    elapsedMs: Math.round(performance.now() - started),
  };
}

function profileOptions(options: InspectOptions): { mapping?: ColumnMapping; defaultRegion?: string } {
  return {
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}),
  };
}

function buildColumnReports(profiles: readonly ColumnProfile[], stats: readonly ColumnStats[], rows: number): ColumnReport[] {
  return profiles.map((profile, i) => {
    const s = stats[i] ?? createColumnStats();
    const report: ColumnReport = {
      name: profile.name,
      kind: profile.kind,
      confidence: round(profile.confidence),
      filled: rows === 0 ? 0 : round(s.filled / rows),
      valid: s.filled === 0 ? 0 : round(s.valid / s.filled),
      examples: s.examples,
      params: profile.params,
      evidence: profile.evidence,
      invalidReasons: Object.fromEntries(s.invalidReasons),
      ...(profile.splits ? { splits: profile.splits } : {}),
      ...(profile.mapped ? { mapped: true } : {}),
    };
    return report;
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** SHA-256 of the file as posted (compressed bytes included): the evidence hash. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
