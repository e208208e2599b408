import type { Normalized } from '../../core/types.js';
import { countryCodeOf } from './country.js';
import { normalizePostcode, POSTCODE_RULES } from './postcode.js';
import { clip, clipReason, fail, foldText, wordsOf } from './text.js';

// biome-ignore format: a table
/**
 * Street-type abbreviations, folded and without dots, to the full word. Most short forms mean
 * different words in different languages (av: avenue / avenida, st: street / saint, pza:
 * piazza / plaza), so only the unambiguous ones apply when the country is not known.
 */
const GENERAL: Readonly<Record<string, string>> = {
  vle: 'viale', pzza: 'piazza', cso: 'corso', lgo: 'largo', vco: 'vicolo', str: 'strasse',
  bd: 'boulevard', boul: 'boulevard', bvd: 'boulevard', blvd: 'boulevard', avda: 'avenida',
  avd: 'avenida', ctra: 'carretera', rd: 'road', ave: 'avenue', hwy: 'highway', pkwy: 'parkway',
};
// biome-ignore format: a table
const ENGLISH: Readonly<Record<string, string>> = {
  st: 'street', av: 'avenue', ln: 'lane', dr: 'drive', ct: 'court', sq: 'square', ter: 'terrace',
  cres: 'crescent', gdns: 'gardens', pl: 'place',
};
// biome-ignore format: a table
const NORTH_AMERICAN: Readonly<Record<string, string>> = {
  ...ENGLISH, n: 'north', s: 'south', e: 'east', w: 'west', nw: 'northwest', ne: 'northeast',
  sw: 'southwest', se: 'southeast',
};
const GERMAN: Readonly<Record<string, string>> = { pl: 'platz' };
const BY_COUNTRY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  IT: { v: 'via', p: 'piazza', pza: 'piazza', pl: 'piazzale', loc: 'localita', fraz: 'frazione' },
  ES: { av: 'avenida', c: 'calle', cl: 'calle', pza: 'plaza', pl: 'plaza', p: 'paseo', pso: 'paseo' },
  FR: { av: 'avenue', r: 'rue', pl: 'place', ch: 'chemin', imp: 'impasse', fbg: 'faubourg', rte: 'route' },
  DE: GERMAN,
  AT: GERMAN,
  CH: GERMAN,
  GB: ENGLISH,
  IE: ENGLISH,
  AU: ENGLISH,
  NZ: ENGLISH,
  US: NORTH_AMERICAN,
  CA: NORTH_AMERICAN,
};

// One map per country (its own abbreviations over the general ones), built once.
const GENERAL_MAP: ReadonlyMap<string, string> = new Map(Object.entries(GENERAL));
const COUNTRY_MAPS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  Object.entries(BY_COUNTRY).map(([c, t]) => [
    c,
    new Map([...Object.entries(GENERAL), ...Object.entries(t)]),
  ]),
);
const PLAIN_WORD = /^[a-z0-9]+$/;

function expandWord(w: string, table: ReadonlyMap<string, string>): string {
  return table.get(w) ?? (w.length > 4 && w.endsWith('str') ? `${w}asse` : w);
}

/** A house number: digits, optionally one letter ("12", "5a", "221b"). */
function isHouseNumber(w: string): boolean {
  const c0 = w.charCodeAt(0);
  if (!(c0 >= 48 && c0 <= 57)) return false;
  let i = 1;
  while (i < w.length && w.charCodeAt(i) >= 48 && w.charCodeAt(i) <= 57) i++;
  return i === w.length || (i === w.length - 1 && w.charCodeAt(i) >= 97 && w.charCodeAt(i) <= 122);
}

/**
 * Canonical street: folded words with street-type abbreviations written out; German
 * compounds "Hauptstr." become "hauptstrasse". Keys: `number` (house number, when the street
 * has one) and `name` (the street without it), so "12 rue X" and "rue X, 12" meet.
 */
