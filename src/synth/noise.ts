import type { Customer } from './company.js';
import { generatePostcode, LOCALES } from './locales.js';
import type { Order } from './orders.js';
import { formatPhone, type PhoneStyle } from './phones.js';
import type { Random } from './random.js';
import type { SampleRecord } from './sample.js';

/**
 * Our records as they look once exported, re-keyed, merged and re-exported by someone
 * else: the realistic noise a genuine leak carries and the matcher must see through.
 */

export type DateStyle = 'iso' | 'dmy-slash' | 'dmy-dot' | 'dmy-dash' | 'mdy-slash';

/** Rewrites an ISO date (`1984-07-21`) in another common style (`21/07/1984`). */
export function formatDateStyle(iso: string, style: DateStyle): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  switch (style) {
    case 'iso':
      return iso;
    case 'dmy-slash':
      return `${d}/${m}/${y}`;
    case 'dmy-dot':
      return `${d}.${m}.${y}`;
    case 'dmy-dash':
      return `${d}-${m}-${y}`;
    case 'mdy-slash':
      return `${m}/${d}/${y}`;
  }
}

/** A customer (and optionally one of their orders) as a sample record, values as we store them. */
export function customerRecord(
  customer: Customer,
  order: Order | undefined,
  dateStyle: DateStyle,
): SampleRecord {
  const locale = LOCALES[customer.country];
  return {
    customer_id: customer.customer_id,
    username: customer.username,
    first_name: customer.first_name,
    last_name: customer.last_name,
    full_name: `${customer.first_name} ${customer.last_name}`,
    email: customer.email,
    phone: customer.phone,
    date_of_birth: formatDateStyle(customer.date_of_birth, dateStyle),
    gender: customer.gender,
    street: locale.addressLine(customer.street, customer.house_number),
    postcode: customer.postcode,
    city: customer.city,
    region: customer.region,
    country: customer.country,
    ip: customer.signup_ip,
    created_at: customer.created_at,
    order_id: order?.order_id ?? null,
    order_date: order?.created_at ?? null,
    amount: order?.amount ?? null,
    currency: order?.currency ?? null,
  };
}

const DIACRITICS = /[\u0300-\u036f]/g;

/** One slip of the keyboard or of an encoding: `Rossi` → `Rosis`, `Müller` → `Muller`, `Bruno` → `Brunno`. */
export function typo(text: string, rng: Random): string {
  const plain = text.normalize('NFD').replace(DIACRITICS, '');
  if (plain !== text && rng.chance(0.5)) return plain;
  if (text.length < 3) return text;
  const at = rng.int(1, text.length - 2);
  switch (rng.int(0, 2)) {
    case 0:
      return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    default:
      return text.slice(0, at) + text[at] + text.slice(at);
  }
}

const OTHER_PHONE_STYLES: readonly PhoneStyle[] = ['e164', 'international', 'national', 'compact', 'alt'];

/**
 * Applies noise at `rate` (0 = the record as stored, 0.3 = heavily worked over) to a record
 * built by `customerRecord`. Each kind of noise fires with a probability scaled by `rate`.
 */
export function addNoise(record: SampleRecord, customer: Customer, rate: number, rng: Random): SampleRecord {
  if (rate <= 0) return record;
  const out: SampleRecord = { ...record };
  const locale = LOCALES[customer.country];
  if (rng.chance(rate * 0.3)) out.first_name = typo(customer.first_name, rng);
  if (rng.chance(rate * 0.2))
    out.first_name = `${out.first_name} ${String.fromCharCode(65 + rng.int(0, 25))}.`;
  if (rng.chance(rate * 0.3)) out.last_name = typo(customer.last_name, rng);
  out.full_name = `${out.first_name} ${out.last_name}`;
  if (rng.chance(rate * 0.4)) out.email = null;
  else if (rng.chance(rate * 0.1)) out.email = customer.email.replace(/^./, (c) => c.toUpperCase());
  if (rng.chance(rate)) out.phone = formatPhone(customer.phoneNumber, rng.pick(OTHER_PHONE_STYLES));
  if (rng.chance(rate * 0.2))
    out.date_of_birth = formatDateStyle(customer.date_of_birth, rng.pick(['iso', 'dmy-slash']));
  if (rng.chance(rate * 0.25)) {
    // The customer moved: the export comes from a snapshot taken at another time.
    const city = rng.chance(0.5)
      ? (locale.cities.find((c) => c.name === customer.city) ?? rng.pick(locale.cities))
      : rng.pick(locale.cities);
    out.street = locale.addressLine(
      locale.composeStreet(rng.weighted(locale.streetTypes), rng.pick(locale.streetNames)),
      locale.houseNumber(rng),
    );
    out.postcode = generatePostcode(customer.country, city, rng);
    out.city = city.name;
    out.region = city.region;
  }
  if (customer.country === 'GB' && rng.chance(rate * 0.3))
    out.postcode = customer.postcode.replace(' ', '').toLowerCase();
  if (rng.chance(rate * 0.1)) out.city = customer.city.toUpperCase();
  return out;
}
