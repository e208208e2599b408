/** Token kinds and the handler interface shared by the SQL lexer and the statement parsers. */

export type SqlDialect = 'mysql' | 'postgres';

export const WORD = 0;
/** A quoted identifier (backticks, or PostgreSQL double quotes), decoded. */
export const IDENT = 1;
/** A string literal, decoded. */
export const STRING = 2;
/** A MySQL double-quoted literal: a string, or an identifier under ANSI_QUOTES. */
export const DQ_STRING = 3;
/** `X'4A6F'`: the hex digits. */
export const HEX_STRING = 4;
/** `b'0101'`: the bits. */
export const BIT_STRING = 5;
export const NUMBER = 6;
export const PUNCT = 7;

export type TokenKind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface SqlTokenHandler {
  token(kind: TokenKind, text: string, overflow: boolean): void;
  /** A `--` or `#` comment (text after the marker, at most 300 characters). */
  comment(text: string, line: number): void;
  /** A raw line, in the modes the handler asked for; `atEnd` when the input ended without a newline. */
  rawLine(text: string, overflow: boolean, line: number, atEnd: boolean): void;
  /** The input ended; `unterminated` when it ended inside a string or comment. */
  finish(unterminated: boolean): void;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isWordStart(c: number): boolean {
  return isAsciiLetter(c) || c === 95 || c >= 128;
}

export function isWordPart(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
}

/**
 * The text of a token that may span chunks: pieces are kept until the token ends, but never
 * more than `max` characters; past that the text is dropped and only `overflow` remembered.
 */
export class TokenText {
  private parts: string[] = [];
  private length = 0;
  private overflow = false;
  /** Whether the text `take` last returned had outgrown the cap (it is then ''). */
  tookOverflow = false;

  constructor(private readonly max: number) {}

  get isEmpty(): boolean {
    return this.length === 0 && !this.overflow;
  }

  keep(piece: string): void {
    if (this.overflow) return;
    this.length += piece.length;
    if (this.length > this.max) {
      this.overflow = true;
      this.parts = [];
    } else {
      this.parts.push(piece);
    }
  }

  /** The whole text: what was kept plus `text[from, to)`; empties the buffer. */
  take(text: string, from: number, to: number): string {
    if (this.parts.length === 0 && !this.overflow) {
      // The common case: the whole token lies in this chunk.
      this.tookOverflow = to - from > this.max;
      this.length = 0;
      return this.tookOverflow ? '' : text.slice(from, to);
    }
    if (to > from) this.keep(text.slice(from, to));
    const parts = this.parts;
    const result = this.overflow ? '' : parts.length === 1 ? parts[0]! : parts.join('');
    this.tookOverflow = this.overflow;
    this.parts = [];
    this.length = 0;
    this.overflow = false;
    return result;
  }
}
