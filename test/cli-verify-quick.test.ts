import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { captureIo } from '../src/cli/test-io.js';
import type { RenderableReport } from '../src/report/index.js';
import { validateReport } from '../src/report/index.js';
import { generateCompany, mix, sampleTable, writeSample } from '../src/synth/index.js';
import { freshKey, makeTempDir, type RecordsOnDisk, writeRecords } from './support/fixtures.js';

/**
 * `verify --quick N` end to end through the CLI: the early verdict from N random rows on
 * stderr and in DIR/quick/, then the full run in DIR; `--quick-only` stops after the first.
 */

const tmp = makeTempDir('cli-verify-quick');
const { hex } = freshKey();
afterAll(() => tmp.remove());

async function verify(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ LEAKVERIFY_KEY: hex });
  const code = await runCli(['verify', '--signing-key-dir', join(tmp.dir, 'signing'), ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as RenderableReport;
const quickDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('leakverify-quick-'));

describe('verify --quick 300 --out DIR --json', () => {
  const company = generateCompany({ seed: 23, customers: 1500 });
  const out = join(tmp.dir, 'out');
  const samplePath = join(tmp.dir, 'claimed.csv');
  let records: RecordsOnDisk;
  let result: { code: number; out: string; err: string };
  let before: string[];

  beforeAll(async () => {
    records = await writeRecords(tmp.dir, company);
    await writeSample(samplePath, sampleTable(mix(company, { n: 1200, genuineShare: 0.4, seed: 6 })), {
      format: 'csv',
    });
    before = quickDirs();
    result = await verify([
      '--records',
      records.customers,
      '--records',
      records.orders,
      '--sample',
      samplePath,
      '--quick',
      '300',
      '--out',
      out,
      '--json',
    ]);
  }, 60_000);

  it('writes a valid quick report in DIR/quick and a valid full one in DIR', () => {
    expect(result.code, result.err).toBe(0);
    const quick = readReport(join(out, 'quick', 'report.json'));
    const full = readReport(join(out, 'report.json'));
    expect(validateReport(quick).errors).toEqual([]);
    expect(validateReport(full).errors).toEqual([]);
    expect(existsSync(join(out, 'quick', 'rows.csv'))).toBe(true);
    expect(quick.sample.rows).toBe(300);
    expect(quick.subset).toMatchObject({
      rows: 300,
      of: 1200,
      estimates: 'subset',
      source: { file: 'claimed.csv' },
    });
    expect(quick.verdict.summary).toContain('early verdict');
    expect(full.sample.rows).toBe(1200);
    expect(full.subset).toBeUndefined();
  });

  it("the quick interval of the identity share contains the full run's share", () => {
    const quick = readReport(join(out, 'quick', 'report.json')).estimate;
    const full = readReport(join(out, 'report.json')).estimate;
    expect(quick.identityShareCi95[0]).toBeLessThanOrEqual(full.identityShare);
    expect(quick.identityShareCi95[1]).toBeGreaterThanOrEqual(full.identityShare);
    expect(full.identityShare).toBeGreaterThan(0.3);
  });

  it('prints only the final report on stdout, the early verdict and phases on stderr', () => {
    expect(readReport(join(out, 'report.json'))).toEqual(JSON.parse(result.out));
    expect(result.err).toMatch(
      /early verdict: [a-z-]+, identity \d+\.\d% \[\d+\.\d%, \d+\.\d%\] from 300 random rows \(full run continues\)/,
    );
    for (const phase of ['quick: reading the sample', 'quick: linking', 'full run', 'analysing'])
      expect(result.err).toContain(phase);
    expect(result.err.indexOf(join(out, 'quick'))).toBeLessThan(result.err.indexOf(`to ${out} (`));
  });

  it('leaves no drawn rows behind', () => {
    expect(quickDirs().filter((d) => !before.includes(d))).toEqual([]);
  });

  it('--quick-only stops after the early verdict; its report goes to stdout with --json', async () => {
    const only = join(tmp.dir, 'only');
    const run = await verify([
      '--workspace',
      join(tmp.dir, 'ws'),
      '--records',
      records.customers,
      '--sample',
      samplePath,
      '--quick',
      '200',
      '--quick-only',
      '--out',
      only,
      '--json',
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain('(no full run: --quick-only)');
    expect(existsSync(join(only, 'report.json'))).toBe(false);
    const report = JSON.parse(run.out) as RenderableReport;
    expect(report).toEqual(readReport(join(only, 'quick', 'report.json')));
    expect(report.subset?.rows).toBe(200);
  }, 60_000);

  it('rejects --quick-only without --quick, and a --quick that is not a row count', async () => {
    const args = ['--records', records.customers, '--sample', samplePath];
    expect((await verify([...args, '--quick-only'])).code).toBe(2);
    expect((await verify([...args, '--quick', 'lots'])).code).toBe(2);
    expect((await verify([...args, '--quick', '0'])).code).toBe(2);
  });
});
