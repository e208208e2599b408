import type { Cell, TextEncoding } from '../../core/types.js';

/**
 * Small independent readers for the writer tests: each undoes one format's quoting or
 * escaping by the book, so a writer bug cannot hide behind a matching reader bug.
 */

/** A minimal RFC 4180 reader, enough to check what the writer quoted. */
export function parseCsv(input: string, delimiter: string, quote = '"'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === quote && input[i + 1] === quote) {
        field += quote;
        i++;
      } else if (ch === quote) quoted = false;
      else field += ch;
    } else if (ch === quote) quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && input[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

/** Reads the tuples of MySQL INSERT statements back, undoing mysqldump's escapes. */
export function parseMysqlValues(dump: string): Cell[][] {
  const rows: Cell[][] = [];
  const escapes: Record<string, string> = {
    '0': '\0',
    n: '\n',
    r: '\r',
    Z: '\x1a',
    "'": "'",
    '"': '"',
    '\\': '\\',
  };
  for (const statement of dump.split('\n').filter((l) => l.startsWith('INSERT INTO'))) {
    let i = statement.indexOf('VALUES ') + 7;
    while (statement[i] === '(' || statement[i] === ',') {
      if (statement[i] === ',') i++;
      i++;
      const row: Cell[] = [];
      for (;;) {
        if (statement[i] === "'") {
          let value = '';
          for (i++; statement[i] !== "'"; i++)
            value += statement[i] === '\\' ? escapes[statement[++i]!] : statement[i];
          row.push(value);
          i++;
        } else {
          const end = statement.slice(i).search(/[,)]/);
          const raw = statement.slice(i, i + end);
          row.push(raw === 'NULL' ? null : raw);
          i += end;
        }
        if (statement[i++] === ')') break;
      }
      rows.push(row);
    }
  }
  return rows;
}

export function parseCopy(dump: string): Cell[][] {
  const body = dump.slice(dump.indexOf('FROM stdin;\n') + 12, dump.indexOf('\n\\.\n'));
  const unescapeCopy = (v: string): Cell =>
    v === '\\N' ? null : v.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c);
  return body.split('\n').map((line) => line.split('\t').map(unescapeCopy));
}

/**
 * windows-1252 decoding as the WHATWG table has it. Node 20's TextDecoder('windows-1252')
 * decodes as Latin-1 (0x80 → U+0080, not €), so it cannot be the reference here.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

export function decode(bytes: Uint8Array, encoding: TextEncoding): string {
  return encoding === 'windows-1252' ? decodeCp1252(bytes) : new TextDecoder(encoding).decode(bytes);
}
