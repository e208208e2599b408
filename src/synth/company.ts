import { emailFor, formatCustomerId, houseUsername, SeenFilter } from './identity.js';
import {
  type City,
  COUNTRY_CODES,
  type CountryCode,
  generatePostcode,
  LOCALES,
  type Locale,
} from './locales.js';
import { ipInBlocks } from './net.js';
import { generateOrders, type Order, type OrderPlan, orderPlanFor } from './orders.js';
import { formatPhone, generatePhone, type Phone, type PhoneStyle } from './phones.js';
import { deriveSeed, mixSeed, Random, rankWeights, type Seed, WeightedTable } from './random.js';
import { DAY_MS, formatDate, formatTimestamp, parseUtc } from './table.js';

/**
 * A synthetic company ("ShopCo"): customers and orders generated deterministically from a
 * seed, one customer at a time, so a million customers stream without being held in memory.
 * Each customer draws from its own generator (seed, index), so orders and other per-customer
 * facts can be regenerated for any customer without replaying the others.
 */

export interface CompanyOptions {
  readonly seed: Seed;
  readonly customers: number;
  /** Countries the customers live in, equally likely (default: all of COUNTRY_CODES). */
  readonly countries?: readonly CountryCode[];
  /** Mean number of orders per customer (default 2). */
  readonly ordersPerCustomer?: number;
  readonly name?: string;
  /** Prefix of the house customer id (default `SC`): `SC-00012345`. */
  readonly idPrefix?: string;
  /** Prefix of the house order number (default `ORD`): `ORD-2024-0001234`. */
  readonly orderPrefix?: string;
  /** First and last signup dates, ISO (defaults 2016-01-01 and 2025-06-30). */
  readonly since?: string;
  readonly until?: string;
}

export interface Customer {
  /** 0-based position in the company's customer stream. */
  readonly index: number;
  readonly customer_id: string;
  readonly username: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly email: string;
  readonly phone: string;
  readonly date_of_birth: string;
  readonly street: string;
  readonly house_number: string;
  readonly postcode: string;
  readonly city: string;
  readonly region: string;
  readonly country: CountryCode;
  readonly signup_ip: string;
  readonly created_at: string;
  /** Not a column: the number behind `phone`, for writing it another way. */
  readonly phoneNumber: Phone;
  /** Not a column: `created_at` in milliseconds. */
  readonly signupMs: number;
  /** Not a column of the customers table (the shop never asked); samples may carry it. */
  readonly gender: 'F' | 'M';
}

/** The columns of the company's customers table, in order. */
export const CUSTOMER_COLUMNS = [
  'customer_id',
  'username',
  'first_name',
  'last_name',
  'email',
  'phone',
  'date_of_birth',
  'street',
  'house_number',
  'postcode',
  'city',
  'region',
  'country',
  'signup_ip',
  'created_at',
] as const satisfies readonly (keyof Customer)[];

export interface Company {
  readonly name: string;
  readonly seed: number;
  readonly size: number;
  readonly countries: readonly CountryCode[];
  readonly idPrefix: string;
  readonly orderPrefix: string;
  readonly since: number;
  readonly until: number;
  /** All customers in id order; each call replays the same stream. */
  customers(): Generator<Customer>;
  /** The customer's orders, oldest first (regenerated on each call, identical each time). */
  ordersOf(customer: Customer): Order[];
  /** All orders, customer by customer. */
  orders(): Generator<Order>;
  /** The customers at the given indices, in index order, from one pass over the stream. */
  customersAt(indices: readonly number[]): Customer[];
}

// Shoppers' ages: few over 75, most between 25 and 55, none past 90.
const AGE_BANDS = new WeightedTable<readonly [number, number]>([
  [[18, 24], 12],
  [[25, 34], 22],
  [[35, 44], 22],
  [[45, 54], 18],
  [[55, 64], 14],
  [[65, 74], 9],
  [[75, 89], 3],
]);

const STORED_PHONE_STYLES = new WeightedTable<PhoneStyle>([
  ['e164', 55],
  ['international', 15],
  ['national', 20],
  ['compact', 10],
]);

interface LocaleTables {
  readonly locale: Locale;
  readonly female: WeightedTable<string>;
  readonly male: WeightedTable<string>;
  readonly surnames: WeightedTable<string>;
  readonly cities: WeightedTable<City>;
  readonly streetTypes: WeightedTable<string>;
  readonly streetNames: WeightedTable<string>;
  readonly domains: WeightedTable<string>;
}

const tablesCache = new Map<CountryCode, LocaleTables>();

/** Rank-weighted draws over one locale, built once per country. */
export function localeTables(country: CountryCode): LocaleTables {
  const cached = tablesCache.get(country);
  if (cached !== undefined) return cached;
  const locale = LOCALES[country];
  const tables: LocaleTables = {
    locale,
    female: new WeightedTable(rankWeights(locale.femaleNames)),
    male: new WeightedTable(rankWeights(locale.maleNames)),
    surnames: new WeightedTable(rankWeights(locale.surnames, 0.8)),
    cities: new WeightedTable(rankWeights(locale.cities, 1, 1.5)),
    streetTypes: new WeightedTable(locale.streetTypes),
    streetNames: new WeightedTable(rankWeights(locale.streetNames, 0.6)),
    domains: new WeightedTable(locale.emailDomains),
  };
  tablesCache.set(country, tables);
  return tables;
}

