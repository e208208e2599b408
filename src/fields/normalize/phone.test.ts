import fc from 'fast-check';
import { parsePhoneNumberFromString as parseMin } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { guessPhoneRegion, normalizePhone, validatePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['333 123 4567', 'IT', '+393331234567', '3331234567'],
    ['+39 06 1234 5678', undefined, '+390612345678', '0612345678'],
    ['0039 333 1234567', undefined, '+393331234567', '3331234567'],
    ['(+39) 333-1234567', 'FR', '+393331234567', '3331234567'],
    ['06 12 34 56 78', 'FR', '+33612345678', '612345678'],
    ['+33 (0)6 12 34 56 78', undefined, '+33612345678', '612345678'],
    ['0171 1234567', 'DE', '+491711234567', '1711234567'],
    ['030/12345678', 'DE', '+493012345678', '3012345678'],
    ['612 34 56 78', 'ES', '+34612345678', '612345678'],
    ['07700 900123', 'GB', '+447700900123', '7700900123'],
    ['+44 (0)20 7946 0000', undefined, '+442079460000', '2079460000'],
    ['(212) 736-5000', 'US', '+12127365000', '2127365000'],
    ['1-212-736-5000', 'US', '+12127365000', '2127365000'],
    ['0412 345 678', 'AU', '+61412345678', '412345678'],
    ['393331234567', 'IT', '+393331234567', '3331234567'],
    // A region that dials abroad with 011 still understands 00 when nothing else fits.
    ['0033 6 12 34 56 78', 'US', '+33612345678', '612345678'],
    // Text around the number goes through libphonenumber-js itself.
    ['Tel. 333 1234567', 'IT', '+393331234567', '3331234567'],
    ['333 1234567 int. 12', 'IT', '+393331234567', '3331234567'],
    ['＋３９ ３３３ １２３ ４５６７', undefined, '+393331234567', '3331234567'],
  ])('%j in %s is %s', (raw, region, e164, national) => {
    expect(normalizePhone(raw, region)).toEqual({ ok: true, value: e164, keys: { e164, national } });
  });

  it.each([
    ['333 123 4567', undefined, 'no country code and no region'],
    ['12', 'IT', 'impossible length'],
    ['+39 12', undefined, 'impossible length'],
    ['not a number', 'IT', 'not a phone number'],
    ['+999 1234567', undefined, 'no country code and no region'],
    ['', 'IT', 'empty'],
  ])('rejects %j in %s', (raw, region, reason) => {
    expect(normalizePhone(raw, region)).toEqual({ ok: false, reason });
  });

  it('matches libphonenumber-js on formatted national and international input', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^(?:\+|00|\(0\))?[0-9][0-9 ()./-]{5,16}$/),
        fc.constantFrom('IT', 'FR', 'DE', 'ES', 'GB', 'US', 'AU'),
        (raw, region) => {
          const n = normalizePhone(raw, region);
          const parsed = parseMin(raw, region);
          const ref = parsed?.number;
          // Where libphonenumber-js would change its own E.164 when reading it again (trunk
          // prefixes inside garbage digits), normalizePhone takes the fixpoint instead.
          const stable = ref !== undefined && parseMin(ref)?.number === ref;
          if (!n.ok || !stable) return;
          // libphonenumber-js keeps a national reading of impossible length ("003100/0/00" in
          // the US: +1003100000); normalizePhone reads a leading 00 as the international
          // prefix instead, the way most people write numbers abroad.
          const abroad =
            !parsed!.isPossible() && raw.startsWith('00') ? parseMin(`+${raw.slice(2)}`)?.number : ref;
          expect([ref, abroad], `${raw} in ${region}`).toContain(n.value);
        },
      ),
      { numRuns: Number(process.env.PHONE_RUNS ?? 3000) },
    );
  });
});

describe('validatePhone', () => {
  it('tells validity, country and type from full metadata', () => {
    expect(validatePhone('+393331234567')).toEqual({ valid: true, country: 'IT', type: 'MOBILE' });
    expect(validatePhone('+390612345678')).toMatchObject({ valid: true, country: 'IT', type: 'FIXED_LINE' });
    expect(validatePhone('+447400123456')).toMatchObject({ valid: true, country: 'GB', type: 'MOBILE' });
    expect(validatePhone('+447911123456')).toMatchObject({ valid: true, country: 'GG' });
    expect(validatePhone('+447700900123')).toMatchObject({ valid: false }); // Ofcom's range for drama
    expect(validatePhone('+39000000000')).toMatchObject({ valid: false });
    expect(validatePhone('+391')).toEqual({ valid: false });
    expect(validatePhone('garbage')).toEqual({ valid: false });
  });
});

describe('guessPhoneRegion', () => {
  it('finds the region most values are valid in', () => {
    const it_ = ['333 123 4567', '347 765 4321', '06 1234 5678', '+44 7911 123456', '02 8765 4321'];
    expect(guessPhoneRegion(it_)).toEqual({ region: 'IT', validShare: 1 });
    const us = ['(202) 456-1111', '212-736-5000', '650 253 0000', '(415) 392-0202'];
    expect(guessPhoneRegion(us)).toMatchObject({ region: 'US', validShare: 1 });
    const fr = ['06 12 34 56 78', '01 42 68 53 00', '07 81 23 45 67'];
    expect(guessPhoneRegion(fr)).toMatchObject({ region: 'FR', validShare: 1 });
    const gb = ['07400 123456', '020 7123 4567', '0161 123 4567'];
    expect(guessPhoneRegion(gb, 'IT')).toMatchObject({ region: 'GB' });
  });

  it('falls back when nothing is valid', () => {
    expect(guessPhoneRegion(['abc', '', '12'], 'ES')).toEqual({ region: 'ES', validShare: 0 });
    expect(guessPhoneRegion([])).toEqual({ region: undefined, validShare: 0 });
  });
});