export function normalizeStreet(raw: string, country?: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const table = (country ? COUNTRY_MAPS.get(country.toUpperCase()) : undefined) ?? GENERAL_MAP;
  const words: string[] = [];
  for (const token of foldText(clipped).split(' ')) {
    if (token === '') continue;
    if (PLAIN_WORD.test(token)) {
      words.push(expandWord(token, table));
      continue;
    }
    // Italian abbreviations keep letters on both sides of the dot: "V.le", "P.zza", "C.so".
    const whole = table.get(token.replace(/[.,]/g, ''));
    if (whole) words.push(whole);
    else for (const w of wordsOf(token)) words.push(expandWord(w, table));
  }
  if (words.length === 0) return fail('no letters or digits');
  const value = words.join(' ');
  const numberAt = words.findIndex(isHouseNumber);
  if (numberAt < 0) return { ok: true, value, keys: { exact: value, name: value } };
  const number = words[numberAt]!;
  words.splice(numberAt, 1);
  return { ok: true, value, keys: { exact: value, name: words.join(' '), number } };
}

/** Cities and regions: folded words ("Sankt Gallen", "St. Gallen" stay distinct; "Köln" = "koln"). */
export function normalizePlace(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const words = wordsOf(foldText(clipped));
  if (words.length === 0) return fail('no letters or digits');
  return { ok: true, value: words.join(' ') };
}

interface Finder {
  /** Set when the code's shape names its country (letters in fixed places). */
  readonly country: string | undefined;
  readonly find: RegExp;
}

// Tried in this order when neither the column nor the row names the country: the systems
// whose shape is evidence of the country first, then any five or four digits.
const FALLBACK: readonly Finder[] = [
  ...(['GB', 'CA', 'NL'] as const).map((c) => ({ country: c, find: new RegExp(POSTCODE_RULES[c]!.find) })),
  { country: undefined, find: /(?<![\d-])\d{5}(?![\d-])/g },
  { country: undefined, find: /(?<![\d-])\d{4}(?![\d-])/g },
];

interface Found {
  country: string | undefined;
  postcode: string;
  start: number;
  end: number;
}

// Our own copies of the global finders: exec() keeps state in them between calls.
const COUNTRY_FINDERS = new Map(
  Object.entries(POSTCODE_RULES).map(([c, r]): [string, Finder] => [
    c,
    { country: c, find: new RegExp(r.find) },
  ]),
);

function findPostcode(text: string, country: string | undefined): Found | undefined {
  const own = country === undefined ? undefined : COUNTRY_FINDERS.get(country);
  for (const finder of own ? [own] : FALLBACK) {
    const matches: RegExpExecArray[] = [];
    finder.find.lastIndex = 0;
    for (let m = finder.find.exec(text); m !== null; m = finder.find.exec(text)) matches.push(m);
    // The code nearest the end (house numbers come first in most of Europe) that is valid.
    for (let i = matches.length - 1; i >= 0; i--) {
      const m = matches[i]!;
      const pc = normalizePostcode(m[0], finder.country);
      if (pc.ok)
        return { country: finder.country, postcode: pc.value, start: m.index, end: m.index + m[0].length };
    }
  }
  return undefined;
}

/**
 * Drops a province or state code after a city ("Roma RM", "Roma (RM)", "Austin, TX") and
 * numbers of four or more digits, which no city name has: they are stray postcodes.
 */
function cityOf(text: string): string {
  return text
    .replace(/(?:^|\s)\d{4,}(?=\s|$)/g, ' ')
    .replace(/\s*\([A-Za-z]{2,3}\)\s*$/, '')
    .replace(/(?:,|\s)\s*[A-Z]{2}$/, '')
    .replace(/^[\s,]+|[\s,]+$/g, '');
}

/**
 * Splits a one-line address ("Via Roma 12, 00184 Roma RM, Italia", "10 Downing Street,
 * London SW1A 2AA", "1600 Pennsylvania Ave NW, Washington, DC 20500") into street,
 * postcode, city and country, using the postcode patterns of the country (given, or named at
 * the end of the address, or guessed from the code's shape). The value is the canonical parts
 * as `street|postcode|city|country` (empty when unknown), which reads back field by field, so
 * normalising it again changes nothing; keys carry each part, the house number and the street
 * name without it.
 * @example splitAddress('Via Roma 12, 00184 Roma RM').value === 'via roma 12|00184|roma|'
 */
export function splitAddress(raw: string, country?: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const target = country ? countryCodeOf(country) : undefined;
  let text = clipped;
  if (text.includes('|')) {
    const fields = text.split('|');
    if (fields.length === 4) return readFields(fields as [string, string, string, string], target);
    text = text.replaceAll('|', ',');
  }
  return readLine(/\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text, target);
}

