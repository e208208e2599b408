import type { IngestLimits } from '../core/limits.js';
import type { Cell, RecordParser, RecordSink, RejectCode } from '../core/types.js';
import { SqlLexer } from './sql-lexer.js';
import {
  type CopyHead,
  type HeadTokens,
  mayBeCreateTable,
  parseCopyHead,
  parseCreateTable,
  parseInsertHead,
} from './sql-statements.js';
import { SqlTables } from './sql-tables.js';
import { PUNCT, type SqlDialect, type SqlTokenHandler, type TokenKind, WORD } from './sql-tokens.js';
import { TupleReader, type TupleSink } from './sql-tuples.js';
import { decodeCopyField } from './sql-values.js';

export interface SqlDumpParserOptions {
  readonly dialect: SqlDialect;
}

/**
 * A push parser for mysqldump and pg_dump output: every `INSERT … VALUES` tuple and every
 * `COPY … FROM stdin` data line is one record. Column names come from the INSERT's own list,
 * else from the table's `CREATE TABLE`, else `col_1…col_n`; they merge by name across tables.
 * Everything else (SET, LOCK TABLES, DROP, functions, conditional comments) is skipped.
 *
 * @example createSqlDumpParser(sink, DEFAULT_LIMITS, { dialect: 'mysql' }).feed("INSERT INTO t VALUES (1,'a');")
 */
export function createSqlDumpParser(
  sink: RecordSink,
  limits: IngestLimits,
  options: SqlDumpParserOptions,
): RecordParser {
  return new SqlDumpParser(sink, limits, options.dialect);
}

const START = 0;
const SKIP = 1;
const HEAD = 2;
const TUPLES = 3;
const COPY_DATA = 4;
const DELIMITER_LINE = 5;
const DELIMITER_BLOCK = 6;
const CLIENT_COMMAND = 7;

const MAX_NOTE_CHARS = 1000;

class SqlDumpParser implements RecordParser, SqlTokenHandler, TupleSink {
  private readonly lexer: SqlLexer;
  private readonly tuples: TupleReader;
  private readonly tables: SqlTables;
  private state = START;
  private head: HeadTokens = { kinds: [], texts: [] };
  private headKind = '';
  private headChars = 0;
  private headDepth = 0;
  private headLine = 0;
  private previousLine = 0;
  private copy: CopyHead | null = null;
  private sawData = false;
  private notesLeft: number;

  constructor(
    private readonly sink: RecordSink,
    private readonly limits: IngestLimits,
    private readonly dialect: SqlDialect,
  ) {
    // Escapes can make a literal's source up to 4 times longer than its value (`\x41`).
    const maxTokenChars = 4 * limits.maxFieldChars + 16;
    this.lexer = new SqlLexer(dialect, { maxTokenChars, maxLineChars: limits.maxRecordChars }, this);
    this.tuples = new TupleReader(this, limits);
    this.tables = new SqlTables(sink, limits);
    this.notesLeft = Math.min(limits.maxNotes, 100);
  }

  feed(text: string): void {
    this.lexer.feed(text);
  }

  end(): void {
    this.lexer.end();
  }

  token(kind: TokenKind, text: string, overflow: boolean): void {
    const lexer = this.lexer;
    switch (this.state) {
      case TUPLES: {
        const step = this.tuples.token(
          kind,
          text,
          overflow,
          lexer.tokenLine,
          lexer.tokenStart,
          lexer.tokenEnd,
        );
        if (step !== 'more') this.state = step === 'done' ? START : SKIP;
        break;
      }
      case START:
        this.startStatement(kind, text);
        break;
      case SKIP:
        if (kind === PUNCT && text === ';') this.state = START;
        break;
      case HEAD:
        this.headToken(kind, text, overflow);
        break;
      case DELIMITER_BLOCK:
        // Routines and triggers between `DELIMITER ;;` and `DELIMITER ;` hold no data.
        if (kind === WORD && lexer.tokenLine !== this.previousLine && text.toUpperCase() === 'DELIMITER') {
          lexer.takeRestOfLine();
          this.state = DELIMITER_LINE;
        }
        break;
    }
    this.previousLine = lexer.tokenLine;
  }

  comment(text: string, line: number): void {
    const note = text.trim();
    // Rulers such as `-- ------` carry nothing worth keeping.
    if (this.sawData || !/[\p{L}\p{N}]/u.test(note) || this.notesLeft <= 0) return;
    this.notesLeft--;
    this.sink.note(note.slice(0, MAX_NOTE_CHARS), line);
  }

  rawLine(text: string, overflow: boolean, line: number, atEnd: boolean): void {
    if (this.state === COPY_DATA) this.copyLine(text, overflow, line, atEnd);
    else if (this.state === DELIMITER_LINE) this.state = text.trim() === ';' ? START : DELIMITER_BLOCK;
    else if (this.state === CLIENT_COMMAND) this.state = START;
  }

  finish(): void {
    if (this.state === TUPLES) this.tuples.atEnd();
    this.state = START;
    this.tables.finish(this.lexer.line);
  }

  tuple(values: Cell[], line: number): void {
    if (this.tables.deliver(values, line, false)) this.sawData = true;
  }

