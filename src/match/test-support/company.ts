/**
 * A small synthetic company with known truth: customers, orders (which repeat their
 * customer's name, email and shipping address), and a "leaked" sample mixing rows copied
 * from customers or orders with realistic damage (typos, missing emails, moved addresses,
 * middle initials, other date and phone formats) and fabricated people.
 */
import { fakerIT } from '@faker-js/faker';
import type { FieldKind, Normalized } from '../../core/types.js';
import { normalizeValue } from '../../fields/normalize/index.js';
import type { NormalizedField } from '../features.js';
import { seededRandom } from './random.js';

interface Person {
  id: string;
  first: string;
  last: string;
  email: string;
  phone: string;
  dob: Date;
  street: string;
  city: string;
  postcode: string;
}

export interface Entity {
  readonly recordId: string;
  readonly fields: readonly NormalizedField[];
}

export interface SampleRow {
  readonly fields: readonly NormalizedField[];
  /** The true link, or undefined for a fabricated row. */
  readonly truth?: { readonly table: 'customers' | 'orders'; readonly recordId: string };
}

export interface Company {
  readonly customers: Entity[];
  readonly orders: Entity[];
  readonly sample: SampleRow[];
}

const n = (
  kind: FieldKind,
  raw: string | undefined,
  params: Record<string, string> = {},
): NormalizedField => [
  kind,
  raw === undefined || raw === '' ? null : (normalizeValue(kind, raw, params) as Normalized),
];

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const dmy = (d: Date): string => `${iso(d).slice(8, 10)}/${iso(d).slice(5, 7)}/${iso(d).slice(0, 4)}`;

function typo(s: string, random: () => number): string {
  if (s.length < 4) return s;
  const i = 1 + Math.floor(random() * (s.length - 2));
  const kind = random();
  if (kind < 0.4) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  if (kind < 0.7) return s.slice(0, i) + s.slice(i + 1);
  return s.slice(0, i) + 'aeiourstn'[Math.floor(random() * 9)] + s.slice(i + 1);
}

function newPerson(id: string): Person {
  const f = fakerIT;
  const first = f.person.firstName();
  const last = f.person.lastName();
  return {
    id,
    first,
    last,
    email: f.internet.email({ firstName: first, lastName: last }).toLowerCase(),
    phone: `3${f.string.numeric(9)}`,
    dob: f.date.birthdate({ mode: 'age', min: 18, max: 90, refDate: new Date('2025-01-01') }),
    street: `${f.location.street()} ${f.location.buildingNumber()}`,
    city: f.location.city(),
    postcode: f.location.zipCode('#####'),
  };
}

function customerFields(p: Person): NormalizedField[] {
  return [
    n('email', p.email),
    n('first_name', p.first),
    n('last_name', p.last),
    n('phone', `+39${p.phone}`),
    n('date_of_birth', iso(p.dob), { dateOrder: 'ymd' }),
    n('street', p.street, { country: 'IT' }),
    n('city', p.city),
    n('postcode', p.postcode, { country: 'IT' }),
  ];
}

/** Generates the company and a sample of `genuine` customer rows, `orderRows` order rows and `fabricated` rows. */
export function generateCompany(options: {
  customers: number;
  genuine: number;
  orderRows: number;
  fabricated: number;
  seed?: number;
}): Company {
  const seed = options.seed ?? 1;
  fakerIT.seed(seed);
  const random = seededRandom(seed);
  const people = Array.from({ length: options.customers }, (_, i) =>
    newPerson(`C${String(i + 1).padStart(6, '0')}`),
  );
  const customers = people.map((p) => ({ recordId: p.id, fields: customerFields(p) }));
  // One order for each of the first half of the customers, shipped to where they lived then.
  const ordered = people.slice(0, Math.ceil(people.length / 2));
  const orders = ordered.map((p, i) => ({
    recordId: `ORD-${String(100000 + i)}`,
    fields: [
      n('order_id', `ORD-${String(100000 + i)}`),
      n('full_name', `${p.first} ${p.last}`),
      n('email', p.email),
      n('street', p.street, { country: 'IT' }),
      n('city', p.city),
      n('postcode', p.postcode, { country: 'IT' }),
    ],
  }));
  const sample: SampleRow[] = [];
  for (let i = 0; i < options.genuine; i++) {
    const p = people[Math.floor((i * people.length) / options.genuine)]!;
    const moved = random() < 0.2 ? newPerson('x') : p;
    const first = random() < 0.1 ? typo(p.first, random) : p.first;
    const last = random() < 0.2 ? typo(p.last, random) : p.last;
    const middle = random() < 0.1 ? ` ${'ABCDEFG'[Math.floor(random() * 7)]}.` : '';
    sample.push({
      truth: { table: 'customers', recordId: p.id },
      fields: [
        n('email', random() < 0.3 ? undefined : p.email),
        n('full_name', `${first}${middle} ${last}`),
        n('phone', random() < 0.5 ? p.phone : `+39 ${p.phone.slice(0, 3)} ${p.phone.slice(3)}`, {
          phoneRegion: 'IT',
        }),
        n('date_of_birth', dmy(p.dob), { dateOrder: 'dmy' }),
        n('street', moved.street, { country: 'IT' }),
        n('city', moved.city),
        n('postcode', moved.postcode, { country: 'IT' }),
      ],
    });
  }
  for (let i = 0; i < options.orderRows; i++) {
    const o = orders[Math.floor((i * orders.length) / options.orderRows)]!;
    sample.push({ truth: { table: 'orders', recordId: o.recordId }, fields: o.fields });
  }
  for (let i = 0; i < options.fabricated; i++) {
    const p = newPerson('fake');
    sample.push({ fields: customerFields(p) });
  }
  return { customers, orders, sample };
}
