import type { City, CountryCode, Locale } from './locales.js';
import type { Random } from './random.js';

/**
 * Phone numbers that are valid under libphonenumber-js (checked in phones.test.ts), written
 * the ways people and systems write them. Formatting is done by hand per country rather
 * than through libphonenumber-js, whose parse-and-format costs tens of microseconds a
 * number: generating millions of customers must stay cheap.
 */

export interface Phone {
  readonly country: CountryCode;
  /** National significant number: no trunk prefix, no country code (Italian landlines keep their 0). */
  readonly nsn: string;
  readonly mobile: boolean;
}

export type PhoneStyle = 'e164' | 'international' | 'national' | 'compact' | 'alt' | 'idd';

export const PHONE_STYLES: readonly PhoneStyle[] = [
  'e164',
  'international',
  'national',
  'compact',
  'alt',
  'idd',
];

/** A mobile (or, with probability `landlineShare`, a landline of the city) valid for the country. */
export function generatePhone(locale: Locale, city: City, rng: Random, landlineShare = 0.1): Phone {
  const country = locale.country;
  if (city.areaCodes !== undefined) {
    return { country, nsn: rng.pick(city.areaCodes) + nanpSubscriber(rng), mobile: true };
  }
  const landline = city.landline;
  if (landline !== undefined && rng.chance(landlineShare)) {
    // Subscriber numbers never start with 0 or 1 (those introduce other services).
    const rest = String(rng.int(2, 9)) + rng.digits(landline.length - landline.area.length - 1);
    return { country, nsn: landline.area + rest, mobile: false };
  }
  return { country, nsn: fillTemplate(rng.pick(locale.mobiles), rng), mobile: true };
}

function fillTemplate(template: string, rng: Random): string {
  let out = '';
  for (const ch of template) out += ch === 'x' ? String.fromCharCode(48 + rng.int(0, 9)) : ch;
  return out;
}

/** Exchange and line of a North American number: the exchange is [2-9]xx, never N11 nor 555. */
function nanpSubscriber(rng: Random): string {
  for (;;) {
    const exchange = String(rng.int(200, 999));
    if (exchange.endsWith('11') || exchange === '555') continue;
    return exchange + rng.digits(4);
  }
}

interface CountryFormat {
  readonly callingCode: string;
  readonly trunk: string;
  /** The digit groups of the national significant number as written in the country. */
  groups(nsn: string): string[];
  national(groups: string[], nsn: string): string;
  alt(groups: string[], nsn: string): string;
}

const split = (text: string, ...sizes: number[]): string[] => {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= text.length) break;
    out.push(text.slice(at, at + size));
    at += size;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
};

/** Splits a subscriber part the way most of Europe reads it aloud: 123 456, 123 4567, 1234 5678. */
const splitRest = (rest: string): string[] =>
  rest.length <= 5 ? [rest] : rest.length === 6 ? split(rest, 3) : split(rest, rest.length - 4);

function gbGroups(nsn: string): string[] {
  if (nsn.startsWith('7')) return split(nsn, 4);
  if (nsn.startsWith('2')) return split(nsn, 2, 4);
  // Large cities have three-digit codes (0161, 0113); others four (01273).
  const threeDigit = nsn[1] === '1' || nsn[2] === '1';
  return threeDigit ? split(nsn, 3, 3) : split(nsn, 4);
}

const FORMATS: Readonly<Record<CountryCode, CountryFormat>> = {
  IT: {
    callingCode: '39',
    trunk: '',
    groups: (nsn) =>
      nsn.startsWith('3') ? [nsn.slice(0, 3), ...splitRest(nsn.slice(3))] : italianLandline(nsn),
    national: (g) => g.join(' '),
    alt: (g) => `${g[0]}/${g.slice(1).join('')}`,
  },
  FR: {
    callingCode: '33',
    trunk: '0',
    groups: (nsn) => [nsn.slice(0, 1), ...split(nsn.slice(1), 2, 2, 2, 2)],
    national: (g) => `0${g.join(' ')}`,
    alt: (g) => `0${g.join('.')}`,
  },
  DE: {
    callingCode: '49',
    trunk: '0',
    groups: (nsn) => (nsn.startsWith('1') ? split(nsn, 3) : germanLandline(nsn)),
    national: (g) => `0${g.join(' ')}`,
    alt: (g) => `0${g[0]}/${g.slice(1).join('')}`,
  },
  ES: {
    callingCode: '34',
    trunk: '',
    groups: (nsn) => split(nsn, 3, 3, 3),
    national: (g) => g.join(' '),
    alt: (_g, nsn) => split(nsn, 3, 2, 2, 2).join(' '),
  },
  GB: {
    callingCode: '44',
    trunk: '0',
    groups: gbGroups,
    national: (g) => `0${g.join(' ')}`,
    alt: (g) => `+44 (0)${g.join(' ')}`,
  },
  US: {
    callingCode: '1',
    trunk: '',
    groups: (nsn) => split(nsn, 3, 3, 4),
    national: (g) => `(${g[0]}) ${g[1]}-${g[2]}`,
    alt: (g) => g.join('.'),
  },
  NL: {
    callingCode: '31',
    trunk: '0',
    groups: (nsn) => (nsn.startsWith('6') ? split(nsn, 1) : split(nsn, 2)),
    national: (g) => `0${g[0]}-${g.slice(1).join('')}`,
    alt: (g) => `+31 (0)${g.join(' ')}`,
  },
};

const ITALIAN_FOUR_DIGIT_AREAS = new Set(['0521', '0832', '0965', '0583', '0881']);

function italianLandline(nsn: string): string[] {
  // Milano (02) and Roma (06) have two-digit codes, smaller cities such as Parma four.
  const areaLength =
    nsn[1] === '2' || nsn[1] === '6' ? 2 : ITALIAN_FOUR_DIGIT_AREAS.has(nsn.slice(0, 4)) ? 4 : 3;
  return [nsn.slice(0, areaLength), ...splitRest(nsn.slice(areaLength))];
}

function germanLandline(nsn: string): string[] {
  // Berlin, Hamburg, München and Frankfurt have two-digit area codes, the other big cities three.
  const areaLength = ['30', '40', '69', '89'].includes(nsn.slice(0, 2)) ? 2 : 3;
  return [nsn.slice(0, areaLength), nsn.slice(areaLength)];
}

/** Writes a number: `formatPhone(p, 'national')` → `0151 12345678`, `'e164'` → `+4915112345678`. */
export function formatPhone(phone: Phone, style: PhoneStyle): string {
  const format = FORMATS[phone.country];
  const cc = format.callingCode;
  const groups = format.groups(phone.nsn);
  switch (style) {
    case 'e164':
      return `+${cc}${phone.nsn}`;
    case 'international':
      return phone.country === 'US' ? `+1 ${groups.join('-')}` : `+${cc} ${groups.join(' ')}`;
    case 'national':
      return format.national(groups, phone.nsn);
    case 'compact':
      return format.trunk + phone.nsn;
    case 'alt':
      return format.alt(groups, phone.nsn);
    case 'idd':
      // From inside North America a long-distance call starts with the trunk 1.
      return phone.country === 'US' ? `1-${groups.join('-')}` : `00${cc} ${groups.join(' ')}`;
  }
}
