import { isIPv4, isIPv6 } from 'node:net';
import type { ColumnParams, FieldKind } from '../core/types.js';
import { detectDates } from './detect-date.js';
import { detectHouseNumbers, detectIds } from './detect-ids.js';
import { detectNamesAndPlaces, detectStreets } from './detect-names.js';
import { detectPhones } from './detect-phone.js';
import { getDictionaries } from './dictionaries.js';
import { type Evidence, pct, put, shareOf } from './evidence.js';
import { summarizeHashes } from './hash-scheme.js';

/**
 * Value detectors. Each looks at a column's values and says, per kind, how strongly the
 * values point at it (`scores`: positive evidence, 0..1) and what share of them is at least
 * consistent with it (`fits`), with a short fact for the evidence sentence and the params
 * the values imply. infer.ts weighs these against the header.
 */

/** One column as the detectors see it. */
export interface ColumnValues {
  /** Non-empty trimmed values: a spread-out subsample of the column. */
  readonly values: readonly string[];
  /** Row index (in the profiled rows) of each value, to look up row context. */
  readonly rows: readonly number[];
  /** Non-empty values in the whole profiled sample, and distinct ones among them. */
  readonly filled: number;
  readonly distinct: number;
}

export interface DetectContext {
  /** Folded header, for the few cases values cannot settle alone (NTLM vs MD5). */
  readonly header: string;
  readonly defaultRegion?: string;
  /** ISO alpha-2 of a row, from a country column in the same rows. */
  readonly rowCountry?: (row: number) => string | undefined;
}

export interface ValueEvidence {
  readonly scores: Partial<Record<FieldKind, number>>;
  readonly fits: Partial<Record<FieldKind, number>>;
  readonly facts: Partial<Record<FieldKind, string>>;
  readonly params: Partial<Record<FieldKind, ColumnParams>>;
  /** Mean number of words per value (1 for single tokens). */
  readonly meanTokens: number;
  readonly uniqueness: number;
}

