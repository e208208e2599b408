import type { TextEncoding } from '../core/types.js';

/**
 * Text to bytes in the encodings samples arrive in. Node encodes UTF-8 and UTF-16LE itself;
 * UTF-16BE is UTF-16LE byte-swapped; windows-1252 has no encoder in Node (TextDecoder can
 * only decode it), so it is done here with the table of the 0x80–0x9F block, where cp1252
 * differs from Latin-1.
 */

// biome-ignore format: the cp1252 specials read best as a table.
const CP1252_SPECIALS: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86],
  [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c],
  [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95],
  [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b],
  [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
  // The five bytes cp1252 leaves undefined decode (WHATWG) to the C1 control of the same value.
  [0x0081, 0x81], [0x008d, 0x8d], [0x008f, 0x8f], [0x0090, 0x90], [0x009d, 0x9d],
]);

const QUESTION_MARK = 0x3f;

/** Encodes to windows-1252; characters it cannot hold become `?`, as most legacy exporters do. */
export function encodeCp1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) {
      out[n++] = code;
    } else {
      out[n++] = CP1252_SPECIALS.get(code) ?? QUESTION_MARK;
      // A surrogate pair is one character: one `?`, not two.
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) i++;
    }
  }
  return out.subarray(0, n);
}

/** Whether every character of `text` survives windows-1252. */
export function fitsCp1252(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!(code < 0x80 || (code >= 0xa0 && code <= 0xff) || CP1252_SPECIALS.has(code))) return false;
  }
  return true;
}

export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'windows-1252':
      return encodeCp1252(text);
  }
}

/** The byte-order mark for the encoding; UTF-16 always carries one, UTF-8 only when asked. */
export function byteOrderMark(encoding: TextEncoding, utf8Bom: boolean): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return utf8Bom ? Uint8Array.of(0xef, 0xbb, 0xbf) : new Uint8Array(0);
    case 'utf-16le':
      return Uint8Array.of(0xff, 0xfe);
    case 'utf-16be':
      return Uint8Array.of(0xfe, 0xff);
    case 'windows-1252':
      return new Uint8Array(0);
  }
}
