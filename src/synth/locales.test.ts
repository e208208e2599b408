import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, type CountryCode, generatePostcode, LOCALES, postcodeBelongsTo } from './locales.js';
import { ipInBlocks, isPublicIPv4 } from './net.js';
import { Random } from './random.js';

const POSTCODE_FORMAT: Readonly<Record<CountryCode, RegExp>> = {
  IT: /^\d{5}$/,
  FR: /^\d{5}$/,
  DE: /^\d{5}$/,
  ES: /^\d{5}$/,
  US: /^\d{5}$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$/,
  NL: /^[1-9]\d{3} [A-Z]{2}$/,
};

describe('locale tables', () => {
  it.each(COUNTRY_CODES)('%s has enough names, cities and streets', (country) => {
    const locale = LOCALES[country];
    expect(locale.femaleNames.length + locale.maleNames.length).toBeGreaterThanOrEqual(60);
    expect(locale.surnames.length).toBeGreaterThanOrEqual(58);
    expect(locale.cities.length).toBeGreaterThanOrEqual(20);
    expect(locale.streetNames.length).toBeGreaterThanOrEqual(20);
    for (const list of [
      locale.femaleNames,
      locale.maleNames,
      locale.surnames,
      locale.cities.map((c) => c.name),
    ]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('has diacritics and multi-part surnames where the countries have them', () => {
    const surnames = COUNTRY_CODES.flatMap((c) => LOCALES[c].surnames);
    for (const name of [
      "D'Angelo",
      'De Luca',
      'Müller',
      'van der Berg',
      "O'Brien",
      'García',
      'Márquez',
      'Lefèvre',
    ]) {
      expect(surnames).toContain(name);
    }
  });

  it.each(COUNTRY_CODES)('%s postcodes are well-formed and belong to their city', (country) => {
    const rng = new Random(country);
    for (const city of LOCALES[country].cities) {
      for (const entry of city.postcodes) {
        const [from, to = from] = entry.split('-');
        expect(from! <= to!, `${city.name} ${entry}`).toBe(true);
      }
      for (let i = 0; i < 30; i++) {
        const postcode = generatePostcode(country, city, rng);
        expect(postcode, city.name).toMatch(POSTCODE_FORMAT[country]);
        expect(postcodeBelongsTo(country, city, postcode), `${city.name} ${postcode}`).toBe(true);
      }
    }
  });

  it('ties postcodes to the right département, provincia and city', () => {
    const prefix = (country: CountryCode, cityName: string) => {
      const city = LOCALES[country].cities.find((c) => c.name === cityName)!;
      return generatePostcode(country, city, new Random(1)).slice(0, 2);
    };
    expect(prefix('FR', 'Paris')).toBe('75');
    expect(prefix('FR', 'Marseille')).toBe('13');
    expect(prefix('FR', 'Nice')).toBe('06');
    expect(prefix('ES', 'Madrid')).toBe('28');
    expect(prefix('ES', 'Barcelona')).toBe('08');
    expect(prefix('IT', 'Milano')).toBe('20');
    expect(prefix('IT', 'Roma')).toBe('00');
    expect(prefix('DE', 'München')).toMatch(/^8[01]$/);
    const berlin = LOCALES.DE.cities.find((c) => c.name === 'Berlin')!;
    expect(postcodeBelongsTo('DE', berlin, '80331')).toBe(false);
  });

  it('composes streets and addresses the local way', () => {
    expect(LOCALES.DE.composeStreet('Straße', 'Goethe')).toBe('Goethestraße');
    expect(LOCALES.DE.composeStreet('Straße', 'Berliner')).toBe('Berliner Straße');
    expect(LOCALES.DE.composeStreet('Allee', 'Friedrich-Ebert-')).toBe('Friedrich-Ebert-Allee');
    expect(LOCALES.IT.addressLine(LOCALES.IT.composeStreet('Via', 'Roma'), '12')).toBe('Via Roma 12');
    expect(LOCALES.FR.addressLine(LOCALES.FR.composeStreet('rue', 'de la Paix'), '7')).toBe(
      '7 rue de la Paix',
    );
    expect(LOCALES.GB.addressLine(LOCALES.GB.composeStreet('Street', 'High'), '3')).toBe('3 High Street');
    expect(LOCALES.NL.composeStreet('straat', 'Kerk')).toBe('Kerkstraat');
    expect(LOCALES.ES.addressLine('Calle Mayor', '5, 2º B')).toBe('Calle Mayor, 5, 2º B');
  });

  it.each(COUNTRY_CODES)('%s IP blocks are public and addresses stay inside them', (country) => {
    const rng = new Random(country);
    for (let i = 0; i < 500; i++) {
      const ip = ipInBlocks(LOCALES[country].ipBlocks, rng);
      expect(isPublicIPv4(ip), ip).toBe(true);
      expect(ip).not.toMatch(/\.(0|255)$/);
    }
  });

  it('keeps faker out of the genuine side', () => {
    // The product flags faker dictionaries as fabrication: genuine data must not come from them.
    const dir = import.meta.dirname;
    const files = [...readdirSync(dir), ...readdirSync(join(dir, 'locales')).map((f) => join('locales', f))];
    const offenders = files.filter(
      (f) =>
        f.endsWith('.ts') &&
        !f.endsWith('.test.ts') &&
        f !== 'fakes.ts' &&
        /from\s+['"]@faker-js/.test(readFileSync(join(dir, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('isPublicIPv4', () => {
  it('rejects private, reserved and malformed addresses', () => {
    for (const ip of [
      '10.1.2.3',
      '192.168.0.1',
      '172.20.1.1',
      '127.0.0.1',
      '100.64.1.1',
      '224.0.0.1',
      '0.1.2.3',
      '255.255.255.255',
      '1.2.3',
      '1.2.3.256',
    ]) {
      expect(isPublicIPv4(ip), ip).toBe(false);
    }
    for (const ip of ['8.8.8.8', '79.20.1.1', '172.32.0.1']) expect(isPublicIPv4(ip), ip).toBe(true);
  });
});
