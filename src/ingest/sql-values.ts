/**
 * Decoding of SQL dump literals: string escapes of each dialect, hex and bit literals, and
 * the fields of PostgreSQL's COPY text format. All work on one complete, bounded token.
 */
import { decodePrintable, hexToBytes } from './parser-text.js';

const utf8 = new TextDecoder('utf-8');

const MYSQL_ESCAPES: Record<string, string> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  // MySQL keeps the backslash of \% and \_ (they only matter in LIKE patterns).
  '%': '\\%',
  _: '\\_',
};

const PG_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A MySQL string body: backslash escapes and doubled quotes. */
export function decodeMysqlString(raw: string, quote: string): string {
  if (!raw.includes('\\') && !raw.includes(quote)) return raw;
  let out = '';
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const e = raw[i + 1];
      if (e === undefined) break;
      out += raw.slice(start, i) + (MYSQL_ESCAPES[e] ?? e);
      start = ++i + 1;
    } else if (c === quote) {
      // Inside the body a quote only ever appears doubled.
      out += raw.slice(start, i + 1);
      start = ++i + 1;
    }
  }
  return out + raw.slice(start);
}

/** A body where the only escape is a doubled quote (standard SQL strings, quoted identifiers). */
export function decodeDoubled(raw: string, quote: string): string {
  return raw.replaceAll(quote + quote, quote);
}

/** A PostgreSQL `E'…'` body: C-style escapes, octal and hex bytes, `\u`/`\U` code points, `''`. */
export function decodePgEscapeString(raw: string): string {
  return decodePgBackslashes(raw, true);
}

/**
 * One field of a COPY text-format line: `\N` is NULL, otherwise backslash escapes
 * (`\t`, `\n`, `\\`, octal `\123`, hex `\x41`; byte escapes are read as UTF-8).
 */
export function decodeCopyField(raw: string): string | null {
  if (raw === '\\N') return null;
  return raw.includes('\\') ? decodePgBackslashes(raw, false) : raw;
}

function decodePgBackslashes(raw: string, escapeString: boolean): string {
  if (!raw.includes('\\') && !(escapeString && raw.includes("'"))) return raw;
  let out = '';
  let start = 0;
  let bytes: number[] = [];
  const flush = (end: number): void => {
    if (bytes.length > 0) {
      out += utf8.decode(Uint8Array.from(bytes));
      bytes = [];
    }
    out += raw.slice(start, end);
  };
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === "'" && escapeString) {
      flush(i + 1);
      i += 2;
      start = i;
      continue;
    }
    if (c !== '\\') {
      i++;
      continue;
    }
    const e = raw[i + 1];
    if (e === undefined) break;
    const octal = /^[0-7]{1,3}/.exec(raw.slice(i + 1, i + 4));
    const hex = e === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(raw.slice(i + 2, i + 4)) : null;
    if (octal !== null || hex !== null) {
      if (start < i || bytes.length === 0) flush(i);
      bytes.push(octal !== null ? Number.parseInt(octal[0], 8) & 0xff : Number.parseInt(hex![0], 16));
      i += octal !== null ? 1 + octal[0].length : 2 + hex![0].length;
      start = i;
      continue;
    }
    flush(i);
    const width = escapeString && e === 'u' ? 4 : escapeString && e === 'U' ? 8 : 0;
    const digits = raw.slice(i + 2, i + 2 + width);
    const point = width > 0 && /^[0-9a-fA-F]+$/.test(digits) ? Number.parseInt(digits, 16) : -1;
    if (digits.length === width && point >= 0 && point <= 0x10ffff) {
      out += String.fromCodePoint(point);
      i += 2 + width;
    } else {
      out += PG_ESCAPES[e] ?? e;
      i += 2;
    }
    start = i;
  }
  flush(raw.length);
  return out;
}

/** A hex literal (`0x4A6F`, `X'4A6F'`): its text when printable UTF-8, else `0x…` as written. */
export function hexLiteralValue(hex: string): string {
  const bytes = hexToBytes(hex.length % 2 === 0 ? hex : `0${hex}`);
  return (bytes === null ? null : decodePrintable(bytes)) ?? `0x${hex}`;
}

/** A bit literal (`b'0101'`) as its decimal value (MySQL BIT columns hold at most 64 bits). */
export function bitLiteralValue(bits: string): string {
  if (bits.length > 64 || !/^[01]*$/.test(bits)) return `b'${bits}'`;
  return bits === '' ? '0' : BigInt(`0b${bits}`).toString();
}

/** A number token as written, except hex (`0x…`) and bit (`0b…`) forms, which are decoded. */
export function numberValue(text: string): string {
  const c = text.charCodeAt(1);
  if (text.charCodeAt(0) === 48 && (c === 120 || c === 88)) return hexLiteralValue(text.slice(2));
  if (text.charCodeAt(0) === 48 && c === 98 && /^0b[01]+$/.test(text)) return bitLiteralValue(text.slice(2));
  return text;
}
