/**
 * Parsers for the statement heads that carry column lists: `INSERT … (cols) VALUES`,
 * `CREATE TABLE name (…)` and `COPY name (cols) FROM stdin`. Each works on the bounded
 * list of tokens the dump parser buffered before the data starts.
 */
import { DQ_STRING, IDENT, PUNCT, type SqlDialect, STRING, type TokenKind, WORD } from './sql-tokens.js';

export interface HeadTokens {
  readonly kinds: TokenKind[];
  readonly texts: string[];
}

export interface TableRef {
  /** Lookup key: the unqualified name, lower-cased. */
  readonly key: string;
  /** The name as written, schema included, for notes. */
  readonly display: string;
}

export type InsertHead =
  | { readonly ok: true; readonly table: TableRef; readonly columns: string[] | null }
  | { readonly ok: false; readonly detail: string };

export interface CopyHead {
  readonly table: TableRef;
  readonly columns: string[] | null;
  /** Only the text format is read; csv and binary COPY data are rejected line by line. */
  readonly format: 'text' | 'csv' | 'binary';
  readonly delimiter: string;
  readonly nullText: string;
}

const INSERT_MODIFIERS = new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE']);
const CREATE_MODIFIERS = new Set(['OR', 'REPLACE', 'GLOBAL', 'LOCAL', 'TEMPORARY', 'TEMP', 'UNLOGGED']);
/** Words that start a table constraint rather than a column definition. */
const CONSTRAINT_WORDS: Record<SqlDialect, Set<string>> = {
  mysql: new Set([
    'PRIMARY',
    'KEY',
    'INDEX',
    'UNIQUE',
    'CONSTRAINT',
    'FOREIGN',
    'FULLTEXT',
    'SPATIAL',
    'CHECK',
  ]),
  postgres: new Set(['PRIMARY', 'UNIQUE', 'CONSTRAINT', 'FOREIGN', 'CHECK', 'EXCLUDE', 'LIKE']),
};

/** Whether `CREATE <words> TABLE` may still follow: false once a word rules a table out. */
export function mayBeCreateTable(tokens: HeadTokens): boolean {
  for (let i = 1; i < tokens.kinds.length; i++) {
    const word = upperWord(tokens, i);
    if (word === 'TABLE') return true;
    if (!CREATE_MODIFIERS.has(word)) return false;
  }
  return true;
}

/** `INSERT|REPLACE [modifiers] [INTO] name [PARTITION (…)] [AS alias] [(cols)] [OVERRIDING …]`. */
export function parseInsertHead(tokens: HeadTokens): InsertHead {
  let i = 1;
  while (INSERT_MODIFIERS.has(upperWord(tokens, i))) i++;
  if (upperWord(tokens, i) === 'INTO') i++;
  const name = readName(tokens, i);
  if (name === null) return { ok: false, detail: 'INSERT without a table name' };
  i = name.next;
  if (upperWord(tokens, i) === 'PARTITION') i = skipParens(tokens, i + 1);
  if (upperWord(tokens, i) === 'AS' && readName(tokens, i + 1) !== null) i += 2;
  let columns: string[] | null = null;
  if (isPunct(tokens, i, '(')) {
    const list = readColumnList(tokens, i + 1);
    if (list === null)
      return { ok: false, detail: `malformed column list for ${name.table.display.slice(0, 60)}` };
    columns = list;
  }
  return { ok: true, table: name.table, columns };
}

/** Column names of `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (…)`, or null if it is not one. */
export function parseCreateTable(
  tokens: HeadTokens,
  dialect: SqlDialect,
): { table: TableRef; columns: string[] } | null {
  let i = 1;
  while (CREATE_MODIFIERS.has(upperWord(tokens, i))) i++;
  if (upperWord(tokens, i) !== 'TABLE') return null;
  i++;
  if (upperWord(tokens, i) === 'IF') i += upperWord(tokens, i + 1) === 'NOT' ? 3 : 2;
  const name = readName(tokens, i);
  if (name === null || !isPunct(tokens, name.next, '(')) return null;
  const columns: string[] = [];
  const constraints = CONSTRAINT_WORDS[dialect];
  let depth = 1;
  let itemStart = true;
  for (i = name.next + 1; i < tokens.kinds.length && depth > 0; i++) {
    const kind = tokens.kinds[i]!;
    const text = tokens.texts[i]!;
    if (kind === PUNCT) {
      if (text === '(') depth++;
      else if (text === ')') depth--;
      else if (text === ',' && depth === 1) itemStart = true;
      continue;
    }
    if (!itemStart || depth !== 1) continue;
    itemStart = false;
    // Quoted names are always columns; a bare word may open a constraint (`PRIMARY KEY (…)`).
    const isConstraint =
      kind === WORD && constraints.has(text.toUpperCase()) && !isPgExcludeColumn(tokens, i);
    if ((kind === WORD || kind === IDENT || kind === DQ_STRING) && !isConstraint) columns.push(text);
  }
  return { table: name.table, columns };
}

