import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_KINDS } from '../core/types.js';
import {
  maskCard,
  maskDate,
  maskEmail,
  maskId,
  maskIp,
  maskName,
  maskPhone,
  maskPostcode,
  maskRow,
  maskValue,
} from './mask.js';

describe('masking', () => {
  it('masks emails keeping first and last letters and the TLD', () => {
    expect(maskEmail('mario.rossi@libero.it')).toBe('m********i@l*****.it');
    expect(maskEmail('a@b.it')).toBe('a*@b*.it');
    // Long locals are capped, so the mask does not reveal the length.
    expect(maskEmail('averyveryverylongname@example.com')).toBe('a********e@e******.com');
    expect(maskEmail('not-an-email')).not.toContain('not-an-email');
  });

  it('keeps only the last digits of phones and cards', () => {
    expect(maskPhone('+39 347 123 4567')).toBe('+** *** *** **67');
    expect(maskPhone('3471234567')).toBe('********67');
    expect(maskCard('4111 1111 1111 1234')).toBe('**** **** **** 1234');
  });

  it('reduces names to initials', () => {
    expect(maskName('Mario Rossi')).toBe('M. R.');
    expect(maskName('  Anna  Maria De Luca ')).toBe('A. M. D. L.');
    expect(maskName('Ülkü Çelik')).toBe('Ü. Ç.');
  });

  it('keeps the year of a date, the network of an IP, the area of a postcode, the ends of an id', () => {
    expect(maskDate('1985-03-14')).toBe('1985-**-**');
    expect(maskDate('14/03/1985')).toBe('**/**/1985');
    expect(maskDate('14/03/85')).toBe('**/**/**');
    expect(maskDate('14 March 1985')).toBe('** ***** 1985');
    expect(maskPhone('call me 555')).toBe('**** ** *55');
    expect(maskIp('93.45.12.7')).toBe('93.45.*.*');
    expect(maskIp('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:*');
    expect(maskPostcode('20121')).toBe('20***');
    expect(maskPostcode('SW1A 1AA')).toBe('SW** ***');
    expect(maskId('CU-2024-889123')).toBe('CU********23');
  });

  it('masks by column kind, never shows passwords, leaves coarse fields', () => {
    expect(maskValue('password', 'hunter2')).toBe('********');
    expect(maskValue('password_hash', '$2y$10$abcdefghijklmnopqrstuv')).toBe('$2y$10$…');
    expect(maskValue('city', 'Milano')).toBe('Milano');
    expect(maskValue('street', 'Via Roma 12')).toBe('V** R*** 1*');
    expect(maskValue('email', null)).toBeNull();
    expect(maskRow(['email', 'phone', 'full_name'], ['x.y@z.com', '+39 333 1234567', 'Luca Verdi'])).toEqual([
      'x*y@z*.com',
      '+** *** *****67',
      'L. V.',
    ]);
  });

  it('hides personal values: a masked value never contains the original (for values of 6+ characters)', () => {
    const personal = FIELD_KINDS.filter(
      (k) =>
        !['city', 'region', 'country', 'currency', 'gender', 'amount', 'date', 'password_hash'].includes(k),
    );
    fc.assert(
      fc.property(fc.constantFrom(...personal), fc.stringMatching(/^[a-z0-9]{6,40}$/), (kind, value) => {
        const masked = maskValue(kind, value);
        expect(masked).not.toBeNull();
        expect(masked).not.toContain(value);
        expect([...(masked ?? '')].length).toBeLessThanOrEqual(60);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELD_KINDS),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (kind, value) => {
          maskValue(kind, value);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
