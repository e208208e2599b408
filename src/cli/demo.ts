import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import { runDemo } from '../pipeline/demo.js';
import type { CliIo } from './io.js';
import { formatTable, safeText } from './text.js';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .summary('run leakverify end to end on a synthetic company and its claimed leaks')
    .description(
      'Creates a synthetic company (multi-country customers and orders) and several claimed\n' +
        'leaks of it (a genuine export, a fabricated sample, another platform\'s breach, a\n' +
        'combolist, fakes around real emails, a padded forum paste, unrelated data), each in a\n' +
        'different format, encoding and compression, then reads each one back and prints what\n' +
        'was understood. Everything is written to --dir (default: a new temporary folder).',
    )
    .option('--dir <dir>', 'where to write the demo files')
    .option('--customers <n>', 'customers of the synthetic company', '5000')
    .option('--rows <n>', 'rows per claimed leak', '2000')
    .option('--seed <n>', 'seed of the synthetic data', '1')
    .action(async (opts: { dir?: string; customers: string; rows: string; seed: string }) => {
      const customers = positive(opts.customers, '--customers');
      const rows = positive(opts.rows, '--rows');
      const seed = positive(opts.seed, '--seed');
      const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'leakverify-demo-'));
      io.stderr.write(`writing a synthetic company of ${customers} customers and its claimed leaks to ${dir}\n`);
      const result = await runDemo({ dir, customers, rows, seed }, (name) => io.stderr.write(`reading ${name}\n`));
      const table = formatTable(
        ['sample', 'file', 'format', 'encoding', 'rows', 'rejected', 'columns understood'],
        result.samples.map(({ written, report }) => {
          const typed = report.columns.filter((c) => c.kind !== 'unknown');
          return [
            written.scenario.name,
            safeText(relative(dir, written.file.path), 40),
            `${report.sample.info.format}${report.sample.info.compression === 'none' ? '' : `+${report.sample.info.compression}`}`,
            report.sample.info.encoding,
            String(report.sample.rows),
            String(report.sample.rejected),
            `${typed.length}/${report.columns.length}: ${typed
              .slice(0, 6)
              .map((c) => c.kind)
              .join(', ')}${typed.length > 6 ? ', …' : ''}`,
          ];
        }),
      );
      io.stdout.write(`${table}\n\nrecords: ${result.records.join(', ')}\nfiles in ${dir}\n`);
    });
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new LeakverifyError('cli.usage', `${flag} expects a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}