/** `COPY name [(cols)] FROM stdin [WITH] [options]`, or null when no data follows in the dump. */
export function parseCopyHead(tokens: HeadTokens): CopyHead | null {
  const name = readName(tokens, 1);
  if (name === null) return null;
  let i = name.next;
  let columns: string[] | null = null;
  if (isPunct(tokens, i, '(')) {
    columns = readColumnList(tokens, i + 1);
    if (columns === null) return null;
    i = skipParens(tokens, i);
  }
  if (upperWord(tokens, i) !== 'FROM' || upperWord(tokens, i + 1) !== 'STDIN') return null;
  let format: CopyHead['format'] = 'text';
  let delimiter = '\t';
  let nullText = '\\N';
  for (i += 2; i < tokens.kinds.length; i++) {
    const word = upperWord(tokens, i);
    if (word === 'CSV' || word === 'BINARY') format = word === 'CSV' ? 'csv' : 'binary';
    if (word === 'FORMAT') {
      const value = upperWord(tokens, i + 1);
      if (value === 'CSV' || value === 'BINARY') format = value === 'CSV' ? 'csv' : 'binary';
    }
    if (word === 'DELIMITER' || word === 'NULL') {
      const at = upperWord(tokens, i + 1) === 'AS' ? i + 2 : i + 1;
      const value = tokens.kinds[at] === STRING ? tokens.texts[at]! : undefined;
      if (word === 'DELIMITER' && value?.length === 1) delimiter = value;
      if (word === 'NULL' && value !== undefined) nullText = value;
    }
  }
  return { table: name.table, columns, format, delimiter, nullText };
}

/** `name`, `schema.name`, `` `db`.`name` ``, `"public"."users"`: the last part is the table. */
function readName(tokens: HeadTokens, from: number): { table: TableRef; next: number } | null {
  const parts: string[] = [];
  let i = from;
  for (;;) {
    if (!isName(tokens, i)) return null;
    parts.push(tokens.texts[i]!);
    i++;
    if (!isPunct(tokens, i, '.')) break;
    i++;
  }
  const last = parts[parts.length - 1]!;
  return { table: { key: last.toLowerCase(), display: parts.join('.') }, next: i };
}

/** `a, b, "c"` up to the closing parenthesis; qualified names keep their last part. */
function readColumnList(tokens: HeadTokens, from: number): string[] | null {
  const columns: string[] = [];
  let i = from;
  if (isPunct(tokens, i, ')')) return columns;
  for (;;) {
    let name: string | undefined;
    while (isName(tokens, i)) {
      name = tokens.texts[i]!;
      i++;
      if (!isPunct(tokens, i, '.')) break;
      i++;
    }
    if (name === undefined) return null;
    columns.push(name);
    if (isPunct(tokens, i, ')')) return columns;
    if (!isPunct(tokens, i, ',')) return null;
    i++;
  }
}

function skipParens(tokens: HeadTokens, from: number): number {
  if (!isPunct(tokens, from, '(')) return from;
  let depth = 0;
  for (let i = from; i < tokens.kinds.length; i++) {
    if (isPunct(tokens, i, '(')) depth++;
    else if (isPunct(tokens, i, ')') && --depth === 0) return i + 1;
  }
  return tokens.kinds.length;
}

/** In PostgreSQL `exclude` is also a legal column name; the constraint is followed by USING or `(`. */
function isPgExcludeColumn(tokens: HeadTokens, i: number): boolean {
  if (tokens.texts[i]!.toUpperCase() !== 'EXCLUDE') return false;
  return !(isPunct(tokens, i + 1, '(') || upperWord(tokens, i + 1) === 'USING');
}

function isName(tokens: HeadTokens, i: number): boolean {
  const kind = tokens.kinds[i];
  return kind === WORD || kind === IDENT || kind === DQ_STRING || kind === STRING;
}

function isPunct(tokens: HeadTokens, i: number, text: string): boolean {
  return tokens.kinds[i] === PUNCT && tokens.texts[i] === text;
}

function upperWord(tokens: HeadTokens, i: number): string {
  return tokens.kinds[i] === WORD ? tokens.texts[i]!.toUpperCase() : '';
}
