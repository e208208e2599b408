import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/child-process.js';
import { makeTempDir } from './support/fixtures.js';

/**
 * bench/generate-scale.js (issue 6, item 1) on a few thousand rows, through its CLI: the files
 * and their counts, byte-identical output for a seed, the exact genuine share of the leak, and
 * a truth file that agrees with the customers it names.
 */

const tmp = makeTempDir('generate-scale');
afterAll(() => tmp.remove());

const CUSTOMERS = 3000;
const LEAK = 1200;
const SHARE = 0.35;
const GENUINE = Math.round(SHARE * LEAK);
const FILES = ['customers.csv', 'orders.csv', 'leak.csv', 'leak-truth.csv'];

function generate(out: string, extra: string[] = []): { status: number | null; stderr: string } {
  const args = ['--customers', String(CUSTOMERS), '--leak', String(LEAK), '--genuine-share', String(SHARE)];
  const run = spawnSync(
    process.execPath,
    ['bench/generate-scale.js', ...args, '--orders-per-customer', '1.5', '--out', out, ...extra],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { status: run.status, stderr: run.stderr };
}

/** RFC 4180 rows (quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quoted && ch === '"' && text[k + 1] === '"') {
      field += '"';
      k++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  return rows;
}

function readTable(dir: string, file: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(readFileSync(join(dir, file), 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}

describe('bench/generate-scale.js', () => {
  const a = join(tmp.dir, 'a');
  const b = join(tmp.dir, 'b');
  const other = join(tmp.dir, 'other-seed');
  let customers: Record<string, string>[];
  let leak: Record<string, string>[];
  let truth: Record<string, string>[];

  beforeAll(() => {
    for (const [dir, extra] of [
      [a, []],
      [b, []],
      [other, ['--seed', '2']],
    ] as const) {
      const run = generate(dir, [...extra]);
      expect(run.status, run.stderr).toBe(0);
    }
    customers = readTable(a, 'customers.csv');
    leak = readTable(a, 'leak.csv');
    truth = readTable(a, 'leak-truth.csv');
  }, 60_000);

  it('writes the customers, orders and leak with the requested counts and schemas', () => {
    expect(customers).toHaveLength(CUSTOMERS);
    expect(Object.keys(customers[0]!)).toEqual([
      'customer_id',
      'first_name',
      'last_name',
      'email',
      'phone',
      'date_of_birth',
      'street',
      'postcode',
      'city',
      'country',
      'created_at',
      'signup_ip',
    ]);
    expect(leak).toHaveLength(LEAK);
    expect(Object.keys(leak[0]!)).toEqual([
      'username',
      'full_name',
      'user_email',
      'dob',
      'mobile',
      'address',
      'zip',
      'town',
      'country_code',
      'ip_address',
    ]);
    const orders = readTable(a, 'orders.csv');
    expect(orders.length / CUSTOMERS).toBeGreaterThan(1.35);
    expect(orders.length / CUSTOMERS).toBeLessThan(1.65);
    const ids = new Set(customers.map((c) => c.customer_id));
    expect(orders.every((o) => ids.has(o.customer_id!))).toBe(true);
    expect(new Set(orders.map((o) => o.order_id)).size).toBe(orders.length);
  });

  it('gives every customer a unique id and a unique email, and names with variety', () => {
    expect(new Set(customers.map((c) => c.customer_id)).size).toBe(CUSTOMERS);
    expect(new Set(customers.map((c) => c.email!.toLowerCase())).size).toBe(CUSTOMERS);
    expect(customers.every((c) => /^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/.test(c.email!))).toBe(true);
    // Blocking on name + date of birth must stay meaningful: many surnames, almost no repeats.
    expect(new Set(customers.map((c) => c.last_name)).size).toBeGreaterThan(800);
    const nameDob = new Set(customers.map((c) => `${c.first_name}|${c.last_name}|${c.date_of_birth}`));
    expect(nameDob.size).toBeGreaterThan(CUSTOMERS * 0.99);
  });

  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    for (const file of FILES) {
      expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file))), file).toBe(true);
    }
    expect(readFileSync(join(other, 'customers.csv')).equals(readFileSync(join(a, 'customers.csv')))).toBe(
      false,
    );
  });

  it('makes exactly round(G·M) leak rows distinct customers, and the truth agrees with them', () => {
    expect(truth.map((t) => Number(t.row))).toEqual(Array.from({ length: LEAK }, (_, k) => k + 1));
    const genuine = truth.filter((t) => t.customer_id !== '');
    expect(genuine).toHaveLength(GENUINE);
    expect(new Set(genuine.map((t) => t.customer_id)).size).toBe(GENUINE);
    const byId = new Map(customers.map((c) => [c.customer_id!, c]));
    const emails = new Set(customers.map((c) => c.email!.toLowerCase()));
    let withEmail = 0;
    for (const [k, t] of truth.entries()) {
      const row = leak[k]!;
      const customer = t.customer_id === '' ? undefined : byId.get(t.customer_id!);
      if (t.customer_id !== '') expect(customer, t.customer_id).toBeDefined();
      if (row.user_email === '') continue;
      if (customer) {
        withEmail++;
        expect(row.user_email).toBe(customer.email);
        expect(row.country_code).toBe(customer.country);
      } else {
        expect(emails.has(row.user_email!.toLowerCase()), row.user_email).toBe(false);
      }
    }
    // About 10% of rows lose their email.
    expect(withEmail / GENUINE).toBeGreaterThan(0.8);
    expect(withEmail / GENUINE).toBeLessThan(0.97);
  });

  it('records parameters, counts and file sizes in generate.json', () => {
    const summary = JSON.parse(readFileSync(join(a, 'generate.json'), 'utf8'));
    expect(summary.parameters).toEqual({
      customers: CUSTOMERS,
      leak: LEAK,
      genuineShare: SHARE,
      ordersPerCustomer: 1.5,
      seed: 1,
    });
    expect(summary.rows.leakGenuine).toBe(GENUINE);
    for (const file of FILES) expect(summary.files[file].bytes).toBe(statSync(join(a, file)).size);
  });

  it('refuses a non-empty output directory without --force and leaves it as it was', () => {
    const dir = join(tmp.dir, 'occupied');
    const first = generate(dir, ['--customers', 'x']);
    expect(first.status).toBe(2);
    expect(first.stderr).toContain('--customers');
    writeFileSync(join(tmp.dir, 'keep.txt'), 'mine');
    const refused = generate(tmp.dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(tmp.dir, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
