import { describe, expect, it } from 'vitest';
import { buildLinkageSummary, buildRowsSample } from './extensions.js';
import { EXAMPLE_LINKS } from './test-support/fixtures.js';

describe('buildLinkageSummary', () => {
  it('counts levels, bins probabilities and computes agreement shares', () => {
    const summary = buildLinkageSummary({
      links: EXAMPLE_LINKS,
      sampleRows: 10,
      fields: ['email', 'phone', 'ip'],
      bins: 4,
    });
    expect(summary.levels).toEqual({ exact: 2, probable: 1, possible: 1, unlinked: 6 });
    expect(summary.histogram).toEqual([
      { lo: 0, hi: 0.25, count: 0 },
      { lo: 0.25, hi: 0.5, count: 0 },
      { lo: 0.5, hi: 0.75, count: 1 },
      { lo: 0.75, hi: 1, count: 3 },
    ]);
    const share = Object.fromEntries(summary.fieldAgreement.map((f) => [f.field, f.share]));
    expect(share).toMatchObject({ email: 0.75, phone: 0.5, ip: 0, last_name: 0.75, dob: 0.25 });
    expect(summary.model).toBeUndefined();
  });

  it('puts probability 1 in the last bin and ignores non-finite values', () => {
    const summary = buildLinkageSummary({
      links: [],
      sampleRows: 3,
      probabilities: [1, 0, Number.NaN],
      bins: 2,
    });
    expect(summary.histogram.map((b) => b.count)).toEqual([1, 1]);
    expect(summary.levels.unlinked).toBe(3);
    expect(summary.fieldAgreement).toEqual([]);
  });
});

describe('buildRowsSample', () => {
  it('keeps a few linked and unlinked rows, masked, linked first', () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({
      row: i + 1,
      values: [`person${i}@example.com`, null],
    }));
    const sample = buildRowsSample({
      columns: [
        { name: 'mail', type: 'email' },
        { name: 'tel', type: 'phone' },
      ],
      rows,
      links: EXAMPLE_LINKS,
      linked: 2,
      unlinked: 2,
    });
    expect(sample.masked).toBe(true);
    expect(sample.rows.map((r) => [r.row, r.status])).toEqual([
      [1, 'linked'],
      [2, 'linked'],
      [3, 'unlinked'],
      [6, 'unlinked'],
    ]);
    expect(sample.rows[0]).toMatchObject({ level: 'exact', probability: 0.998, recordTable: 'customers' });
    expect(sample.rows[0]!.values).toEqual(['p*****0@e******.com', null]);
    expect(JSON.stringify(sample)).not.toContain('@example.com');
  });
});