const STREAM_CUSTOMER = 1;
const STREAM_ORDERS = 2;

/** A synthetic company of `customers` customers: `generateCompany({ seed: 1, customers: 100_000 })`. */
export function generateCompany(options: CompanyOptions): Company {
  const seed = deriveSeed('company', options.seed);
  const size = options.customers;
  const countries = options.countries ?? COUNTRY_CODES;
  if (countries.length === 0) throw new Error('a company needs at least one country');
  const since = parseUtc(options.since ?? '2016-01-01');
  const until = parseUtc(options.until ?? '2025-06-30T23:59:59Z');
  const idPrefix = options.idPrefix ?? 'SC';
  const orderPrefix = options.orderPrefix ?? 'ORD';
  const plan: OrderPlan = orderPlanFor(size, options.ordersPerCustomer ?? 2, orderPrefix, until);

  function* customers(): Generator<Customer> {
    const emails = new SeenFilter(size);
    const usernames = new SeenFilter(size);
    for (let index = 0; index < size; index++) {
      yield makeCustomer(index, new Random(mixSeed(seed, STREAM_CUSTOMER, index)), emails, usernames);
    }
  }

  function makeCustomer(index: number, rng: Random, emails: SeenFilter, usernames: SeenFilter): Customer {
    const country = countries.length === 1 ? countries[0]! : rng.pick(countries);
    const t = localeTables(country);
    const gender = rng.chance(0.5) ? 'F' : 'M';
    const first_name = (gender === 'F' ? t.female : t.male).pick(rng);
    const [last_name, primarySurname] = pickSurname(t, rng);
    // Signups accelerate as the shop grows; ids are sequential, so signup time follows the index.
    const createdMs = since + (until - since) * Math.sqrt((index + rng.next()) / size);
    const birthMs = birthFor(createdMs, until, rng);
    const birthYear = new Date(birthMs).getUTCFullYear();
    const person = { firstName: first_name, lastName: last_name, primarySurname, birthYear, country };
    let email = '';
    const domain = t.domains.pick(rng);
    for (let attempt = 0; attempt < 50; attempt++) {
      email = emailFor(person, domain, rng, attempt);
      if (emails.add(email)) break;
    }
    let username = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      username = houseUsername(person, rng, attempt);
      if (usernames.add(username)) break;
    }
    const city = t.cities.pick(rng);
    const phoneNumber = generatePhone(t.locale, city, rng);
    // A few customers signed up while abroad or through a foreign VPN.
    const ipLocale = rng.chance(0.04) ? LOCALES[rng.pick(COUNTRY_CODES)] : t.locale;
    return {
      index,
      customer_id: formatCustomerId(idPrefix, 10_000 + index * 3 + rng.int(0, 2)),
      username,
      first_name,
      last_name,
      email,
      phone: formatPhone(phoneNumber, STORED_PHONE_STYLES.pick(rng)),
      date_of_birth: formatDate(birthMs),
      street: t.locale.composeStreet(t.streetTypes.pick(rng), t.streetNames.pick(rng)),
      house_number: t.locale.houseNumber(rng),
      postcode: generatePostcode(country, city, rng),
      city: city.name,
      region: city.region,
      country,
      signup_ip: ipInBlocks(ipLocale.ipBlocks, rng),
      created_at: formatTimestamp(createdMs),
      phoneNumber,
      signupMs: createdMs,
      gender,
    };
  }

  const ordersOf = (customer: Customer): Order[] =>
    generateOrders(plan, customer, new Random(mixSeed(seed, STREAM_ORDERS, customer.index)));

  return {
    name: options.name ?? 'ShopCo',
    seed,
    size,
    countries,
    idPrefix,
    orderPrefix,
    since,
    until,
    customers,
    ordersOf,
    *orders() {
      for (const customer of customers()) yield* ordersOf(customer);
    },
    customersAt(indices) {
      const wanted = [...new Set(indices)].sort((a, b) => a - b);
      const out: Customer[] = [];
      let next = 0;
      if (wanted.length === 0) return out;
      for (const customer of customers()) {
        if (customer.index === wanted[next]) {
          out.push(customer);
          next++;
          if (next === wanted.length) break;
        }
      }
      return out;
    },
  };
}

/** A surname, or two where the country gives two (`García Márquez`), with the one used in addresses. */
export function pickSurname(t: LocaleTables, rng: Random): [full: string, primary: string] {
  const first = t.surnames.pick(rng);
  if (!rng.chance(t.locale.doubleSurname)) return [first, first];
  let second = t.surnames.pick(rng);
  while (second === first) second = t.surnames.pick(rng);
  return [`${first} ${second}`, first];
}

/** A birth date: age at `referenceMs` from the shoppers' age bands, and at least 18 at signup. */
export function birthFor(signupMs: number, referenceMs: number, rng: Random): number {
  const [low, high] = AGE_BANDS.pick(rng);
  const ageDays = (rng.int(low, high) + rng.next()) * 365.25;
  const birth = referenceMs - ageDays * DAY_MS;
  const latest = signupMs - 18 * 365.25 * DAY_MS;
  return Math.floor(Math.min(birth, latest - rng.int(0, 364) * DAY_MS) / DAY_MS) * DAY_MS;
}
