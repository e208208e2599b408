import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import { type VerifyOutcome, verifySample, writeVerifyBundle } from '../pipeline/verify.js';
import type { CliIo } from './io.js';
import { keyOptions, readKey } from './key-options.js';
import { ingestOptions, readIngestOptions, readMapping } from './options.js';
import { createProgress, formatCount } from './progress.js';
import { readRecordsFiles, readRecordsMapping, recordsOptions } from './records-options.js';
import { safeText } from './text.js';

export function registerVerify(program: Command, io: CliIo): void {
  const command = program
    .command('verify')
    .summary('tell whether a claimed leak comes from your records, with evidence')
    .description(
      'Links every row of a sample to your records (customers, orders, ...) through keyed\n' +
        'fingerprints and Bloom filters only, then separates identity (this person is our\n' +
        'customer) from provenance (this row came from our systems), looks for signs of\n' +
        'fabrication and recycling, and gives a verdict: authentic, partially-authentic,\n' +
        'recycled, fabricated, unrelated or inconclusive.\n\n' +
        'Without --workspace the records are indexed into a temporary workspace; with one, its\n' +
        'index is reused and updated. With --out DIR it writes report.json, report.html,\n' +
        'statement.md, rows.csv and a signed evidence manifest (check it with\n' +
        '`leakverify evidence verify DIR`).',
    )
    .requiredOption('--sample <file>', 'the claimed leak (any format inspect reads)')
    .option('--out <dir>', 'write report.json, report.html, statement.md, rows.csv and manifest.json here')
    .option('--json', 'print report.json on stdout')
    .option(
      '--claimed <rows>',
      "the seller's claimed number of records (default: read from the sample's banner)",
    )
    .option('--company <name>', 'how the report and statement name your company', 'our company')
    .option('--signing-key-dir <dir>', 'where the Ed25519 evidence-signing key lives', defaultSigningDir());
  recordsOptions(command, false);
  ingestOptions(command);
  keyOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n' +
      '  export LEAKVERIFY_KEY=$(openssl rand -hex 32)\n' +
      '  leakverify verify --records customers.csv --records orders.csv --sample leak.txt --out report/\n' +
      '  leakverify verify --workspace ws --sample sample.sql.gz --claimed 87000000 --json > report.json\n',
  );
  command.action(async () => {
    const opts = command.opts<{
      sample: string;
      out?: string;
      json?: boolean;
      claimed?: string;
      company: string;
      signingKeyDir: string;
      workspace?: string;
    }>();
    const records = readRecordsFiles(command);
    if (records.length === 0 && !opts.workspace) {
      throw new LeakverifyError('cli.usage', 'verify needs --records <file> or --workspace <dir>');
    }
    const claimed = opts.claimed === undefined ? undefined : Number(opts.claimed.replaceAll(/[,_ ]/g, ''));
    if (claimed !== undefined && (!Number.isInteger(claimed) || claimed < 0)) {
      throw new LeakverifyError(
        'cli.usage',
        `--claimed expects a number of rows, got ${JSON.stringify(opts.claimed)}`,
      );
    }
    const key = readKey(command, io);
    const ingest = readIngestOptions(command);
    const mapping = readMapping(command.opts());
    const recordsMapping = readRecordsMapping(command);
    let progress = createProgress(io, 'indexing records', null, 'rows');
    const outcome = await verifySample(
      {
        records,
        sample: opts.sample,
        ...(opts.workspace ? { workspace: opts.workspace } : {}),
        key,
        ingest,
        ...(mapping ? { mapping } : {}),
        ...(recordsMapping ? { recordsMapping } : {}),
        ...(ingest.defaultRegion ? { defaultRegion: ingest.defaultRegion } : {}),
        ...(claimed !== undefined ? { claimedRows: claimed } : {}),
        ...(opts.company !== 'our company' ? { organisation: opts.company } : {}),
        debug: command.parent?.opts().debug === true,
      },
      {
        onProgress: (table, rows) => progress.update(rows, `${table}: ${formatCount(rows)} rows`),
        onTable: (t) => {
          progress.finish(
            `${t.name}: ${t.status === 'unchanged' ? 'index unchanged' : t.status}, ${t.rows} records`,
          );
          progress = createProgress(io, 'indexing records', null, 'rows');
        },
        onPhase: (phase) => {
          progress.finish();
          const label = PHASES[phase];
          if (phase !== 'index') io.stderr.write(`${label}…\n`);
          progress = createProgress(io, label, null, 'rows');
        },
        onSampleProgress: (rows) => progress.update(rows, `${formatCount(rows)} rows`),
        log: (line) => io.stderr.write(`${line}\n`),
      },
    );
    progress.finish();
    if (opts.out) {
      const bundle = await writeVerifyBundle(opts.out, outcome, {
        signingKeyDir: opts.signingKeyDir,
        company: opts.company,
      });
      io.stderr.write(`wrote ${bundle.files.join(', ')} to ${opts.out} (signed by ${bundle.fingerprint})\n`);
    }
    if (opts.json) io.stdout.write(`${JSON.stringify(outcome.report, null, 2)}\n`);
    else io.stdout.write(renderVerdict(outcome));
  });
}

const PHASES = {
  index: 'indexing records',
  sample: 'reading the sample',
  link: 'linking',
  analyse: 'analysing',
} as const;

function defaultSigningDir(): string {
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'leakverify');
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The few lines a person reads first: verdict, shares with intervals, what decided it. */
export function renderVerdict(outcome: VerifyOutcome): string {
  const r = outcome.report;
  const e = r.estimate;
  const fired = r.signals.filter((s) => s.weight > 0).sort((a, b) => b.weight - a.weight);
  const lines = [
    `verdict         ${r.verdict.label} (confidence ${r.verdict.confidence.toFixed(2)})`,
    `sample          ${safeText(r.sample.file, 80)}: ${r.sample.rows} rows, ${r.sample.format}, sha256 ${r.sample.sha256.slice(0, 16)}…`,
    `identity share  ${pct(e.identityShare)} [${pct(e.identityShareCi95[0])}, ${pct(e.identityShareCi95[1])}] of rows are people in our records`,
    `from records    ${pct(e.fromRecordsShare)} [${pct(e.fromRecordsShareCi95[0])}, ${pct(e.fromRecordsShareCi95[1])}] of rows carry our systems' data`,
  ];
  if (e.claimedRows !== null)
    lines.push(
      `claimed         ${e.claimedRows.toLocaleString('en-US')} rows; at most ${(e.plausibleOurRowsMax ?? 0).toLocaleString('en-US')} can be ours`,
    );
  for (const s of fired.slice(0, 6))
    lines.push(`signal          ${s.id} (${s.weight.toFixed(1)}): ${safeText(s.detail, 100)}`);
  lines.push('', safeText(r.verdict.summary, 2000));
  return `${lines.join('\n')}\n`;
}