const EMAIL = /^[^\s@<>(),;:"'[\]]+@[^\s@<>(),;:"'[\]]+\.[A-Za-z]{2,24}$/;
const UUID_BARE_V4 = /^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/i;
const AMOUNT =
  /^[-+]?(?:[€$£¥]|EUR|USD|GBP|CHF)?\s?[-+]?\d{1,3}(?:(?:[.,' \u00a0]\d{3})*|\d*)(?:[.,]\d{1,2})?\s?(?:[€$£¥]|EUR|USD|GBP|CHF|eur|euro)?$/;
const CURRENCY_SYMBOL = /[€$£¥₹₽₩]|\b(?:EUR|USD|GBP|CHF|eur|euro)\b/;
const POSTCODE_SHAPES: readonly (readonly [RegExp, string | undefined])[] = [
  [/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, 'GB'],
  [/^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, 'CA'],
  [/^\d{4} ?[A-Z]{2}$/, 'NL'],
  [/^\d{5}-\d{4}$/, 'US'],
  [/^\d{2}-\d{3}$/, 'PL'],
  [/^\d{4}-\d{3}$/, 'PT'],
  [/^\d{5}-\d{3}$/, 'BR'],
  [/^\d{3}-\d{4}$/, 'JP'],
  [/^\d{3} \d{2}$/, 'SE'],
  [/^(?:I|F|D|A|B|E|CH|NL|L)-\d{4,5}$/, undefined],
];
/** Characters people put in passwords but that formatted data (dates, phones, amounts) lacks. */
const SYMBOL = /[!#$%^&*?~=<>{}[\]|\\;'"`€£§]/;

/** Runs every detector over a column's values. */
export function detectValues(column: ColumnValues, ctx: DetectContext): ValueEvidence {
  const ev: Evidence = { scores: {}, fits: {}, facts: {}, params: {} };
  const values = column.values;
  const uniqueness = column.filled === 0 ? 0 : column.distinct / column.filled;
  let tokens = 0;
  for (const v of values) tokens += v.split(/\s+/).length;
  const meanTokens = values.length === 0 ? 0 : tokens / values.length;
  if (values.length > 0) {
    detectSimple(values, ev);
    detectPhones(column, ctx, ev);
    detectDates(values, ctx.defaultRegion === 'US' ? 'mdy' : 'dmy', ev);
    detectPostcodes(values, column.filled, uniqueness, ev);
    detectNumbers(values, column, uniqueness, ev);
    detectHashes(values, ctx.header, ev);
    detectIds(values, column.distinct, uniqueness, ev);
    detectHouseNumbers(values, uniqueness, ev);
    detectCredentials(values, uniqueness, ev);
    detectStreets(values, ev);
    detectNamesAndPlaces(values, column.distinct, ev);
    const text = shareOf(values, (v) => v.length >= 40 || v.split(/\s+/).length >= 5);
    put(ev, 'text', text * 0.6, 1, `${pct(text)} are free text`);
  }
  return { ...ev, meanTokens, uniqueness };
}

function detectSimple(values: readonly string[], ev: Evidence): void {
  const email = shareOf(values, (v) => EMAIL.test(v));
  if (email > 0) put(ev, 'email', email, email, `${pct(email)} are email addresses`);
  const ip = shareOf(values, (v) => v.length <= 45 && (isIPv4(v) || (v.includes(':') && isIPv6(v))));
  if (ip > 0) put(ev, 'ip', ip, ip, `${pct(ip)} are IP addresses`);
}

function detectPostcodes(values: readonly string[], filled: number, uniqueness: number, ev: Evidence): void {
  const countries = new Map<string, number>();
  let shaped = 0;
  let digits = 0;
  let leadingZero = 0;
  const lengths = new Map<number, number>();
  for (const v of values) {
    if (/^\d{4,5}$/.test(v)) {
      digits++;
      if (v.startsWith('0')) leadingZero++;
      lengths.set(v.length, (lengths.get(v.length) ?? 0) + 1);
      continue;
    }
    for (const [re, country] of POSTCODE_SHAPES) {
      if (!re.test(v)) continue;
      shaped++;
      if (country) countries.set(country, (countries.get(country) ?? 0) + 1);
      break;
    }
  }
  const n = values.length;
  const fit = (shaped + digits) / n;
  if (fit === 0) return;
  const fixed = Math.max(0, ...lengths.values()) / Math.max(digits, 1);
  // Four-digit numbers that are all recent years are years (of birth, of purchase).
  const years = shareOf(values, (v) => /^(?:19|20)\d{2}$/.test(v) && +v <= new Date().getUTCFullYear());
  if (years >= 0.9) {
    put(ev, 'date_of_birth', 0.3, years, `${pct(years)} are years`);
    put(ev, 'date', 0.2, years, `${pct(years)} are years`);
    return;
  }
  // Bare 4-5 digit numbers are postcodes only if they have one length and repeat like places
  // do; unique numbers in a tight range are ids, and leading zeros are never amounts or ids.
  let digitScore = 0.55 * fixed;
  if (leadingZero > 0) digitScore += 0.15;
  if (uniqueness < 0.9) digitScore += 0.1;
  else if (uniqueness === 1 && filled >= 300) digitScore -= 0.25;
  const score = (shaped / n) * 0.95 + (digits / n) * digitScore;
  let country: string | undefined;
  let best = 0;
  for (const [c, k] of countries) if (k > best) [country, best] = [c, k];
  const params = country && best >= shaped / 2 && best > digits ? { country } : undefined;
  put(ev, 'postcode', score, fit, `${pct(fit)} have postcode shapes`, params);
}

function detectNumbers(
  values: readonly string[],
  column: ColumnValues,
  uniqueness: number,
  ev: Evidence,
): void {
  let amount = 0;
  let decimals2 = 0;
  let symbol = 0;
  for (const v of values) {
    if (v.length > 24 || !AMOUNT.test(v)) continue;
    amount++;
    if (/[.,]\d{2}(?:\s?\D*)$/.test(v)) decimals2++;
    if (CURRENCY_SYMBOL.test(v)) symbol++;
  }
  const n = values.length;
  if (amount > 0) {
    // Integers alone fit amounts but say little: ids, years and quantities are integers too.
    const score = Math.min(1, (decimals2 / n) * 0.85 + (symbol / n) * 0.4 + (amount / n) * 0.15);
    const fact =
      decimals2 > 0 ? `${pct(decimals2 / n)} are decimals with two places` : `${pct(amount / n)} are numbers`;
    put(ev, 'amount', score, amount / n, fact);
  }
  const dict = getDictionaries();
  const currency = shareOf(values, (v) => dict.currencies.has(v.toUpperCase()) || /^[€$£¥₹₽₩]$/.test(v));
  if (currency > 0) {
    const lowCardinality = column.distinct <= 40 || uniqueness < 0.05;
    put(
      ev,
      'currency',
      currency * (lowCardinality ? 1 : 0.5),
      currency,
      `${pct(currency)} are currency codes`,
    );
  }
  let cards = 0;
  let luhn = 0;
  let masked = 0;
  for (const v of values) {
    if (v.length > 23) continue;
    const d = v.replace(/[\s-]/g, '');
    if (/^\d{13,19}$/.test(d)) {
      cards++;
      if (passesLuhn(d)) luhn++;
    } else if (/^[\dXx*•#]{12,19}$/.test(d) && /[Xx*•#]{4,}/.test(d) && /\d{4}/.test(d)) masked++;
  }
  if (cards + masked > 0) {
    // Random digit strings pass Luhn one time in ten; a card column passes nearly always.
    const l = luhn / n;
    const score = (l >= 0.5 ? l : l * 0.3) + (masked / n) * 0.9;
    put(ev, 'card_number', score, (cards + masked) / n, `${pct(l)} pass the Luhn check`);
  }
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function detectHashes(values: readonly string[], header: string, ev: Evidence): void {
  const summary = summarizeHashes(values, header);
  if (summary.scheme === null) return;
  // Dashless UUIDs are 32 hex digits too; their version nibbles give them away.
  const uuidLike = summary.encoding === 'hex' ? shareOf(values, (v) => UUID_BARE_V4.test(v)) : 0;
  const crypt = summary.hashShare - summary.bareShare;
  const score = crypt + summary.bareShare * 0.9 * (uuidLike > 0.5 ? 0.3 : 1);
  put(
    ev,
    'password_hash',
    score,
    summary.hashShare,
    `${pct(summary.schemeShare)} are ${summary.scheme} hashes`,
    {
      hashScheme: summary.scheme,
    },
  );
}

function detectCredentials(values: readonly string[], uniqueness: number, ev: Evidence): void {
  const dict = getDictionaries();
  let token = 0;
  let userShape = 0;
  let decorated = 0;
  let symbols = 0;
  let complex = 0;
  let common = 0;
  for (const v of values) {
    if (v.length < 3 || v.length > 64 || /\s/.test(v) || v.includes('://')) continue;
    token++;
    if (dict.commonPasswords.has(v.toLowerCase())) common++;
    const symbol = SYMBOL.test(v);
    if (symbol) symbols++;
    if (symbol || (/[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v))) complex++;
    if (/^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/.test(v) && /[A-Za-z]/.test(v) && !v.includes('@')) {
      userShape++;
      if (/[\d._-]/.test(v) && /^[a-z0-9._-]+$/.test(v)) decorated++;
    }
  }
  const n = values.length;
  if (token === 0) return;
  const pw = Math.min(0.9, 0.15 + (common / n) * 2 + (symbols / n) * 0.2 + (complex / n) * 0.4);
  put(ev, 'password', (token / n) * pw, token / n, `${pct(complex / n)} mix symbols, cases and digits`);
  if (userShape > 0) {
    // Handles such as "marco.rossi87" mix lowercase letters with digits, dots and underscores.
    // Each account has its own handle: a handful of repeated words (true/false, yes/no) is not one.
    const distinctFactor = 0.3 + 0.7 * Math.min(1, uniqueness / 0.7);
    const score =
      (userShape / n) * (0.25 + 0.5 * (decorated / n)) * (1 - Math.min(1, symbols / n)) * distinctFactor;
    put(ev, 'username', score, userShape / n, `${pct(userShape / n)} are single handles`);
  }
}
