import { parsePhoneNumberFromString as parseMax } from 'libphonenumber-js/max';
import { type CountryCode, parsePhoneNumberFromString as parseMin } from 'libphonenumber-js/min';
import type { Normalized } from '../../core/types.js';
import { hasPossibleLength, type ParsedPhone, parseDigits, planFor, SLOW } from './phone-plan.js';
import { clip, clipReason, fail, isAscii } from './text.js';

// libphonenumber-js gives up on longer input; so do we, identically.
const MAX_PHONE_CHARS = 250;

interface Scanned {
  readonly digits: string;
  readonly plus: boolean;
}

/**
 * Digits and a leading `+` from a value made only of ASCII digits and the punctuation people
 * format numbers with; undefined for anything else (letters, extensions, `tel:` URIs,
 * non-ASCII digits), which libphonenumber-js parses instead.
 */
function scanSimple(s: string): Scanned | undefined {
  let digits = '';
  let plus = false;
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) digits += s.slice(start, i);
    start = -1;
    if (c === 43 /* + */) {
      if (digits !== '' || plus) return undefined;
      plus = true;
    } else if (!(c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 47 || c === 0xa0)) {
      return undefined;
    }
  }
  if (start >= 0) digits += s.slice(start);
  return { digits, plus };
}

function parseSlow(text: string, region: string | undefined): ParsedPhone | undefined {
  const options = region && planFor(region) ? { defaultCountry: region as CountryCode } : undefined;
  const parsed = parseMin(text, options);
  return parsed
    ? { callingCode: parsed.countryCallingCode, nationalNumber: parsed.nationalNumber }
    : undefined;
}

function parseOnce(text: string, region: string | undefined): ParsedPhone | undefined {
  const scanned = scanSimple(text);
  if (!scanned) return parseSlow(text, region);
  const { digits, plus } = scanned;
  let parsed = parseDigits(digits, plus, region);
  if (parsed === SLOW) return parseSlow(text, region);
  // Without a known region, or when the region dials abroad with something else (011 in
  // the US), a leading 00 is still the most common way of writing an international number.
  if (!plus && digits.startsWith('00') && (parsed === undefined || !hasPossibleLength(parsed))) {
    const international = parseDigits(digits.slice(2), true, undefined);
    if (international !== SLOW && international !== undefined) parsed = international;
  }
  return parsed;
}

function e164Of(p: ParsedPhone): string {
  return `+${p.callingCode}${p.nationalNumber}`;
}

/**
 * Parses a phone number to E.164 the way libphonenumber-js does (a fast re-implementation
 * for plain numbers, libphonenumber-js itself for the rest). Numbers without `+`/`00` need a
 * region. Keys: `e164` and `national` (the national significant number, which still matches
 * when one side lost its country code).
 * @example normalizePhone('333 123 4567', 'IT') → { value: '+393331234567', keys: { national: '3331234567', ... } }
 */
export function normalizePhone(raw: string, region?: string): Normalized {
  const trimmed = clip(raw);
  if (trimmed === undefined) return fail(clipReason(raw));
  if (trimmed.length > MAX_PHONE_CHARS) return fail('too long');
  // Full-width digits and plus signs (typed on CJK keyboards) become ASCII.
  const clipped = isAscii(trimmed) ? trimmed : trimmed.normalize('NFKC');
  let parsed = parseOnce(clipped, region?.toUpperCase());
  if (parsed === undefined) return fail(region ? 'not a phone number' : 'no country code and no region');
  // A national number whose digits again start with a trunk prefix would lose it once more
  // when its E.164 form is parsed; taking the fixpoint keeps the canonical form stable.
  for (let i = 0; i < 3; i++) {
    const again = parseOnce(e164Of(parsed), undefined);
    if (again === undefined || again.nationalNumber === parsed.nationalNumber) break;
    parsed = again;
  }
  if (!hasPossibleLength(parsed)) return fail('impossible length');
  const e164 = e164Of(parsed);
  return { ok: true, value: e164, keys: { e164, national: parsed.nationalNumber } };
}

