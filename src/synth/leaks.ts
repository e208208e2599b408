import type { Company, Customer } from './company.js';
import { fabricatedRecord, fakerFor } from './fakes.js';
import type { CountryCode } from './locales.js';
import { addNoise, customerRecord, type DateStyle, formatDateStyle } from './noise.js';
import { builderSeed, otherPeople, passwordFor, platformAccount } from './people.js';
import { deriveSeed, Random, type Seed } from './random.js';
import {
  concatSamples,
  type HeaderStyle,
  type LeakSample,
  type RowTruth,
  type SampleField,
  type SampleRecord,
  shapeSample,
  shuffleSample,
} from './sample.js';

/**
 * Builders of claimed-leak samples with known truth, one per story the product must tell
 * apart (SPEC "Verdict labels"). Each returns rows plus, per row, what it really is and
 * which of our customers its person is, if any.
 */

export interface SampleOptions {
  readonly n: number;
  readonly seed?: Seed;
  readonly fields?: readonly SampleField[];
  readonly headers?: HeaderStyle;
  /** How dates of birth are written (default: by header language, ISO for English). */
  readonly dateStyle?: DateStyle;
}

/** The columns of a typical "customer database" sample. */
export const DEFAULT_FIELDS: readonly SampleField[] = [
  'customer_id',
  'username',
  'first_name',
  'last_name',
  'email',
  'phone',
  'date_of_birth',
  'street',
  'postcode',
  'city',
  'country',
  'ip',
  'order_id',
  'amount',
];

const DATE_STYLE_BY_HEADERS: Readonly<Record<HeaderStyle, DateStyle>> = {
  en: 'iso',
  nested: 'iso',
  it: 'dmy-slash',
  fr: 'dmy-slash',
  es: 'dmy-slash',
  de: 'dmy-dot',
};

function settings(kind: string, options: SampleOptions, seedFallback: Seed = options.n) {
  const headers = options.headers ?? 'en';
  return {
    rng: new Random(builderSeed(kind, options.seed ?? seedFallback)),
    fields: options.fields ?? DEFAULT_FIELDS,
    headers,
    dateStyle: options.dateStyle ?? DATE_STYLE_BY_HEADERS[headers],
  };
}

function randomCustomers(company: Company, n: number, rng: Random): Customer[] {
  return company.customersAt(rng.sampleIndices(company.size, n));
}

export interface GenuineOptions extends SampleOptions {
  /** 0: rows exactly as stored; 0.1 (default): typical re-export noise; 0.3: heavily worked over. */
  readonly noise?: number;
  /** Join one of the customer's orders to each row (default true). */
  readonly withOrders?: boolean;
}

/** Rows copied from our records, with realistic noise: `genuineExport(company, { n: 1000, noise: 0.1 })`. */
export function genuineExport(company: Company, options: GenuineOptions): LeakSample {
  const { rng, fields, headers, dateStyle } = settings('genuine', options);
  const customers = randomCustomers(company, options.n, rng);
  const records = customers.map((customer) => {
    const orders = options.withOrders === false ? [] : company.ordersOf(customer);
    const order = orders.length > 0 ? rng.pick(orders) : undefined;
    return addNoise(customerRecord(customer, order, dateStyle), customer, options.noise ?? 0.1, rng);
  });
  const truth = customers.map((c): RowTruth => ({ truth: 'genuine', customerId: c.customer_id }));
  return shapeSample('genuine-export', records, truth, fields, headers);
}

export interface FabricatedOptions extends Omit<SampleOptions, 'n'> {
  /** The faker locale the fabricator used (default IT). */
  readonly locale?: CountryCode;
}

function fabricatedRecords(
  count: number,
  countries: readonly CountryCode[],
  seed: number,
  dateStyle: DateStyle,
) {
  const fakers = new Map(countries.map((country, i) => [country, fakerFor(country, seed + i)] as const));
  const rng = new Random(seed);
  const records: SampleRecord[] = [];
  for (let i = 0; i < count; i++) {
    const country = rng.pick(countries);
    const record = fabricatedRecord(fakers.get(country)!, country);
    if (record.date_of_birth) record.date_of_birth = formatDateStyle(record.date_of_birth, dateStyle);
    records.push(record);
  }
  return records;
}

/** Rows generated with @faker-js/faker (seeded), including reserved IPs and invalid phones. */
export function fabricated(n: number, options: FabricatedOptions = {}): LeakSample {
  const { fields, headers, dateStyle } = settings('fabricated', { ...options, n });
  // Seeded like a fabricator would: `faker.seed(n)` unless a seed is given.
  const seed = options.seed ?? n;
  const records = fabricatedRecords(
    n,
    [options.locale ?? 'IT'],
    typeof seed === 'number' ? seed >>> 0 : deriveSeed(seed),
    dateStyle,
  );
  return shapeSample(
    'fabricated',
    records,
    records.map((): RowTruth => ({ truth: 'fabricated' })),
    fields,
    headers,
  );
}

export interface OtherPlatformOptions extends SampleOptions {
  /** Share of rows whose person is one of our customers (default 1/3). */
  readonly overlapShare?: number;
}

/**
 * Another platform's breach: for `overlapShare` of the rows the same people as our
 * customers (names, emails, dates of birth, phones), but that platform's own user ids,
 * usernames, order numbers and address history; the other rows are other people.
 */
