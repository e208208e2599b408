import type { DateOrder, Normalized } from '../../core/types.js';
import { DATE_NOISE, MONTH_BY_WORD, ORDINAL_DAY } from './date-words.js';
import { clip, clipReason, fail, foldText, wordsOf } from './text.js';

export interface DateOptions {
  /** Birth dates: two-digit years make people 0–99 years old, no time of day, no future dates. */
  readonly birth?: boolean;
  /** The year two-digit years and birth dates are judged against; defaults to the current year. */
  readonly referenceYear?: number;
}

interface Day {
  y: number;
  m: number;
  d: number;
}

interface Time {
  h: number;
  min: number;
  s: number;
  /** Minutes east of UTC when the value says so ("Z", "+01:00", "GMT"), else undefined. */
  offset: number | undefined;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

function isValidDay({ y, m, d }: Day): boolean {
  if (!Number.isInteger(y) || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

function dayFromUtc(ms: number): Day & { h: number; min: number; s: number } {
  const t = new Date(ms);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    min: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
  };
}

function expandYear(text: string, birth: boolean, ref: number): number {
  const y = Number(text);
  if (text.length !== 2) return y;
  // Birth dates: people alive now, 0–99 years old. Other dates: up to ten years ahead.
  return 2000 + y <= ref + (birth ? 0 : 10) ? 2000 + y : 1900 + y;
}

const TIME_TAIL =
  /(?:[T\s]+|^)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(am|pm)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;

function splitTime(text: string): { date: string; time: Time | undefined } | undefined {
  const m = TIME_TAIL.exec(text);
  if (!m) return { date: text, time: undefined };
  let h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  const ampm = m[4]?.toLowerCase();
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (h > 23 || min > 59 || s > 59) return undefined;
  const zone = m[5]?.toLowerCase();
  let offset: number | undefined;
  if (zone === 'z' || zone === 'utc' || zone === 'gmt') offset = 0;
  else if (zone) {
    // PostgreSQL prints whole-hour offsets as "+01"; ISO writes "+01:00" or "+0100".
    const digits = zone.replace(':', '').padEnd(5, '0');
    offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (digits[0] === '-' ? -1 : 1);
  }
  return { date: text.slice(0, m.index).trim(), time: { h, min, s, offset } };
}

/** An Excel 1900-system serial: day 1 is 1900-01-01 and Excel counts a 29 February 1900. */
function fromExcelSerial(serial: number): (Day & { h: number; min: number; s: number }) | undefined {
  const whole = Math.floor(serial);
  if (whole < 1 || whole > 80000 || whole === 60) return undefined;
  const days = whole < 60 ? whole : whole - 1;
  const seconds = Math.round((serial - whole) * 86400);
  return dayFromUtc(Date.UTC(1899, 11, 31) + days * 86400000 + seconds * 1000);
}

function numericDay(
  a: string,
  b: string,
  c: string,
  order: DateOrder | undefined,
  opt: Ctx,
): Day | undefined {
  if (a.length === 4) return { y: Number(a), m: Number(b), d: Number(c) };
  const y = expandYear(c, opt.birth, opt.ref);
  if (c.length !== 2 && c.length !== 4) return undefined;
  const dmy = { y, m: Number(b), d: Number(a) };
  const mdy = { y, m: Number(a), d: Number(b) };
  if (order === 'mdy') return mdy;
  if (order === 'dmy') return dmy;
  // No order known for the column: day first, as in most of the world, unless impossible.
  return isValidDay(dmy) ? dmy : mdy;
}

function wordsDay(text: string, opt: Ctx): Day | undefined {
  let month: number | undefined;
  const numbers: string[] = [];
  for (const w of wordsOf(foldText(text))) {
    const mw = MONTH_BY_WORD.get(w);
    if (mw !== undefined && month === undefined) month = mw;
    else if (/^\d{1,4}$/.test(w)) numbers.push(w);
    else if (ORDINAL_DAY.test(w)) numbers.push(ORDINAL_DAY.exec(w)![1]!);
    else if (!DATE_NOISE.has(w)) return undefined;
  }
  if (month === undefined || numbers.length !== 2) return undefined;
  const [p, q] = numbers as [string, string];
  // "12 March 1985", "March 12, 1985", "1985 March 12": the year is the four-digit number or the last.
  if (p.length === 4) return { y: Number(p), m: month, d: Number(q) };
  if (p.length > 2 || (q.length !== 4 && q.length !== 2)) return undefined;
  return { y: expandYear(q, opt.birth, opt.ref), m: month, d: Number(p) };
}

interface Ctx {
  birth: boolean;
  ref: number;
}

type Parsed = { day: Day; time: Time | undefined } | { error: string };

function parseNumber(text: string, order: DateOrder | undefined, opt: Ctx): Parsed {
  if (/^\d{1,5}(?:\.\d+)?$/.test(text)) {
    if (/^\d{4}$/.test(text) && Number(text) >= 1800 && Number(text) < 2200) return { error: 'year only' };
    const x = fromExcelSerial(Number(text));
    if (!x) return { error: 'not a date' };
    const hasTime = text.includes('.') && !opt.birth;
    return { day: x, time: hasTime ? { h: x.h, min: x.min, s: x.s, offset: undefined } : undefined };
  }
  if (/^\d{8}$/.test(text)) {
    const ymd = { y: Number(text.slice(0, 4)), m: Number(text.slice(4, 6)), d: Number(text.slice(6)) };
    if (ymd.y >= 1800 && ymd.y < 2200 && isValidDay(ymd)) return { day: ymd, time: undefined };
    const [a, b, c] = [text.slice(0, 2), text.slice(2, 4), text.slice(4)];
    const day = numericDay(a, b, c, order === 'mdy' ? 'mdy' : 'dmy', opt);
    return day ? { day, time: undefined } : { error: 'not a date' };
  }
  // Unix time, in seconds (9–10 digits, 1973–2100) or milliseconds (12–13 digits).
  if (/^\d{9,10}$|^\d{12,13}$/.test(text)) {
    const ms = text.length <= 10 ? Number(text) * 1000 : Number(text);
    if (ms > Date.UTC(2100, 0, 1)) return { error: 'not a date' };
    const x = dayFromUtc(ms);
    return { day: x, time: { h: x.h, min: x.min, s: x.s, offset: 0 } };
  }
  return { error: 'not a date' };
}

let yearCache = { year: 0, until: 0 };

/** The current UTC year without allocating a Date per value (this runs millions of times). */
function currentYear(): number {
  const now = Date.now();
  if (now >= yearCache.until) {
    const year = new Date(now).getUTCFullYear();
    yearCache = { year, until: Date.UTC(year + 1, 0, 1) };
  }
  return yearCache.year;
}

const NUMERIC_DAY = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})\.?$/;

