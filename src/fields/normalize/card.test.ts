import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardBrand, normalizeCard } from './card.js';

describe('normalizeCard', () => {
  it.each([
    ['4111 1111 1111 1111', 'visa', '1111'],
    ['5555-5555-5555-4444', 'mastercard', '4444'],
    ['2223003122003222', 'mastercard', '3222'],
    ['3782 822463 10005', 'amex', '0005'],
    ['6011111111111117', 'discover', '1117'],
    ['3530111333300000', 'jcb', '0000'],
    ['36227206271667', 'diners', '1667'],
    ['6200000000000005', 'unionpay', '0005'],
    ['6759649826438453', 'maestro', '8453'],
  ])('keeps only the last four digits and the brand of %s', (raw, brand, last4) => {
    const n = normalizeCard(raw);
    expect(n).toEqual({ ok: true, value: `****${last4}`, keys: { last4, brand } });
    expect(JSON.stringify(n)).not.toContain(raw.replace(/\D/g, '').slice(0, 8));
  });

  it('adds the keyed hash only when a hash function is given, and passes it the digits', () => {
    const seen: string[] = [];
    const n = normalizeCard('4111-1111-1111-1111', (d) => {
      seen.push(d);
      return 'h1';
    });
    expect(n).toMatchObject({ ok: true, keys: { hash: 'h1', last4: '1111' } });
    expect(seen).toEqual(['4111111111111111']);
  });

  it('rejects numbers failing Luhn or of the wrong length, without quoting them', () => {
    for (const raw of [
      '4111 1111 1111 1112',
      '4111 1111 111',
      '4111 1111 1111 1111 1111',
      '4111-abcd-1111',
    ]) {
      const n = normalizeCard(raw);
      expect(n.ok).toBe(false);
      expect(JSON.stringify(n)).not.toMatch(/\d{4}/);
    }
  });

  it('accepts masked numbers and keeps what they show', () => {
    expect(normalizeCard('**** **** **** 1234')).toEqual({
      ok: true,
      value: '****1234',
      keys: { last4: '1234', brand: 'unknown' },
    });
    expect(normalizeCard('411111XXXXXX1111')).toMatchObject({ value: '****1111', keys: { brand: 'visa' } });
  });

  it('never returns more than four digits of any input', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 *-]{0,30}$/), (raw) => {
        const n = normalizeCard(raw, () => 'h');
        // Digits of what is returned, not of its key names ("last4").
        const returned = n.ok ? [n.value, ...Object.values(n.keys ?? {})] : [n.reason];
        expect(returned.join('').replace(/\D/g, '').length).toBeLessThanOrEqual(8);
      }),
    );
  });

  it('names brands by IIN range edges', () => {
    expect(cardBrand('2221000000000009')).toBe('mastercard');
    expect(cardBrand('2720990000000000')).toBe('mastercard');
    expect(cardBrand('2721000000000000')).toBe('unknown');
    expect(cardBrand('6221260000000000')).toBe('discover');
    expect(cardBrand('6221250000000000')).toBe('unionpay');
  });
});
