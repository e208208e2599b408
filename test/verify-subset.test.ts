import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signal } from '../src/core/report.js';
import { releaseVerifyOutcome, type VerifyOutcome, verifySample } from '../src/pipeline/verify.js';
import { validateReport } from '../src/report/index.js';
import { generateCompany, mix, sampleTable, writeSample } from '../src/synth/index.js';
import { freshKey, makeTempDir, parseRowsCsv, writeRecords } from './support/fixtures.js';

/**
 * The analysis with its cell cap forced low (sample-reservoir.ts): a sample of 900 rows
 * whose cells are kept for 250 only. The shares and every count that comes from linkage must
 * be those of the run that keeps every row; the report must say that the other signals were
 * measured on a subset, and stay valid.
 */

const tmp = makeTempDir('verify-subset');
const { key } = freshKey();
afterAll(() => tmp.remove());

/** Signals computed from linkage counts alone: identical with and without the cap. */
const LINKAGE_SIGNALS = ['corroborated-rows', 'contradicted-rows', 'identity-without-corroboration'];

describe('verify with the analysis capped below the sample size', () => {
  const company = generateCompany({ seed: 31, customers: 2000 });
  let all: VerifyOutcome;
  let capped: VerifyOutcome;

  beforeAll(async () => {
    const records = await writeRecords(tmp.dir, company);
    const sample = join(tmp.dir, 'claimed.csv');
    await writeSample(sample, sampleTable(mix(company, { n: 900, genuineShare: 0.4, seed: 4 })), {
      format: 'csv',
    });
    const request = {
      records: [
        { path: records.customers, table: 'customers' },
        { path: records.orders, table: 'orders' },
      ],
      sample,
      workspace: join(tmp.dir, 'ws'),
      key,
      claimedRows: 5_000_000,
      now: new Date('2025-01-01T00:00:00Z'),
    };
    all = await verifySample(request);
    capped = await verifySample({ ...request, analysisRowCap: 250 });
  }, 60_000);
  afterAll(async () => {
    for (const o of [all, capped]) if (o) await releaseVerifyOutcome(o);
  });

  it('keeps the report valid and states the subset', () => {
    expect(validateReport(capped.report).errors).toEqual([]);
    expect(capped.report.subset).toMatchObject({
      rows: 250,
      of: 900,
      method: 'reservoir',
      estimates: 'all-rows',
      seed: capped.report.sample.sha256.slice(0, 32),
    });
    expect(capped.report.subset?.detail).toContain('250 of the 900 rows');
    expect(capped.report.verdict.summary).toContain('uniform random subset of 250');
    expect(capped.report.signals.every((s) => s.scope !== undefined)).toBe(true);
  });

  it('without the cap, nothing changes: no subset note, no scope', () => {
    expect(validateReport(all.report).errors).toEqual([]);
    expect(all.report.subset).toBeUndefined();
    expect(all.report.signals.some((s) => s.scope !== undefined)).toBe(false);
    expect(all.report.sample.rows).toBe(900);
  });

  it('takes shares, intervals, the claim and the linkage counts from every row', () => {
    expect(capped.report.estimate).toEqual(all.report.estimate);
    expect(capped.report.sample).toEqual(all.report.sample);
    const {
      byRow: _a,
      formatFit: _b,
      unlinkedChecked: _c,
      unlinkedFitting: _d,
      ...counts
    } = all.analysis.corroboration;
    const {
      byRow: _e,
      formatFit: _f,
      unlinkedChecked: _g,
      unlinkedFitting: _h,
      ...cappedCounts
    } = capped.analysis.corroboration;
    // The tally read per pattern of comparison outcomes equals the per-row judgement.
    expect(cappedCounts).toEqual(counts);
    expect(counts.linked).toBeGreaterThan(300);
    const linkage = (signals: readonly Signal[]) =>
      signals
        .filter((s) => LINKAGE_SIGNALS.includes(s.id) || s.family === 'size')
        .map(({ scope: _, ...s }) => s)
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(linkage(capped.report.signals)).toEqual(linkage(all.report.signals));
    expect(capped.report.signals.find((s) => s.id === 'corroborated-rows')?.scope).toBe('all-rows');
    expect(capped.report.verdict.label).toBe(all.report.verdict.label);
  });

  it('shows only kept rows in the masked rows of the report, and every link still in rows.csv', () => {
    const rowsCsv = readFileSync(all.rowsCsv!.path, 'utf8');
    expect(readFileSync(capped.rowsCsv!.path, 'utf8')).toBe(rowsCsv);
    expect(rowsCsv.split('\r\n').length - 2).toBe(all.link.counts.links);
    const shown = capped.report.rowsSample?.rows ?? [];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((r) => r.row >= 1 && r.row <= 900)).toBe(true);
    // The example rows and the linkage summary, read from DuckDB, agree with rows.csv.
    const lines = new Map(parseRowsCsv(rowsCsv).lines.map((l) => [l.row, l]));
    for (const report of [all.report, capped.report]) {
      for (const r of report.rowsSample?.rows ?? []) {
        const line = lines.get(r.row);
        if (r.status === 'unlinked') expect(line).toBeUndefined();
        else expect([line?.level, line?.record_table]).toEqual([r.level, r.recordTable]);
      }
      const levels = report.linkage?.levels;
      expect(levels).toEqual({
        exact: [...lines.values()].filter((l) => l.level === 'exact').length,
        probable: [...lines.values()].filter((l) => l.level === 'probable').length,
        possible: [...lines.values()].filter((l) => l.level === 'possible').length,
        unlinked: 900 - lines.size,
      });
    }
  });
});
