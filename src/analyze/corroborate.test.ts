import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCompany, genuineExport, otherPlatform } from '../synth/index.js';
import { corroborate, estimateShares, judgeRow } from './corroborate.js';
import { createSampleView } from './sample-view.js';
import { indexCompany, sampleColumns, simulateLinks } from './test-support/simulate.js';
import type { Agreement, LinkedRow } from './types.js';

const index = indexCompany(generateCompany({ seed: 21, customers: 4000 }));

function link(row: number, fields: Record<string, Agreement>): LinkedRow {
  return { row, recordTable: 'customers', recordId: `C${row}`, probability: 0.999, level: 'exact', fields };
}

describe('judgeRow', () => {
  it('corroborates on platform values and lets a majority of disagreements contradict', () => {
    expect(judgeRow({ internal_id: 'agree' })).toEqual({ provenance: 'corroborated', basis: 'platform' });
    expect(judgeRow({ internal_id: 'agree', ip: 'disagree' }).provenance).toBe('corroborated');
    // A username reused on another platform does not outvote a foreign id, order and IP.
    expect(
      judgeRow({ username: 'agree', internal_id: 'disagree', order_id: 'disagree', ip: 'disagree' })
        .provenance,
    ).toBe('contradicted');
    expect(judgeRow({ internal_id: 'disagree', email: 'agree' }).provenance).toBe('contradicted');
  });

  it('takes the stored address only when no platform value can be compared', () => {
    expect(judgeRow({ street: 'agree', postcode: 'agree', email: 'agree' })).toEqual({
      provenance: 'corroborated',
      basis: 'address',
    });
    expect(judgeRow({ street: 'agree', postcode: 'disagree' }).provenance).toBe('uncorroborated');
    expect(judgeRow({ street: 'agree', internal_id: 'disagree' }).provenance).toBe('contradicted');
    expect(judgeRow({ street: 'disagree' }).provenance).toBe('uncorroborated');
    expect(judgeRow({ email: 'agree', phone: 'agree', dob: 'agree' }).provenance).toBe('uncorroborated');
    expect(judgeRow({}).provenance).toBe('uncorroborated');
  });

  it('never corroborates a row on identity fields alone', () => {
    const identity = fc.constantFrom<Agreement>('agree', 'disagree', 'absent');
    fc.assert(
      fc.property(
        fc.record({ email: identity, phone: identity, first_name: identity, dob: identity }),
        (fields) => {
          expect(judgeRow(fields).provenance).toBe('uncorroborated');
        },
      ),
    );
  });
});

describe('corroborate and estimateShares', () => {
  it('reaches fromRecordsShare ≈ 1 on a noisy genuine export, typos, missing emails and moves included', () => {
    const sample = genuineExport(index.company, { n: 800, noise: 0.3, seed: 3 });
    const view = createSampleView(sampleColumns(sample), sample.rows.length);
    const summary = corroborate(
      view,
      simulateLinks(sample, index, { recall: 1, falseLinks: 0 }),
      index.profile,
    );
    const estimate = estimateShares(summary, index.profile, null);
    expect(estimate.identityShare).toBe(1);
    expect(estimate.fromRecordsShare).toBeGreaterThan(0.99);
    expect(summary.contradicted).toBe(0);
    expect(summary.fields['street']?.disagree ?? 0).toBeGreaterThan(0);
    expect(summary.formatFit['customer_id']).toEqual({ checked: 800, fitting: 800 });
  });

  it('gives identityShare ≈ 1/3 and fromRecordsShare ≈ 0 for another platform sharing a third of our customers', () => {
    const sample = otherPlatform(index.company, { n: 900, seed: 8 });
    const view = createSampleView(sampleColumns(sample), sample.rows.length);
    const summary = corroborate(
      view,
      simulateLinks(sample, index, { recall: 1, falseLinks: 0 }),
      index.profile,
    );
    const estimate = estimateShares(summary, index.profile, 87_000_000);
    expect(estimate.identityShare).toBeCloseTo(1 / 3, 2);
    expect(estimate.fromRecordsShare).toBe(0);
    expect(estimate.fromRecordsShareCi95[0]).toBe(0);
    expect(estimate.fromRecordsShareCi95[1]).toBeCloseTo(1 - 0.025 ** (1 / 900), 8);
    expect(summary.contradicted).toBe(summary.linked);
    expect(summary.unlinkedFitting).toBe(0);
    // The upper bound times the claim, capped by our largest table.
    const largest = Math.max(...Object.values(index.profile.tables));
    expect(estimate.plausibleOurRowsMax).toBe(
      Math.min(largest, Math.ceil(estimate.fromRecordsShareCi95[1] * 87e6)),
    );
  });

  it('counts each linked row once and ignores rows outside the sample', () => {
    const sample = genuineExport(index.company, { n: 50, seed: 4 });
    const view = createSampleView(sampleColumns(sample), 50);
    const links = [
      link(1, { internal_id: 'agree' }),
      link(1, { internal_id: 'disagree' }),
      link(99, { internal_id: 'agree' }),
    ];
    const summary = corroborate(view, links, index.profile);
    expect(summary.linked).toBe(1);
    expect(summary.corroborated).toBe(1);
    expect(summary.byRow.get(1)).toBe('corroborated');
  });

  it('caps plausibleOurRowsMax by our record count and leaves it null without a claim', () => {
    const sample = genuineExport(index.company, { n: 100, seed: 5 });
    const view = createSampleView(sampleColumns(sample), 100);
    const summary = corroborate(
      view,
      simulateLinks(sample, index, { recall: 1, falseLinks: 0 }),
      index.profile,
    );
    const largest = Math.max(...Object.values(index.profile.tables));
    expect(estimateShares(summary, index.profile, 87_000_000).plausibleOurRowsMax).toBe(largest);
    expect(estimateShares(summary, index.profile, 50).plausibleOurRowsMax).toBe(50);
    expect(estimateShares(summary, index.profile, null).plausibleOurRowsMax).toBeNull();
  });
});
