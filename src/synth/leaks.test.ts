import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { generateCompany } from './company.js';
import {
  combolist,
  DEFAULT_FIELDS,
  fabricated,
  fakesAroundRealEmails,
  genuineExport,
  mix,
  otherPlatform,
  unrelated,
} from './leaks.js';
import { isPublicIPv4 } from './net.js';
import type { LeakSample, SampleField } from './sample.js';

const company = generateCompany({ seed: 'leaks', customers: 4000 });
const byId = new Map([...company.customers()].map((c) => [c.customer_id, c]));
const ourEmails = new Set([...byId.values()].map((c) => c.email.toLowerCase()));

function column(sample: LeakSample, field: SampleField): (string | null)[] {
  const i = sample.fields.indexOf(field);
  if (i < 0) throw new Error(`no ${field}`);
  return sample.rows.map((row) => row[i] ?? null);
}

const share = (values: readonly boolean[]) => values.filter(Boolean).length / values.length;

describe('genuineExport', () => {
  it('copies our records exactly when there is no noise', () => {
    const sample = genuineExport(company, { n: 200, noise: 0 });
    expect(sample.rows).toHaveLength(200);
    expect(sample.columns).toEqual(DEFAULT_FIELDS.map((f) => (f === 'ip' ? 'signup_ip' : f)));
    sample.rows.forEach((row, i) => {
      const truth = sample.truth[i]!;
      expect(truth.truth).toBe('genuine');
      const c = byId.get(truth.customerId!)!;
      expect(row.slice(0, 7)).toEqual([
        c.customer_id,
        c.username,
        c.first_name,
        c.last_name,
        c.email,
        c.phone,
        c.date_of_birth,
      ]);
      expect(row[8]).toBe(c.postcode);
      expect(row[11]).toBe(c.signup_ip);
      const order = row[12];
      if (order !== null) expect(company.ordersOf(c).map((o) => o.order_id)).toContain(order);
    });
    expect(new Set(sample.truth.map((t) => t.customerId)).size).toBe(200);
  });

  it('adds realistic noise, renamed headers and date styles, deterministically', () => {
    const options = { n: 400, noise: 0.3, headers: 'it' as const, seed: 5 };
    const sample = genuineExport(company, options);
    expect(genuineExport(company, options)).toEqual(sample);
    expect(sample.columns).toContain('cognome');
    expect(sample.columns).toContain('cellulare');
    const emails = column(sample, 'email');
    expect(share(emails.map((e) => e === null))).toBeGreaterThan(0.05);
    expect(share(emails.map((e) => e === null))).toBeLessThan(0.25);
    const firstNames = column(sample, 'first_name');
    const changed = firstNames.filter(
      (name, i) => name !== byId.get(sample.truth[i]!.customerId!)!.first_name,
    );
    expect(changed.length).toBeGreaterThan(10);
    expect(firstNames.some((n) => / [A-Z]\.$/.test(n ?? ''))).toBe(true);
    expect(
      column(sample, 'date_of_birth').every((d) => /^\d{2}\/\d{2}\/\d{4}$|^\d{4}-\d{2}-\d{2}$/.test(d!)),
    ).toBe(true);
    const phones = column(sample, 'phone');
    const countries = column(sample, 'country');
    expect(phones.every((p, i) => isValidPhoneNumber(p!, countries[i] as 'IT'))).toBe(true);
    const subset = genuineExport(company, { n: 10, fields: ['email', 'full_name'], headers: 'de' });
    expect(subset.columns).toEqual(['e_mail', 'name']);
  });
});

describe('fabricated', () => {
  it('is seeded faker output with reserved IPs and invalid phones', () => {
    const sample = fabricated(500, { locale: 'IT' });
    expect(fabricated(500, { locale: 'IT' })).toEqual(sample);
    expect(fabricated(500, { locale: 'IT', seed: 2 }).rows).not.toEqual(sample.rows);
    expect(sample.truth.every((t) => t.truth === 'fabricated' && t.customerId === undefined)).toBe(true);
    const ips = column(sample, 'ip');
    expect(share(ips.map((ip) => !isPublicIPv4(ip!)))).toBeGreaterThan(0.08);
    const phones = column(sample, 'phone');
    expect(share(phones.map((p) => !isValidPhoneNumber(p!, 'IT')))).toBeGreaterThan(0.05);
    expect(column(sample, 'email').some((e) => ourEmails.has(e!.toLowerCase()))).toBe(false);
    expect(column(sample, 'country').every((c) => c === 'IT')).toBe(true);
  });
});

