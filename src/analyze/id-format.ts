import { type CheckScheme, passesCheck } from './check-digits.js';

/**
 * The format of an id-like column of our records (customer ids, order numbers), learned
 * from the values at index time and kept as a small, non-identifying profile: shapes,
 * lengths, alphabets, numeric ranges, embedded dates and the check-digit scheme. No value
 * is stored. A sample value that does not fit it did not come from that column.
 */

/** One token of a shape: a fixed text, a run of letters or a run of digits. */
export type IdToken =
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'letters';
      readonly case: 'upper' | 'lower' | 'mixed';
      readonly length: readonly [number, number];
      /** The distinct letters seen, upper-cased and sorted. */
      readonly alphabet: string;
    }
  | {
      readonly kind: 'digits';
      readonly length: readonly [number, number];
      /** Zero-padded to one width. */
      readonly padded: boolean;
      /** Smallest and largest value (runs of at most 15 digits), else null. */
      readonly range: readonly [number, number] | null;
      /** A date written in the run, e.g. the `2024` of `ORD-2024-0001234`. */
      readonly date?: 'yyyy' | 'yyyymm' | 'yyyymmdd';
    };

export interface IdShape {
  /** Letters as `A`, digits as `9`, other characters as themselves: `A-9-9`. */
  readonly pattern: string;
  /** Share of the learned values with this shape. */
  readonly share: number;
  readonly tokens: readonly IdToken[];
}

export interface IdFormat {
  readonly kind: 'id-format';
  readonly version: 1;
  /** How many values it was learned from. */
  readonly learnedFrom: number;
  readonly length: readonly [number, number];
  /** The shapes covering the values, most common first (shapes under 0.5% are dropped). */
  readonly shapes: readonly IdShape[];
  /** Share of the learned values the kept shapes cover. */
  readonly coverage: number;
  /** The check-digit scheme ~all values pass, if any, and the share that passes. */
  readonly check: { readonly scheme: CheckScheme; readonly share: number } | null;
}

export interface RawToken {
  readonly cls: 'L' | 'D' | 'S';
  readonly text: string;
}

export const MAX_ID_CHARS = 64;

function classOf(c: number): 'L' | 'D' | 'S' {
  if (c >= 48 && c <= 57) return 'D';
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 'L';
  return 'S';
}

/** Runs of ASCII letters, runs of digits, and every other character on its own. */
export function tokenizeId(value: string): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  while (i < value.length) {
    const cls = classOf(value.charCodeAt(i));
    let j = i + 1;
    if (cls !== 'S') while (j < value.length && classOf(value.charCodeAt(j)) === cls) j++;
    tokens.push({ cls, text: value.slice(i, j) });
    i = j;
  }
  return tokens;
}

export function patternOf(tokens: readonly RawToken[]): string {
  return tokens.map((t) => (t.cls === 'L' ? 'A' : t.cls === 'D' ? '9' : t.text)).join('');
}

export function isDate(run: string, kind: 'yyyy' | 'yyyymm' | 'yyyymmdd'): boolean {
  const y = Number(run.slice(0, 4));
  if (y < 1900 || y > 2100) return false;
  if (kind === 'yyyy') return true;
  const m = Number(run.slice(4, 6));
  if (m < 1 || m > 12) return false;
  if (kind === 'yyyymm') return true;
  const d = Number(run.slice(6, 8));
  return d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export const DATE_BY_LENGTH: Readonly<Record<number, 'yyyy' | 'yyyymm' | 'yyyymmdd'>> = {
  4: 'yyyy',
  6: 'yyyymm',
  8: 'yyyymmdd',
};

/** Why a value does not fit a format, or `fits`. */
export type IdFit =
  | 'fits'
  | 'empty'
  | 'shape'
  | 'literal'
  | 'letters'
  | 'length'
  | 'range'
  | 'date'
  | 'check';

/** Room above the largest id we hold: ids issued between indexing and the sample's date. */
const RANGE_SLACK = 0.02;

function fitsDigits(token: Extract<IdToken, { kind: 'digits' }>, run: string, alone: boolean): IdFit {
  let text = run;
  // Spreadsheets drop the leading zeros of an all-digit id; restore them before judging.
  if (alone && token.padded && text.length < token.length[0]) text = text.padStart(token.length[0], '0');
  if (text.length < token.length[0] || text.length > token.length[1]) return 'length';
  if (token.date && !isDate(text, token.date)) return 'date';
  if (token.range && text.length <= 15) {
    const n = Number(text);
    const slack = token.date ? 1 : Math.max(1, (token.range[1] - token.range[0]) * RANGE_SLACK);
    // Embedded years compare as years: one year of slack at the top, none below.
    const [lo, hi] = token.date
      ? [Number(String(token.range[0]).slice(0, 4)), Number(String(token.range[1]).slice(0, 4)) + slack]
      : [token.range[0] - slack, token.range[1] + slack];
    const value = token.date ? Number(text.slice(0, 4)) : n;
    if (value < lo || value > hi) return token.date ? 'date' : 'range';
  }
  return 'fits';
}

function fitsShape(shape: IdShape, tokens: readonly RawToken[]): IdFit {
  for (let i = 0; i < shape.tokens.length; i++) {
    const want = shape.tokens[i]!;
    const got = tokens[i]!.text;
    if (want.kind === 'literal') {
      if (want.text.toUpperCase() !== got.toUpperCase()) return 'literal';
    } else if (want.kind === 'letters') {
      if (got.length < want.length[0] || got.length > want.length[1]) return 'length';
      for (const ch of got.toUpperCase()) if (!want.alphabet.includes(ch)) return 'letters';
    } else {
      const fit = fitsDigits(want, got, shape.tokens.length === 1);
      if (fit !== 'fits') return fit;
    }
  }
  return 'fits';
}

/** Whether `value` could be an id of the column `format` was learned from, and if not, why. */
export function checkIdFormat(format: IdFormat, value: string): IdFit {
  const v = value.trim();
  if (v === '') return 'empty';
  if (v.length > MAX_ID_CHARS) return 'length';
  const tokens = tokenizeId(v);
  const pattern = patternOf(tokens);
  let worst: IdFit = 'shape';
  for (const shape of format.shapes) {
    if (shape.pattern !== pattern) continue;
    const fit = fitsShape(shape, tokens);
    if (fit === 'fits') {
      if (format.check && !passesCheck(format.check.scheme, v)) return 'check';
      return 'fits';
    }
    worst = fit;
  }
  return worst;
}

/** @example fitsIdFormat(learnIdFormat(ours), 'SC-00012348') === true */
export function fitsIdFormat(format: IdFormat, value: string): boolean {
  return checkIdFormat(format, value) === 'fits';
}

/** One line describing the format for a report: `A-9 (prefix "SC", 8 digits), Luhn check digit`. */
export function describeIdFormat(format: IdFormat): string {
  const shape = format.shapes[0];
  if (!shape) return 'no format learned';
  const parts = shape.tokens.map((t) => {
    if (t.kind === 'literal') return /^[A-Za-z]+$/.test(t.text) ? `"${t.text}"` : null;
    if (t.kind === 'letters')
      return `${t.length[0] === t.length[1] ? t.length[0] : `${t.length[0]}-${t.length[1]}`} letters`;
    const n = t.length[0] === t.length[1] ? `${t.length[0]}` : `${t.length[0]}-${t.length[1]}`;
    return t.date ? `a ${t.date} date` : `${n} digits`;
  });
  const check = format.check ? `, ${format.check.scheme} check digit` : '';
  return `${parts.filter((p) => p !== null).join(' + ')}${check}`;
}
