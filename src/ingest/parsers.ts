import { LeakverifyError } from '../core/errors.js';
import type { IngestLimits } from '../core/limits.js';
import type { RecordParser, RecordSink } from '../core/types.js';
import { createCombolistParser } from './combolist.js';
import { createDelimitedParser } from './delimited.js';
import { createJsonParser } from './json.js';
import type { SniffResult } from './sniff.js';
import { createSqlDumpParser } from './sql-dump.js';
import type { Dialect } from './types.js';

/** Which parser reads which sniffed format, and how user-given delimiters are spelled. */

/** Normalises a user-given delimiter (`tab`, `\\t`, `semicolon`, ...); throws `cli.usage` for others. */
export function parseDelimiter(value: string | undefined): Dialect['delimiter'] | undefined {
  if (value === undefined) return undefined;
  const aliases: Record<string, Dialect['delimiter']> = {
    tab: '\t',
    '\\t': '\t',
    comma: ',',
    semicolon: ';',
    pipe: '|',
  };
  const delimiter = aliases[value.toLowerCase()] ?? value;
  if (
    delimiter === ',' ||
    delimiter === ';' ||
    delimiter === '\t' ||
    delimiter === '|' ||
    delimiter === ':'
  ) {
    return delimiter;
  }
  throw new LeakverifyError('cli.usage', `unsupported delimiter ${JSON.stringify(value)}`, {
    hint: 'Use one of , ; | : or tab.',
  });
}

/** The parser for a sniffed member: delimited, combolist, JSON or SQL dump. */
export function createParser(sniff: SniffResult, sink: RecordSink, limits: IngestLimits): RecordParser {
  const dialect = sniff.dialect ?? { delimiter: ',', quote: '"', hasHeader: false };
  switch (sniff.format) {
    case 'csv':
    case 'paste':
      return createDelimitedParser(sink, limits, {
        dialect,
        paste: sniff.format === 'paste',
        blockStartLine: sniff.blockStartLine,
      });
    case 'combolist':
      return createCombolistParser(sink, limits, {
        separator: dialect.delimiter,
        fields: sniff.comboFields ?? 2,
        blockStartLine: sniff.blockStartLine,
      });
    case 'json':
    case 'jsonl':
    case 'mongo-json':
      return createJsonParser(sink, limits, { mode: sniff.jsonMode ?? 'lines' });
    case 'mysql-dump':
      return createSqlDumpParser(sink, limits, { dialect: 'mysql' });
    case 'postgres-dump':
      return createSqlDumpParser(sink, limits, { dialect: 'postgres' });
  }
}
