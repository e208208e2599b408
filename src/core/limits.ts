/**
 * Hard limits that keep a hostile sample from exhausting memory or time. Every parser and
 * source checks these; exceeding one rejects the record (or, for whole-file limits, fails
 * with a clear `ingest.limit` / `ingest.zip-bomb` error). Defaults suit a 24 GB machine.
 */
export interface IngestLimits {
  /** Longest record (one CSV record, JSON document, SQL statement or tuple) in characters. */
  readonly maxRecordChars: number;
  /** Longest single field value in characters. */
  readonly maxFieldChars: number;
  /** Most columns a sample may declare; further ones are rejected/ignored with a reason. */
  readonly maxColumns: number;
  /** Deepest nesting of JSON objects/arrays (and Extended JSON wrappers). */
  readonly maxJsonDepth: number;
  /** Most bytes decompressed from one input, all archive members together. */
  readonly maxDecompressedBytes: number;
  /** Largest ratio of decompressed to compressed bytes once past `ratioGraceBytes`. */
  readonly maxCompressionRatio: number;
  readonly ratioGraceBytes: number;
  /** Most members read from one zip archive. */
  readonly maxArchiveEntries: number;
  /** Most non-data lines kept as notes (banners, comments); later ones are only counted. */
  readonly maxNotes: number;
  /** Most rejection examples kept; all rejections are counted regardless. */
  readonly maxRejectionExamples: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxRecordChars: 1 << 20,
  maxFieldChars: 64 << 10,
  maxColumns: 1024,
  maxJsonDepth: 64,
  maxDecompressedBytes: 64 * 1024 ** 3,
  maxCompressionRatio: 200,
  ratioGraceBytes: 64 << 20,
  maxArchiveEntries: 1000,
  maxNotes: 200,
  maxRejectionExamples: 50,
};

export function withLimits(overrides: Partial<IngestLimits> = {}): IngestLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
