/** Public API of ingestion: open a sample, stream its rows, read what was rejected and why. */
export type { RecordParser, RecordSink } from '../core/types.js';
export { type CombolistOptions, createCombolistParser } from './combolist.js';
export { createStreamDecoder, detectEncoding, type EncodingGuess, type StreamDecoder } from './decode.js';
export { createDelimitedParser, type DelimitedOptions } from './delimited.js';
export { createJsonParser } from './json.js';
export { isBannerLine, printable } from './lines.js';
export { identifyMagic, type Magic } from './magic.js';
export { type OpenSampleOptions, openSample } from './open.js';
export { createParser, parseDelimiter } from './parsers.js';
export { looksBinary, type SniffOptions, type SniffResult, sniffText } from './sniff.js';
export { type ByteSource, openSource, type SourceMember } from './source.js';
export { createSqlDumpParser } from './sql-dump.js';
export type {
  Dialect,
  IngestSummary,
  MemberInfo,
  RowBatch,
  SampleInfo,
  SampleStream,
} from './types.js';
