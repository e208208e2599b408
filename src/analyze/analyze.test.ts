import { describe, expect, it } from 'vitest';
import type { Normalized } from '../core/types.js';
import { createRowNormalizer } from '../fields/row-normalizer.js';
import { combolist, generateCompany, genuineExport, type LeakSample, otherPlatform } from '../synth/index.js';
import { analyzeSample } from './analyze.js';
import { learnRecordProfile } from './record-profile.js';
import { createSampleView } from './sample-view.js';
import { indexCompany, scenarioInput } from './test-support/simulate.js';
import type { AnalysisInput } from './types.js';

const index = indexCompany(generateCompany({ seed: 4, customers: 3000 }));

function input(sample: LeakSample): AnalysisInput {
  return scenarioInput({ sample, write: { format: 'csv' } }, index);
}

describe('analyzeSample', () => {
  it('is deterministic and gives the same result with or without pre-normalised columns', () => {
    const base = input(genuineExport(index.company, { n: 300, seed: 1 }));
    const view = createSampleView(base.columns, base.rows);
    const normalised = {
      ...base,
      columns: base.columns.map((c, i) => ({
        ...c,
        normalized: Array.from({ length: base.rows }, (_, r) => view.columns[i]!.normalized(r)),
      })),
    };
    const a = analyzeSample(base);
    const b = analyzeSample(normalised);
    expect(JSON.stringify({ ...b, corroboration: undefined })).toBe(
      JSON.stringify({ ...a, corroboration: undefined }),
    );
    expect(analyzeSample(base).verdict).toEqual(a.verdict);
  });

  it('normalises rows as they are read, each as it would be among all the others', () => {
    const base = input(genuineExport(index.company, { n: 300, seed: 2 }));
    // Signals read every third row; the others are normalised only when asked for.
    const lazy = createSampleView(base.columns, base.rows, 100);
    expect(lazy.signalRows).toHaveLength(100);
    // Every row normalised in order, as the view did before it normalised lazily.
    const normalize = createRowNormalizer(base.columns.map((c, k) => ({ ...c.profile, index: k })));
    const all = base.columns.map(() => [] as (Normalized | null)[]);
    for (let r = 0; r < base.rows; r++) {
      const out = normalize(base.columns.map((c) => c.raw[r] ?? null));
      all.forEach((column, k) => {
        column.push(out[k] ?? null);
      });
    }
    const eager = createSampleView(
      base.columns.map((c, k) => ({ ...c, normalized: all[k]! })),
      base.rows,
    );
    for (let i = base.rows - 1; i >= 0; i--)
      lazy.columns.forEach((c, k) => {
        expect(c.normalized(i)).toEqual(eager.columns[k]!.normalized(i));
        expect(c.value(i)).toBe(eager.columns[k]!.value(i));
      });
  });

  it('orders signals by family: provenance, fabrication, recycling, size', () => {
    const { signals } = analyzeSample({
      ...input(otherPlatform(index.company, { n: 300, seed: 2 })),
      claimedRows: 5_000_000,
    });
    const order = ['provenance', 'fabrication', 'recycling', 'size'];
    const families = signals.map((s) => order.indexOf(s.family));
    expect(families).toEqual([...families].sort((x, y) => x - y));
    expect(signals.some((s) => s.id === 'claimed-size')).toBe(true);
  });

  it('measures overlap with earlier samples of the library', () => {
    const sample = combolist(index.company, { n: 200, seed: 3 });
    const rowKeys = sample.rows.map((r) => [`fp:${r[0]}`]);
    const earlier = new Set(rowKeys.slice(0, 50).map((k) => k[0]!));
    const { signals, verdict } = analyzeSample({
      ...input(sample),
      library: {
        rowKeys,
        earlier: [
          { name: 'collection-1', keys: earlier },
          { name: 'other', keys: new Set() },
        ],
      },
    });
    const overlap = signals.find((s) => s.id === 'library-overlap');
    expect(overlap?.value).toBe(0.25);
    expect(overlap?.weight).toBeGreaterThan(2);
    expect(overlap?.detail).toContain('collection-1 (50 rows)');
    expect(signals.find((s) => s.id === 'combolist-shape')?.weight).toBe(2);
    expect(verdict.label).toBe('recycled');
  });

  it('recognises a sample of public-profile fields only', () => {
    const sample = genuineExport(index.company, {
      n: 200,
      fields: ['first_name', 'last_name', 'username', 'city'],
      seed: 5,
    });
    const { signals } = analyzeSample(input(sample));
    expect(signals.find((s) => s.id === 'public-profile-fields-only')?.weight).toBeGreaterThan(0);
  });
});

describe('learnRecordProfile', () => {
  it('keeps formats only when enough values were seen, and no values', () => {
    const profile = learnRecordProfile({
      tables: { customers: 10 },
      kinds: ['internal_id', 'internal_id', 'email'],
      internalIds: ['SC-1', 'SC-2'],
      usernames: [{ username: 'mrossi84' }],
    });
    expect(profile.internalId).toBeUndefined();
    expect(profile.username).toBeUndefined();
    expect(profile.kinds).toEqual(['internal_id', 'email']);
    expect(index.profile.internalId?.check?.scheme).toBe('luhn');
    expect(index.profile.orderId?.shapes[0]?.pattern).toBe('A-9-9');
  });
});
