import type { Normalized } from '../../core/types.js';

/**
 * Longest raw value any normaliser looks at. Real values of every kind are far shorter; a
 * hostile sample must not make us run regexes or Unicode normalisation over megabytes.
 */
export const MAX_INPUT_CHARS = 1000;

export function fail(reason: string): Normalized {
  return { ok: false, reason };
}

/** Trims and returns the value, or undefined when it is empty or longer than MAX_INPUT_CHARS. */
export function clip(raw: string): string | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_INPUT_CHARS) return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The reason to give when clip() refused a value. */
export function clipReason(raw: string): string {
  return typeof raw === 'string' && raw.length > MAX_INPUT_CHARS ? 'too long' : 'empty';
}

const ASCII = /^[\x00-\x7f]*$/;

export function isAscii(s: string): boolean {
  return ASCII.test(s);
}

// Letters that Unicode does not decompose into a base letter plus a mark, folded the way
// people type them on keyboards without the letter (ß → ss, ø → o, ...).
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
  ſ: 's',
  ĸ: 'k',
};
const SPECIAL_RE = /[ßæœøłđðþıħŧŋſĸ]/g;
const MARKS_RE = /\p{M}+/gu;

/** foldText without its fast paths: the definition the fast paths must agree with. */
export function foldSlow(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS_RE, '')
    .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFC');
}

// Latin letters (up to Latin Extended-B) folded once at load: folding them one by one gives
// the same as folding the string, because none of them combines with its neighbours, and a
// table lookup is ten times faster than three Unicode normalisations per value.
const LATIN_END = 0x250;
const LATIN_FOLD: readonly string[] = Array.from({ length: LATIN_END }, (_, c) =>
  foldSlow(String.fromCharCode(c)),
);

/**
 * Lowercase without diacritics: NFKC (full-width and ligature forms), lowercase, NFD with
 * combining marks removed, special letters (after NFD, which turns ǽ into æ plus a mark),
 * recomposed with NFC so that scripts whose NFD is not a base plus marks (Hangul) come back
 * unchanged. ASCII and Latin text take fast paths.
 * @example foldText('Müller-Łukasz') === 'muller-lukasz'
 */
export function foldText(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= LATIN_END) return foldSlow(s);
    out += LATIN_FOLD[c];
  }
  return out;
}

const NON_WORD_ASCII = /[^a-z0-9]+/;
const PLAIN = /^[a-z0-9]+$/;
const NON_WORD = /[^\p{L}\p{N}]+/u;

/** Splits folded text into words of letters and digits; every other character separates. */
export function wordsOf(folded: string): string[] {
  if (PLAIN.test(folded)) return [folded];
  const parts = folded.split(ASCII.test(folded) ? NON_WORD_ASCII : NON_WORD);
  const words: string[] = [];
  for (const p of parts) if (p !== '') words.push(p);
  return words;
}

/** Folds text and collapses everything that is not a letter or digit into single spaces. */
export function foldWords(s: string): string {
  return wordsOf(foldText(s)).join(' ');
}

/** Table lookup that ignores inherited keys: sample text like "constructor" must find nothing. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