describe('otherPlatform', () => {
  it('shares a third of our people but none of our platform values', () => {
    const sample = otherPlatform(company, { n: 600 });
    const ours = sample.truth.filter((t) => t.customerId !== undefined);
    expect(ours).toHaveLength(200);
    expect(sample.truth.every((t) => t.truth === 'other-platform')).toBe(true);
    const emails = column(sample, 'email');
    const ids = column(sample, 'customer_id');
    const usernames = column(sample, 'username');
    const orders = column(sample, 'order_id');
    const ourUsernames = new Set([...byId.values()].map((c) => c.username));
    sample.truth.forEach((t, i) => {
      expect(byId.has(ids[i]!)).toBe(false);
      expect(ourUsernames.has(usernames[i]!)).toBe(false);
      expect(orders[i]).toMatch(/^MP\d{9}$/);
      if (t.customerId === undefined) {
        expect(ourEmails.has(emails[i]!.toLowerCase())).toBe(false);
      } else {
        const c = byId.get(t.customerId)!;
        expect([emails[i], column(sample, 'last_name')[i], column(sample, 'date_of_birth')[i]]).toEqual([
          c.email,
          c.last_name,
          c.date_of_birth,
        ]);
      }
    });
    const sameAddress = sample.truth.filter(
      (t, i) => t.customerId && column(sample, 'street')[i] === byId.get(t.customerId)!.street,
    );
    expect(sameAddress.length).toBeLessThan(20);
  });
});

describe('combolist', () => {
  it('mixes our emails and others, with passwords', () => {
    const sample = combolist(company, { n: 1000, share: 0.4 });
    expect(sample.columns).toEqual(['email', 'password']);
    const emails = column(sample, 'email');
    expect(sample.truth.filter((t) => t.customerId).length).toBe(400);
    sample.truth.forEach((t, i) => {
      expect(t.truth).toBe('combolist');
      expect(ourEmails.has(emails[i]!.toLowerCase())).toBe(t.customerId !== undefined);
    });
    expect(column(sample, 'password').every((p) => (p ?? '').length >= 4)).toBe(true);
  });
});

describe('fakesAroundRealEmails', () => {
  it('keeps our emails and generates everything else', () => {
    const sample = fakesAroundRealEmails(company, 300);
    const emails = column(sample, 'email');
    const lastNames = column(sample, 'last_name');
    sample.truth.forEach((t, i) => {
      expect(t.truth).toBe('fabricated');
      expect(byId.get(t.customerId!)!.email).toBe(emails[i]);
    });
    const sameName = sample.truth.filter((t, i) => byId.get(t.customerId!)!.last_name === lastNames[i]);
    expect(sameName.length).toBeLessThan(30);
  });
});

describe('mix', () => {
  it('hides a known share of genuine rows among fabricated ones', () => {
    const sample = mix(company, { n: 1000, genuineShare: 0.1, headers: 'fr' });
    expect(sample.rows).toHaveLength(1000);
    expect(sample.truth.filter((t) => t.truth === 'genuine')).toHaveLength(100);
    expect(sample.truth.filter((t) => t.truth === 'fabricated')).toHaveLength(900);
    // Shuffled: the genuine rows are not all at the start.
    expect(sample.truth.slice(0, 100).filter((t) => t.truth === 'genuine').length).toBeLessThan(40);
    expect(sample.columns).toContain('prenom');
  });
});

describe('unrelated', () => {
  it('is realistic people who are not our customers', () => {
    const sample = unrelated(500, { exclude: company, headers: 'nested' });
    expect(sample.columns).toContain('address.street');
    const emails = column(sample, 'email');
    expect(emails.some((e) => ourEmails.has(e!.toLowerCase()))).toBe(false);
    expect(column(sample, 'customer_id').every((id) => /^\d{6}$/.test(id!))).toBe(true);
    const phones = column(sample, 'phone');
    const countries = column(sample, 'country');
    expect(phones.every((p, i) => isValidPhoneNumber(p!, countries[i] as 'IT'))).toBe(true);
    expect(column(sample, 'ip').every((ip) => isPublicIPv4(ip!))).toBe(true);
    expect(unrelated(500, { exclude: company, headers: 'nested' })).toEqual(sample);
  });
});
