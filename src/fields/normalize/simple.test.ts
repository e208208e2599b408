import { describe, expect, it } from 'vitest';
import {
  normalizeAmount,
  normalizeCurrency,
  normalizeGender,
  normalizeId,
  normalizePassword,
  normalizePasswordHash,
  normalizeText,
  normalizeUsername,
} from './simple.js';

describe('normalizeUsername', () => {
  it('keeps the name as written and keys it in lowercase', () => {
    expect(normalizeUsername('  Mario_Rossi85 ')).toEqual({
      ok: true,
      value: 'Mario_Rossi85',
      keys: { exact: 'Mario_Rossi85', lower: 'mario_rossi85' },
    });
    expect(normalizeUsername('Jose\u0301')).toMatchObject({ value: 'José' });
  });
});

describe('normalizeId', () => {
  it.each([
    ['ORD-000123', 'ORD123'],
    ['ord000123', 'ORD123'],
    ['#ORD 123', 'ORD123'],
    [' 00042 ', '42'],
    ['0', '0'],
    ['IT-2019/0042', 'IT201942'],
    ['a1b2-03', 'A1B23'],
  ])('%j has loose key %j', (raw, loose) => {
    const n = normalizeId(raw);
    expect(n).toMatchObject({ ok: true, value: raw.trim(), keys: { exact: raw.trim(), loose } });
  });

  it('rejects ids made only of separators', () => {
    expect(normalizeId(' -/- ')).toMatchObject({ ok: false });
  });
});

describe('normalizeAmount', () => {
  it.each([
    ['1234.56', '1234.56', undefined],
    ['1.234,56', '1234.56', undefined],
    ['1,234.56', '1234.56', undefined],
    ["1'234.50", '1234.5', undefined],
    ['1 234,56 €', '1234.56', 'EUR'],
    ['€ 1.234,50', '1234.5', 'EUR'],
    ['€1.234.567', '1234567', 'EUR'],
    ['$1,234', '1234', 'USD'],
    ['£12.00', '12', 'GBP'],
    ['12,5', '12.5', undefined],
    ['0,500', '0.5', undefined],
    ['12.345', '12.345', undefined],
    ['-12,50 €', '-12.5', 'EUR'],
    ['€-12,50', '-12.5', 'EUR'],
    ['12.50-', '-12.5', undefined],
    ['(12.50)', '-12.5', undefined],
    ['−7', '-7', undefined],
    ['EUR 12', '12', 'EUR'],
    ['12 CHF', '12', 'CHF'],
    ['-0,00', '0', undefined],
    ['007', '7', undefined],
  ])('%j → %j', (raw, value, currency) => {
    expect(normalizeAmount(raw)).toEqual({ ok: true, value, ...(currency ? { keys: { currency } } : {}) });
  });

  it.each(['abc', '12 apples', '1.2.3', '1,23,4', '--5', '€ $ 5', '', '1e5'])('rejects %j', (raw) => {
    expect(normalizeAmount(raw)).toMatchObject({ ok: false });
  });
});

describe('normalizeCurrency', () => {
  it.each([
    ['€', 'EUR'],
    ['eur', 'EUR'],
    ['Euro', 'EUR'],
    ['euros', 'EUR'],
    ['$', 'USD'],
    ['US$', 'USD'],
    ['£', 'GBP'],
    ['sterline', 'GBP'],
    ['CHF', 'CHF'],
    ['Fr.', 'CHF'],
    ['zł', 'PLN'],
    ['jpy', 'JPY'],
  ])('%j → %s', (raw, code) => {
    expect(normalizeCurrency(raw)).toEqual({ ok: true, value: code });
  });

  it('rejects unknown codes', () => {
    expect(normalizeCurrency('XYZ')).toMatchObject({ ok: false });
    expect(normalizeCurrency('money')).toMatchObject({ ok: false });
  });
});

describe('normalizeGender', () => {
  it.each([
    ['M', 'm'],
    ['male', 'm'],
    ['Maschio', 'm'],
    ['uomo', 'm'],
    ['Homme', 'm'],
    ['H', 'm'],
    ['männlich', 'm'],
    ['Hombre', 'm'],
    ['F', 'f'],
    ['Female', 'f'],
    ['femmina', 'f'],
    ['donna', 'f'],
    ['Femme', 'f'],
    ['weiblich', 'f'],
    ['W', 'f'],
    ['Mujer', 'f'],
    ['divers', 'x'],
    ['non-binary', 'x'],
  ])('%j → %s', (raw, value) => {
    expect(normalizeGender(raw)).toEqual({ ok: true, value });
  });

  it('rejects other values', () => {
    expect(normalizeGender('1')).toMatchObject({ ok: false });
    expect(normalizeGender('banana')).toMatchObject({ ok: false });
  });
});

describe('passwords and hashes', () => {
  it('keeps passwords as written apart from surrounding whitespace', () => {
    expect(normalizePassword('  PassWord!1 ')).toEqual({ ok: true, value: 'PassWord!1' });
    expect(normalizePassword('Cafe\u0301')).toEqual({ ok: true, value: 'Cafe\u0301' });
  });

  it('lowercases hex digests only', () => {
    expect(normalizePasswordHash(' 5F4DCC3B5AA765D61D8327DEB882CF99 ')).toEqual({
      ok: true,
      value: '5f4dcc3b5aa765d61d8327deb882cf99',
    });
    const bcrypt = '$2y$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
    expect(normalizePasswordHash(bcrypt)).toEqual({ ok: true, value: bcrypt });
  });
});

describe('normalizeText', () => {
  it('trims and composes', () => {
    expect(normalizeText('  Cafe\u0301 ')).toEqual({ ok: true, value: 'Café' });
    expect(normalizeText('   ')).toMatchObject({ ok: false });
  });
});
