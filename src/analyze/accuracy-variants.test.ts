import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { VerdictLabel } from '../core/report.js';
import {
  combolist,
  fabricated,
  generateCompany,
  genuineExport,
  type LeakSample,
  mix,
  otherPlatform,
  truthShares,
  unrelated,
} from '../synth/index.js';
import { analyzeSample } from './analyze.js';
import { indexCompany, scenarioInput } from './test-support/simulate.js';

/** Accuracy beyond the standard scenarios: other shares, languages, noise, and the edge cases of the verdict rules. */

const index = indexCompany(generateCompany({ seed: 2, customers: 5000 }));
const company = index.company;

function analyze(sample: LeakSample) {
  return analyzeSample(scenarioInput({ sample, write: { format: 'csv' } }, index));
}

function expectAccurate(sample: LeakSample, label: VerdictLabel) {
  const result = analyze(sample);
  const truth = truthShares(sample);
  expect(result.verdict.label, result.verdict.summary).toBe(label);
  expect(Math.abs(result.estimate.identityShare - truth.identityShare)).toBeLessThanOrEqual(0.05);
  expect(Math.abs(result.estimate.fromRecordsShare - truth.fromRecordsShare)).toBeLessThanOrEqual(0.05);
  return result;
}

/** A genuine export whose names were swapped for generated ones (a leaker "anonymising" it). */
function genuineWithGeneratedNames(n: number): LeakSample {
  const sample = genuineExport(company, { n, seed: 12 });
  // English faker names: in the fallback lists whatever the row's country.
  const fake = fabricated(n, { locale: 'US', seed: 13 });
  const [f, l] = [sample.fields.indexOf('first_name'), sample.fields.indexOf('last_name')];
  const [ff, fl] = [fake.fields.indexOf('first_name'), fake.fields.indexOf('last_name')];
  const rows = sample.rows.map((r, i) => {
    const copy = [...r];
    copy[f] = fake.rows[i]![ff]!;
    copy[l] = fake.rows[i]![fl]!;
    return copy;
  });
  return { ...sample, rows };
}

describe('analyzeSample on variants', () => {
  it('mix with 30% genuine rows: partially authentic', () => {
    expectAccurate(mix(company, { n: 1000, genuineShare: 0.3, seed: 4 }), 'partially-authentic');
  });

  it('mix with 3% genuine rows: still a statistically clear subset', () => {
    const r = expectAccurate(mix(company, { n: 1500, genuineShare: 0.03, seed: 5 }), 'partially-authentic');
    expect(r.estimate.fromRecordsShareCi95[0]).toBeGreaterThan(0.01);
  });

  it('heavily worked-over French export without orders: authentic', () => {
    expectAccurate(
      genuineExport(company, { n: 800, noise: 0.3, withOrders: false, headers: 'fr', seed: 6 }),
      'authentic',
    );
  });

  it('another platform sharing 60% of our customers, German headers: recycled', () => {
    expectAccurate(otherPlatform(company, { n: 800, overlapShare: 0.6, headers: 'de', seed: 7 }), 'recycled');
  });

  it('US-locale faker sample with Spanish headers: fabricated', () => {
    expectAccurate(fabricated(800, { locale: 'US', headers: 'es', seed: 8 }), 'fabricated');
  });

  it('combolist with 20% of our customers: recycled', () => {
    expectAccurate(combolist(company, { n: 800, share: 0.2, seed: 9 }), 'recycled');
  });

  it('unrelated real-looking data with French headers: unrelated', () => {
    expectAccurate(unrelated(800, { exclude: company, headers: 'fr', seed: 10 }), 'unrelated');
  });

  it('lets corroborated rows outrank generated-looking names', () => {
    const r = expectAccurate(genuineWithGeneratedNames(600), 'authentic');
    expect(r.signals.find((s) => s.id === 'generator-name-dictionaries')?.weight).toBeGreaterThan(0);
  });

  it('corroborates a genuine export without platform fields on the stored address, with a caveat', () => {
    const fields = [
      'first_name',
      'last_name',
      'email',
      'phone',
      'date_of_birth',
      'street',
      'postcode',
      'city',
      'country',
    ] as const;
    const r = expectAccurate(genuineExport(company, { n: 600, noise: 0, fields, seed: 11 }), 'authentic');
    expect(r.corroboration.corroboratedByAddressOnly).toBe(r.corroboration.corroborated);
    expect(r.verdict.summary).toContain('another company could also hold');
  });

  it('is inconclusive on a list of bare password hashes', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [createHash('sha1').update(`pw${i}`).digest('hex')]);
    const sample: LeakSample = {
      kind: 'hashes',
      fields: [],
      columns: ['hash'],
      types: {},
      rows,
      truth: rows.map(() => ({ truth: 'unrelated' })),
    };
    const r = analyzeSample({ ...scenarioInput({ sample, write: { format: 'csv' } }, index), links: [] });
    expect(r.verdict.label).toBe('inconclusive');
    expect(r.verdict.summary).toContain('password hashes');
  });

  it('is inconclusive on a sample of 20 rows', () => {
    const r = analyze(genuineExport(company, { n: 20, seed: 14 }));
    expect(r.verdict.label).toBe('inconclusive');
  });
});
