import type { Cell, FieldKind } from '../../core/types.js';
import { profileColumns } from '../../fields/index.js';
import { normalizeValue } from '../../fields/normalize/index.js';
import {
  type Company,
  type Customer,
  type LeakSample,
  LOCALES,
  Random,
  type Scenario,
} from '../../synth/index.js';
import { learnRecordProfile } from '../record-profile.js';
import type { Agreement, AnalysisInput, LinkedRow, RecordProfile, SampleColumn } from '../types.js';

/**
 * Test support: turns a synthetic scenario into an AnalysisInput, simulating the linkage
 * from the known truth (the real linkage lives in src/match). Rows whose person is one of
 * our customers link to that customer, missing a few (recall); a few other rows link to a
 * random customer (false links). Each platform field is then compared for real, value
 * against the customer's stored value, the way the linkage's comparisons will.
 */

/** The kinds our synthetic records hold: the customers and orders tables. */
export const RECORD_KINDS: readonly FieldKind[] = [
  'internal_id',
  'username',
  'first_name',
  'last_name',
  'email',
  'phone',
  'date_of_birth',
  'street',
  'postcode',
  'city',
  'region',
  'country',
  'ip',
  'date',
  'order_id',
  'amount',
  'currency',
];

export interface CompanyIndex {
  readonly company: Company;
  readonly byId: ReadonlyMap<string, Customer>;
  readonly customers: readonly Customer[];
  readonly orderIds: ReadonlyMap<string, readonly string[]>;
  readonly profile: RecordProfile;
}

export function indexCompany(company: Company): CompanyIndex {
  const customers = [...company.customers()];
  const orderIds = new Map<string, string[]>();
  for (const c of customers)
    orderIds.set(
      c.customer_id,
      company.ordersOf(c).map((o) => o.order_id),
    );
  const allOrders = [...orderIds.values()].flat();
  const profile = learnRecordProfile({
    tables: { customers: customers.length, orders: allOrders.length },
    kinds: RECORD_KINDS,
    internalIds: customers.map((c) => c.customer_id),
    orderIds: allOrders,
    usernames: customers.map((c) => ({
      username: c.username,
      firstName: c.first_name,
      lastName: c.last_name,
    })),
  });
  return { company, byId: new Map(customers.map((c) => [c.customer_id, c])), customers, orderIds, profile };
}

function norm(kind: FieldKind, raw: string | null | undefined, country?: string): string | undefined {
  if (raw == null || raw.trim() === '') return undefined;
  const n = normalizeValue(kind, raw, {}, country ? { country } : {});
  if (!n.ok) return raw.trim().toLowerCase();
  return n.keys?.['loose'] ?? n.keys?.['lower'] ?? n.value;
}

function compare(a: string | undefined, b: string | undefined): Agreement {
  if (a === undefined || b === undefined) return 'absent';
  return a === b ? 'agree' : 'disagree';
}

/** The comparison outcomes of one sample row against one customer. */
export function compareRow(
  sample: LeakSample,
  row: readonly Cell[],
  customer: Customer,
  index: CompanyIndex,
) {
  const get = (field: string) => {
    const at = sample.fields.indexOf(field as never);
    return at < 0 ? undefined : row[at];
  };
  const country = customer.country;
  const orders = new Set((index.orderIds.get(customer.customer_id) ?? []).map((o) => norm('order_id', o)));
  const sampleOrder = norm('order_id', get('order_id'));
  const stored = LOCALES[country].addressLine(customer.street, customer.house_number);
  const fields: Record<string, Agreement> = {
    internal_id: compare(norm('internal_id', get('customer_id')), norm('internal_id', customer.customer_id)),
    username: compare(norm('username', get('username')), norm('username', customer.username)),
    order_id:
      sampleOrder === undefined || orders.size === 0
        ? 'absent'
        : orders.has(sampleOrder)
          ? 'agree'
          : 'disagree',
    ip: compare(norm('ip', get('ip')), norm('ip', customer.signup_ip)),
    street: compare(norm('street', get('street'), country), norm('street', stored, country)),
    postcode: compare(
      norm('postcode', get('postcode'), country),
      norm('postcode', customer.postcode, country),
    ),
    email: compare(norm('email', get('email')), norm('email', customer.email)),
    phone: compare(norm('phone', get('phone'), country), norm('phone', customer.phone, country)),
  };
  return fields;
}

export interface SimulationOptions {
  /** Share of true identity links the linkage finds (default 0.97). */
  readonly recall?: number;
  /** Share of other rows wrongly linked to some customer (default 0.003). */
  readonly falseLinks?: number;
  readonly seed?: number;
}

/** Simulated linkage of a sample against the company, from the sample's truth. */
export function simulateLinks(
  sample: LeakSample,
  index: CompanyIndex,
  options: SimulationOptions = {},
): LinkedRow[] {
  const rng = new Random(options.seed ?? 99);
  const recall = options.recall ?? 0.97;
  const falseLinks = options.falseLinks ?? 0.003;
  const links: LinkedRow[] = [];
  sample.rows.forEach((row, i) => {
    const truth = sample.truth[i]!;
    let customer: Customer | undefined;
    let probability = 0.9995;
    if (truth.customerId !== undefined && rng.chance(recall)) customer = index.byId.get(truth.customerId);
    else if (rng.chance(falseLinks)) {
      customer = rng.pick(index.customers);
      probability = 0.6;
    }
    if (!customer) return;
    links.push({
      row: i + 1,
      recordTable: 'customers',
      recordId: customer.customer_id,
      probability,
      level: probability >= 0.999 ? 'exact' : 'possible',
      fields: compareRow(sample, row, customer, index),
    });
  });
  return links;
}

export function sampleColumns(sample: LeakSample): SampleColumn[] {
  const profiles = profileColumns(sample.columns, sample.rows);
  return profiles.map((profile, c) => ({ profile, raw: sample.rows.map((r) => r[c] ?? null) }));
}

/** The AnalysisInput of a scenario, with the claimed count of a paste banner as a note. */
export function scenarioInput(
  scenario: Pick<Scenario, 'sample' | 'write'>,
  index: CompanyIndex,
  options: SimulationOptions = {},
): AnalysisInput {
  const format = scenario.write.format;
  const claimed =
    typeof format === 'object' && 'claimed' in format ? (format.claimed as number | undefined) : undefined;
  return {
    rows: scenario.sample.rows.length,
    columns: sampleColumns(scenario.sample),
    links: simulateLinks(scenario.sample, index, options),
    records: index.profile,
    notes: claimed
      ? [`*** ShopCo FULL DB *** Total: ${claimed.toLocaleString('en-US')} records, fresh 2025`]
      : [],
    options: { referenceYear: 2025 },
  };
}