  reject(code: RejectCode, detail: string, line: number): void {
    this.sink.reject(code, detail, line);
  }

  private startStatement(kind: TokenKind, text: string): void {
    const word = kind === WORD && text.length <= 9 ? text.toUpperCase() : '';
    if (word === 'INSERT' || word === 'REPLACE' || word === 'CREATE' || word === 'COPY') {
      this.state = HEAD;
      this.headKind = word === 'REPLACE' ? 'INSERT' : word;
      this.head = { kinds: [kind], texts: [text] };
      this.headChars = text.length;
      this.headDepth = 0;
      this.headLine = this.lexer.tokenLine;
    } else if (word === 'DELIMITER' && this.dialect === 'mysql') {
      this.lexer.takeRestOfLine();
      this.state = DELIMITER_LINE;
    } else if (kind === PUNCT && text === '\\') {
      // psql meta-commands in pg_dump output (`\connect`, `\restrict`) end at the line's end.
      this.lexer.takeRestOfLine();
      this.state = CLIENT_COMMAND;
    } else if (!(kind === PUNCT && text === ';')) {
      this.state = SKIP;
    }
  }

  private headToken(kind: TokenKind, text: string, overflow: boolean): void {
    const head = this.head;
    const isInsert = this.headKind === 'INSERT';
    this.headChars += text.length + 1;
    if (overflow || this.headChars > this.limits.maxRecordChars) {
      if (isInsert) this.sink.reject('invalid-sql', 'INSERT statement head too long', this.headLine);
      this.state = kind === PUNCT && text === ';' ? START : SKIP;
      return;
    }
    if (kind === PUNCT && text === ';') {
      this.state = START;
      if (this.headKind === 'CREATE') this.defineTable(head);
      else if (this.headKind === 'COPY') this.startCopy(head);
      else if (!head.kinds.some((k, i) => k === WORD && /^(SELECT|SET|DEFAULT|TABLE)$/i.test(head.texts[i]!)))
        this.sink.reject('invalid-sql', 'INSERT without VALUES', this.headLine);
      return;
    }
    if (kind === PUNCT) this.headDepth += text === '(' ? 1 : text === ')' ? -1 : 0;
    const word = kind === WORD && this.headDepth === 0 ? text.toUpperCase() : '';
    if (isInsert && (word === 'VALUES' || (word === 'VALUE' && !isOverriding(head)))) {
      this.startInsert(head);
      return;
    }
    if (isInsert && (word === 'SELECT' || word === 'SET')) {
      this.state = SKIP; // INSERT … SELECT and MySQL's INSERT … SET carry no tuples.
      return;
    }
    head.kinds.push(kind);
    head.texts.push(text);
    if (this.headKind === 'CREATE' && head.kinds.length <= 8 && !mayBeCreateTable(head)) this.state = SKIP;
  }

  private startInsert(head: HeadTokens): void {
    const parsed = parseInsertHead(head);
    if (!parsed.ok) {
      this.sink.reject('invalid-sql', parsed.detail, this.headLine);
      this.state = SKIP;
      return;
    }
    this.tables.prepare(parsed.table, parsed.columns, this.headLine);
    this.tuples.begin();
    this.state = TUPLES;
  }

  private startCopy(head: HeadTokens): void {
    const parsed = parseCopyHead(head);
    if (parsed === null) return;
    this.tables.prepare(parsed.table, parsed.columns, this.headLine);
    this.copy = parsed;
    this.state = COPY_DATA;
    this.lexer.takeLines();
  }

  private defineTable(head: HeadTokens): void {
    const parsed = parseCreateTable(head, this.dialect);
    if (parsed !== null) this.tables.define(parsed.table, parsed.columns, this.headLine);
  }

  private copyLine(text: string, overflow: boolean, line: number, atEnd: boolean): void {
    if (text === '\\.') {
      this.lexer.resumeTokens();
      this.state = START;
      return;
    }
    if (atEnd && text === '') return;
    const copy = this.copy!;
    if (overflow) {
      this.sink.reject(
        'line-too-long',
        `COPY line longer than ${this.limits.maxRecordChars} characters`,
        line,
      );
    } else if (copy.format !== 'text') {
      this.sink.reject('invalid-sql', `COPY in ${copy.format} format is not supported`, line);
    } else {
      const fields = text.split(copy.delimiter);
      const values = fields.map((raw) => (raw === copy.nullText ? null : decodeCopyField(raw)));
      if (values.some((value) => value !== null && value.length > this.limits.maxFieldChars)) {
        this.sink.reject(
          'field-too-long',
          `a value is longer than ${this.limits.maxFieldChars} characters`,
          line,
        );
      } else {
        if (this.tables.deliver(values, line, atEnd)) this.sawData = true;
      }
    }
  }
}

/** PostgreSQL's `OVERRIDING SYSTEM VALUE` / `OVERRIDING USER VALUE` precedes the real VALUES. */
function isOverriding(head: HeadTokens): boolean {
  const previous = head.texts[head.texts.length - 1]?.toUpperCase();
  return head.kinds[head.kinds.length - 1] === WORD && (previous === 'SYSTEM' || previous === 'USER');
}
