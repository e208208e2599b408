import { isValidPhoneNumber, parsePhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, LOCALES } from './locales.js';
import { formatPhone, generatePhone, PHONE_STYLES } from './phones.js';
import { Random } from './random.js';

describe('generatePhone', () => {
  it('makes numbers valid under libphonenumber-js in every style, for every city of every country', () => {
    const rng = new Random(2024);
    const invalid: string[] = [];
    let checked = 0;
    for (const country of COUNTRY_CODES) {
      const locale = LOCALES[country];
      for (const city of locale.cities) {
        for (let i = 0; i < 25; i++) {
          // Half landlines where the city has them, so both plans are exercised.
          const phone = generatePhone(locale, city, rng, 0.5);
          const e164 = formatPhone(phone, 'e164');
          for (const style of PHONE_STYLES) {
            const text = formatPhone(phone, style);
            checked++;
            if (!isValidPhoneNumber(text, country)) invalid.push(`${city.name}: ${text} (${style})`);
            else if (parsePhoneNumber(text, country).number !== e164) invalid.push(`${text} is not ${e164}`);
          }
        }
      }
    }
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThan(20_000);
  });

  it('covers every mobile template of every country', () => {
    const rng = new Random(7);
    for (const country of COUNTRY_CODES) {
      for (const template of LOCALES[country].mobiles) {
        for (let i = 0; i < 20; i++) {
          const nsn = template.replace(/x/g, () => String(rng.int(0, 9)));
          expect(isValidPhoneNumber(`+${LOCALES[country].callingCode}${nsn}`), `${country} ${nsn}`).toBe(
            true,
          );
        }
      }
    }
  });

  it('writes numbers the way each country does', () => {
    expect(formatPhone({ country: 'IT', nsn: '3331234567', mobile: true }, 'national')).toBe('333 123 4567');
    expect(formatPhone({ country: 'IT', nsn: '0212345678', mobile: false }, 'international')).toBe(
      '+39 02 1234 5678',
    );
    expect(formatPhone({ country: 'FR', nsn: '612345678', mobile: true }, 'national')).toBe('06 12 34 56 78');
    expect(formatPhone({ country: 'FR', nsn: '612345678', mobile: true }, 'alt')).toBe('06.12.34.56.78');
    expect(formatPhone({ country: 'DE', nsn: '15112345678', mobile: true }, 'national')).toBe(
      '0151 12345678',
    );
    expect(formatPhone({ country: 'GB', nsn: '7412345678', mobile: true }, 'national')).toBe('07412 345678');
    expect(formatPhone({ country: 'GB', nsn: '2079460123', mobile: false }, 'national')).toBe(
      '020 7946 0123',
    );
    expect(formatPhone({ country: 'US', nsn: '2124567890', mobile: true }, 'national')).toBe(
      '(212) 456-7890',
    );
    expect(formatPhone({ country: 'NL', nsn: '612345678', mobile: true }, 'national')).toBe('06-12345678');
    expect(formatPhone({ country: 'ES', nsn: '612345678', mobile: true }, 'e164')).toBe('+34612345678');
    expect(formatPhone({ country: 'DE', nsn: '15112345678', mobile: true }, 'idd')).toBe('0049 151 12345678');
  });
});
