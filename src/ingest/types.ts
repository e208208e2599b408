import type { Cell, Compression, RejectCode, Rejection, SampleFormat, TextEncoding } from '../core/types.js';

/** What sniffing decided about a delimited text. */
export interface Dialect {
  readonly delimiter: ',' | ';' | '\t' | '|' | ':';
  /** Quote character, or null when the text uses none. */
  readonly quote: '"' | "'" | null;
  readonly hasHeader: boolean;
}

/** One member of the input: the file itself, or one entry of a zip archive. */
export interface MemberInfo {
  readonly name: string;
  readonly bytes: number;
  readonly rows: number;
  readonly rejected: number;
}

export interface SampleInfo {
  readonly file: string;
  readonly compression: Compression;
  readonly encoding: TextEncoding;
  /** True when the text started with a byte-order mark. */
  readonly bom: boolean;
  readonly format: SampleFormat;
  /** Present for csv, paste and combolist. */
  readonly dialect?: Dialect;
}

/** Rows in file order; `ordinals[i]` is the 1-based data-row ordinal of `rows[i]`. */
export interface RowBatch {
  /** All column names known so far (columns only ever get appended). */
  readonly columns: readonly string[];
  readonly ordinals: readonly number[];
  readonly lines: readonly number[];
  readonly rows: readonly Cell[][];
}

export interface IngestSummary {
  readonly info: SampleInfo;
  readonly columns: readonly string[];
  readonly members: readonly MemberInfo[];
  /** Accepted data rows. */
  readonly rows: number;
  /** Rejected records, total and by reason; `examples` holds the first few. */
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Partial<Record<RejectCode, number>>>;
  readonly rejectionExamples: readonly Rejection[];
  /** Banner/comment lines kept for context, first `maxNotes` of them. */
  readonly notes: readonly string[];
  readonly bytesRead: number;
}

/** An opened sample: `info` is known after sniffing, rows stream from `batches()` exactly once. */
export interface SampleStream {
  readonly info: SampleInfo;
  batches(): AsyncIterable<RowBatch>;
  /** Complete once `batches()` has been fully consumed. */
  summary(): IngestSummary;
}
