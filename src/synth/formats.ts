import type { Cell } from '../core/types.js';
import { renderMysqlDump, renderPostgresDump } from './sql-dump.js';
import type { ColumnType, Table } from './table.js';

/**
 * Sample formats as text. Each renderer yields the text in pieces (a row or a statement at
 * a time) so that writers can stream millions of rows; none of them holds the table.
 */

export type Delimiter = ',' | ';' | '\t' | '|';

export type FormatSpec =
  | {
      readonly kind: 'csv';
      readonly delimiter?: Delimiter;
      /** `minimal` quotes only values that need it; `none` never quotes (values must then be clean). */
      readonly quoting?: 'minimal' | 'all' | 'none';
      readonly quoteChar?: '"' | "'";
      readonly header?: boolean;
      readonly lineEnding?: '\n' | '\r\n';
    }
  /** `pretty` puts each object on its own line, as most exporters do. */
  | { readonly kind: 'json'; readonly nested?: boolean; readonly pretty?: boolean }
  | { readonly kind: 'jsonl'; readonly nested?: boolean }
  | { readonly kind: 'mongo-json'; readonly jsonArray?: boolean }
  | { readonly kind: 'mysql-dump'; readonly rowsPerInsert?: number; readonly columnNames?: boolean }
  | { readonly kind: 'postgres-dump' }
  | { readonly kind: 'combolist'; readonly separator?: ':' | ';' | '|' }
  | {
      readonly kind: 'paste';
      /** The record count the banner claims (default 87,000,000). */
      readonly claimed?: number;
      readonly title?: string;
      readonly delimiter?: Delimiter;
    };

export type FormatName =
  | 'csv'
  | 'semicolon'
  | 'tsv'
  | 'pipe'
  | 'headerless'
  | 'json'
  | 'jsonl'
  | 'mongo'
  | 'mysql'
  | 'postgres'
  | 'combolist'
  | 'paste';

const NAMED: Readonly<Record<FormatName, FormatSpec>> = {
  csv: { kind: 'csv' },
  semicolon: { kind: 'csv', delimiter: ';' },
  tsv: { kind: 'csv', delimiter: '\t' },
  pipe: { kind: 'csv', delimiter: '|' },
  headerless: { kind: 'csv', header: false },
  json: { kind: 'json' },
  jsonl: { kind: 'jsonl', nested: true },
  mongo: { kind: 'mongo-json' },
  mysql: { kind: 'mysql-dump' },
  postgres: { kind: 'postgres-dump' },
  combolist: { kind: 'combolist' },
  paste: { kind: 'paste' },
};

export function resolveFormat(format: FormatSpec | FormatName): FormatSpec {
  return typeof format === 'string' ? NAMED[format] : format;
}

export function renderText(table: Table, format: FormatSpec | FormatName): Iterable<string> {
  const spec = resolveFormat(format);
  switch (spec.kind) {
    case 'csv':
      return renderDelimited(table, spec);
    case 'json':
      return renderJsonArray(table, spec.nested ?? false, spec.pretty ?? false);
    case 'jsonl':
      return renderJsonLines(table, spec.nested ?? true);
    case 'mongo-json':
      return renderMongo(table, spec.jsonArray ?? false);
    case 'mysql-dump':
      return renderMysqlDump(table, spec.rowsPerInsert ?? 500, spec.columnNames ?? false);
    case 'postgres-dump':
      return renderPostgresDump(table);
    case 'combolist':
      return renderCombolist(table, spec.separator ?? ':');
    case 'paste':
      return renderPaste(table, spec);
  }
}

type CsvSpec = Extract<FormatSpec, { kind: 'csv' }>;

