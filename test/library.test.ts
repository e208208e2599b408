import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { captureIo } from '../src/cli/test-io.js';
import { generateCompany, otherPlatform, sampleTable, unrelated, writeSample } from '../src/synth/index.js';
import { freshKey, makeTempDir, type RecordsOnDisk, writeRecords } from './support/fixtures.js';

/** `leakverify library add` and the library-overlap signal of `verify`, over the CLI. */
describe('the sample library', () => {
  const tmp = makeTempDir('lv-library-');
  const { hex } = freshKey();
  const env = { LEAKVERIFY_KEY: hex };
  const ws = join(tmp.dir, 'ws');
  let records: RecordsOnDisk;
  let earlier: string;
  let fresh: string;

  beforeAll(async () => {
    const company = generateCompany({ seed: 31, customers: 1500 });
    records = await writeRecords(tmp.dir, company);
    earlier = (
      await writeSample(
        join(tmp.dir, 'otherco.csv'),
        sampleTable(otherPlatform(company, { n: 400, seed: 3 })),
        { format: 'csv' },
      )
    ).path;
    fresh = (
      await writeSample(
        join(tmp.dir, 'fresh.jsonl'),
        sampleTable(unrelated(300, { exclude: company, seed: 9 })),
        { format: 'jsonl' },
      )
    ).path;
  });
  afterAll(() => tmp.remove());

  async function signal(sample: string): Promise<{ value: number; weight: number } | undefined> {
    const io = captureIo(env);
    const code = await runCli(
      [
        'verify',
        '--records',
        records.customers,
        '--records',
        records.orders,
        '--workspace',
        ws,
        '--sample',
        sample,
        '--json',
      ],
      io,
    );
    expect(code, io.err()).toBe(0);
    const report = JSON.parse(io.out()) as { signals: { id: string; value: number; weight: number }[] };
    return report.signals.find((s) => s.id === 'library-overlap');
  }

  it('adds, lists and refuses a duplicate name', async () => {
    const io = captureIo(env);
    expect(
      await runCli(['library', 'add', earlier, '--name', 'otherco-2021', '--workspace', ws], io),
      io.err(),
    ).toBe(0);
    expect(io.out()).toMatch(/added otherco-2021: 400 rows/);
    const list = captureIo(env);
    expect(await runCli(['library', 'list', '--workspace', ws], list)).toBe(0);
    expect(list.out()).toMatch(/otherco-2021\s+otherco\.csv\s+400/);
    const again = captureIo(env);
    expect(
      await runCli(['library', 'add', earlier, '--name', 'otherco-2021', '--workspace', ws], again),
    ).toBe(2);
  });

  it('reports a re-posted sample as fully seen before, and an unrelated one as not', async () => {
    expect((await signal(earlier))?.value).toBe(1);
    expect((await signal(fresh))?.value ?? 0).toBe(0);
  });

  it('removes a sample', async () => {
    const io = captureIo(env);
    expect(await runCli(['library', 'remove', 'otherco-2021', '--workspace', ws], io)).toBe(0);
    expect(await runCli(['library', 'remove', 'otherco-2021', '--workspace', ws], captureIo(env))).toBe(2);
    expect(await signal(earlier)).toBeUndefined();
  });
});
