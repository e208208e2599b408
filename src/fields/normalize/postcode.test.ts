import { describe, expect, it } from 'vitest';
import { normalizePostcode } from './postcode.js';

describe('normalizePostcode', () => {
  it.each([
    ['00184', 'IT', '00184'],
    ['184', 'IT', '00184'],
    ['8100', 'IT', '08100'],
    ['I-00184', 'IT', '00184'],
    ['75002', 'FR', '75002'],
    ['1000', 'FR', '01000'],
    ['F-75002', undefined, '75002'],
    ['10115', 'DE', '10115'],
    ['1067', 'DE', '01067'],
    ['D-01067', undefined, '01067'],
    ['28013', 'ES', '28013'],
    ['8001', 'ES', '08001'],
    ['sw1a1aa', 'GB', 'SW1A 1AA'],
    [' SW1A  1AA ', undefined, 'SW1A 1AA'],
    ['m1 1ae', 'GB', 'M1 1AE'],
    ['GIR 0AA', 'GB', 'GIR 0AA'],
    ['12345', 'US', '12345'],
    ['12345-6789', 'US', '12345-6789'],
    ['123456789', 'US', '12345-6789'],
    ['2134', 'US', '02134'],
    ['1012lg', 'NL', '1012 LG'],
    ['1012 LG', undefined, '1012 LG'],
    ['2000', 'AU', '2000'],
    ['800', 'AU', '0800'],
    ['k1a0b1', 'CA', 'K1A 0B1'],
    ['K1A 0B1', undefined, 'K1A 0B1'],
    ['1234-567', 'PT', '1234-567'],
    ['00-950', 'PL', '00-950'],
    ['114 55', 'SE', '114 55'],
    ['8000', 'CH', '8000'],
    ['110001', 'IN', '110001'],
    ['100-0001', undefined, '1000001'],
  ])('%j in %s → %j', (raw, country, value) => {
    expect(normalizePostcode(raw, country)).toMatchObject({ ok: true, value });
  });

  it('gives coarser keys where the system has them', () => {
    expect(normalizePostcode('12345-6789', 'US')).toMatchObject({ keys: { zip5: '12345', country: 'US' } });
    expect(normalizePostcode('SW1A 1AA')).toMatchObject({ keys: { outward: 'SW1A', country: 'GB' } });
    expect(normalizePostcode('1012 LG')).toMatchObject({ keys: { digits: '1012' } });
    expect(normalizePostcode('K1A 0B1')).toMatchObject({ keys: { fsa: 'K1A' } });
  });

  it.each([
    ['99999', 'ES'],
    ['00123', 'DE'],
    ['1234', 'GB'],
    ['ABCDE', 'IT'],
    ['12', 'FR'],
    ['hello', undefined],
    ['', 'IT'],
  ])('rejects %j in %s', (raw, country) => {
    expect(normalizePostcode(raw, country)).toMatchObject({ ok: false });
  });
});
