import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKey, keyToHex } from '../protect/index.js';
import {
  buildScenarios,
  generateCompany,
  type WrittenScenario,
  writeCompany,
  writeScenarios,
} from '../synth/index.js';
import { releaseVerifyOutcome, type VerifyOutcome, verifySample, writeVerifyBundle } from './verify.js';

export interface DemoOptions {
  readonly dir: string;
  readonly customers: number;
  readonly rows: number;
  readonly seed: number;
  readonly company?: string;
}

export interface DemoSample {
  readonly written: WrittenScenario;
  readonly outcome: VerifyOutcome;
  readonly out: string;
}

export interface DemoResult {
  readonly dir: string;
  readonly records: readonly string[];
  readonly workspace: string;
  readonly samples: readonly DemoSample[];
}

/**
 * The whole product on synthetic data: a company's records, its claimed leaks in every
 * sample format, each verified against one workspace and reported in its own folder.
 * The demo makes its own key, kept beside (never inside) the workspace.
 */
export async function runDemo(
  options: DemoOptions,
  onSample?: (name: string, sample?: DemoSample) => void,
): Promise<DemoResult> {
  await mkdir(options.dir, { recursive: true });
  const company = generateCompany({ seed: options.seed, customers: options.customers });
  const recordsDir = join(options.dir, 'records');
  const samplesDir = join(options.dir, 'samples');
  await mkdir(recordsDir, { recursive: true });
  await mkdir(samplesDir, { recursive: true });
  const records = await writeCompany(recordsDir, company);
  const written = await writeScenarios(
    samplesDir,
    buildScenarios(company, { n: options.rows, seed: options.seed }),
  );
  const key = generateKey();
  writeFileSync(join(options.dir, 'demo.key'), `${keyToHex(key)}\n`, { mode: 0o600 });
  const workspace = join(options.dir, 'workspace');
  const name = options.company ?? 'ShopCo';
  const samples: DemoSample[] = [];
  for (const w of written) {
    onSample?.(w.scenario.name);
    const outcome = await verifySample({
      records: [
        { path: records.customers.path, table: 'customers' },
        { path: records.orders.path, table: 'orders' },
      ],
      sample: w.file.path,
      workspace,
      key,
      organisation: name,
    });
    const out = join(options.dir, 'reports', w.scenario.name);
    await writeVerifyBundle(out, outcome, { signingKeyDir: join(options.dir, 'signing-key'), company: name });
    await releaseVerifyOutcome(outcome);
    const sample = { written: w, outcome, out };
    onSample?.(w.scenario.name, sample);
    samples.push(sample);
  }
  return { dir: options.dir, records: [records.customers.path, records.orders.path], workspace, samples };
}