/** Parts already separated (our canonical form, or a pipe-delimited export): each normalised. */
function readFields(
  [street, postcode, city, code]: [string, string, string, string],
  country?: string,
): Normalized {
  const target = (code.trim() === '' ? undefined : countryCodeOf(code)) ?? country;
  const pc = postcode.trim() === '' ? undefined : normalizePostcode(postcode, target);
  return assemble(street, pc?.ok ? pc.value : undefined, city, target);
}

function readLine(line: string, country: string | undefined): Normalized {
  let text = line;
  let target = country;
  const lastComma = text.lastIndexOf(',');
  const tail = lastComma >= 0 ? text.slice(lastComma + 1) : '';
  // No country name has digits: most last pieces ("00184 Roma") are not looked up at all.
  const named = tail !== '' && !/\d/.test(tail) ? countryCodeOf(tail) : undefined;
  if (named) {
    target ??= named;
    text = text.slice(0, lastComma).trim();
  }
  const found = findPostcode(text, target);
  let streetText = text;
  let cityText = '';
  if (found) {
    target ??= found.country;
    const before = text.slice(0, found.start).replace(/[\s,]+$/, '');
    const after = text.slice(found.end).replace(/^[\s,]+/, '');
    if (after !== '') {
      streetText = before;
      cityText = after.split(',')[0] ?? '';
    } else {
      // Postcode last (GB, US): the city is the comma-separated piece before it.
      const pieces = before.split(',').map((p) => p.trim());
      const stateOnly = pieces.length > 2 && /^[A-Z]{2}$/.test(pieces[pieces.length - 1]!);
      const cityAt = pieces.length - (stateOnly ? 2 : 1);
      if (pieces.length === 1) {
        // A lone piece before the code: the street when a comma parts them ("Via Roma 1,
        // 00184") or it has a house number, else the city ("London SW1A 2AA").
        const street = /,\s*$/.test(text.slice(0, found.start)) || /\d/.test(before);
        streetText = street ? before : '';
        cityText = street ? '' : before;
      } else {
        streetText = pieces.slice(0, cityAt).join(', ');
        cityText = pieces[cityAt] ?? '';
      }
    }
  } else if (text.includes(',')) {
    const comma = text.lastIndexOf(',');
    streetText = text.slice(0, comma);
    cityText = text.slice(comma + 1);
  }
  return assemble(streetText, found?.postcode, cityOf(cityText), target);
}

function assemble(
  streetText: string,
  postcode: string | undefined,
  cityText: string,
  country: string | undefined,
): Normalized {
  const street = normalizeStreet(streetText, country);
  const city = normalizePlace(cityText);
  if (!street.ok && !postcode && !city.ok) return fail('no address parts');
  const parts: Record<string, string> = {};
  if (street.ok) parts.street = street.value;
  if (postcode) parts.postcode = postcode;
  if (city.ok) parts.city = city.value;
  if (country) parts.country = country;
  const value = `${parts.street ?? ''}|${postcode ?? ''}|${parts.city ?? ''}|${country ?? ''}`;
  const keys: Record<string, string> = { exact: value, ...parts };
  const number = street.ok ? street.keys?.number : undefined;
  if (number) keys.street_number = number;
  if (street.ok && street.keys?.name) keys.street_name = street.keys.name;
  return { ok: true, value, keys, parts };
}

const HOUSE_NUMBER = /^(?:(?:no|nr|n|num)\.?\s*|#\s*)?(\d{1,5})\s*([a-z]|\/\s*\d{1,4}|bis|ter)?$/i;

/**
 * A house number written in its own column (FEBRL's `street_number`, `civico`,
 * `Hausnummer`): digits with an optional letter or fraction, lowercased, without "No." or "#".
 * @example normalizeHouseNumber('No. 12B').value === '12b'
 */
export function normalizeHouseNumber(raw: string): Normalized {
  const text = raw.trim();
  if (text.length > 20) return fail('too long for a house number');
  const m = HOUSE_NUMBER.exec(text);
  if (!m) return fail('not a house number');
  const number = String(Number(m[1]));
  const suffix = (m[2] ?? '').replace(/\s+/g, '').toLowerCase();
  return { ok: true, value: number + suffix };
}
