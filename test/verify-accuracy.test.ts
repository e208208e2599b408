import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseVerifyOutcome, type VerifyOutcome, verifySample } from '../src/pipeline/verify.js';
import { validateReport } from '../src/report/index.js';
import {
  buildScenarios,
  generateCompany,
  genuineExport,
  mix,
  type Scenario,
  truthShares,
  writeScenarios,
} from '../src/synth/index.js';
import {
  freshKey,
  makeTempDir,
  parseRowsCsv,
  type RecordsOnDisk,
  scoreLinks,
  writeRecords,
} from './support/fixtures.js';

/**
 * The whole verifier (index, ingest, link, corroborate, analyse) on claimed leaks whose truth
 * is known (src/synth/scenarios.ts): every story in its own format, encoding and
 * compression, verified against one workspace. The verdict must be right and both shares
 * within 0.05 of the truth (issue 4 "Accuracy"); rows that name one of our customers must
 * link to that customer (issue 3: precision >= 0.99, recall >= 0.97).
 */

const ROWS = 1000;
const TOLERANCE = 0.05;
const company = generateCompany({ seed: 7, customers: 3000 });

function variants(): Scenario[] {
  const scenario = (name: string, s: Omit<Scenario, 'name' | 'expected' | 'description'>): Scenario => ({
    name,
    description: name,
    ...s,
    expected: truthShares(s.sample),
  });
  return [
    scenario('genuine-export-fr-seed-21', {
      sample: genuineExport(company, { n: ROWS, noise: 0.1, headers: 'fr', seed: 21 }),
      write: { format: 'csv', compression: 'gzip' },
      expectedLabel: 'authentic',
    }),
    scenario('genuine-export-de-seed-22', {
      sample: genuineExport(company, { n: ROWS, noise: 0.1, headers: 'de', seed: 22 }),
      write: { format: 'pipe', encoding: 'windows-1252' },
      expectedLabel: 'authentic',
    }),
    scenario('mix-30-percent', {
      sample: mix(company, { n: ROWS, genuineShare: 0.3, seed: 23 }),
      write: { format: 'jsonl' },
      expectedLabel: 'partially-authentic',
    }),
  ];
}

const scenarios = [...buildScenarios(company, { n: ROWS, seed: 5 }), ...variants()];

/**
 * Judged on linkage alone: genuine rows without email, ids or usernames, so only names,
 * date of birth, phone and address (with typos and moved addresses) can link them.
 */
const linkageOnly: Scenario[] = [
  {
    name: 'genuine-no-email',
    description: 'genuine rows carrying only names, date of birth, phone and address',
    sample: genuineExport(company, {
      n: ROWS,
      noise: 0.15,
      seed: 24,
      fields: ['first_name', 'last_name', 'phone', 'date_of_birth', 'street', 'postcode', 'city'],
      dateStyle: 'dmy-dash',
    }),
    write: { format: 'csv' },
    expectedLabel: 'authentic',
    expected: { identityShare: 1, fromRecordsShare: 1 },
  },
];
const tmp = makeTempDir('accuracy');
const { key } = freshKey();
const outcomes = new Map<string, VerifyOutcome>();
let records: RecordsOnDisk;

beforeAll(async () => {
  records = await writeRecords(tmp.dir, company);
  const written = await writeScenarios(tmp.dir, [...scenarios, ...linkageOnly]);
  const workspace = join(tmp.dir, 'ws');
  for (const w of written) {
    const started = performance.now();
    const outcome = await verifySample({
      records: [
        { path: records.customers, table: 'customers' },
        { path: records.orders, table: 'orders' },
      ],
      sample: w.file.path,
      workspace,
      key,
      now: new Date('2025-07-01T12:00:00Z'),
    });
    outcomes.set(w.scenario.name, outcome);
    const e = outcome.report.estimate;
    const score = scoreLinks(
      w.scenario.sample.truth.map((t) => t.customerId),
      linksOf(outcome),
      records.orderOwner,
    );
    console.log(
      JSON.stringify({
        scenario: w.scenario.name,
        file: w.file.path.slice(tmp.dir.length + 1),
        label: outcome.report.verdict.label,
        expectedLabel: w.scenario.expectedLabel,
        identityShare: round(e.identityShare),
        identityTruth: round(w.scenario.expected.identityShare),
        fromRecordsShare: round(e.fromRecordsShare),
        fromRecordsTruth: round(w.scenario.expected.fromRecordsShare),
        precision: round(score.precision),
        recall: round(score.recall),
        ms: Math.round(performance.now() - started),
      }),
    );
  }
}, 240_000);

