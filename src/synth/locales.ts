import { DE } from './locales/de.js';
import { ES } from './locales/es.js';
import { FR } from './locales/fr.js';
import { GB } from './locales/gb.js';
import { IT } from './locales/it.js';
import { NL } from './locales/nl.js';
import { US } from './locales/us.js';
import type { Random } from './random.js';

/**
 * Hand-written reference data per country for the *genuine* side of the synthetic data.
 * It deliberately does not come from @faker-js/faker: faker's dictionaries are what
 * fabricated samples are made of, and the product flags them as a fabrication signal, so
 * the company's own customers must be drawn from a separate, realistic table. Names are
 * listed roughly by frequency (the generator weights them by rank); postcodes, regions and
 * area codes are real for their city, so a postcode/city consistency check passes on them.
 */

export type CountryCode = 'IT' | 'FR' | 'DE' | 'ES' | 'GB' | 'US' | 'NL';

export const COUNTRY_CODES: readonly CountryCode[] = ['IT', 'FR', 'DE', 'ES', 'GB', 'US', 'NL'];

export interface City {
  readonly name: string;
  /** Region, state or constituent country as a local would write it (US: state abbreviation). */
  readonly region: string;
  /**
   * Real postcodes of the city: single codes or inclusive numeric ranges `from-to`
   * (GB: outward codes, the inward part is generated; NL: the 4 digits, letters generated).
   */
  readonly postcodes: readonly string[];
  /** Geographic numbering of the city: area code as the start of the national number and its full length. */
  readonly landline?: { readonly area: string; readonly length: number };
  /** US only: the city's area codes (NPA). */
  readonly areaCodes?: readonly string[];
}

export interface Locale {
  readonly country: CountryCode;
  /** Language of the country's headers and words, ISO 639-1. */
  readonly language: string;
  readonly currency: 'EUR' | 'GBP' | 'USD';
  readonly callingCode: string;
  readonly femaleNames: readonly string[];
  readonly maleNames: readonly string[];
  readonly surnames: readonly string[];
  /** Probability that a person carries two surnames (Spain: paternal and maternal). */
  readonly doubleSurname: number;
  readonly cities: readonly City[];
  readonly streetTypes: readonly (readonly [string, number])[];
  readonly streetNames: readonly string[];
  /** Street type and name as written locally: `Via` + `Roma`, `Goethe` + `Straße` → `Goethestraße`. */
  composeStreet(type: string, name: string): string;
  /** Street and house number as written locally: `Via Roma 12`, `12 rue de la Paix`. */
  addressLine(street: string, houseNumber: string): string;
  /** A house number as written locally (`12`, `12/A`, `7 bis`, `12, 3º B`). */
  houseNumber(rng: Random): string;
  /** Mobile national significant numbers (no trunk prefix) as templates, `x` = any digit: `333xxxxxxx`. */
  readonly mobiles: readonly string[];
  readonly emailDomains: readonly (readonly [string, number])[];
  /** Public IPv4 blocks (CIDR) of the country's large consumer ISPs. */
  readonly ipBlocks: readonly string[];
}

export const LOCALES: Readonly<Record<CountryCode, Locale>> = { IT, FR, DE, ES, GB, US, NL };

export function localeOf(country: CountryCode): Locale {
  return LOCALES[country];
}

export function isCountryCode(value: string): value is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(value);
}

// GB inward codes never use C, I, K, M, O or V; NL postcode letters never use F, I, O, Q, U or Y.
const GB_INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];
const NL_LETTERS = [...'ABCDEGHJKLMNPRSTVWXZ'];
const NL_FORBIDDEN_PAIRS = new Set(['SA', 'SD', 'SS']);

/** A real postcode of `city`, written as the country writes it: `20121`, `SW1A 2AA`, `1012 AB`. */
export function generatePostcode(country: CountryCode, city: City, rng: Random): string {
  const entry = rng.pick(city.postcodes);
  if (country === 'GB') {
    return `${entry} ${rng.int(0, 9)}${rng.pick(GB_INWARD_LETTERS)}${rng.pick(GB_INWARD_LETTERS)}`;
  }
  const digits = pickFromRange(entry, rng);
  if (country === 'NL') {
    let letters = 'SS';
    while (NL_FORBIDDEN_PAIRS.has(letters)) letters = rng.pick(NL_LETTERS) + rng.pick(NL_LETTERS);
    return `${digits} ${letters}`;
  }
  return digits;
}

/** Whether `postcode` is one of the postcodes (or ranges) listed for `city`. */
export function postcodeBelongsTo(country: CountryCode, city: City, postcode: string): boolean {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return city.postcodes.some((entry) => {
    if (country === 'GB') return compact.length === entry.length + 3 && compact.startsWith(entry);
    const digits = country === 'NL' ? compact.slice(0, 4) : compact;
    const [from, to = from] = entry.split('-') as [string, string?];
    return digits.length === from.length && /^\d+$/.test(digits) && digits >= from && digits <= to;
  });
}

function pickFromRange(entry: string, rng: Random): string {
  const dash = entry.indexOf('-');
  if (dash < 0) return entry;
  const from = entry.slice(0, dash);
  const to = entry.slice(dash + 1);
  return String(rng.int(Number(from), Number(to))).padStart(from.length, '0');
}
