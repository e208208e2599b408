/**
 * Scans one quoted SQL literal or identifier across chunks: `'…'` with doubled quotes and
 * (for MySQL and PostgreSQL `E'…'`) backslash escapes, `"…"`, `` `…` ``, and PostgreSQL
 * dollar quotes `$tag$…$tag$`. The raw body is kept (up to the cap) and decoded once whole.
 */
import { type TokenKind, TokenText } from './sql-tokens.js';
import { decodeDoubled, decodeMysqlString, decodePgEscapeString } from './sql-values.js';

/** How a body is decoded: MySQL backslashes, only doubled quotes, or PostgreSQL `E'…'` escapes. */
export type QuoteStyle = 'backslash' | 'doubled' | 'pg-escape';

export class QuotedScanner {
  /** The token kind the literal will be reported as. */
  kind: TokenKind = 0;
  /** Newlines seen since the caller last read them. */
  newlines = 0;
  /** Whether the text `value` last returned outgrew the cap (it is then ''). */
  overflow = false;
  private readonly text: TokenText;
  private quote = 0;
  private style: QuoteStyle = 'doubled';
  private escaped = false;
  /** A quote was seen; the next character tells whether it closes or is doubled. */
  private quotePending = false;
  /** For dollar quotes: the closing delimiter and how much of it has matched. */
  private delimiter = '';
  private matched = 0;
  private start = 0;

  constructor(maxChars: number) {
    this.text = new TokenText(maxChars);
  }

  /** Starts a body at `text[start]` closed by the character `quote`. */
  begin(quote: number, kind: TokenKind, style: QuoteStyle, start: number): void {
    this.quote = quote;
    this.kind = kind;
    this.style = style;
    this.escaped = false;
    this.quotePending = false;
    this.delimiter = '';
    this.start = start;
  }

  /** Starts a dollar-quoted body at `text[start]`, closed by `delimiter` (`$tag$`). */
  beginDollar(delimiter: string, kind: TokenKind, start: number): void {
    this.begin(0, kind, 'doubled', start);
    this.delimiter = delimiter;
    this.matched = 0;
  }

  /**
   * Scans from `from`; returns the index of the first character after the literal (which
   * the caller still has to read), or -1 when the literal runs past this chunk.
   */
  scan(text: string, from: number): number {
    if (this.delimiter !== '') return this.scanDollar(text, from);
    const quote = this.quote;
    const backslash = this.style !== 'doubled';
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.quotePending) {
        this.quotePending = false;
        if (c !== quote) return i;
        // A doubled quote: the raw text keeps both, decoding makes them one.
        if (i === 0) this.text.keep(String.fromCharCode(quote));
        continue;
      }
      if (c === 10) this.newlines++;
      if (this.escaped) this.escaped = false;
      else if (c === quote) this.quotePending = true;
      else if (c === 92 && backslash) this.escaped = true;
    }
    return -1;
  }

  /** At the end of a chunk: keeps the body so far (a pending quote stays out until decided). */
  carry(text: string): void {
    const end = this.quotePending ? text.length - 1 : text.length;
    if (end > this.start) this.text.keep(text.slice(this.start, end));
    this.start = 0;
  }

  /** At the end of input: whether the literal was closed (its last character a closing quote). */
  get closedAtEnd(): boolean {
    return this.quotePending;
  }

  /** The decoded body of the literal that ended just before `text[end]`. */
  value(text: string, end: number): string {
    if (this.delimiter !== '') {
      // The closing `$tag$` may have started in an earlier chunk: cut it from the whole text.
      const whole = this.text.take(text, this.start, end);
      this.overflow = this.text.tookOverflow;
      return whole.slice(0, Math.max(0, whole.length - this.delimiter.length));
    }
    const raw = this.text.take(text, this.start, Math.max(this.start, end - 1));
    this.overflow = this.text.tookOverflow;
    if (this.overflow) return raw;
    const quote = String.fromCharCode(this.quote);
    if (this.style === 'pg-escape') return decodePgEscapeString(raw);
    if (this.style === 'backslash') return decodeMysqlString(raw, quote);
    return raw.includes(quote) ? decodeDoubled(raw, quote) : raw;
  }

  private scanDollar(text: string, from: number): number {
    const delimiter = this.delimiter;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.newlines++;
      // The tag holds no `$`, so a failed match can only restart at a `$`.
      if (c === delimiter.charCodeAt(this.matched)) this.matched++;
      else this.matched = c === 36 ? 1 : 0;
      if (this.matched === delimiter.length) return i + 1;
    }
    return -1;
  }
}
