import { faker as de } from '@faker-js/faker/locale/de';
import { faker as deAT } from '@faker-js/faker/locale/de_AT';
import { faker as deCH } from '@faker-js/faker/locale/de_CH';
import { faker as en } from '@faker-js/faker/locale/en';
import { faker as enAU } from '@faker-js/faker/locale/en_AU';
import { faker as enGB } from '@faker-js/faker/locale/en_GB';
import { faker as enUS } from '@faker-js/faker/locale/en_US';
import { faker as es } from '@faker-js/faker/locale/es';
import { faker as fr } from '@faker-js/faker/locale/fr';
import { faker as it } from '@faker-js/faker/locale/it';
import { faker as nl } from '@faker-js/faker/locale/nl';
import { faker as pl } from '@faker-js/faker/locale/pl';
import { faker as ptPT } from '@faker-js/faker/locale/pt_PT';
import { foldWord } from '../name-derivation.js';

/**
 * The dictionaries and templates of @faker-js/faker, the generator most fabricated "leaks"
 * are made with, per country. Read from faker's own locale data (so they follow faker
 * upgrades), folded the way the signals compare names (lower-case ASCII words).
 */

type Definitions = Record<string, Record<string, unknown>>;

const LOCALE_BY_COUNTRY: Readonly<Record<string, { readonly rawDefinitions: unknown }>> = {
  IT: it,
  FR: fr,
  DE: de,
  ES: es,
  GB: enGB,
  US: enUS,
  NL: nl,
  PT: ptPT,
  PL: pl,
  AT: deAT,
  CH: deCH,
  AU: enAU,
  IE: en,
  CA: en,
};

/** A word's probability when faker draws a name: sexes equally likely, entries uniform. */
export interface NameList {
  readonly probability: ReadonlyMap<string, number>;
  /** Σ p², the chance two independent draws give the same word. */
  readonly collision: number;
}

export interface FakerLocale {
  readonly firstNames: NameList;
  readonly lastNames: NameList;
  readonly freeEmail: readonly string[];
  /** City patterns that invent places (those naming a real city from a list are left out). */
  readonly cityTemplates: readonly RegExp[];
  readonly streetTemplates: readonly RegExp[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function wordsOf(name: string): string[] {
  return name
    .split(/[\s\-'’]+/)
    .map(foldWord)
    .filter((w) => w.length >= 2);
}

function nameList(groups: readonly string[][]): NameList {
  const probability = new Map<string, number>();
  const used = groups.filter((g) => g.length > 0);
  for (const group of used) {
    for (const entry of group) {
      const words = wordsOf(entry);
      for (const w of words) {
        probability.set(w, (probability.get(w) ?? 0) + 1 / used.length / group.length / words.length);
      }
    }
  }
  let collision = 0;
  for (const p of probability.values()) collision += p * p;
  return { probability, collision };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const NAME = "([\\p{L}'’-]+?)";

/** A faker pattern (`{{location.city_prefix}} {{person.firstName}}`) as an anchored regex; null if it names a list of real places. */
function templateRegex(pattern: string, location: Record<string, unknown>): RegExp | null {
  // Patterns picking a real place from a list, or naming no person, invent nothing we can tell.
  if (/city_name|street_name/.test(pattern) || !/person\.(firstName|lastName)/.test(pattern)) return null;
  let ok = true;
  const body = pattern
    .split(/(\{\{[^}]+\}\})/)
    .map((part) => {
      const m = /^\{\{(\w+)\.(\w+)\}\}$/.exec(part);
      if (!m) return escapeRegex(part);
      if (m[1] === 'person')
        return m[2] === 'firstName' ? NAME.replace('(', '(?<f>') : NAME.replace('(', '(?<l>');
      const list = strings(location[m[2]!]);
      if (list.length === 0) ok = false;
      return `(?:${list.map((s) => escapeRegex(s.trim())).join('|')})`;
    })
    .join('');
  // Several names in one pattern (en_GB "Lastname-upon-Lastname") need distinct group names.
  let k = 0;
  const unique = body.replace(/\(\?<([fl])>/g, (_, g: string) => `(?<${g}${k++}>`);
  return ok ? new RegExp(`^${unique}$`, 'iu') : null;
}

function templates(patterns: unknown, location: Record<string, unknown>): RegExp[] {
  const list = Array.isArray(patterns)
    ? patterns.map((p) =>
        typeof p === 'string' ? p : ((p as { value?: unknown })?.value as string | undefined),
      )
    : [];
  return list
    .filter((p): p is string => typeof p === 'string')
    .flatMap((p) => templateRegex(p, location) ?? []);
}

function build(source: { readonly rawDefinitions: unknown }): FakerLocale {
  const defs = source.rawDefinitions as Definitions;
  const person = defs['person'] ?? {};
  const location = defs['location'] ?? {};
  const first = (person['first_name'] ?? {}) as Record<string, unknown>;
  const last = (person['last_name'] ?? {}) as Record<string, unknown>;
  const bySex = [strings(first['female']), strings(first['male'])];
  return {
    firstNames: nameList(bySex.some((g) => g.length > 0) ? bySex : [strings(first['generic'])]),
    lastNames: nameList([strings(last['generic'])]),
    freeEmail: strings(defs['internet']?.['free_email']),
    cityTemplates: templates(location['city_pattern'], location),
    streetTemplates: templates(location['street_pattern'], location),
  };
}

const cache = new Map<string, FakerLocale>();

/** Faker's data for a country's locale, or for `en` (what faker falls back to and what fabricators default to). */
export function fakerLocale(country: string | undefined): FakerLocale {
  const key = country !== undefined && country in LOCALE_BY_COUNTRY ? country : 'EN';
  let locale = cache.get(key);
  if (locale === undefined) {
    locale = build(LOCALE_BY_COUNTRY[key] ?? en);
    cache.set(key, locale);
  }
  return locale;
}

let allNames: { first: Set<string>; last: Set<string> } | undefined;

/** Every first-name and surname word of every locale above: a dictionary of person names. */
export function fakerNameWords(): {
  readonly first: ReadonlySet<string>;
  readonly last: ReadonlySet<string>;
} {
  if (allNames) return allNames;
  const first = new Set<string>();
  const last = new Set<string>();
  for (const country of [...Object.keys(LOCALE_BY_COUNTRY), 'EN']) {
    const locale = fakerLocale(country);
    for (const w of locale.firstNames.probability.keys()) first.add(w);
    for (const w of locale.lastNames.probability.keys()) last.add(w);
  }
  allNames = { first, last };
  return allNames;
}

/** Domains reserved for examples and tests (RFC 2606, RFC 6761): no mailbox is there. */
export function isReservedEmailDomain(domain: string): boolean {
  return (
    /^example\.(com|net|org)$/.test(domain) || /(^|\.)(example|test|invalid|localhost|local)$/.test(domain)
  );
}
