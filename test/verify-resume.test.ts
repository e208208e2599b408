import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { releaseVerifyOutcome, verifySample } from '../src/pipeline/verify.js';
import { openWorkspace } from '../src/store/index.js';
import { generateCompany, mix, sampleTable, writeSample } from '../src/synth/index.js';
import { freshKey, makeTempDir, writeRecords } from './support/fixtures.js';

/**
 * A verification interrupted after loading its sample resumes: the next run on the same
 * sample finds the committed chunks (work units) in a table named after the sample, loads
 * nothing again, and reports exactly what an uninterrupted run reports; a finished run
 * leaves no such table or job behind.
 */

const tmp = makeTempDir('verify-resume');
const { key } = freshKey();
afterAll(() => tmp.remove());

async function runState(dir: string) {
  const db = await openWorkspace(dir, { readOnly: true, threads: 1 });
  try {
    const tables = await db.all<{ name: string; n: number }>(
      "SELECT table_name AS name, estimated_size::INTEGER AS n FROM duckdb_tables() WHERE starts_with(table_name, 'run_')",
    );
    const units = await db.all<{ job: string; n: number }>(
      "SELECT job, count(*)::INTEGER AS n FROM work_units WHERE starts_with(job, 'sample:') GROUP BY job",
    );
    return { tables, units };
  } finally {
    await db.close();
  }
}

describe('an interrupted verification', () => {
  it('resumes the sample load and reports as an uninterrupted run', async () => {
    const company = generateCompany({ seed: 41, customers: 1500 });
    const records = await writeRecords(tmp.dir, company);
    const sample = join(tmp.dir, 'claimed.csv');
    await writeSample(sample, sampleTable(mix(company, { n: 700, genuineShare: 0.5, seed: 3 })), {
      format: 'csv',
    });
    const request = {
      records: [{ path: records.customers, table: 'customers' }],
      sample,
      key,
      now: new Date('2025-01-01T00:00:00Z'),
    };
    const control = await verifySample({ ...request, workspace: join(tmp.dir, 'control') });

    const ws = join(tmp.dir, 'ws');
    const interrupted = verifySample(
      { ...request, workspace: ws },
      {
        onPhase: (phase) => {
          if (phase === 'link') throw new Error('interrupted');
        },
      },
    );
    await expect(interrupted).rejects.toThrow('interrupted');
    const left = await runState(ws);
    expect(left.tables).toHaveLength(1);
    expect(left.units).toHaveLength(1);
    expect(left.units[0]!.n).toBeGreaterThan(0);

    const logged: string[] = [];
    const resumed = await verifySample({ ...request, workspace: ws }, { log: (line) => logged.push(line) });
    expect(logged.some((l) => l.startsWith("resuming the sample's load"))).toBe(true);
    expect(resumed.report.estimate).toEqual(control.report.estimate);
    expect(resumed.report.verdict).toEqual(control.report.verdict);
    expect(resumed.report.linkage).toEqual(control.report.linkage);
    expect(resumed.report.sample.rows).toBe(700);
    expect(await runState(ws)).toEqual({ tables: [], units: [] });
    for (const o of [control, resumed]) await releaseVerifyOutcome(o);
  }, 120_000);
});
