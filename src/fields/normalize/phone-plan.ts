import { type CountryCode, Metadata } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/min/metadata';

/**
 * A re-implementation of libphonenumber-js's `parsePhoneNumberFromString` for digit strings,
 * with the metadata compiled once. libphonenumber-js builds a Metadata object and compiles
 * several regexes on every call (~160k parses/s here); this does the same steps with
 * precompiled plans at well over 1M/s. Each step names the libphonenumber-js helper it mirrors;
 * phone-plan.test.ts checks agreement on generated numbers. Where a step depends on which of
 * several countries sharing a calling code a number belongs to, and the answer would change
 * the result, we return SLOW and the caller asks libphonenumber-js itself.
 */

/** The methods of libphonenumber-js's NumberingPlan we read; its published type lists only four. */
interface RawPlan {
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  possibleLengths(): number[];
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
}

export interface Plan {
  readonly country: string;
  readonly callingCode: string;
  /** `^(?:IDD)`: the prefix for dialling abroad from this country (00, 011, 0011, ...). */
  readonly idd: RegExp;
  /** `^(?:pattern)$` over national significant numbers. */
  readonly nationalNumber: RegExp;
  readonly possibleLengths: readonly number[];
  /** `^(?:prefix)` for the trunk prefix (and carrier codes) to strip from national numbers. */
  readonly nationalPrefix: RegExp | undefined;
  readonly transformRule: string | undefined;
  /** The trunk prefix dialled before national numbers ("0" in most of Europe), if any. */
  readonly trunkPrefix: string | undefined;
}

export const SLOW = 'slow' as const;

export interface ParsedPhone {
  readonly callingCode: string;
  readonly nationalNumber: string;
}

function compilePlan(country: string, raw: RawPlan): Plan {
  const npp = raw.nationalPrefixForParsing();
  return {
    country,
    callingCode: raw.callingCode(),
    idd: new RegExp(`^(?:${raw.IDDPrefix()})`),
    nationalNumber: new RegExp(`^(?:${raw.nationalNumberPattern()})$`),
    possibleLengths: raw.possibleLengths(),
    nationalPrefix: npp ? new RegExp(`^(?:${npp})`) : undefined,
    transformRule: raw.nationalPrefixTransformRule() || undefined,
    trunkPrefix: raw.nationalPrefix() || undefined,
  };
}

const metadata = new Metadata(metadataJson);
function rawPlanOf(countryOrCallingCode: string): RawPlan {
  metadata.selectNumberingPlan(countryOrCallingCode as CountryCode);
  return metadata.numberingPlan as unknown as RawPlan;
}

const countryPlans = new Map<string, Plan>();
for (const country of Object.keys(metadataJson.countries)) {
  countryPlans.set(country, compilePlan(country, rawPlanOf(country)));
}

/** Plan selected by a calling code (its main country, or a non-geographic plan), and all its countries. */
const callingCodePlans = new Map<string, { main: Plan; members: readonly Plan[] }>();
for (const [code, countries] of Object.entries(metadataJson.country_calling_codes)) {
  const members = countries.map((c) => countryPlans.get(c)).filter((p): p is Plan => p !== undefined);
  const main = members[0];
  if (main) callingCodePlans.set(code, { main, members });
}
for (const code of Object.keys(metadataJson.nonGeographic ?? {})) {
  if (callingCodePlans.has(code)) continue;
  const main = compilePlan('001', rawPlanOf(code));
  callingCodePlans.set(code, { main, members: [main] });
}

export function planFor(country: string): Plan | undefined {
  return countryPlans.get(country);
}

export function callingCodeOf(country: string): string | undefined {
  return countryPlans.get(country)?.callingCode;
}

/** Countries whose plan uses this calling code, main country first. */
export function countriesForCallingCode(code: string): readonly string[] {
  return callingCodePlans.get(code)?.members.map((p) => p.country) ?? [];
}

/** checkNumberLength(): TOO_SHORT and INVALID_LENGTH are the "impossible" outcomes. */
function lengthVerdict(length: number, lengths: readonly number[]): 'short' | 'ok' | 'invalid' | 'long' {
  const min = lengths[0] ?? 0;
  if (length === min) return 'ok';
  if (length < min) return 'short';
  if (length > (lengths[lengths.length - 1] ?? 0)) return 'long';
  return lengths.includes(length) ? 'ok' : 'invalid';
}

function isPossibleIncomplete(nationalNumber: string, plan: Plan): boolean {
  const v = lengthVerdict(nationalNumber.length, plan.possibleLengths);
  return v === 'ok' || v === 'long';
}

