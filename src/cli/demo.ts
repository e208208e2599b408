import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import { runDemo } from '../pipeline/demo.js';
import type { CliIo } from './io.js';
import { formatTable } from './text.js';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .summary('run leakverify end to end on a synthetic company and its claimed leaks')
    .description(
      'Creates a synthetic company (multi-country customers and orders) and several claimed\n' +
        "leaks of it (a genuine export, a fabricated sample, another platform's breach, a\n" +
        'combolist, fakes around real emails, a padded forum paste, unrelated data), each in a\n' +
        'different format, encoding and compression. Indexes the records, verifies each sample\n' +
        'and prints one verdict per sample with the path of its HTML report. The demo makes its\n' +
        'own secret key. Everything is written to --dir (default: a new temporary folder).',
    )
    .option('--dir <dir>', 'where to write the demo files')
    .option('--customers <n>', 'customers of the synthetic company', '5000')
    .option('--rows <n>', 'rows per claimed leak', '1500')
    .option('--seed <n>', 'seed of the synthetic data', '1')
    .action(async (opts: { dir?: string; customers: string; rows: string; seed: string }) => {
      const customers = positive(opts.customers, '--customers');
      const rows = positive(opts.rows, '--rows');
      const seed = positive(opts.seed, '--seed');
      const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'leakverify-demo-'));
      io.stderr.write(`synthetic company ShopCo: ${customers} customers and their orders, in ${dir}\n`);
      const started = Date.now();
      const result = await runDemo({ dir, customers, rows, seed }, (name, done) => {
        if (!done) io.stderr.write(`verifying ${name}…\n`);
      });
      const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
      const table = formatTable(
        ['claimed leak', 'format', 'verdict', 'expected', 'identity', 'from records', 'report'],
        result.samples.map(({ written, outcome, out }) => {
          const r = outcome.report;
          return [
            written.scenario.name,
            `${r.sample.format}${outcome.sample.summary.info.compression === 'none' ? '' : `+${outcome.sample.summary.info.compression}`}`,
            r.verdict.label,
            written.scenario.expectedLabel,
            pct(r.estimate.identityShare),
            pct(r.estimate.fromRecordsShare),
            shortPath(join(out, 'report.html')),
          ];
        }),
      );
      const right = result.samples.filter(
        (s) => s.outcome.report.verdict.label === s.written.scenario.expectedLabel,
      ).length;
      io.stdout.write(
        `${table}\n\n${right}/${result.samples.length} verdicts as expected, in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
          `Open a report.html in a browser; records in ${shortPath(join(dir, 'records'))}, samples in ${shortPath(join(dir, 'samples'))}.\n`,
      );
    });
}

/** Relative to the working directory when inside it, else absolute. */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new LeakverifyError(
      'cli.usage',
      `${flag} expects a positive whole number, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}
