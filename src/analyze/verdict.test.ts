import { describe, expect, it } from 'vitest';
import type { Signal } from '../core/report.js';
import type { FieldKind } from '../core/types.js';
import { estimateShares } from './corroborate.js';
import type { CorroborationSummary, RecordProfile } from './types.js';
import { comparableFields, decideVerdict } from './verdict.js';

const RECORD_KINDS: FieldKind[] = [
  'internal_id',
  'username',
  'first_name',
  'last_name',
  'email',
  'phone',
  'date_of_birth',
  'street',
  'postcode',
  'city',
  'ip',
  'order_id',
];
const records: RecordProfile = {
  kind: 'record-profile',
  version: 1,
  tables: { customers: 100_000 },
  kinds: RECORD_KINDS,
};
const FULL_SAMPLE: FieldKind[] = [
  'internal_id',
  'username',
  'first_name',
  'last_name',
  'email',
  'phone',
  'date_of_birth',
  'street',
  'postcode',
  'city',
  'ip',
];

function summary(
  rows: number,
  linked: number,
  corroborated: number,
  extra: Partial<CorroborationSummary> = {},
): CorroborationSummary {
  return {
    rows,
    linked,
    corroborated,
    corroboratedByAddressOnly: 0,
    contradicted: linked - corroborated,
    uncorroborated: 0,
    fields: corroborated > 0 ? { internal_id: { agree: corroborated, disagree: linked - corroborated } } : {},
    byRow: new Map(),
    unlinkedChecked: 0,
    unlinkedFitting: 0,
    formatFit: {},
    ...extra,
  };
}

function fabrication(total: number): Signal[] {
  const out: Signal[] = [];
  for (let left = total; left > 0; left -= 3) {
    out.push({
      id: `sign-${left}`,
      family: 'fabrication',
      weight: Math.min(3, left),
      value: 0.5,
      detail: `sign ${left}`,
    });
  }
  return out;
}

function verdict(
  s: CorroborationSummary,
  signals: Signal[] = [],
  sampleKinds: FieldKind[] = FULL_SAMPLE,
  claimed: number | null = null,
) {
  return decideVerdict({
    estimate: estimateShares(s, records, claimed),
    corroboration: s,
    signals,
    sampleKinds,
    recordKinds: RECORD_KINDS,
    organisation: 'ShopCo',
  });
}

describe('comparableFields', () => {
  it('needs an identifying field both sides hold', () => {
    expect(comparableFields(['password_hash'], RECORD_KINDS)).toEqual([]);
    expect(comparableFields(['email', 'password'], RECORD_KINDS)).toEqual(['email']);
    expect(comparableFields(['first_name', 'last_name'], RECORD_KINDS)).toEqual([]);
    expect(comparableFields(['full_name', 'city'], RECORD_KINDS)).toEqual(['full_name', 'city']);
    expect(comparableFields(['card_number'], RECORD_KINDS)).toEqual([]);
  });
});

describe('decideVerdict', () => {
  it('is inconclusive on too few rows and says what is missing', () => {
    const v = verdict(summary(12, 12, 12));
    expect(v.label).toBe('inconclusive');
    expect(v.summary).toContain('only 12 usable rows');
  });

  it('is inconclusive, never fabricated, on bare password hashes', () => {
    const v = verdict(summary(5000, 0, 0), fabrication(12), ['password_hash']);
    expect(v.label).toBe('inconclusive');
    expect(v.summary).toContain('password hashes');
    expect(v.summary).toContain('email addresses');
  });

  it('lets corroborated rows outrank any look of generation', () => {
    const v = verdict(summary(2000, 1960, 1950), fabrication(20));
    expect(v.label).toBe('authentic');
    expect(v.confidence).toBeGreaterThan(0.9);
    expect(v.summary).toContain("ShopCo's records");
    expect(v.summary).toContain('customer numbers on 1,950 rows');
  });

  it('calls a statistically clear corroborated subset partially authentic', () => {
    expect(verdict(summary(2000, 200, 190), fabrication(15)).label).toBe('partially-authentic');
    expect(verdict(summary(2000, 1000, 900)).label).toBe('partially-authentic');
    // Two corroborated rows in 2000 are not a clear subset: identity overlap without corroboration.
    expect(verdict(summary(2000, 600, 2)).label).toBe('recycled');
  });

  it('separates recycled identities from fabrication wrapped around real identities', () => {
    const recycled = verdict(summary(3000, 1230, 0), fabrication(2), FULL_SAMPLE, 87_000_000);
    expect(recycled.label).toBe('recycled');
    expect(recycled.summary).toContain('41%');
    expect(recycled.summary).toContain('87,000,000');
    expect(verdict(summary(3000, 2900, 0), fabrication(12)).label).toBe('fabricated');
  });

  it('judges unlinked rows by the signals, and never calls them fabricated without signs', () => {
    expect(verdict(summary(2000, 0, 0), fabrication(9)).label).toBe('fabricated');
    const quiet = verdict(summary(2000, 0, 0), fabrication(1));
    expect(quiet.label).toBe('unrelated');
    expect(verdict(summary(2000, 0, 0), [], ['email']).label).toBe('unrelated');
  });

  it('is inconclusive when unlinked rows carry ids in our exact formats', () => {
    const v = verdict(summary(2000, 0, 0, { unlinkedChecked: 2000, unlinkedFitting: 1980 }), fabrication(9));
    expect(v.label).toBe('inconclusive');
    expect(v.summary).toContain('archived');
  });

  it('warns when the corroboration rests on addresses alone', () => {
    const v = verdict(
      summary(1000, 950, 940, {
        corroboratedByAddressOnly: 940,
        fields: { street: { agree: 940, disagree: 10 } },
      }),
    );
    expect(v.label).toBe('authentic');
    expect(v.confidence).toBeLessThan(0.85);
    expect(v.summary).toContain('another company could also hold');
  });

  it('raises confidence with sample size', () => {
    const small = verdict(summary(60, 0, 0), fabrication(1));
    const large = verdict(summary(6000, 0, 0), fabrication(1));
    expect(small.label).toBe('unrelated');
    expect(large.confidence).toBeGreaterThan(small.confidence);
  });
});
