import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excessWeight, MAX_WEIGHT, percent } from './common.js';
import { distanceFromUniform } from './dates.js';
import { fakerLocale, isReservedEmailDomain } from './faker-data.js';
import { ipCountry } from './ip-country.js';
import { postcodeFitsCity, zipFitsState, zipState } from './postcode-regions.js';
import { parseClaimedRows, sizeSignals } from './size.js';

describe('parseClaimedRows', () => {
  it('reads the counts forum banners claim, in several languages', () => {
    expect(parseClaimedRows(['Total: 87,000,000 records'])).toBe(87_000_000);
    expect(parseClaimedRows(['87M users, fresh dump'])).toBe(87_000_000);
    expect(parseClaimedRows(['87 milioni di record'])).toBe(87_000_000);
    expect(parseClaimedRows(['1,2 miliardi di righe'])).toBe(1_200_000_000);
    expect(parseClaimedRows(['Datenbank mit 87 Mio. Datensätze'])).toBe(87_000_000);
    expect(parseClaimedRows(['87.000.000 clienti'])).toBe(87_000_000);
    expect(parseClaimedRows(['87 millions d’utilisateurs', 'sample: 3,000 rows'])).toBe(87_000_000);
    expect(parseClaimedRows(['87 millones de registros'])).toBe(87_000_000);
    expect(parseClaimedRows(['450k accounts'])).toBe(450_000);
    expect(parseClaimedRows(['1.5B emails'])).toBe(1_500_000_000);
  });

  it('ignores numbers that are not counts of records', () => {
    expect(parseClaimedRows(['dumped in 2024, price 500 USD'])).toBeNull();
    expect(parseClaimedRows(['contact me on telegram 12345'])).toBeNull();
    expect(parseClaimedRows([])).toBeNull();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 5 }), (notes) => {
        const n = parseClaimedRows(notes);
        expect(n === null || (Number.isInteger(n) && n >= 1)).toBe(true);
      }),
    );
  });
});

describe('size signals', () => {
  it('says when the claim exceeds everything we hold, and how many rows can be ours', () => {
    const estimate = {
      identityShare: 0.4,
      identityShareCi95: [0.38, 0.42] as const,
      fromRecordsShare: 0,
      fromRecordsShareCi95: [0, 0.00123] as const,
      claimedRows: 87_000_000,
      plausibleOurRowsMax: 107_010,
    };
    const records = {
      kind: 'record-profile',
      version: 1,
      tables: { customers: 1_000_000, orders: 3_000_000 },
      kinds: [],
    } as const;
    const [claimed, plausible] = sizeSignals(estimate, records);
    expect(claimed?.id).toBe('claimed-size');
    expect(claimed?.weight).toBe(MAX_WEIGHT);
    const small = sizeSignals({ ...estimate, claimedRows: 10_000_000 }, records)[0];
    expect(small?.weight).toBeCloseTo(Math.log(10 / 4), 2);
    expect(claimed?.detail).toContain('87,000,000');
    expect(plausible?.value).toBe(107_010);
    expect(sizeSignals({ ...estimate, claimedRows: null, plausibleOurRowsMax: null }, records)).toEqual([]);
  });
});

describe('postcode regions', () => {
  it('knows where big cities’ postcodes start', () => {
    expect(postcodeFitsCity('IT', '20121', 'Milano')).toBe(true);
    expect(postcodeFitsCity('IT', '00184', 'Milano')).toBe(false);
    expect(postcodeFitsCity('FR', '13001', 'Marseille')).toBe(true);
    expect(postcodeFitsCity('DE', '80331', 'München')).toBe(true);
    expect(postcodeFitsCity('DE', '80331', 'Muenchen')).toBe(true);
    expect(postcodeFitsCity('DE', '10115', 'Köln')).toBe(false);
    expect(postcodeFitsCity('ES', '08001', 'Barcelona')).toBe(true);
    expect(postcodeFitsCity('GB', 'SW1A 1AA', 'London')).toBe(true);
    expect(postcodeFitsCity('GB', 'M1 1AE', 'London')).toBe(false);
    expect(postcodeFitsCity('US', '10001', 'New York')).toBe(true);
    expect(postcodeFitsCity('US', '90001', 'Chicago')).toBe(false);
    expect(postcodeFitsCity('US', '04101', 'Portland')).toBe(true);
  });

  it('claims nothing about places it does not know', () => {
    expect(postcodeFitsCity('IT', '12345', 'Lana a mare')).toBeUndefined();
    expect(postcodeFitsCity('BR', '01000', 'São Paulo')).toBeUndefined();
    expect(zipState('00001')).toBeUndefined();
    expect(zipFitsState('94103', 'California')).toBe(true);
    expect(zipFitsState('94103', 'TX')).toBe(false);
    expect(zipFitsState('94103', 'Narnia')).toBeUndefined();
  });
});

