import { base, de, en, en_GB, en_US, es, Faker, fr, it, type LocaleDefinition, nl } from '@faker-js/faker';
import type { CountryCode } from './locales.js';
import { LOCALES } from './locales.js';
import { formatCents } from './orders.js';
import type { SampleRecord } from './sample.js';
import { formatDate, formatTimestamp } from './table.js';

/**
 * Fabricated rows, made the way fabricators make them: with @faker-js/faker. This is the only
 * place in src/synth that uses faker; its dictionaries and templates are exactly what the
 * fabrication signals look for, so they must never leak into the genuine company data.
 */

const FAKER_LOCALES: Readonly<Record<CountryCode, LocaleDefinition>> = {
  IT: it,
  FR: fr,
  DE: de,
  ES: es,
  GB: en_GB,
  US: en_US,
  NL: nl,
};

/** Faker's "now", fixed so that ages and dates do not move with the clock. */
const REFERENCE_DATE = new Date('2025-07-01T00:00:00Z');

/** A seeded faker for a country: `fakerFor('IT', 42)`. */
export function fakerFor(country: CountryCode, seed: number): Faker {
  const faker = new Faker({ locale: [FAKER_LOCALES[country], en, base] });
  faker.seed(seed);
  faker.setDefaultRefDate(REFERENCE_DATE);
  return faker;
}

/** Addresses no customer signs up from: private, loopback, CGNAT, documentation, multicast. */
function reservedIp(faker: Faker): string {
  const octet = () => faker.number.int({ min: 1, max: 254 });
  return faker.helpers.arrayElement([
    () => `10.${octet()}.${octet()}.${octet()}`,
    () => `192.168.${faker.number.int({ min: 0, max: 20 })}.${octet()}`,
    () => `172.${faker.number.int({ min: 16, max: 31 })}.${octet()}.${octet()}`,
    () => '127.0.0.1',
    () => `100.${faker.number.int({ min: 64, max: 127 })}.${octet()}.${octet()}`,
    () => `${faker.number.int({ min: 224, max: 239 })}.${octet()}.${octet()}.${octet()}`,
    () => `0.${octet()}.${octet()}.${octet()}`,
  ])();
}

/** A number no operator assigns: too short, all one digit, or a valid-looking prefix of the wrong length. */
function invalidPhone(faker: Faker, country: CountryCode): string {
  const cc = LOCALES[country].callingCode;
  return faker.helpers.arrayElement([
    () => `+${cc} ${faker.string.numeric(5)}`,
    () => `${faker.string.numeric(1)}`.repeat(10),
    () => `+${cc} 0${faker.string.numeric(12)}`,
    () => '123456789',
    () => `555-${faker.string.numeric(4)}`,
  ])();
}

export interface FabricationOptions {
  /** Share of IP addresses forced into reserved ranges (faker's own IPv4s hit them ~14% of the time anyway). */
  readonly reservedIpShare?: number;
  /** Share of phone numbers deliberately invalid (on top of faker's templates, many of which are invalid). */
  readonly invalidPhoneShare?: number;
  /** House id prefix the fabricator imitates (without knowing the check digit). */
  readonly imitateIdPrefix?: string;
}

/** One fabricated person (and order) as a sample record. */
export function fabricatedRecord(
  faker: Faker,
  country: CountryCode,
  options: FabricationOptions = {},
): SampleRecord {
  const sex = faker.person.sexType();
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName();
  // Fabricators often build the email and username from another generated name.
  const matched = faker.datatype.boolean(0.7);
  const otherFirst = matched ? firstName : faker.person.firstName();
  const otherLast = matched ? lastName : faker.person.lastName();
  const birth = faker.date.birthdate({ mode: 'age', min: 18, max: 80 });
  const created = faker.date.between({ from: '2016-01-01T00:00:00Z', to: '2025-06-30T23:59:59Z' });
  const ordered = faker.date.between({ from: created, to: REFERENCE_DATE });
  const prefix = options.imitateIdPrefix ?? 'SC';
  return {
    customer_id: faker.datatype.boolean(0.6)
      ? `${prefix}-${faker.string.numeric({ length: 8, allowLeadingZeros: true })}`
      : String(faker.number.int({ min: 1000, max: 9_999_999 })),
    username: faker.internet.username({ firstName: otherFirst, lastName: otherLast }),
    first_name: firstName,
    last_name: lastName,
    full_name: `${firstName} ${lastName}`,
    email: faker.internet.email({ firstName: otherFirst, lastName: otherLast }),
    phone: faker.datatype.boolean(options.invalidPhoneShare ?? 0.1)
      ? invalidPhone(faker, country)
      : faker.phone.number(),
    date_of_birth: formatDate(birth.getTime()),
    gender: sex === 'female' ? 'F' : 'M',
    street: faker.location.streetAddress(),
    postcode: faker.location.zipCode(),
    city: faker.location.city(),
    region: faker.location.state(),
    country,
    ip: faker.datatype.boolean(options.reservedIpShare ?? 0.05) ? reservedIp(faker) : faker.internet.ipv4(),
    created_at: formatTimestamp(created.getTime()),
    order_id: `ORD-${ordered.getUTCFullYear()}-${faker.string.numeric({ length: 7, allowLeadingZeros: true })}`,
    order_date: formatTimestamp(ordered.getTime()),
    amount: formatCents(Math.round(Number(faker.commerce.price({ min: 5, max: 400 })) * 100)),
    currency: LOCALES[country].currency,
  };
}
