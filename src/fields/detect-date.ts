import type { DateOrder } from '../core/types.js';
import { type Evidence, pct, put } from './evidence.js';
import { guessDateOrder, normalizeDate } from './normalize/index.js';

/**
 * Dates, and whether they are dates of birth: birth dates have no time of day, fall between
 * 1900 and ten years ago, and spread over decades; order and sign-up dates cluster in recent years.
 */
/**
 * Bare numbers could as well be ids or phone numbers, so they count for less: yyyymmdd and
 * Unix milliseconds (13 digits, 2001-2286) are rarely anything else, Unix seconds often are.
 */
const BARE_WEIGHT: Readonly<Record<number, number>> = { 8: 0.7, 10: 0.5, 13: 0.8 };

export function detectDates(values: readonly string[], fallback: DateOrder, ev: Evidence): void {
  const year = new Date().getUTCFullYear();
  // Bare numbers are dates only as yyyymmdd or Unix time: the normaliser also reads Excel
  // serials, which would turn every column of small integers into dates.
  const candidates = values.filter(
    (v) =>
      v.length <= 40 &&
      /\d/.test(v) &&
      (!/^\d+(?:[.,]\d+)?$/.test(v) || /^(?:\d{8}|1\d{9}|1\d{12})$/.test(v)),
  );
  if (candidates.length === 0) return;
  const order = guessDateOrder(candidates, fallback).order;
  let weight = 0;
  let timed = 0;
  let inRange = 0;
  const years: number[] = [];
  for (const v of candidates) {
    const r = normalizeDate(v, order);
    if (!r.ok) continue;
    const y = Number(r.keys?.['year'] ?? r.value.slice(0, 4));
    const bare = /^\d+$/.test(v);
    weight += bare ? (BARE_WEIGHT[v.length] ?? 0.4) : 1;
    years.push(y);
    // Birth dates exported from DATETIME columns carry midnight; that is not a time of day.
    if (r.value.includes('T') && !/T00:00:00Z?$/.test(r.value)) timed++;
    else if (y >= 1900 && y <= year - 10) inRange++;
  }
  if (years.length === 0) return;
  const share = weight / values.length;
  const parsed = years.length / values.length;
  const mean = years.reduce((x, y) => x + y, 0) / years.length;
  const spread = Math.sqrt(years.reduce((x, y) => x + (y - mean) ** 2, 0) / years.length);
  const dobLike = inRange / years.length >= 0.9 && timed / years.length < 0.05 && spread >= 5;
  const params = { dateOrder: order };
  // The order only matters, and is only worth saying, when days and months are both numbers.
  const numeric = candidates.some((v) => /^\d{1,2}[./-]\d{1,2}[./-]/.test(v));
  const fact = `${pct(parsed)} are dates${numeric ? ` (${order})` : ''}`;
  const dobFact = dobLike
    ? `${fact}, years ${Math.round(mean - spread)}-${Math.round(mean + spread)} without time`
    : fact;
  put(
    ev,
    'date_of_birth',
    share * (dobLike ? 0.92 : (0.3 * inRange) / years.length),
    parsed,
    dobFact,
    params,
  );
  put(ev, 'date', share * (dobLike ? 0.45 : 0.92), parsed, fact, params);
}
