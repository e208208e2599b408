import type { CountryCode } from './locales.js';
import { fmix32, type Random } from './random.js';

/**
 * The identifiers of a customer: the house id scheme, the email addresses and usernames
 * people derive from their names, and the filter that keeps both unique across millions of
 * customers in a few megabytes.
 */

const foldCache = new Map<string, string>();

/**
 * A name as people type it into an address: ASCII lower case, no spaces or apostrophes.
 * Germans usually write ü as ue in addresses: `Müller` → `mueller` (DE) or `muller`.
 */
export function asciiName(name: string, country?: CountryCode): string {
  const key = country === 'DE' ? `DE:${name}` : name;
  const cached = foldCache.get(key);
  if (cached !== undefined) return cached;
  let text = name.toLowerCase();
  if (country === 'DE') text = text.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
  text = text
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/ø/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');
  if (foldCache.size < 10_000) foldCache.set(key, text);
  return text;
}

export interface Person {
  readonly firstName: string;
  readonly lastName: string;
  /** The surname people use in addresses when they carry two (Spain): `García` of `García Márquez`. */
  readonly primarySurname?: string;
  readonly birthYear: number;
  readonly country: CountryCode;
}

interface NameParts {
  readonly first: string;
  readonly last: string;
  readonly yy: string;
  readonly yyyy: string;
}

type LocalPart = (p: NameParts, rng: Random) => string;

const LOCAL_PARTS: readonly (readonly [LocalPart, number])[] = [
  [(p) => `${p.first}.${p.last}`, 30],
  [(p) => `${p.first}${p.last}`, 12],
  [(p) => `${p.first[0]}.${p.last}`, 6],
  [(p) => `${p.first[0]}${p.last}`, 5],
  [(p) => `${p.first}.${p.last}${p.yy}`, 10],
  [(p) => `${p.first}${p.last}${p.yyyy}`, 5],
  [(p) => `${p.first}_${p.last}`, 5],
  [(p) => `${p.last}.${p.first}`, 4],
  [(p, rng) => `${p.first}${rng.int(1, 999)}`, 6],
  [(p) => `${p.first}${p.last[0]}${p.yy}`, 5],
  [(p) => `${p.last}${p.first[0]}`, 3],
  [(p) => `${p.first}-${p.last}`, 2],
];

// When the address is taken, providers suggest the birth year, then any number.
const TAKEN_WITH_YEAR: readonly (readonly [LocalPart, number])[] = [
  [(p) => `${p.first}.${p.last}${p.yy}`, 3],
  [(p) => `${p.first}${p.last}${p.yy}`, 2],
  [(p) => `${p.first[0]}${p.last}${p.yy}`, 1],
];
const TAKEN_BASES: readonly LocalPart[] = [
  (p) => `${p.first}.${p.last}`,
  (p) => `${p.first}${p.last}`,
  (p) => `${p.first}_${p.last}`,
  (p) => `${p.first[0]}${p.last}`,
];

const PLUS_TAG_DOMAINS = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'icloud.com', 'posteo.de']);

/** An address derived from the person's name as people really pick them: `giulia.rossi84@libero.it`. */
export function emailFor(person: Person, domain: string, rng: Random, attempt: number): string {
  const parts = nameParts(person);
  let local: string;
  if (attempt === 0) local = rng.weighted(LOCAL_PARTS)(parts, rng);
  else if (attempt === 1) local = rng.weighted(TAKEN_WITH_YEAR)(parts, rng);
  else local = rng.pick(TAKEN_BASES)(parts, rng) + String(rng.int(1, attempt < 5 ? 999 : 999_999));
  if (PLUS_TAG_DOMAINS.has(domain) && rng.chance(0.04))
    local += `+${rng.pick(['shop', 'shopco', 'orders', 'online'])}`;
  return `${local}@${domain}`;
}

/** The company's username style: first initial, surname, two digits (`mrossi84`); more digits when taken. */
export function houseUsername(person: Person, rng: Random, attempt: number): string {
  const parts = nameParts(person);
  // In a big shop the short forms run out: each failed attempt widens the number.
  const width = attempt < 3 ? 2 : attempt < 6 ? 3 : attempt < 10 ? 4 : 6;
  const digits = attempt === 0 && rng.chance(0.5) ? parts.yy : rng.digits(width);
  return `${parts.first[0]}${parts.last.slice(0, 12)}${digits}`;
}

const firstCache = new Map<string, string>();

function nameParts(person: Person): NameParts {
  const key = `${person.country}|${person.firstName}`;
  let first = firstCache.get(key);
  if (first === undefined) {
    // A first name of two words is usually typed as its first word in an address.
    first = asciiName(person.firstName.split(/[\s-]/)[0] ?? '', person.country) || 'x';
    if (firstCache.size < 10_000) firstCache.set(key, first);
  }
  const last = asciiName(person.primarySurname ?? person.lastName, person.country) || 'x';
  const yyyy = String(person.birthYear);
  return { first, last, yy: yyyy.slice(2), yyyy };
}

/** A check digit over the decimal digits (Luhn), the kind a house id scheme carries. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** `SC-00012345`: prefix, a 7-digit sequence and its Luhn digit. */
export function formatCustomerId(prefix: string, sequence: number): string {
  const digits = String(sequence).padStart(7, '0');
  return `${prefix}-${digits}${luhnDigit(digits)}`;
}

export function isValidCustomerId(id: string, prefix = 'SC'): boolean {
  const match = new RegExp(`^${prefix}-(\\d{7,})(\\d)$`).exec(id);
  return match !== null && luhnDigit(match[1]!) === Number(match[2]);
}

/**
 * Remembers strings in a fixed bit array (a Bloom filter with two hashes). A false "seen"
 * only makes the generator pick another variant, so uniqueness holds while memory stays at
 * two bytes per expected entry, whatever the company size.
 */
export class SeenFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(expected: number) {
    let size = 1 << 20;
    while (size < expected * 16 && size < 2 ** 30) size *= 2;
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
  }

  /** Adds `text`; returns false when it was (probably) there already. */
  add(text: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    // Finalise both: raw FNV low bits are too regular to index a bit array with.
    const a = fmix32(h1) & this.mask;
    const b = fmix32(h2 ^ text.length) & this.mask;
    const seen = this.test(a) && this.test(b);
    this.set(a);
    this.set(b);
    return !seen;
  }

  private test(bit: number): boolean {
    return (this.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  private set(bit: number): void {
    this.bits[bit >>> 5] = this.bits[bit >>> 5]! | (1 << (bit & 31));
  }
}
