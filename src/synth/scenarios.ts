import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Company } from './company.js';
import {
  combolist,
  fabricated,
  fakesAroundRealEmails,
  genuineExport,
  mix,
  otherPlatform,
  unrelated,
} from './leaks.js';
import { type LeakSample, sampleTable } from './sample.js';
import { fileNameFor, type WriteOptions, type WriteResult, writeSample } from './write.js';

/**
 * The standard set of claimed leaks, one per story and each in a different format, with the
 * verdict the product should reach: what `leakverify demo` shows and what the accuracy tests
 * hold the verifier to.
 */

/** SPEC verdict labels. */
export type VerdictLabel =
  | 'authentic'
  | 'partially-authentic'
  | 'recycled'
  | 'fabricated'
  | 'unrelated'
  | 'inconclusive';

export interface TruthShares {
  /**
   * Rows that carry one of our customers' identities. For fakes built around real emails
   * that is every row (the email is the customer's, the rest is generated).
   */
  readonly identityShare: number;
  /** Rows that really come from our records. */
  readonly fromRecordsShare: number;
}

/** The true `identityShare` and `fromRecordsShare` of a sample, from its row truth. */
export function truthShares(sample: LeakSample): TruthShares {
  const n = sample.truth.length || 1;
  return {
    identityShare: sample.truth.filter((t) => t.customerId !== undefined).length / n,
    fromRecordsShare: sample.truth.filter((t) => t.truth === 'genuine').length / n,
  };
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly sample: LeakSample;
  readonly write: WriteOptions;
  readonly expectedLabel: VerdictLabel;
  readonly expected: TruthShares;
}

export interface ScenarioOptions {
  /** Rows per sample (default 2000). */
  readonly n?: number;
  readonly seed?: number;
}

/** The claimed leaks of the demo and the accuracy suite for `company`. */
export function buildScenarios(company: Company, options: ScenarioOptions = {}): Scenario[] {
  const n = options.n ?? 2000;
  const seed = options.seed ?? 1;
  const scenario = (
    name: string,
    description: string,
    sample: LeakSample,
    write: WriteOptions,
    expectedLabel: VerdictLabel,
  ): Scenario => ({ name, description, sample, write, expectedLabel, expected: truthShares(sample) });
  return [
    scenario(
      'genuine-export',
      'rows copied from our customer and order tables, with typos, reformatted phones and moved addresses',
      genuineExport(company, { n, noise: 0.15, seed }),
      { format: 'mysql', compression: 'gzip' },
      'authentic',
    ),
    scenario(
      'genuine-export-legacy',
      'an Italian-language export from a legacy tool: semicolons, windows-1252, dates as dd/mm/yyyy',
      genuineExport(company, { n, noise: 0.05, headers: 'it', seed: seed + 1 }),
      { format: 'semicolon', encoding: 'windows-1252' },
      'authentic',
    ),
    scenario(
      'fabricated',
      'generated with Faker: reserved IPs, invalid phones, postcodes that match no city',
      fabricated(n, { locale: company.countries[0] ?? 'IT', seed }),
      { format: { kind: 'json', pretty: true } },
      'fabricated',
    ),
    scenario(
      'other-platform',
      "another platform's old breach: a third of its people are our customers, none of its ids are ours",
      otherPlatform(company, { n, seed }),
      { format: 'postgres' },
      'recycled',
    ),
    scenario(
      'combolist',
      'email:password lines, half of them with our customers’ emails',
      combolist(company, { n, share: 0.5, seed }),
      { format: 'combolist' },
      'recycled',
    ),
    scenario(
      'fakes-around-real-emails',
      // A judgement call: every row links by email, none is corroborated, all show generation.
      'our customers’ real emails with generated names, addresses and ids around them',
      fakesAroundRealEmails(company, n, { seed }),
      { format: 'tsv', encoding: 'utf-16le' },
      'fabricated',
    ),
    scenario(
      'mix',
      'a forum paste padding 10% genuine rows with fabricated ones',
      mix(company, { n, genuineShare: 0.1, seed }),
      { format: { kind: 'paste', claimed: 87_000_000 } },
      'partially-authentic',
    ),
    scenario(
      'unrelated',
      'real-looking customers of another shop, none of them ours',
      unrelated(n, { exclude: company, headers: 'nested', seed }),
      { format: 'mongo', compression: 'zip' },
      'unrelated',
    ),
  ];
}

export interface WrittenScenario {
  readonly scenario: Scenario;
  readonly file: WriteResult;
  /** `<name>.truth.json`: the expected label and shares, and the truth of every row. */
  readonly truthFile: string;
}

/** Writes each scenario's sample file and its truth next to it. */
export async function writeScenarios(
  dir: string,
  scenarios: readonly Scenario[],
): Promise<WrittenScenario[]> {
  const written: WrittenScenario[] = [];
  for (const scenario of scenarios) {
    const file = await writeSample(
      join(dir, fileNameFor(scenario.name, scenario.write)),
      sampleTable(scenario.sample),
      scenario.write,
    );
    const truthFile = join(dir, `${scenario.name}.truth.json`);
    const truth = {
      name: scenario.name,
      description: scenario.description,
      expectedLabel: scenario.expectedLabel,
      expected: scenario.expected,
      rows: scenario.sample.truth,
    };
    await writeFile(truthFile, `${JSON.stringify(truth)}\n`);
    written.push({ scenario, file, truthFile });
  }
  return written;
}