export interface PhoneValidity {
  readonly valid: boolean;
  /** ISO alpha-2 of the number's country, when the calling code and digits tell. */
  readonly country?: string;
  /** libphonenumber-js number type (MOBILE, FIXED_LINE, TOLL_FREE, ...), when valid. */
  readonly type?: string;
}

/**
 * Full validity of an E.164 number against libphonenumber-js's complete metadata (number
 * types and ranges). ~60k/s: for samples and column inference, not for 10M records.
 */
export function validatePhone(e164: string): PhoneValidity {
  if (e164.length > MAX_PHONE_CHARS) return { valid: false };
  const parsed = parseMax(e164);
  if (!parsed) return { valid: false };
  const valid = parsed.isValid();
  const type = valid ? parsed.getType() : undefined;
  return {
    valid,
    ...(parsed.country ? { country: parsed.country } : {}),
    ...(type ? { type } : {}),
  };
}

const COMMON_REGIONS = [
  'IT',
  'FR',
  'DE',
  'ES',
  'GB',
  'US',
  'NL',
  'BE',
  'CH',
  'AT',
  'PT',
  'IE',
  'PL',
  'AU',
].concat(['CA', 'SE', 'DK', 'NO', 'FI', 'GR', 'RO', 'BR', 'MX', 'AR', 'IN']);
const GUESS_SAMPLE = 200;

/**
 * The region under which most of a column's values are valid numbers, trying the fallback,
 * the countries of the numbers written internationally, then common regions. `validShare`
 * is the share of the non-empty values examined that are valid under that region.
 */
export function guessPhoneRegion(
  values: readonly string[],
  fallback?: string,
): { region: string | undefined; validShare: number } {
  const sample: string[] = [];
  for (const v of values) {
    if (sample.length >= GUESS_SAMPLE) break;
    if (typeof v === 'string' && v.trim() !== '') sample.push(v);
  }
  if (sample.length === 0) return { region: fallback, validShare: 0 };
  const validity = new Map<string, PhoneValidity>();
  const validOf = (e164: string): PhoneValidity => {
    const known = validity.get(e164);
    if (known) return known;
    const v = validatePhone(e164);
    validity.set(e164, v);
    return v;
  };
  const candidates = new Set<string>();
  if (fallback && planFor(fallback)) candidates.add(fallback);
  for (const v of sample) {
    const n = normalizePhone(v);
    const country = n.ok ? validOf(n.value).country : undefined;
    if (country) candidates.add(country);
  }
  for (const r of COMMON_REGIONS) candidates.add(r);
  let best = { region: fallback, count: 0, score: 0 };
  for (const region of candidates) {
    // Where national numbers are dialled with a trunk 0 (DE, FR, GB, ...), a column of
    // numbers written without it is weaker evidence for that region: US numbers are valid
    // German ones too, but a German would write the 0. And customers give mobile numbers:
    // "06 12 34 56 78" is a French mobile and also a valid Roman landline.
    const trunkZero = planFor(region)?.trunkPrefix === '0';
    let count = 0;
    let score = 0;
    for (let i = 0; i < sample.length; i++) {
      // No value scores more than 1.25: stop once this region can no longer win.
      if (score + (sample.length - i) * 1.25 <= best.score) break;
      const v = sample[i]!;
      const n = normalizePhone(v, region);
      const validity = n.ok ? validOf(n.value) : undefined;
      if (!validity?.valid) continue;
      count++;
      const written = v.trim();
      const national = !/^[+(\s]*(?:\+|00)/.test(written);
      score += trunkZero && national && !/^[(\s]*0/.test(written) ? 0.5 : 1;
      if (validity.type === 'MOBILE' || validity.type === 'FIXED_LINE_OR_MOBILE') score += 0.25;
    }
    if (score > best.score) best = { region, count, score };
  }
  return { region: best.region, validShare: best.count / sample.length };
}
