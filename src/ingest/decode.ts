import { isAscii } from 'node:buffer';
import type { TextEncoding } from '../core/types.js';

/**
 * Text encoding: detected from the first bytes, then decoded in a stream. Samples come in
 * UTF-8 (with or without BOM), UTF-16 from Windows tools, and cp1252 from old PHP shops;
 * guessing wrong would turn every `é` into mojibake and defeat name matching.
 */

export interface EncodingGuess {
  readonly encoding: TextEncoding;
  /** True when the bytes start with this encoding's byte-order mark. */
  readonly bom: boolean;
  /**
   * True when the head was pure ASCII, so UTF-8 was a guess: the decoder may still switch to
   * windows-1252 at the first non-ASCII bytes (losslessly, since ASCII decodes identically).
   */
  readonly tentative: boolean;
}

/** Counts well-formed multibyte UTF-8 sequences and invalid bytes; a cut-off tail is ignored. */
export function scoreUtf8(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else {
      invalid++;
      i++;
      continue;
    }
    if (i + need >= n) break;
    let code = b & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      code = (code << 6) | (c & 0x3f);
    }
    if (ok && code >= min && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** BOM-less UTF-16 of mostly-ASCII text has a NUL in every other byte. */
function guessUtf16(head: Uint8Array): TextEncoding | null {
  const pairs = Math.min(head.length, 8192) >> 1;
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Decides the encoding from the first bytes of a text.
 * @example detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])) // { encoding: 'utf-8', bom: true, ... }
 */
export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true, tentative: false };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true, tentative: false };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true, tentative: false };
  const utf16 = guessUtf16(head);
  if (utf16) return { encoding: utf16, bom: false, tentative: false };
  if (isAscii(head)) return { encoding: 'utf-8', bom: false, tentative: true };
  const { valid, invalid } = scoreUtf8(head);
  // A UTF-8 file with a stray legacy byte keeps UTF-8 (the byte becomes U+FFFD and is counted);
  // a legacy file rarely forms valid multibyte sequences by chance, so few valid ones means cp1252.
  if (invalid === 0 || valid >= 8 * invalid) return { encoding: 'utf-8', bom: false, tentative: false };
  return { encoding: 'windows-1252', bom: false, tentative: false };
}

export interface StreamDecoder {
  /** Decodes the next chunk; bytes of a character cut at the chunk end wait for the next call. */
  decode(chunk: Uint8Array): string;
  end(): string;
  /** The encoding in use now (a tentative UTF-8 may have become windows-1252). */
  encoding(): TextEncoding;
  /** U+FFFD characters produced: undecodable bytes (or U+FFFD written in the sample itself). */
  replacements(): number;
  /** Byte offset where a tentative UTF-8 switched to windows-1252, or -1. */
  switchedAt(): number;
}

function countReplacements(text: string): number {
  let count = 0;
  let at = text.indexOf('\uFFFD');
  while (at !== -1) {
    count++;
    at = text.indexOf('\uFFFD', at + 1);
  }
  return count;
}

/** A streaming decoder that strips the BOM and never throws on invalid bytes. */
export function createStreamDecoder(guess: EncodingGuess): StreamDecoder {
  let encoding = guess.encoding;
  let decoder = new TextDecoder(encoding, { fatal: false });
  let tentative = guess.tentative;
  let replaced = 0;
  let offset = 0;
  let switched = -1;
  return {
    decode(chunk) {
      if (tentative && !isAscii(chunk)) {
        tentative = false;
        const { valid, invalid } = scoreUtf8(chunk);
        if (invalid > 0 && valid < 8 * invalid) {
          // Everything before was ASCII, so switching here loses nothing.
          encoding = 'windows-1252';
          decoder = new TextDecoder(encoding);
          switched = offset;
        }
      }
      offset += chunk.length;
      const text = decoder.decode(chunk, { stream: true });
      if (encoding !== 'windows-1252') replaced += countReplacements(text);
      return text;
    },
    end() {
      const text = decoder.decode();
      replaced += countReplacements(text);
      return text;
    },
    encoding: () => encoding,
    replacements: () => replaced,
    switchedAt: () => switched,
  };
}
