import { type Company, type Customer, generateCompany } from './company.js';
import { asciiName } from './identity.js';
import { type CountryCode, generatePostcode, LOCALES } from './locales.js';
import { ipInBlocks } from './net.js';
import { formatPhone } from './phones.js';
import { deriveSeed, type Random, type Seed } from './random.js';
import { formatTimestamp } from './table.js';

/**
 * People outside our records (another shop's customers, strangers in a combolist) and the
 * accounts our own customers hold on other platforms. All realistic, from the locale tables,
 * so they differ from our customers by provenance only, never by looking generated.
 */

const emailSets = new WeakMap<Company, Set<string>>();

/** Our customers' emails, lower case (built once per company; meant for test-sized companies). */
export function emailsOf(company: Company): Set<string> {
  let set = emailSets.get(company);
  if (set === undefined) {
    set = new Set();
    for (const customer of company.customers()) set.add(customer.email.toLowerCase());
    emailSets.set(company, set);
  }
  return set;
}

/**
 * `count` people who are not our customers: another company's customers, drawn from the same
 * locales, skipping anyone whose email is one of ours (one address is one person).
 */
export function otherPeople(
  count: number,
  seed: Seed,
  countries: readonly CountryCode[],
  exclude?: Company,
): Customer[] {
  const ours = exclude === undefined ? undefined : emailsOf(exclude);
  const others = generateCompany({
    seed: deriveSeed('other-people', seed),
    customers: count * 2 + 100,
    countries,
    idPrefix: 'XX',
    since: '2012-01-01',
  });
  const out: Customer[] = [];
  for (const person of others.customers()) {
    if (out.length === count) break;
    if (ours?.has(person.email.toLowerCase())) continue;
    out.push(person);
  }
  if (out.length < count) throw new Error(`could only find ${out.length} of ${count} other people`);
  return out;
}

/** What another platform stored about a person: its own ids, username style, order numbers and address history. */
export interface PlatformAccount {
  readonly user_id: string;
  readonly username: string;
  readonly phone: string;
  readonly street: string;
  readonly postcode: string;
  readonly city: string;
  readonly region: string;
  readonly ip: string;
  readonly created_at: string;
  readonly order_id: string;
  readonly order_date: string;
}

/** The person's account on another platform (`MarketPlace`), which breached years before our data. */
export function platformAccount(person: Customer, rng: Random): PlatformAccount {
  const locale = LOCALES[person.country];
  const first = asciiName(person.first_name.split(' ')[0] ?? '', person.country);
  const last = asciiName(person.last_name, person.country);
  const username = rng.pick([
    `${first}_${last}${rng.int(1, 999)}`,
    `${first}.${last}`,
    `${last}${first}${rng.int(10, 99)}`,
    `${first}${rng.int(1960, 2005)}`,
  ]);
  // Their address history differs: an older flat, often in another city.
  const city = rng.chance(0.4)
    ? (locale.cities.find((c) => c.name === person.city) ?? rng.pick(locale.cities))
    : rng.pick(locale.cities);
  const created = Date.UTC(2012, 0, 1) + rng.next() * (Date.UTC(2019, 5, 1) - Date.UTC(2012, 0, 1));
  const ordered = created + rng.next() * (Date.UTC(2019, 6, 1) - created);
  return {
    user_id: String(rng.int(1_000_000, 89_999_999)),
    username,
    phone: formatPhone(person.phoneNumber, rng.pick(['national', 'compact', 'international'] as const)),
    street: locale.addressLine(
      locale.composeStreet(rng.weighted(locale.streetTypes), rng.pick(locale.streetNames)),
      locale.houseNumber(rng),
    ),
    postcode: generatePostcode(person.country, city, rng),
    city: city.name,
    region: city.region,
    ip: ipInBlocks(locale.ipBlocks, rng),
    created_at: formatTimestamp(created),
    order_id: `MP${rng.digits(9)}`,
    order_date: formatTimestamp(ordered),
  };
}

const COMMON_PASSWORDS = [
  '123456',
  '123456789',
  'password',
  'qwerty',
  '12345678',
  '111111',
  'abc123',
  'password1',
  '1234567',
  'iloveyou',
  'qwerty123',
  '000000',
  'sunshine',
  'princess',
  'football',
  'monkey',
  'letmein',
  'Password1',
  'azerty',
  'hallo123',
  'juventus',
  'barcelona',
  'arsenal',
  'ciao1234',
  'soleil',
  'schatz',
  'amore',
];

const WORDS = [
  'sole',
  'amore',
  'soleil',
  'chouchou',
  'sonne',
  'blume',
  'sol',
  'cielo',
  'summer',
  'dragon',
  'liefde',
  'tigre',
  'luna',
  'mare',
];

/** A password the way people choose them: common words, their name and birth year, keyboard runs. */
export function passwordFor(person: Customer, rng: Random): string {
  const first = asciiName(person.first_name.split(' ')[0] ?? '', person.country);
  const last = asciiName(person.last_name.split(' ')[0] ?? '', person.country);
  const year = person.date_of_birth.slice(0, 4);
  const roll = rng.next();
  if (roll < 0.3) return rng.pick(COMMON_PASSWORDS);
  if (roll < 0.7) {
    return rng.pick([
      `${first}${year}`,
      `${last}${year.slice(2)}`,
      `${first[0]?.toUpperCase() ?? ''}${first.slice(1)}${year.slice(2)}!`,
      `${first}${last}`,
      `${first}${rng.int(1, 99)}`,
    ]);
  }
  if (roll < 0.9) return `${rng.pick(WORDS)}${rng.int(1, 2024)}`;
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!$%&*';
  let out = '';
  for (let i = rng.int(10, 16); i > 0; i--) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

/** Fixed seeds per builder, so two builders called with the same seed still draw different rows. */
export function builderSeed(kind: string, seed: Seed): number {
  return deriveSeed('leak', kind, seed);
}
