import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import type { SampleFormat, TextEncoding } from '../core/types.js';
import { loadMapping } from '../fields/index.js';
import type { ColumnMapping } from '../fields/types.js';
import { parseDelimiter } from '../ingest/index.js';

const FORMATS: readonly SampleFormat[] = [
  'csv',
  'json',
  'jsonl',
  'mongo-json',
  'mysql-dump',
  'postgres-dump',
  'combolist',
  'paste',
];
const ENCODINGS: readonly TextEncoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

/** The options every command that reads a sample shares: overrides for what sniffing decides. */
export function ingestOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'skip format detection').choices(FORMATS))
    .addOption(new Option('--encoding <encoding>', 'skip encoding detection').choices(ENCODINGS))
    .option('--delimiter <char>', "field delimiter of delimited text: ',' ';' '|' ':' or tab")
    .option('--header', 'the first line is a header (default: detected)')
    .option('--no-header', 'the first line is data')
    .option('--mapping <file>', 'JSON file fixing column types: {"columns": {"tel": "phone"}}')
    .option('--region <CC>', 'country for phone numbers without a country code (default: inferred)');
}

export interface IngestCliOptions {
  format?: SampleFormat;
  encoding?: TextEncoding;
  delimiter?: string;
  header?: boolean;
  defaultRegion?: string;
}

export function readIngestOptions(command: Command): IngestCliOptions {
  const opts = command.opts<Record<string, unknown>>();
  const out: IngestCliOptions = {};
  if (typeof opts.format === 'string') out.format = opts.format as SampleFormat;
  if (typeof opts.encoding === 'string') out.encoding = opts.encoding as TextEncoding;
  // The ingestion layer owns the list of delimiters and their aliases (and its usage error).
  if (typeof opts.delimiter === 'string') out.delimiter = parseDelimiter(opts.delimiter);
  // A negatable option defaults to true in commander; only an explicit flag overrides detection.
  if (typeof opts.header === 'boolean' && command.getOptionValueSource('header') === 'cli') {
    out.header = opts.header;
  }
  if (typeof opts.region === 'string') {
    if (!/^[A-Za-z]{2}$/.test(opts.region)) {
      throw new LeakverifyError(
        'cli.usage',
        `--region expects a two-letter country code, got ${JSON.stringify(opts.region)}`,
      );
    }
    out.defaultRegion = opts.region.toUpperCase();
  }
  return out;
}

export function readMapping(opts: Record<string, unknown>): ColumnMapping | undefined {
  return typeof opts.mapping === 'string' ? readMappingFile(opts.mapping) : undefined;
}

/** A `--mapping` or `--records-mapping` file, read and validated. */
export function readMappingFile(file: string): ColumnMapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new LeakverifyError('input.unreadable', `cannot read mapping file ${file}`, { cause });
  }
  return loadMapping(text, file);
}
