import { isIPv4 } from 'node:net';
import type { ColumnValues, DetectContext } from './detect.js';
import { dominant, type Evidence, pct, put, shareOf } from './evidence.js';
import { normalizePhone, validatePhone } from './normalize/index.js';

const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const PHONE_SHAPE = /^(?:\+|00)?[\d\s().\-/\u00a0]{6,24}$/;
const PHONE_SAMPLE = 500;
const REGION_SAMPLE = 80;
const REGIONS = ['IT', 'FR', 'DE', 'ES', 'GB', 'US', 'NL', 'BE', 'CH', 'AT', 'PT', 'IE', 'PL', 'BR'];
/**
 * Regions whose national numbers are written with a leading 0 trunk prefix. A number written
 * without it ("612 345 678") is valid there only as a stored-as-integer accident, while it is
 * the normal way of writing in Spain or Italy, so such a reading counts for half.
 */
const TRUNK_ZERO = new Set(['FR', 'DE', 'GB', 'NL', 'BE', 'CH', 'AT', 'IE', 'BR']);

function isValidPhone(value: string, region: string | undefined): boolean {
  const n = normalizePhone(value, region);
  return n.ok && validatePhone(n.value).valid;
}

function countryOfNumber(value: string): string | undefined {
  const n = normalizePhone(value);
  return n.ok ? validatePhone(n.value).country : undefined;
}

/**
 * The region that explains most numbers: nationally written ones valid under it, plus those
 * written with its country code. Ties go to the earlier candidate (the country codes seen,
 * then `fallback`), and a later one must explain clearly more numbers to win.
 */
function guessRegion(values: readonly string[], fallback: string | undefined): string | undefined {
  const national = values.filter((v) => !v.startsWith('+') && !v.startsWith('00')).slice(0, REGION_SAMPLE);
  const international = values
    .filter((v) => v.startsWith('+') || v.startsWith('00'))
    .slice(0, REGION_SAMPLE)
    .map(countryOfNumber);
  const seen = dominant(international);
  const candidates = [...new Set([seen, fallback, ...REGIONS].filter((r): r is string => r !== undefined))];
  const total = national.length + international.length;
  if (candidates.length === 0 || total === 0) return fallback;
  let best = { region: candidates[0]!, score: -1 };
  for (const region of candidates) {
    let valid = 0;
    for (const v of national) {
      if (isValidPhone(v, region)) valid += TRUNK_ZERO.has(region) && !/^[\s(]*0/.test(v) ? 0.5 : 1;
    }
    const score = (valid + international.filter((c) => c === region).length) / total;
    if (score > best.score + (best.score < 0 ? 0 : 0.05)) best = { region, score };
    // The likeliest candidates come first; when one explains nearly everything, stop.
    if (best.score >= 0.95) break;
  }
  return best.region;
}

/**
 * Phone numbers: formatting shape on all values, validity with libphonenumber-js (full
 * metadata) on at most PHONE_SAMPLE of them. Numbers without a country code are read in the
 * row's country when a country column says it, else in the region that makes most valid.
 */
export function detectPhones(column: ColumnValues, ctx: DetectContext, ev: Evidence): void {
  const shaped: number[] = [];
  column.values.forEach((v, i) => {
    if (PHONE_SHAPE.test(v) && !DATE_LIKE.test(v) && !isIPv4(v)) {
      const digits = v.replace(/\D/g, '').length;
      if (digits >= 7 && digits <= 15) shaped.push(i);
    }
  });
  const n = column.values.length;
  const shapeShare = shaped.length / n;
  if (shapeShare < 0.3) {
    if (shapeShare > 0) put(ev, 'phone', 0, shapeShare);
    return;
  }
  const step = Math.max(1, shaped.length / PHONE_SAMPLE);
  const picked: number[] = [];
  for (let k = 0; k < shaped.length && picked.length < PHONE_SAMPLE; k += step)
    picked.push(shaped[Math.floor(k)]!);
  const pickedValues = picked.map((i) => column.values[i]!);
  const rowRegions = picked.map((i) => ctx.rowCountry?.(column.rows[i]!));
  const fromRows = dominant(rowRegions);
  const region = fromRows ?? guessRegion(pickedValues, ctx.defaultRegion);
  let valid = 0;
  pickedValues.forEach((v, k) => {
    if (isValidPhone(v, rowRegions[k] ?? region)) valid++;
  });
  const validShare = (valid / picked.length) * shapeShare;
  // Bare digit runs (no +, no leading 0, no separators) are valid numbers by chance in some
  // plans, so they count for less than numbers written the way people write phones.
  const bare = shareOf(pickedValues, (v) => /^[1-9]\d+$/.test(v));
  const score = validShare * (1 - 0.3 * bare);
  const where = region ? ` ${region}` : '';
  const source = fromRows ? ' (region from the country column)' : '';
  put(
    ev,
    'phone',
    score,
    shapeShare,
    `${pct(validShare)} valid${where} numbers${source}`,
    region ? { phoneRegion: region } : {},
  );
}
