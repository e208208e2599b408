/**
 * Streams the tuples of `INSERT … VALUES (…),(…),…;` one at a time from tokens, so an
 * extended insert of hundreds of megabytes never sits in memory: only the current tuple is
 * held, and only up to `maxRecordChars`.
 */
import type { IngestLimits } from '../core/limits.js';
import type { Cell, RejectCode } from '../core/types.js';
import { BIT_STRING, HEX_STRING, IDENT, NUMBER, PUNCT, STRING, type TokenKind, WORD } from './sql-tokens.js';
import { bitLiteralValue, hexLiteralValue, numberValue } from './sql-values.js';

export interface TupleSink {
  /** A complete, well-formed tuple (its count is not yet checked against the columns). */
  tuple(values: Cell[], line: number): void;
  reject(code: RejectCode, detail: string, line: number): void;
}

/** What the statement parser does after a token: keep feeding, statement over, or skip its tail. */
export type TupleStep = 'more' | 'done' | 'tail';

const EXPECT_OPEN = 0;
const IN_TUPLE = 1;
const AFTER_TUPLE = 2;
const RESYNC = 3;

export class TupleReader {
  private state = EXPECT_OPEN;
  private values: Cell[] = [];
  private line = 0;
  private start = 0;
  private depth = 0;
  private tooLong = false;
  private fieldTooLong = false;
  private invalid: string | null = null;
  // The value being read: how many tokens, the first two, and its text as an expression.
  private count = 0;
  private kind1: TokenKind = WORD;
  private text1 = '';
  private kind2: TokenKind = WORD;
  private text2 = '';
  /** Tokens before a `::` cast, or -1. */
  private castAt = -1;
  private expression = '';
  private lastKind: TokenKind = PUNCT;
  private lastText = '';

  constructor(
    private readonly sink: TupleSink,
    private readonly limits: IngestLimits,
  ) {}

  /** Called right after `VALUES`. */
  begin(): void {
    this.state = EXPECT_OPEN;
  }

  token(
    kind: TokenKind,
    text: string,
    overflow: boolean,
    line: number,
    start: number,
    end: number,
  ): TupleStep {
    if (this.state === IN_TUPLE) return this.inTuple(kind, text, overflow, end);
    const punct = kind === PUNCT ? text : '';
    if (punct === ';') return 'done';
    if (punct === '(') {
      this.open(line, start);
      return 'more';
    }
    if (this.state === AFTER_TUPLE) {
      if (punct === ',') {
        this.state = EXPECT_OPEN;
        return 'more';
      }
      // `ON DUPLICATE KEY UPDATE …`, `ON CONFLICT …`, `RETURNING …`, MySQL 8's `AS new …`.
      const word = kind === WORD ? text.toUpperCase() : '';
      if (word === 'ON' || word === 'RETURNING' || word === 'AS') return 'tail';
    }
    if (this.state !== RESYNC) {
      this.sink.reject('invalid-sql', 'unexpected text between tuples', line);
      this.state = RESYNC;
    }
    return 'more';
  }

  /** The input ended: a tuple still open was cut off. */
  atEnd(): void {
    if (this.state === IN_TUPLE) this.sink.reject('truncated', 'the input ends inside this tuple', this.line);
    this.state = EXPECT_OPEN;
  }

  private open(line: number, start: number): void {
    this.state = IN_TUPLE;
    this.values = [];
    this.line = line;
    this.start = start;
    this.depth = 0;
    this.tooLong = false;
    this.fieldTooLong = false;
    this.invalid = null;
    this.count = 0;
  }

  private inTuple(kind: TokenKind, text: string, overflow: boolean, end: number): TupleStep {
    if (!this.tooLong && end - this.start > this.limits.maxRecordChars) {
      this.tooLong = true;
      this.values = [];
    }
    if (kind === PUNCT && text.length === 1) {
      const c = text.charCodeAt(0);
      if (this.depth === 0 && (c === 44 || c === 41)) {
        this.finishValue();
        if (c === 41) this.finishTuple();
        return 'more';
      }
      if (c === 59) {
        this.sink.reject('invalid-sql', 'statement ends inside a tuple', this.line);
        this.state = EXPECT_OPEN;
        return 'done';
      }
      if (c === 40) this.depth++;
      else if (c === 41) this.depth--;
    }
    if (overflow) this.fieldTooLong = true;
    if (!this.tooLong) this.addToken(kind, text);
    return 'more';
  }

