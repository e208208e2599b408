import { mkdir } from 'node:fs/promises';
import { generateCompany, writeCompany, buildScenarios, writeScenarios, type WrittenScenario } from '../synth/index.js';
import { inspectSample, type InspectReport } from './inspect.js';

export interface DemoOptions {
  readonly dir: string;
  readonly customers: number;
  readonly rows: number;
  readonly seed: number;
}

export interface DemoResult {
  readonly dir: string;
  readonly records: readonly string[];
  readonly samples: readonly { readonly written: WrittenScenario; readonly report: InspectReport }[];
}

/**
 * The demo's data: a synthetic company's records and its claimed leaks in every sample
 * format, each read back by inspection. Deterministic for a given seed.
 */
export async function runDemo(options: DemoOptions, onSample?: (name: string) => void): Promise<DemoResult> {
  await mkdir(options.dir, { recursive: true });
  const company = generateCompany({ seed: options.seed, customers: options.customers });
  const records = await writeCompany(options.dir, company);
  const written = await writeScenarios(options.dir, buildScenarios(company, { n: options.rows, seed: options.seed }));
  const samples = [];
  for (const w of written) {
    onSample?.(w.scenario.name);
    samples.push({ written: w, report: await inspectSample(w.file.path) });
  }
  return { dir: options.dir, records: [records.customers.path, records.orders.path], samples };
}
