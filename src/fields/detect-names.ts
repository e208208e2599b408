import { foldValue, getDictionaries } from './dictionaries.js';
import { type Evidence, pct, put } from './evidence.js';
import { countryCodeOf } from './normalize/index.js';

/**
 * Detectors for people and places: share of values found in the name, city and region
 * dictionaries, country names and codes (read as the country normaliser reads them),
 * gender words, and street or one-line address shapes.
 */

/** Shares of a column's values, 0..1, that read as names of each sort. */
export interface NameShares {
  /** Single names found only among first names (both lists count half). */
  readonly first: number;
  /** Single names found only among surnames, plus multi-word surnames ("García López"). */
  readonly last: number;
  /** 2-4 words whose first (or, in "Rossi Mario" order, last) word is a first name and other end a surname. */
  readonly full: number;
  /** Values made of one name-like word (letters, apostrophes, hyphens). */
  readonly singleShape: number;
  /** Values made of 2-4 name-like words. */
  readonly multiShape: number;
}

const NAME_WORDS = /^[\p{L}'’.\- ,]+$/u;

/** Shares of values found in the first-name and surname lists, alone or as a full name. */
export function measureNames(values: readonly string[]): NameShares {
  const { firstNames: F, lastNames: L } = getDictionaries();
  let first = 0;
  let last = 0;
  let full = 0;
  let single = 0;
  let multi = 0;
  for (const v of values) {
    if (v.length > 60 || !NAME_WORDS.test(v)) continue;
    let folded = foldValue(v);
    const comma = folded.indexOf(',');
    if (comma >= 0) folded = `${folded.slice(comma + 1)} ${folded.slice(0, comma)}`.trim();
    const words = folded.split(' ').filter((w) => w.length > 0);
    if (words.length === 1 || F.has(folded) || L.has(folded)) {
      single++;
      const f = F.has(folded) || (folded.includes('-') && folded.split('-').every((p) => F.has(p)));
      const l = L.has(folded) || (folded.includes('-') && folded.split('-').every((p) => L.has(p)));
      if (f && l) {
        first += 0.5;
        last += 0.5;
      } else if (f) first++;
      else if (l) last++;
      continue;
    }
    if (words.length > 4) continue;
    multi++;
    const head = words[0]!;
    const tail = words.at(-1)!;
    if ((F.has(head) && (L.has(tail) || !F.has(tail))) || (L.has(head) && F.has(tail) && !F.has(head)))
      full++;
    else if (words.every((w) => L.has(w) || w.length <= 3)) last++;
  }
  const n = Math.max(values.length, 1);
  return { first: first / n, last: last / n, full: full / n, singleShape: single / n, multiShape: multi / n };
}

export interface PlaceShares {
  readonly city: number;
  readonly region: number;
  readonly country: number;
  readonly gender: number;
  /** Values that could be a place name: 1-5 words of letters. */
  readonly shape: number;
  /** Most frequent ISO alpha-2 among country values. */
  readonly topCountry: string | undefined;
  /** Most frequent country the region values belong to. */
  readonly regionCountry: string | undefined;
}

/** Shares of values that are known cities, regions, countries and gender words. */
export function measurePlaces(values: readonly string[]): PlaceShares {
  const dict = getDictionaries();
  let city = 0;
  let region = 0;
  let country = 0;
  let gender = 0;
  let shape = 0;
  const countryCounts = new Map<string, number>();
  const regionCounts = new Map<string, number>();
  for (const v of values) {
    if (v.length > 60) continue;
    const folded = foldValue(v).replace(/\s*\([^)]*\)$/, '');
    if (/^[\p{L}'’.\- ()]+$/u.test(v) && folded.split(' ').length <= 5) shape++;
    if (dict.cities.has(folded)) city++;
    const r = dict.regions.get(folded);
    if (r !== undefined) {
      region++;
      regionCounts.set(r, (regionCounts.get(r) ?? 0) + 1);
    }
    const c = countryCodeOf(v);
    if (c !== undefined) {
      country++;
      countryCounts.set(c, (countryCounts.get(c) ?? 0) + 1);
    }
    if (dict.genders.has(folded)) gender++;
  }
  const n = Math.max(values.length, 1);
  return {
    city: city / n,
    region: region / n,
    country: country / n,
    gender: gender / n,
    shape: shape / n,
    topCountry: topOf(countryCounts),
    regionCountry: topOf(regionCounts),
  };
}

function topOf(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let top = 0;
  for (const [k, c] of counts) if (c > top) [best, top] = [k, c];
  return best;
}

/** ISO alpha-2 for a country value (`Italia`, `DE`, `United Kingdom`), as the normaliser reads it. */
export function countryOf(value: string): string | undefined {
  return value.length <= 100 ? countryCodeOf(value) : undefined;
}

export function detectNamesAndPlaces(values: readonly string[], distinct: number, ev: Evidence): void {
  const names = measureNames(values);
  if (names.singleShape > 0)
    put(ev, 'first_name', names.first, names.singleShape, `${pct(names.first)} are known first names`);
  if (names.singleShape + names.multiShape > 0) {
    put(
      ev,
      'last_name',
      names.last,
      names.singleShape + names.multiShape,
      `${pct(names.last)} are known surnames`,
    );
  }
  if (names.multiShape > 0) {
    put(ev, 'full_name', names.full * 0.95, names.multiShape, `${pct(names.full)} are first name + surname`);
  }
  const places = measurePlaces(values);
  if (places.shape === 0 && places.region === 0 && places.country === 0 && places.gender === 0) return;
  put(ev, 'city', places.city, places.shape, `${pct(places.city)} are known cities`);
  const regionParams = places.regionCountry ? { country: places.regionCountry } : undefined;
  put(
    ev,
    'region',
    places.region,
    Math.max(places.shape, places.region),
    `${pct(places.region)} are known regions`,
    regionParams,
  );
  const countryParams = places.topCountry ? { country: places.topCountry } : undefined;
  put(
    ev,
    'country',
    places.country,
    Math.max(places.shape, places.country),
    `${pct(places.country)} are countries`,
    countryParams,
  );
  if (places.gender > 0) {
    // A gender column holds a handful of distinct words; M/F initials elsewhere are chance.
    const score = places.gender * (distinct <= 8 ? 1 : 0.3);
    put(ev, 'gender', score, places.gender, `${pct(places.gender)} are gender values`);
  }
}

export function detectStreets(values: readonly string[], ev: Evidence): void {
  const dict = getDictionaries();
  let street = 0;
  let address = 0;
  let named = 0;
  for (const v of values) {
    if (v.length > 200) continue;
    const words = foldValue(v).split(/[\s,/]+/);
    let word = false;
    let numbers = 0;
    let postcode = false;
    for (const w of words) {
      const bare = w.replace(/\.$/, '');
      if (
        dict.streetWords.has(bare) ||
        dict.streetSuffixes.some((s) => w.length > s.length + 2 && w.endsWith(s))
      ) {
        word = true;
      }
      if (/^\d{1,5}[a-z]?$/.test(bare) || /^n[.°º]?\d+$/.test(bare)) numbers++;
      if (/^\d{4,5}$/.test(bare)) postcode = true;
    }
    // "Am Markt 5, 10115 Berlin": no street word, but a number, a postcode and a comma.
    if (!word && !(postcode && numbers >= 2 && v.includes(','))) continue;
    if (numbers === 0) {
      named++;
      continue;
    }
    const gb = /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/.test(v);
    if ((postcode && numbers >= 2) || gb || (postcode && v.includes(','))) address++;
    else if (numbers >= 1) street++;
  }
  const n = values.length;
  if (street + address + named === 0) return;
  // Street names without a number fit a street column but are not evidence of one.
  const fit = (street + address + named) / n;
  put(
    ev,
    'street',
    street / n + (address / n) * 0.4 + (named / n) * 0.3,
    fit,
    `${pct(street / n)} are street and number`,
  );
  put(ev, 'address', address / n, fit, `${pct(address / n)} are street, postcode and city`);
}
