/**
 * A push tokenizer for MySQL and PostgreSQL dumps. Text arrives in arbitrary chunks, so every
 * token can be split across `feed` calls; the lexer keeps only the unfinished token, capped
 * at `maxTokenChars` (longer tokens are still scanned to their end but flagged `overflow`
 * and their text dropped), so a 500 MB string literal costs no memory. Raw lines are capped
 * at `maxLineChars` the same way.
 *
 * Comments are skipped (line comments are reported for notes). The handler can switch the
 * lexer to raw lines, which `COPY … FROM stdin` data and client commands (`DELIMITER`,
 * psql's `\connect`) need.
 */
import { QuotedScanner, type QuoteStyle } from './sql-quoted.js';
import {
  BIT_STRING,
  DQ_STRING,
  HEX_STRING,
  IDENT,
  isAsciiLetter,
  isWordPart,
  isWordStart,
  NUMBER,
  PUNCT,
  type SqlDialect,
  type SqlTokenHandler,
  STRING,
  type TokenKind,
  TokenText,
  WORD,
} from './sql-tokens.js';

export type { SqlDialect } from './sql-tokens.js';

const NORMAL = 0;
const IN_WORD = 1;
const IN_NUMBER = 2;
const IN_QUOTED = 3;
const LINE_COMMENT = 4;
const BLOCK_COMMENT = 5;
const MINUS = 6;
const MINUS_MINUS = 7;
const SLASH = 8;
const DOLLAR_TAG = 9;
const SKIP_LINE = 10;
const RAW_LINE = 11;
const REST_OF_LINE = 12;

const COMMENT_CHARS = 300;
/** States whose unfinished text the lexer keeps across chunks (quoted literals keep their own). */
const KEEPS_TEXT = [false, true, true, false, true, false, false, false, false, true, false, true, true];

export interface SqlLexerLimits {
  readonly maxTokenChars: number;
  readonly maxLineChars: number;
}

export class SqlLexer {
  /** Current physical line (1-based). */
  line = 1;
  /** Line, start and end offsets (in characters from the start of input) of the token being reported. */
  tokenLine = 1;
  tokenStart = 0;
  tokenEnd = 0;

  private state = NORMAL;
  private base = 0;
  private readonly mysql: boolean;
  private readonly quoted: QuotedScanner;
  // The unfinished word, number, comment or raw line, and where it restarts in this chunk.
  private readonly tokenText: TokenText;
  private readonly lineText: TokenText;
  private segment = 0;
  private numberHex = false;
  private previous = 0;
  private commentDepth = 0;

  constructor(
    dialect: SqlDialect,
    limits: SqlLexerLimits,
    private readonly handler: SqlTokenHandler,
  ) {
    this.mysql = dialect === 'mysql';
    this.quoted = new QuotedScanner(limits.maxTokenChars);
    this.tokenText = new TokenText(limits.maxTokenChars);
    this.lineText = new TokenText(limits.maxLineChars);
  }

  /** Delivers the rest of the current line as one raw line, then resumes tokens. */
  takeRestOfLine(): void {
    this.state = REST_OF_LINE;
  }

  /** Skips the rest of the current line, then delivers every line raw until `resumeTokens`. */
  takeLines(): void {
    this.state = SKIP_LINE;
  }

  resumeTokens(): void {
    this.state = NORMAL;
  }

