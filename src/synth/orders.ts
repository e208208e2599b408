import type { Customer } from './company.js';
import { generatePostcode, LOCALES } from './locales.js';
import { type Random, rankWeights, WeightedTable } from './random.js';
import { formatTimestamp } from './table.js';

/** The company's orders: house order numbers, realistic amounts, and where they were shipped. */

export interface Order {
  readonly order_id: string;
  readonly customer_id: string;
  readonly created_at: string;
  readonly amount: string;
  readonly currency: string;
  readonly status: string;
  /** Street line with house number, as printed on the parcel. */
  readonly ship_street: string;
  readonly ship_postcode: string;
  readonly ship_city: string;
  readonly ship_country: string;
}

export const ORDER_COLUMNS = [
  'order_id',
  'customer_id',
  'created_at',
  'amount',
  'currency',
  'status',
  'ship_street',
  'ship_postcode',
  'ship_city',
  'ship_country',
] as const satisfies readonly (keyof Order)[];

/** Orders a single customer can have; order numbers reserve this many slots per customer. */
const SLOTS_PER_CUSTOMER = 16;

export interface OrderPlan {
  readonly prefix: string;
  readonly mean: number;
  readonly untilMs: number;
  readonly bits: number;
  readonly width: number;
}

export function orderPlanFor(customers: number, mean: number, prefix: string, untilMs: number): OrderPlan {
  let bits = 20;
  while (2 ** bits < customers * SLOTS_PER_CUSTOMER) bits++;
  return { prefix, mean, untilMs, bits, width: Math.max(7, String(2 ** bits - 1).length) };
}

/**
 * The number part of an order id. Slots (customer, k-th order) are scrambled by a
 * multiplication by an odd constant modulo 2^bits, a bijection, so numbers are unique
 * without a global counter yet do not reveal which orders belong to the same customer.
 */
function orderNumber(plan: OrderPlan, slot: number): number {
  if (plan.bits > 31) return slot;
  const mask = 2 ** plan.bits - 1;
  return ((Math.imul(slot, 0x2c1b3c6d) + 0x2f9b1) & mask) >>> 0;
}

const ITEMS = new WeightedTable<number>([
  [1, 55],
  [2, 25],
  [3, 12],
  [4, 8],
]);

const CENT_ENDINGS = new WeightedTable<number>([
  [99, 40],
  [90, 18],
  [0, 16],
  [50, 10],
  [95, 10],
  [49, 6],
]);

const STATUS = new WeightedTable<string>(
  rankWeights(['delivered', 'cancelled', 'returned', 'refunded'], 2.5, 1),
);

function itemPriceCents(rng: Random): number {
  const euros = Math.max(1, Math.floor(Math.exp(rng.normal(Math.log(25), 0.8))));
  return euros * 100 + CENT_ENDINGS.pick(rng);
}

function amountCents(rng: Random): number {
  let cents = 0;
  const items = ITEMS.pick(rng);
  for (let i = 0; i < items; i++) cents += itemPriceCents(rng) * (rng.chance(0.1) ? 2 : 1);
  // Shipping is charged below the free-shipping threshold.
  if (cents < 4900) cents += 499;
  return cents;
}

export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function generateOrders(plan: OrderPlan, customer: Customer, rng: Random): Order[] {
  const count = Math.min(SLOTS_PER_CUSTOMER - 1, rng.geometric(plan.mean));
  const locale = LOCALES[customer.country];
  const signup = customer.signupMs;
  const times: number[] = [];
  for (let k = 0; k < count; k++) times.push(signup + rng.next() * (plan.untilMs - signup));
  times.sort((a, b) => a - b);
  const home = {
    street: locale.addressLine(customer.street, customer.house_number),
    postcode: customer.postcode,
    city: customer.city,
  };
  // Some parcels go elsewhere: an office, a relative, a pickup point. One such place per customer.
  const city = rng.pick(locale.cities);
  const away = {
    street: locale.addressLine(
      locale.composeStreet(rng.weighted(locale.streetTypes), rng.pick(locale.streetNames)),
      locale.houseNumber(rng),
    ),
    postcode: generatePostcode(customer.country, city, rng),
    city: city.name,
  };
  return times.map((ms, k) => {
    const place = rng.chance(0.12) ? away : home;
    const recent = plan.untilMs - ms < 10 * 86_400_000;
    return {
      order_id: `${plan.prefix}-${new Date(ms).getUTCFullYear()}-${String(orderNumber(plan, customer.index * SLOTS_PER_CUSTOMER + k)).padStart(plan.width, '0')}`,
      customer_id: customer.customer_id,
      created_at: formatTimestamp(ms),
      amount: formatCents(amountCents(rng)),
      currency: locale.currency,
      status: recent ? rng.pick(['processing', 'shipped']) : STATUS.pick(rng),
      ship_street: place.street,
      ship_postcode: place.postcode,
      ship_city: place.city,
      ship_country: customer.country,
    };
  });
}