afterAll(async () => {
  for (const o of outcomes.values()) await releaseVerifyOutcome(o);
  tmp.remove();
});

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The links of an outcome, from the rows.csv it spooled (a few thousand lines here). */
function linksOf(outcome: VerifyOutcome) {
  return parseRowsCsv(readFileSync(outcome.rowsCsv!.path, 'utf8')).lines;
}

function outcomeOf(scenario: Scenario): VerifyOutcome {
  const o = outcomes.get(scenario.name);
  if (!o) throw new Error(`${scenario.name} was not verified`);
  return o;
}

function expectGoodLinks(scenario: Scenario): void {
  const score = scoreLinks(
    scenario.sample.truth.map((t) => t.customerId),
    linksOf(outcomeOf(scenario)),
    records.orderOwner,
  );
  expect(score.precision, JSON.stringify(score)).toBeGreaterThanOrEqual(0.99);
  expect(score.recall, JSON.stringify(score)).toBeGreaterThanOrEqual(0.97);
}

describe('verifySample on claimed leaks with known truth', () => {
  it('indexed the records once and reused the index for every sample', () => {
    const [first, ...rest] = [...outcomes.values()];
    expect(first?.tables.map((t) => t.status)).toEqual(['indexed', 'indexed']);
    for (const o of rest) expect(o.tables.map((t) => t.status)).toEqual(['unchanged', 'unchanged']);
    expect(first?.tables.map((t) => t.rows)).toEqual([company.size, records.orderOwner.size]);
  });

  for (const scenario of scenarios) {
    describe(scenario.name, () => {
      const outcome = (): VerifyOutcome => outcomeOf(scenario);

      it('writes a report that matches the schema and reads every row', () => {
        const { report } = outcome();
        const { valid, errors } = validateReport(report);
        expect(errors).toEqual([]);
        expect(valid).toBe(true);
        expect(report.sample.rows).toBe(scenario.sample.rows.length);
        expect(report.sample.rejectedRows).toBe(0);
      });

      it(`reaches the verdict ${scenario.expectedLabel}`, () => {
        const { verdict } = outcome().report;
        expect(verdict.label, verdict.summary).toBe(scenario.expectedLabel);
      });

      it(`measures identityShare within ${TOLERANCE} of ${round(scenario.expected.identityShare)}`, () => {
        const e = outcome().report.estimate;
        expect(Math.abs(e.identityShare - scenario.expected.identityShare)).toBeLessThanOrEqual(TOLERANCE);
        expect(e.identityShareCi95[0]).toBeLessThanOrEqual(e.identityShare);
        expect(e.identityShareCi95[1]).toBeGreaterThanOrEqual(e.identityShare);
      });

      it(`measures fromRecordsShare within ${TOLERANCE} of ${round(scenario.expected.fromRecordsShare)}`, () => {
        const e = outcome().report.estimate;
        expect(Math.abs(e.fromRecordsShare - scenario.expected.fromRecordsShare)).toBeLessThanOrEqual(
          TOLERANCE,
        );
        expect(e.fromRecordsShareCi95[0]).toBeLessThanOrEqual(e.fromRecordsShare);
        expect(e.fromRecordsShareCi95[1]).toBeGreaterThanOrEqual(e.fromRecordsShare);
      });

      it('links rows to the right customer (precision >= 0.99, recall >= 0.97)', () => {
        expectGoodLinks(scenario);
      });
    });
  }

  for (const scenario of linkageOnly) {
    it(`${scenario.name}: links rows to the right customer without exact keys`, () => {
      expect(validateReport(outcomeOf(scenario).report).errors).toEqual([]);
      expectGoodLinks(scenario);
    });
  }
});
