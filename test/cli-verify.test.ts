import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { captureIo } from '../src/cli/test-io.js';
import { validateReport, verifyEvidence } from '../src/report/index.js';
import { generateCompany, type LeakSample, mix, sampleTable, writeSample } from '../src/synth/index.js';
import {
  freshKey,
  makeTempDir,
  parseRowsCsv,
  type RecordsOnDisk,
  scoreLinks,
  writeRecords,
} from './support/fixtures.js';

/**
 * `leakverify verify` end to end through the CLI, in process (SPEC "CLI contract"): the
 * JSON report on stdout, the --out bundle with rows.csv in its exact shape, the signed
 * evidence; then FEBRL4 (issue 3 "Accuracy") scored from rows.csv against the known truth.
 */

const tmp = makeTempDir('cli-verify');
const { hex } = freshKey();
const env = { LEAKVERIFY_KEY: hex };
afterAll(() => tmp.remove());

async function verify(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(env);
  const code = await runCli(['verify', '--signing-key-dir', join(tmp.dir, 'signing'), ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('verify --records customers.csv --records orders.csv --sample … --out DIR --json', () => {
  const company = generateCompany({ seed: 19, customers: 2500 });
  const out = join(tmp.dir, 'out');
  const samplePath = join(tmp.dir, 'claimed.csv');
  let records: RecordsOnDisk;
  let sample: LeakSample;
  let result: { code: number; out: string; err: string };

  beforeAll(async () => {
    records = await writeRecords(tmp.dir, company);
    // Half genuine rows, half fabricated, shuffled: rows.csv must list only the linked half.
    sample = mix(company, { n: 800, genuineShare: 0.5, seed: 8 });
    await writeSample(samplePath, sampleTable(sample), { format: 'csv' });
    result = await verify([
      '--records',
      records.customers,
      '--records',
      records.orders,
      '--sample',
      samplePath,
      '--out',
      out,
      '--json',
    ]);
  }, 60_000);

  it('exits 0 and prints a valid report.json on stdout; progress goes to stderr', () => {
    expect(result.code, result.err).toBe(0);
    const report = JSON.parse(result.out) as {
      sample: { rows: number; file: string };
      schemaVersion: number;
    };
    expect(validateReport(report).errors).toEqual([]);
    expect(report.schemaVersion).toBe(1);
    expect(report.sample.rows).toBe(800);
    expect(result.err).toContain('wrote ');
  });

  it('--timings prints each phase and the materialised steps on stderr, and only those', async () => {
    const timed = await verify([
      '--records',
      records.customers,
      '--sample',
      samplePath,
      '--json',
      '--timings',
    ]);
    expect(timed.code, timed.err).toBe(0);
    for (const phase of ['sample', 'blocking', 'comparison', 'u', 'predict-assign', 'link', 'analyse'])
      expect(timed.err).toMatch(new RegExp(`^phase ${phase}: \\d+ ms$`, 'm'));
    expect(timed.err).toMatch(/__lv_blocked: [\d,]+ rows in \d+ ms/);
    expect(timed.err).toMatch(/^blocking rule email: [\d,]+ pairs/m);
    expect(result.err).not.toMatch(/^blocking rule /m);
    // Steps that run as views stay views: only --debug materialises (and logs) them.
    expect(timed.err).not.toMatch(/__lv_bs_0:/);
    expect(result.err).not.toMatch(/^phase /m);
    expect(JSON.parse(timed.out)).toHaveProperty('sample.rows', 800);
  }, 60_000);

  it('writes the bundle, and report.json in it is what stdout printed', () => {
    for (const file of ['report.json', 'report.html', 'statement.md', 'rows.csv', 'manifest.json']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const written = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as unknown;
    expect(validateReport(written).errors).toEqual([]);
    expect(written).toEqual(JSON.parse(result.out));
  });

  it('rows.csv: exact header, one line per linked row, 1-based ordinals in file order, right records', () => {
    const { header, lines } = parseRowsCsv(readFileSync(join(out, 'rows.csv'), 'utf8'));
    expect(header).toBe('row,record_table,record_id,probability,level,agreeing_fields');
    const rows = lines.map((l) => l.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(rows.length);
    for (const line of lines) {
      expect(Number.isInteger(line.row) && line.row >= 1 && line.row <= 800).toBe(true);
      expect(['customers', 'orders']).toContain(line.record_table);
      expect(line.probability).toBeGreaterThanOrEqual(0);
      expect(line.probability).toBeLessThanOrEqual(1);
      expect(['exact', 'probable', 'possible']).toContain(line.level);
    }
    // Only linked rows: the genuine half, each naming its own customer (or one of their orders).
    const truth = sample.truth.map((t) => t.customerId);
    const score = scoreLinks(truth, lines, records.orderOwner);
    expect(score.expected).toBe(400);
    expect(score.precision, JSON.stringify(score)).toBeGreaterThanOrEqual(0.99);
    expect(score.recall, JSON.stringify(score)).toBeGreaterThanOrEqual(0.97);
    // A few rows checked by hand against the sample file itself: row i is line i+1 of the CSV.
    const csv = readFileSync(samplePath, 'utf8').split('\n');
    const idColumn = csv[0]!.split(',').indexOf('customer_id');
    for (const line of lines.filter((l) => l.record_table === 'customers').slice(0, 5)) {
      expect(csv[line.row]!.split(',')[idColumn]).toBe(line.record_id);
    }
  });

  it('the evidence verifies, and an edited report.html makes it fail', async () => {
    const ok = await verifyEvidence(out);
    expect(ok.problems).toEqual([]);
    expect(ok.ok).toBe(true);
    const html = join(out, 'report.html');
    writeFileSync(html, readFileSync(html, 'utf8').replace('</body>', '<p>edited</p></body>'));
    const tampered = await verifyEvidence(out);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems.join('\n')).toContain('report.html');
  });
});

// shared/ sits beside the repository (SPEC's data folder), here and in CI.
const FEBRL = fileURLToPath(new URL('../../shared/data/febrl4', import.meta.url));

/** rec-N-dup-0 of dataset4b is rec-N-org of dataset4a; row i of the sample is line i+1. */
function scoreFebrl(rowsCsv: string, samplePath: string) {
  const ids = readFileSync(samplePath, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]!.trim());
  const truth = ids.map((id) => id.replace(/-dup-\d+$/, '-org'));
  const { lines } = parseRowsCsv(rowsCsv);
  const correct = lines.filter((l) => truth[l.row - 1] === l.record_id).length;
  const precision = lines.length === 0 ? 0 : correct / lines.length;
  const recall = correct / truth.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { links: lines.length, correct, precision, recall, f1 };
}

/** A copy of a FEBRL file without one column. */
function withoutColumn(from: string, to: string, column: string): void {
  const lines = readFileSync(from, 'utf8').trim().split('\n');
  const index = lines[0]!
    .split(',')
    .map((c) => c.trim())
    .indexOf(column);
  expect(index).toBeGreaterThanOrEqual(0);
  writeFileSync(
    to,
    `${lines
      .map((l) =>
        l
          .split(',')
          .filter((_, i) => i !== index)
          .join(','),
      )
      .join('\n')}\n`,
  );
}

describe('FEBRL4 through the CLI, privacy-preserving', () => {
  const cases = [
    { name: 'with soc_sec_id', minF1: 0.999, dir: FEBRL },
    { name: 'without soc_sec_id', minF1: 0.998, dir: join(tmp.dir, 'febrl-no-ssn') },
  ];

  beforeAll(() => {
    mkdirSync(cases[1]!.dir, { recursive: true });
    for (const file of ['dataset4a.csv', 'dataset4b.csv']) {
      withoutColumn(join(FEBRL, file), join(cases[1]!.dir, file), 'soc_sec_id');
    }
  });

  for (const c of cases) {
    it(`${c.name}: F1 >= ${c.minF1}`, async () => {
      const out = join(tmp.dir, `febrl-${c.name.replaceAll(' ', '-')}`);
      const started = performance.now();
      const run = await verify([
        '--records',
        join(c.dir, 'dataset4a.csv'),
        '--sample',
        join(c.dir, 'dataset4b.csv'),
        '--out',
        out,
      ]);
      expect(run.code, run.err).toBe(0);
      const score = scoreFebrl(readFileSync(join(out, 'rows.csv'), 'utf8'), join(c.dir, 'dataset4b.csv'));
      console.log(JSON.stringify({ febrl4: c.name, ...score, ms: Math.round(performance.now() - started) }));
      expect(score.f1, JSON.stringify(score)).toBeGreaterThanOrEqual(c.minF1);
    }, 60_000);
  }
});