  private addToken(kind: TokenKind, text: string): void {
    const count = ++this.count;
    if (count === 1) {
      this.kind1 = kind;
      this.text1 = text;
      this.castAt = -1;
      return;
    }
    if (count === 2) {
      this.kind2 = kind;
      this.text2 = text;
      this.expression = render(this.kind1, this.text1);
      this.lastKind = this.kind1;
      this.lastText = this.text1;
    }
    // `::` starts a PostgreSQL cast; what precedes it is the value.
    if (kind === PUNCT && text === ':' && this.lastKind === PUNCT && this.lastText === ':' && this.castAt < 0)
      this.castAt = count - 2;
    if (this.expression.length <= this.limits.maxFieldChars) {
      this.expression += (this.lastKind !== PUNCT && kind !== PUNCT ? ' ' : '') + render(kind, text);
    }
    this.lastKind = kind;
    this.lastText = text;
  }

  private finishValue(): void {
    const count = this.count;
    this.count = 0;
    if (this.tooLong) return;
    if (count === 0) {
      this.invalid ??= 'empty value';
      return;
    }
    // The tokens that make the value: all of them, or those before a cast (`-2.5::numeric`).
    const n = this.castAt > 0 ? this.castAt : count;
    let cell: Cell = this.expression;
    if (n === 1) cell = literal(this.kind1, this.text1);
    else if (n === 2 && this.kind2 !== PUNCT) {
      const sign = this.kind1 === PUNCT ? this.text1 : '';
      if ((sign === '-' || sign === '+') && this.kind2 === NUMBER)
        cell = sign === '-' ? `-${this.text2}` : this.text2;
      // A charset introducer: `_binary 'xyz'`, `_utf8mb4 0x…`.
      else if (this.kind1 === WORD && this.text1.startsWith('_')) cell = literal(this.kind2, this.text2);
    }
    if (cell !== null && cell.length > this.limits.maxFieldChars) this.fieldTooLong = true;
    this.values.push(cell);
  }

  private finishTuple(): void {
    this.state = AFTER_TUPLE;
    if (this.tooLong) {
      this.sink.reject(
        'line-too-long',
        `tuple longer than ${this.limits.maxRecordChars} characters`,
        this.line,
      );
    } else if (this.invalid !== null) {
      this.sink.reject('invalid-sql', this.invalid, this.line);
    } else if (this.fieldTooLong) {
      this.sink.reject(
        'field-too-long',
        `a value is longer than ${this.limits.maxFieldChars} characters`,
        this.line,
      );
    } else {
      this.sink.tuple(this.values, this.line);
    }
    this.values = [];
  }
}

/** The cell a single literal token stands for. */
function literal(kind: TokenKind, text: string): Cell {
  switch (kind) {
    case WORD: {
      const upper = text.length <= 7 ? text.toUpperCase() : '';
      if (upper === 'NULL' || upper === 'DEFAULT') return null;
      if (upper === 'TRUE' || upper === 'FALSE') return upper.toLowerCase();
      return text;
    }
    case NUMBER:
      return numberValue(text);
    case HEX_STRING:
      return hexLiteralValue(text);
    case BIT_STRING:
      return bitLiteralValue(text);
    default:
      return text;
  }
}

/** A token as SQL text again, for values that are expressions (`NOW()`, `CONCAT('a','b')`). */
function render(kind: TokenKind, text: string): string {
  switch (kind) {
    case STRING:
      return `'${text.replaceAll("'", "''")}'`;
    case IDENT:
      return `"${text.replaceAll('"', '""')}"`;
    case HEX_STRING:
      return `X'${text}'`;
    case BIT_STRING:
      return `b'${text}'`;
    default:
      return text;
  }
}
