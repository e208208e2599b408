import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { type Customer, generateCompany } from './company.js';
import { asciiName, isValidCustomerId, luhnDigit } from './identity.js';
import { LOCALES, postcodeBelongsTo } from './locales.js';
import { ipInBlock, isPublicIPv4 } from './net.js';
import { DAY_MS, formatDate, formatTimestamp, parseUtc } from './table.js';

const company = generateCompany({ seed: 'test', customers: 20_000 });
const customers: Customer[] = [...company.customers()];

describe('generateCompany', () => {
  it('is deterministic: same seed, same customers; another seed, other customers', () => {
    const again = [...generateCompany({ seed: 'test', customers: 20_000 }).customers()];
    expect(JSON.stringify(again)).toBe(JSON.stringify(customers));
    const other = generateCompany({ seed: 'other', customers: 100 }).customersAt([0])[0]!;
    expect(other.email).not.toBe(customers[0]!.email);
  });

  it('gives unique, sequential house ids with a valid check digit', () => {
    const bad = customers.filter(
      (c, i) =>
        !isValidCustomerId(c.customer_id) || (i > 0 && c.customer_id <= customers[i - 1]!.customer_id),
    );
    expect(bad).toEqual([]);
    expect(isValidCustomerId('SC-00100015')).toBe(false);
    expect(luhnDigit('7992739871')).toBe(3);
  });

  it('keeps emails and usernames unique, and derived from the name', () => {
    expect(new Set(customers.map((c) => c.email)).size).toBe(customers.length);
    expect(new Set(customers.map((c) => c.username)).size).toBe(customers.length);
    let fromName = 0;
    const badUsernames: string[] = [];
    for (const c of customers) {
      const local = c.email.split('@')[0]!;
      const first = asciiName(c.first_name.split(/[\s-]/)[0]!, c.country);
      const last = asciiName(c.last_name.split(' ')[0]!, c.country);
      if (local.includes(first) || local.includes(last.slice(0, 4))) fromName++;
      if (!/^[a-z]+\d{2,4}$/.test(c.username) || !c.username.startsWith(first[0]!))
        badUsernames.push(c.username);
    }
    expect(badUsernames).toEqual([]);
    expect(fromName / customers.length).toBeGreaterThan(0.97);
    const domains = new Set(customers.map((c) => c.email.split('@')[1]));
    for (const d of [
      'gmail.com',
      'libero.it',
      'orange.fr',
      'gmx.de',
      'web.de',
      'yahoo.es',
      'hotmail.co.uk',
    ]) {
      expect(domains).toContain(d);
    }
  });

  it('puts every customer at a real postcode of their city and region', () => {
    const bad = customers.filter((c) => {
      const city = LOCALES[c.country].cities.find((x) => x.name === c.city);
      return (
        city === undefined || c.region !== city.region || !postcodeBelongsTo(c.country, city, c.postcode)
      );
    });
    expect(bad.map((c) => `${c.country} ${c.city} ${c.postcode} ${c.region}`)).toEqual([]);
  });

  it('stores valid phone numbers', () => {
    const invalid = customers.slice(0, 3000).filter((c) => !isValidPhoneNumber(c.phone, c.country));
    expect(invalid.map((c) => `${c.country} ${c.phone}`)).toEqual([]);
  });

  it('signs customers up from public IPs of their country, with a few abroad', () => {
    let home = 0;
    const reserved: string[] = [];
    for (const c of customers) {
      if (!isPublicIPv4(c.signup_ip)) reserved.push(c.signup_ip);
      if (LOCALES[c.country].ipBlocks.some((block) => ipInBlock(c.signup_ip, block))) home++;
    }
    expect(reserved).toEqual([]);
    expect(home / customers.length).toBeGreaterThan(0.94);
    expect(home).toBeLessThan(customers.length);
  });

  it('has adult customers with a realistic age spread, and signups in order', () => {
    const ages: number[] = [];
    const bad: string[] = [];
    let previous = 0;
    for (const c of customers) {
      const born = parseUtc(c.date_of_birth);
      const signup = parseUtc(c.created_at);
      if (signup < previous || signup < company.since || signup > company.until) bad.push(c.created_at);
      if ((signup - born) / DAY_MS / 365.25 < 18) bad.push(`${c.date_of_birth} ${c.created_at}`);
      previous = signup;
      ages.push((company.until - born) / DAY_MS / 365.25);
    }
    expect(bad).toEqual([]);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThan(90.01);
    const share = (lo: number, hi: number) => ages.filter((a) => a >= lo && a < hi).length / ages.length;
    expect(share(25, 45)).toBeGreaterThan(0.35);
    expect(share(75, 91)).toBeLessThan(0.06);
    expect(share(75, 91)).toBeGreaterThan(0.005);
  });

  it('mixes countries, genders and multi-part surnames', () => {
    const countries = new Set(customers.map((c) => c.country));
    expect(countries.size).toBe(7);
    expect(customers.some((c) => c.country === 'ES' && c.last_name.split(' ').length >= 2)).toBe(true);
    expect(customers.some((c) => /[äöüéèàíóúñ]/i.test(c.last_name))).toBe(true);
    const only = generateCompany({ seed: 1, customers: 200, countries: ['IT'] });
    expect([...only.customers()].every((c) => c.country === 'IT')).toBe(true);
  });

  it('generates orders with house numbers, realistic amounts and mostly the home address', () => {
    const ids = new Set<string>();
    const bad: string[] = [];
    let orders = 0;
    let home = 0;
    for (const c of customers.slice(0, 5000)) {
      let previous = c.signupMs;
      for (const order of company.ordersOf(c)) {
        orders++;
        ids.add(order.order_id);
        const ms = parseUtc(order.created_at);
        const ok =
          /^ORD-20\d\d-\d{7}$/.test(order.order_id) &&
          order.order_id.slice(4, 8) === order.created_at.slice(0, 4) &&
          order.customer_id === c.customer_id &&
          /^\d+\.\d\d$/.test(order.amount) &&
          Number(order.amount) > 1 &&
          order.currency === LOCALES[c.country].currency &&
          ms >= previous - 1000;
        if (!ok) bad.push(JSON.stringify(order));
        previous = ms;
        if (order.ship_postcode === c.postcode && order.ship_city === c.city) home++;
      }
    }
    expect(bad).toEqual([]);
    expect(company.ordersOf(customers[3]!)).toEqual(company.ordersOf(customers[3]!));
    expect(ids.size).toBe(orders);
    expect(orders / 5000).toBeGreaterThan(1.7);
    expect(orders / 5000).toBeLessThan(2.3);
    expect(home / orders).toBeGreaterThan(0.8);
    expect(home / orders).toBeLessThan(0.97);
  });

  it('finds customers by index in one pass', () => {
    const picked = company.customersAt([19_999, 5, 5, 700]);
    expect(picked.map((c) => c.index)).toEqual([5, 700, 19_999]);
    expect(picked[1]).toEqual(customers[700]);
  });

  it('generates 100k customers fast (loose bound; about 0.5 s on an idle core)', () => {
    const big = generateCompany({ seed: 'speed', customers: 100_000 });
    const started = performance.now();
    let n = 0;
    for (const _ of big.customers()) n++;
    const ms = performance.now() - started;
    expect(n).toBe(100_000);
    expect(ms).toBeLessThan(6000);
  });
});

describe('date formatting', () => {
  it('agrees with Date#toISOString', () => {
    for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 7_777_777_777) {
      const iso = new Date(ms).toISOString();
      expect(formatTimestamp(ms)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`);
      expect(formatDate(ms)).toBe(iso.slice(0, 10));
    }
  });
});