export function otherPlatform(company: Company, options: OtherPlatformOptions): LeakSample {
  const { rng, fields, headers, dateStyle } = settings('other-platform', options);
  const overlap = Math.round(options.n * (options.overlapShare ?? 1 / 3));
  const ours = randomCustomers(company, overlap, rng);
  const strangers = otherPeople(options.n - overlap, rng.uint32(), company.countries, company);
  const people = [...ours.map((p) => [p, true] as const), ...strangers.map((p) => [p, false] as const)];
  rng.shuffle(people);
  const records = people.map(([person]) => {
    const account = platformAccount(person, rng);
    return {
      ...customerRecord(person, undefined, dateStyle),
      ...account,
      customer_id: account.user_id,
      amount: `${rng.int(5, 300)}.${rng.pick(['00', '99', '90', '50'])}`,
    };
  });
  const truth = people.map(
    ([person, isOurs]): RowTruth =>
      isOurs ? { truth: 'other-platform', customerId: person.customer_id } : { truth: 'other-platform' },
  );
  return shapeSample('other-platform', records, truth, fields, headers);
}

export interface CombolistOptions {
  readonly n: number;
  /** Share of lines carrying one of our customers' emails (default 0.5). */
  readonly share?: number;
  readonly seed?: Seed;
}

/** `email:password` lines, `share` of them with our customers' emails. Fields: email, password. */
export function combolist(company: Company, options: CombolistOptions): LeakSample {
  const rng = new Random(builderSeed('combolist', options.seed ?? options.n));
  const oursCount = Math.round(options.n * (options.share ?? 0.5));
  const ours = randomCustomers(company, oursCount, rng);
  const strangers = otherPeople(options.n - oursCount, rng.uint32(), company.countries, company);
  const people = rng.shuffle([
    ...ours.map((p) => [p, true] as const),
    ...strangers.map((p) => [p, false] as const),
  ]);
  const records = people.map(
    ([person]): SampleRecord => ({ email: person.email, password: passwordFor(person, rng) }),
  );
  const truth = people.map(
    ([person, isOurs]): RowTruth =>
      isOurs ? { truth: 'combolist', customerId: person.customer_id } : { truth: 'combolist' },
  );
  return shapeSample('combolist', records, truth, ['email', 'password'], 'en');
}

/** Our customers' real emails, with everything else generated by faker. */
export function fakesAroundRealEmails(
  company: Company,
  n: number,
  options: Omit<SampleOptions, 'n'> = {},
): LeakSample {
  const { rng, fields, headers, dateStyle } = settings('fakes-around-emails', { ...options, n });
  const customers = randomCustomers(company, n, rng);
  rng.shuffle(customers);
  const fakers = new Map<CountryCode, ReturnType<typeof fakerFor>>();
  const records = customers.map((customer) => {
    let faker = fakers.get(customer.country);
    if (faker === undefined) {
      faker = fakerFor(customer.country, rng.uint32());
      fakers.set(customer.country, faker);
    }
    const record = fabricatedRecord(faker, customer.country);
    if (record.date_of_birth) record.date_of_birth = formatDateStyle(record.date_of_birth, dateStyle);
    return { ...record, email: customer.email };
  });
  const truth = customers.map((c): RowTruth => ({ truth: 'fabricated', customerId: c.customer_id }));
  return shapeSample('fakes-around-real-emails', records, truth, fields, headers);
}

export interface MixOptions extends GenuineOptions {
  /** Share of genuine rows; the rest is fabricated with faker. */
  readonly genuineShare: number;
}

/** Genuine rows padded with fabricated ones, shuffled: the "few real rows in a fake dump" case. */
export function mix(company: Company, options: MixOptions): LeakSample {
  const { rng, dateStyle } = settings('mix', options);
  const genuineCount = Math.round(options.n * options.genuineShare);
  const genuine = genuineExport(company, { ...options, n: genuineCount, seed: rng.uint32(), dateStyle });
  const fake = fabricatedRecords(options.n - genuineCount, company.countries, rng.uint32(), dateStyle);
  const fakes = shapeSample(
    'fabricated',
    fake,
    fake.map((): RowTruth => ({ truth: 'fabricated' })),
    genuine.fields,
    options.headers ?? 'en',
  );
  const all = concatSamples('mix', [genuine, fakes]);
  return shuffleSample(all, rng.shuffle(all.rows.map((_, i) => i)));
}

export interface UnrelatedOptions extends Omit<SampleOptions, 'n'> {
  readonly countries?: readonly CountryCode[];
  /** A company whose customers must not appear (by email) among these people. */
  readonly exclude?: Company;
}

/** Real-looking people who are not our customers, with another shop's id scheme and order numbers. */
export function unrelated(n: number, options: UnrelatedOptions = {}): LeakSample {
  const { rng, fields, headers, dateStyle } = settings('unrelated', { ...options, n });
  const countries = options.countries ??
    options.exclude?.countries ?? ['IT', 'FR', 'DE', 'ES', 'GB', 'US', 'NL'];
  const people = otherPeople(n, rng.uint32(), countries, options.exclude);
  const records = people.map((person, i): SampleRecord => {
    const account = platformAccount(person, rng);
    return {
      ...customerRecord(person, undefined, dateStyle),
      customer_id: String(500_000 + i * 7 + rng.int(0, 6)),
      username: account.username,
      order_id: `W${rng.digits(8)}`,
      order_date: account.order_date,
      amount: `${rng.int(5, 300)}.${rng.pick(['00', '99', '95', '49'])}`,
    };
  });
  return shapeSample(
    'unrelated',
    records,
    records.map((): RowTruth => ({ truth: 'unrelated' })),
    fields,
    headers,
  );
}