function parse(text: string, order: DateOrder | undefined, opt: Ctx): Parsed {
  if (/^\d+(?:\.\d+)?$/.test(text)) return parseNumber(text, order, opt);
  const split = splitTime(text);
  if (!split) return { error: 'invalid time' };
  const m = NUMERIC_DAY.exec(split.date);
  let day: Day | undefined;
  if (m) {
    const [a, b, c] = [m[1]!, m[3]!, m[4]!];
    if (a.length === 3 || c.length === 3 || (a.length === 4 && c.length > 2)) return { error: 'not a date' };
    day = numericDay(a, b, c, order, opt);
  } else {
    day = wordsDay(split.date, opt);
  }
  return day ? { day, time: split.time } : { error: 'not a date' };
}

/**
 * Canonical date `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with a trailing `Z` when the value
 * carried its zone (converted to UTC). Reads ISO, d/m/y and m/d/y with / . - separators,
 * yyyymmdd, Excel serials, Unix seconds and milliseconds, and month names in en/it/fr/de/es.
 * Keys: `date` (the day) and `year`. `order` settles 03/04/1985; without it day comes first.
 * @example normalizeDate('12 de marzo de 1985').value === '1985-03-12'
 */
export function normalizeDate(raw: string, order?: DateOrder, options: DateOptions = {}): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  if (clipped.length > 100) return fail('too long');
  const opt: Ctx = {
    birth: options.birth === true,
    ref: options.referenceYear ?? currentYear(),
  };
  const parsed = parse(clipped, order, opt);
  if ('error' in parsed) return fail(parsed.error);
  let { day, time } = parsed;
  if (!isValidDay(day) || day.y < 1800 || day.y >= 2200) return fail('impossible date');
  if (time?.offset !== undefined && time.offset !== 0) {
    const ms = Date.UTC(day.y, day.m - 1, day.d, time.h, time.min - time.offset, time.s);
    const utc = dayFromUtc(ms);
    day = utc;
    time = { h: utc.h, min: utc.min, s: utc.s, offset: 0 };
  }
  if (opt.birth) {
    // A birth date stored as a timestamp is some zone's midnight: round to the nearest day.
    if (time && time.offset === 0 && time.h >= 12) day = dayFromUtc(Date.UTC(day.y, day.m - 1, day.d + 1));
    time = undefined;
    // The window is wide on purpose: leaked dumps can be decades old, and a birth date kept
    // here still links; whether ages are plausible is judged by the analysis signals.
    if (day.y > opt.ref || day.y < opt.ref - 150) return fail('implausible birth date');
  }
  const date = `${pad4(day.y)}-${pad2(day.m)}-${pad2(day.d)}`;
  const keys = { date, year: pad4(day.y) };
  if (!time) return { ok: true, value: date, keys };
  const zone = time.offset === 0 ? 'Z' : '';
  return { ok: true, value: `${date}T${pad2(time.h)}:${pad2(time.min)}:${pad2(time.s)}${zone}`, keys };
}

/**
 * Decides the day/month order of a column from its numeric dates: a first field above 12
 * proves dmy, a second field above 12 proves mdy, a four-digit first field means ymd. With no
 * proof the answer is `fallback` (dmy by default) with low confidence.
 */
export function guessDateOrder(
  values: readonly string[],
  fallback: DateOrder = 'dmy',
): { order: DateOrder; confidence: number } {
  const votes = { dmy: 0, mdy: 0, ymd: 0 };
  let numeric = 0;
  for (const v of values) {
    if (typeof v !== 'string' || v.length > 100) continue;
    const m = NUMERIC_DAY.exec(v.trim().split(/[T\s]/)[0] ?? '');
    if (!m) continue;
    numeric++;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (m[1]!.length === 4) votes.ymd++;
    else if (a > 12 && b <= 12) votes.dmy++;
    else if (b > 12 && a <= 12) votes.mdy++;
  }
  const proofs = votes.dmy + votes.mdy + votes.ymd;
  if (proofs === 0) return { order: fallback, confidence: numeric > 0 ? 0.3 : 0 };
  const order = (['dmy', 'mdy', 'ymd'] as const).reduce(
    (best, o) => (votes[o] > votes[best] ? o : best),
    fallback,
  );
  // Purity of the evidence, discounted when it rests on very few values.
  const purity = votes[order] / proofs;
  return { order, confidence: Math.round(purity * (1 - 0.5 ** (votes[order] + 1)) * 1000) / 1000 };
}