  feed(text: string): void {
    const n = text.length;
    if (n === 0) return;
    this.segment = 0;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case NORMAL:
          i = this.scanNormal(text, i);
          break;
        case IN_WORD:
          i = this.scanWord(text, i);
          break;
        case IN_NUMBER:
          i = this.scanNumber(text, i);
          break;
        case IN_QUOTED:
          i = this.scanQuoted(text, i);
          break;
        case BLOCK_COMMENT:
          i = this.scanBlockComment(text, i);
          break;
        case LINE_COMMENT:
        case SKIP_LINE:
        case RAW_LINE:
        case REST_OF_LINE:
          i = this.scanLine(text, i);
          break;
        default:
          i = this.scanPending(text, i);
      }
    }
    if (this.state === IN_QUOTED) this.quoted.carry(text);
    else if (KEEPS_TEXT[this.state] && n > this.segment) this.text.keep(text.slice(this.segment));
    this.base += n;
  }

  end(): void {
    let unterminated = false;
    switch (this.state) {
      case IN_WORD:
      case IN_NUMBER: {
        const word = this.text.take('', 0, 0);
        this.emit(this.state === IN_NUMBER ? NUMBER : WORD, word, this.base, this.text.tookOverflow);
        break;
      }
      case IN_QUOTED:
        if (this.quoted.closedAtEnd) this.emitQuoted('', 0);
        else unterminated = true;
        break;
      case MINUS:
      case SLASH:
        this.emit(PUNCT, this.state === MINUS ? '-' : '/', this.base, false);
        break;
      case LINE_COMMENT:
        this.handler.comment(this.text.take('', 0, 0).slice(0, COMMENT_CHARS), this.tokenLine);
        break;
      case RAW_LINE:
      case REST_OF_LINE:
        if (!this.text.isEmpty) {
          const line = this.text.take('', 0, 0);
          this.handler.rawLine(line, this.text.tookOverflow, this.tokenLine, true);
        }
        break;
      case BLOCK_COMMENT:
        unterminated = true;
        break;
    }
    this.state = NORMAL;
    this.handler.finish(unterminated);
  }

  private scanNormal(text: string, from: number): number {
    const n = text.length;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 9 || c === 13) {
        if (c === 10) this.line++;
        continue;
      }
      this.tokenLine = this.line;
      this.tokenStart = this.base + i;
      this.segment = i;
      if (c === 39) return this.startQuoted(39, STRING, this.mysql ? 'backslash' : 'doubled', i + 1);
      if (isWordStart(c)) {
        this.state = IN_WORD;
        return i + 1;
      }
      if (c >= 48 && c <= 57) {
        this.state = IN_NUMBER;
        this.numberHex = false;
        this.previous = 0;
        return i;
      }
      switch (c) {
        case 34:
          return this.mysql
            ? this.startQuoted(34, DQ_STRING, 'backslash', i + 1)
            : this.startQuoted(34, IDENT, 'doubled', i + 1);
        case 96:
          return this.startQuoted(96, IDENT, 'doubled', i + 1);
        case 45:
          this.state = MINUS;
          return i + 1;
        case 47:
          this.state = SLASH;
          return i + 1;
        case 35:
          if (this.mysql) return this.startLineComment(i + 1);
          break;
        case 36:
          if (!this.mysql) {
            this.state = DOLLAR_TAG;
            return i + 1;
          }
          break;
      }
      this.emit(PUNCT, text[i]!, this.base + i + 1, false);
      if (this.state !== NORMAL) return this.afterSwitch(i + 1);
    }
    return n;
  }

  private scanWord(text: string, from: number): number {
    let i = from;
    while (i < text.length && isWordPart(text.charCodeAt(i))) i++;
    if (i === text.length) return i;
    const word = this.text.take(text, this.segment, i);
    // `X'…'`, `b'…'`, `N'…'` and PostgreSQL's `E'…'` are literals, not a word and a string.
    if (text.charCodeAt(i) === 39 && word.length === 1) {
      const prefix = word.toLowerCase();
      if (prefix === 'x') return this.startQuoted(39, HEX_STRING, 'doubled', i + 1);
      if (prefix === 'b') return this.startQuoted(39, BIT_STRING, 'doubled', i + 1);
      if (prefix === 'n') return this.startQuoted(39, STRING, this.mysql ? 'backslash' : 'doubled', i + 1);
      if (prefix === 'e' && !this.mysql) return this.startQuoted(39, STRING, 'pg-escape', i + 1);
    }
    this.emit(WORD, word, this.base + i, this.text.tookOverflow);
    return this.afterSwitch(i);
  }

  private scanNumber(text: string, from: number): number {
    let i = from;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // An exponent's sign belongs to the number (`1e-5`), except in hex (`0x1E`).
      const sign =
        (c === 43 || c === 45) && !this.numberHex && (this.previous === 101 || this.previous === 69);
      if (!sign && !isWordPart(c) && c !== 46) break;
      if ((c === 120 || c === 88) && this.previous === 48) this.numberHex = true;
      this.previous = c;
    }
    if (i === text.length) return i;
    const number = this.text.take(text, this.segment, i);
    this.emit(NUMBER, number, this.base + i, this.text.tookOverflow);
    return this.afterSwitch(i);
  }

  private startQuoted(quote: number, kind: TokenKind, style: QuoteStyle, next: number): number {
    this.state = IN_QUOTED;
    this.quoted.begin(quote, kind, style, next);
    return next;
  }

  private scanQuoted(text: string, from: number): number {
    const quoted = this.quoted;
    const end = quoted.scan(text, from);
    this.line += quoted.newlines;
    quoted.newlines = 0;
    if (end < 0) return text.length;
    this.emitQuoted(text, end);
    return this.afterSwitch(end);
  }

  private emitQuoted(text: string, end: number): void {
    const value = this.quoted.value(text, end);
    this.emit(this.quoted.kind, value, this.base + end, this.quoted.overflow);
  }

  /** `--`/`#` comments, skipped lines, and raw lines all end at a newline. */
  private scanLine(text: string, from: number): number {
    const newline = text.indexOf('\n', from);
    if (newline < 0) return text.length;
    this.line++;
    const state = this.state;
    if (state === SKIP_LINE) {
      this.state = RAW_LINE;
      return this.startLine(newline + 1);
    }
    let line = this.text.take(text, this.segment, newline);
    const overflow = this.text.tookOverflow;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (state === LINE_COMMENT) {
      this.state = NORMAL;
      this.handler.comment(line.slice(0, COMMENT_CHARS), this.tokenLine);
      return newline + 1;
    }
    if (state === REST_OF_LINE) this.state = NORMAL;
    this.handler.rawLine(line, overflow, this.tokenLine, false);
    return this.state === RAW_LINE ? this.startLine(newline + 1) : this.afterSwitch(newline + 1);
  }

  private startLine(next: number): number {
    this.tokenLine = this.line;
    this.segment = next;
    return next;
  }

  private startLineComment(next: number): number {
    this.state = LINE_COMMENT;
    this.segment = next;
    return next;
  }

  private scanBlockComment(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      else if (c === 47 && this.previous === 42) {
        this.previous = 0;
        if (--this.commentDepth === 0) {
          this.state = NORMAL;
          return i + 1;
        }
        continue;
      } else if (c === 42 && this.previous === 47 && !this.mysql) {
        // PostgreSQL block comments nest.
        this.commentDepth++;
        this.previous = 0;
        continue;
      }
      this.previous = c;
    }
    return text.length;
  }

  /** States waiting for more characters: `-`, `--`, `/`, and a dollar-quote tag. */
  private scanPending(text: string, i: number): number {
    const c = text.charCodeAt(i);
    switch (this.state) {
      case MINUS:
        if (c === 45) {
          if (!this.mysql) return this.startLineComment(i + 1);
          this.state = MINUS_MINUS;
          return i + 1;
        }
        this.emit(PUNCT, '-', this.base + i, false);
        return this.afterSwitch(i);
      case MINUS_MINUS:
        // MySQL needs a space (or control character) after `--` for a comment.
        if (c <= 32) return this.startLineComment(i);
        this.emit(PUNCT, '-', this.base + i - 1, false);
        // The handler may have switched to raw lines after the first one.
        if ((this.state as number) === NORMAL) this.emit(PUNCT, '-', this.base + i, false);
        return this.afterSwitch(i);
      case SLASH:
        if (c === 42) {
          this.state = BLOCK_COMMENT;
          this.commentDepth = 1;
          this.previous = 0;
          return i + 1;
        }
        this.emit(PUNCT, '/', this.base + i, false);
        return this.afterSwitch(i);
      default: {
        // DOLLAR_TAG: `$tag$` opens a dollar quote; anything else (`$1`) was just a word.
        const tagLength = this.base + i - this.tokenStart - 1;
        if (c === 95 || isAsciiLetter(c) || (c >= 48 && c <= 57 && tagLength > 0)) return i + 1;
        const tag = this.text.take(text, this.segment, i);
        if (c === 36) {
          this.state = IN_QUOTED;
          this.quoted.beginDollar(`${tag}$`, STRING, i + 1);
          return i + 1;
        }
        this.emit(WORD, tag, this.base + i, false);
        return this.afterSwitch(i);
      }
    }
  }

  /** After a token: if the handler switched to raw lines, those start right here. */
  private afterSwitch(next: number): number {
    if (this.state === REST_OF_LINE) this.startLine(next);
    return next;
  }

  private emit(kind: TokenKind, text: string, end: number, overflow: boolean): void {
    this.state = NORMAL;
    this.tokenEnd = end;
    this.handler.token(kind, text, overflow);
  }

  /** Raw lines (COPY data) have their own cap: a record, not a token. */
  private get text(): TokenText {
    return this.state >= SKIP_LINE ? this.lineText : this.tokenText;
  }
}