function* renderDelimited(table: Table, spec: CsvSpec): Generator<string> {
  const delimiter = spec.delimiter ?? ',';
  const quote = spec.quoteChar ?? '"';
  const quoting = spec.quoting ?? 'minimal';
  const eol = spec.lineEnding ?? '\n';
  const needsQuotes = (value: string) =>
    value.includes(delimiter) || value.includes(quote) || value.includes('\n') || value.includes('\r');
  const cell = (value: Cell): string => {
    if (value === null) return '';
    if (quoting === 'none' || (quoting === 'minimal' && !needsQuotes(value))) return value;
    return quote + value.split(quote).join(quote + quote) + quote;
  };
  const line = (values: readonly Cell[]) => values.map(cell).join(delimiter) + eol;
  if (spec.header ?? true) yield line(table.columns);
  for (const row of table.rows) yield line(row);
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A JSON literal for a cell: numbers stay numbers where the column says so and the text is one. */
function jsonValue(value: Cell, type: ColumnType | undefined): string {
  if (value === null) return 'null';
  if ((type === 'integer' || type === 'decimal') && NUMERIC.test(value)) return value;
  return JSON.stringify(value);
}

type Node = Map<string, Node | string>;

/** `address.street` → `{"address":{"street":…}}`; flat columns stay flat. */
function jsonObject(table: Table, row: readonly Cell[], nested: boolean, literal = jsonValue): string {
  if (!nested) {
    return `{${table.columns.map((c, i) => `${JSON.stringify(c)}:${literal(row[i] ?? null, table.types?.[c])}`).join(',')}}`;
  }
  const root: Node = new Map();
  table.columns.forEach((column, i) => {
    const path = column.split('.');
    let node = root;
    for (const key of path.slice(0, -1)) {
      let child = node.get(key);
      if (typeof child !== 'object') {
        child = new Map();
        node.set(key, child);
      }
      node = child;
    }
    node.set(path[path.length - 1]!, literal(row[i] ?? null, table.types?.[column]));
  });
  const write = (node: Node): string =>
    `{${[...node].map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'string' ? v : write(v)}`).join(',')}}`;
  return write(root);
}

function* renderJsonArray(table: Table, nested: boolean, pretty: boolean): Generator<string> {
  let first = true;
  yield '[';
  for (const row of table.rows) {
    const text = jsonObject(table, row, nested);
    yield `${first ? '' : ','}${pretty ? '\n  ' : ''}${text}`;
    first = false;
  }
  yield pretty ? '\n]\n' : ']\n';
}

function* renderJsonLines(table: Table, nested: boolean): Generator<string> {
  for (const row of table.rows) yield `${jsonObject(table, row, nested)}\n`;
}

/** mongoexport's relaxed Extended JSON: `_id` as `$oid`, timestamps as `$date`, decimals as `$numberDecimal`. */
function* renderMongo(table: Table, jsonArray: boolean): Generator<string> {
  const hasId = table.columns.some((c) => table.types?.[c] === 'object-id' || c === '_id');
  const withId: Table = hasId
    ? table
    : { ...table, columns: ['_id', ...table.columns], types: { ...table.types, _id: 'object-id' } };
  const literal = (value: Cell, type: ColumnType | undefined): string => {
    if (value === null) return 'null';
    if (type === 'object-id') return `{"$oid":${JSON.stringify(value)}}`;
    if ((type === 'timestamp' || type === 'date') && /^\d{4}-\d{2}-\d{2}/.test(value)) {
      const iso =
        value.length === 10 ? `${value}T00:00:00.000Z` : `${value.slice(0, 10)}T${value.slice(11, 19)}.000Z`;
      return `{"$date":"${iso}"}`;
    }
    if (type === 'decimal' && NUMERIC.test(value)) return `{"$numberDecimal":"${value}"}`;
    return jsonValue(value, type);
  };
  let index = 0;
  if (jsonArray) yield '[';
  for (const row of table.rows) {
    const cells = hasId ? row : [objectId(index), ...row];
    const text = jsonObject(withId, cells, true, literal);
    yield jsonArray ? `${index === 0 ? '' : ','}${text}` : `${text}\n`;
    index++;
  }
  if (jsonArray) yield ']\n';
}

/** A deterministic ObjectId: a fixed 2024 timestamp, a fixed machine part, the row counter. */
export function objectId(index: number): string {
  return `65a1c3e0${'9f3b2a7c1d'}${(index & 0xffffff).toString(16).padStart(6, '0')}`;
}

function* renderCombolist(table: Table, separator: string): Generator<string> {
  const email = Math.max(0, table.columns.indexOf('email'));
  const password =
    table.columns.indexOf('password') >= 0 ? table.columns.indexOf('password') : email === 0 ? 1 : 0;
  for (const row of table.rows) yield `${row[email] ?? ''}${separator}${row[password] ?? ''}\n`;
}

function* renderPaste(table: Table, spec: Extract<FormatSpec, { kind: 'paste' }>): Generator<string> {
  const claimed = (spec.claimed ?? 87_000_000).toLocaleString('en-US');
  const rule = '='.repeat(64);
  yield `${rule}\n`;
  yield `   ${spec.title ?? 'ShopCo.com FULL CUSTOMER DATABASE - 2025'}\n`;
  yield `   Total: ${claimed} records\n`;
  yield `   Fields: ${table.columns.join(', ')}\n`;
  yield '   Full dump for sale - serious buyers only, escrow accepted\n';
  yield `${rule}\n\n`;
  yield 'FREE SAMPLE:\n\n';
  yield* renderDelimited(table, { kind: 'csv', delimiter: spec.delimiter ?? '|', quoting: 'minimal' });
  yield `\n${rule}\n`;
  yield '   Contact: t.me/leak_market_admin\n';
  yield `${rule}\n`;
}