/** extractNationalNumberFromPossiblyIncompleteNumber(): strips the trunk prefix (or applies its transform). */
function stripNationalPrefix(number: string, plan: Plan): string {
  if (!plan.nationalPrefix) return number;
  const m = plan.nationalPrefix.exec(number);
  if (!m) return number;
  const groups = m.length - 1;
  const hasGroups = groups > 0 && Boolean(m[groups]);
  if (plan.transformRule && hasGroups) return number.replace(plan.nationalPrefix, plan.transformRule);
  return number.slice(m[0].length);
}

/** extractNationalNumber(): strip the prefix only if what remains still looks like a number there. */
function extractNationalNumber(number: string, plan: Plan): string | typeof SLOW {
  const stripped = stripNationalPrefix(number, plan);
  if (stripped === number) return number;
  if (plan.nationalNumber.test(number) && !plan.nationalNumber.test(stripped)) return number;
  // libphonenumber-js checks the length against the exact country of the stripped number,
  // found by leading digits or number types; when all candidate countries agree we need not know it.
  const members = callingCodePlans.get(plan.callingCode)?.members ?? [plan];
  let possible: boolean | undefined;
  for (const member of members.length > 0 ? members : [plan]) {
    const p = isPossibleIncomplete(stripped, member);
    if (possible === undefined) possible = p;
    else if (possible !== p) return SLOW;
  }
  return possible ? stripped : number;
}

/** extractCountryCallingCodeFromInternationalNumberWithoutPlusSign(): "39333..." written without "+". */
function stripOwnCallingCode(digits: string, plan: Plan): string | undefined | typeof SLOW {
  if (!digits.startsWith(plan.callingCode)) return undefined;
  const shorter = digits.slice(plan.callingCode.length);
  const shortNational = extractNationalNumber(shorter, plan);
  const fullNational = extractNationalNumber(digits, plan);
  if (shortNational === SLOW || fullNational === SLOW) return SLOW;
  const re = plan.nationalNumber;
  if (
    (!re.test(fullNational) && re.test(shortNational)) ||
    lengthVerdict(fullNational.length, plan.possibleLengths) === 'long'
  ) {
    return shorter;
  }
  return undefined;
}

/** extractCountryCallingCode() for "+..." numbers: the first 1–3 digits that are a calling code. */
function splitCallingCode(digits: string): { code: string; rest: string } | undefined {
  if (digits[0] === '0') return undefined;
  for (let i = 1; i <= 3 && i <= digits.length; i++) {
    const code = digits.slice(0, i);
    if (callingCodePlans.has(code)) return { code, rest: digits.slice(i) };
  }
  return undefined;
}

function finish(callingCode: string, number: string, plan: Plan): ParsedPhone | undefined | typeof SLOW {
  if (number === '') return undefined;
  const nationalNumber = extractNationalNumber(number, plan);
  if (nationalNumber === SLOW) return SLOW;
  if (nationalNumber.length < 2 || nationalNumber.length > 17) return undefined;
  return { callingCode, nationalNumber };
}

function finishInternational(digits: string): ParsedPhone | undefined | typeof SLOW {
  const split = splitCallingCode(digits);
  if (!split) return undefined;
  const plan = callingCodePlans.get(split.code)?.main;
  return plan ? finish(split.code, split.rest, plan) : undefined;
}

/**
 * The calling code and national significant number libphonenumber-js would parse from
 * `digits` (ASCII digits only), written with a leading `+` or not, for a default region.
 * undefined when it would parse nothing, SLOW when only libphonenumber-js can tell.
 */
export function parseDigits(
  digits: string,
  plus: boolean,
  region: string | undefined,
): ParsedPhone | undefined | typeof SLOW {
  if (plus) return finishInternational(digits);
  const plan = region === undefined ? undefined : countryPlans.get(region);
  if (!plan) return undefined;
  const idd = plan.idd.exec(digits);
  if (idd) {
    const rest = digits.slice(idd[0].length);
    // stripIddPrefix(): an IDD followed by 0 is a national number after all.
    if (rest !== '' && rest[0] !== '0') return finishInternational(rest);
  }
  const shorter = stripOwnCallingCode(digits, plan);
  if (shorter === SLOW) return SLOW;
  if (shorter !== undefined) {
    const main = callingCodePlans.get(plan.callingCode)?.main ?? plan;
    return finish(plan.callingCode, shorter, main);
  }
  return finish(plan.callingCode, digits, plan);
}

/** True when the national number has a length some country of the calling code uses. */
export function hasPossibleLength(parsed: ParsedPhone): boolean {
  const members = callingCodePlans.get(parsed.callingCode)?.members ?? [];
  return members.some((p) => p.possibleLengths.includes(parsed.nationalNumber.length));
}