describe('IP country database', () => {
  it('locates public addresses and nothing in reserved space', () => {
    expect(ipCountry('151.18.254.40')).toBe('IT');
    expect(ipCountry('8.8.8.8')).toBe('US');
    expect(ipCountry('10.0.0.1')).toBeUndefined();
    expect(ipCountry('not an ip')).toBeUndefined();
    expect(ipCountry('2a00:1450:4001:800::200e')).toMatch(/^[A-Z]{2}$/);
  });
});

describe('faker data', () => {
  it('reads faker’s name lists and the templates that invent places', () => {
    const it = fakerLocale('IT');
    expect(it.lastNames.probability.has('rossi')).toBe(true);
    expect(it.lastNames.collision).toBeGreaterThan(0);
    expect(it.lastNames.collision).toBeLessThan(0.01);
    expect(it.cityTemplates.some((t) => t.test('Sesto Gianluca terme'))).toBe(true);
    expect(it.cityTemplates.some((t) => t.test('Milano'))).toBe(false);
    const us = fakerLocale('US');
    expect(us.cityTemplates.some((t) => t.test('Lake Vincentport'))).toBe(true);
    expect(fakerLocale('XX')).toBe(fakerLocale(undefined));
  });

  it('recognises domains reserved for examples', () => {
    expect(isReservedEmailDomain('example.com')).toBe(true);
    expect(isReservedEmailDomain('shop.test')).toBe(true);
    expect(isReservedEmailDomain('gmail.com')).toBe(false);
    expect(isReservedEmailDomain('example-shop.com')).toBe(false);
  });
});

describe('weights and small statistics', () => {
  it('weighs a share only when its lower bound clears the baseline, and caps it', () => {
    expect(excessWeight(0, 100, 0.01)).toBe(0);
    expect(excessWeight(1, 100, 0.01)).toBe(0);
    expect(excessWeight(100, 100, 0.001)).toBe(MAX_WEIGHT);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.nat(),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        (n, k, b) => {
          const x = k % (n + 1);
          const w = excessWeight(x, n, b);
          expect(w).toBeGreaterThanOrEqual(0);
          expect(w).toBeLessThanOrEqual(MAX_WEIGHT);
          if (x < n) expect(excessWeight(x + 1, n, b)).toBeGreaterThanOrEqual(w);
        },
      ),
    );
  });

  it('measures how far ages are from a uniform spread', () => {
    const uniform = Array.from({ length: 1000 }, (_, i) => 18 + (62 * i) / 1000);
    // The sum of three spread-out sequences: a bell like a real age pyramid's middle.
    const frac = (x: number) => x - Math.floor(x);
    const humped = Array.from(
      { length: 1000 },
      (_, i) => 18 + 20 * (frac(i * 0.618) + frac(i * 0.4142) + frac(i * 0.7321)),
    );
    expect(distanceFromUniform(uniform)).toBeLessThan(0.02);
    expect(distanceFromUniform(humped)).toBeGreaterThan(0.1);
  });

  it('formats shares for people', () => {
    expect(percent(0)).toBe('0%');
    expect(percent(0.004)).toBe('0.4%');
    expect(percent(0.1346)).toBe('13%');
  });
});
