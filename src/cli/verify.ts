import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import { verifyQuick } from '../pipeline/quick.js';
import {
  releaseVerifyOutcome,
  type VerifyEffects,
  type VerifyOutcome,
  type VerifyRequest,
  verifySample,
  writeVerifyBundle,
} from '../pipeline/verify.js';
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
        'index is reused and updated, and a run that is interrupted (crash, kill -9) resumes\n' +
        'reading the same sample where it stopped. With --out DIR it writes report.json, report.html,\n' +
        'statement.md, rows.csv and a signed evidence manifest (check it with\n' +
        '`leakverify evidence verify DIR`).\n\n' +
        'With --quick N it first verifies N rows drawn at random from the sample and prints an\n' +
        'early verdict with its 95% interval (a large plain CSV is sampled by random byte\n' +
        'offsets, without reading it all), then verifies every row against the same index.\n' +
        'The early report says it comes from a subset; with --out DIR it is written to\n' +
        'DIR/quick/ before the full report lands in DIR. --quick-only stops after it.',
    )
    .requiredOption('--sample <file>', 'the claimed leak (any format inspect reads)')
    .option('--out <dir>', 'write report.json, report.html, statement.md, rows.csv and manifest.json here')
    .option('--json', 'print report.json on stdout')
    .option(
      '--claimed <rows>',
      "the seller's claimed number of records (default: read from the sample's banner)",
    )
    .option('--quick <rows>', 'first give an early verdict from this many random rows, then run in full')
    .option('--quick-only', 'with --quick: stop after the early verdict')
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
      '  leakverify verify --workspace ws --sample sample.sql.gz --claimed 87000000 --json > report.json\n' +
      '  leakverify verify --workspace ws --sample full-dump.csv --quick 100000 --out report/\n',
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
      quick?: string;
      quickOnly?: boolean;
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
    const quick = readQuick(opts.quick, opts.quickOnly === true);
    const timings = command.parent?.opts().timings === true;
    const key = readKey(command, io);
    const ingest = readIngestOptions(command);
    const mapping = readMapping(command.opts());
    const recordsMapping = readRecordsMapping(command);
    const request: VerifyRequest = {
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
      timings,
      // rows.csv is spooled only for a bundle: it is a pass over every link.
      rowsCsv: opts.out !== undefined,
    };
    const bundle = async (dir: string, outcome: VerifyOutcome): Promise<void> => {
      const written = await writeVerifyBundle(dir, outcome, {
        signingKeyDir: opts.signingKeyDir,
        company: opts.company,
      });
      io.stderr.write(`wrote ${written.files.join(', ')} to ${dir} (signed by ${written.fingerprint})\n`);
    };
    // Each outcome holds its rows.csv in a temp file until released.
    const outcomes: VerifyOutcome[] = [];
    try {
      let outcome: VerifyOutcome;
      if (quick === undefined) {
        const run = phaseProgress(io, '', fileSize(opts.sample), timings);
        outcome = await verifySample(request, run.effects);
        outcomes.push(outcome);
        run.finish();
      } else {
        // Both runs share one workspace, so the full run reuses the index the quick run built.
        const workspace = opts.workspace ?? (await mkdtemp(join(tmpdir(), 'leakverify-ws-')));
        try {
          const early = phaseProgress(io, 'quick: ', undefined, timings);
          io.stderr.write(`quick: drawing ${formatCount(quick.rows)} random rows of the sample…\n`);
          outcome = await verifyQuick(
            { ...request, workspace },
            quick.rows,
            early.effects,
            async (result, drawn) => {
              outcomes.push(result);
              early.finish();
              io.stderr.write(earlyVerdictLine(result, drawn.rows, quick.only));
              if (opts.out) await bundle(join(opts.out, 'quick'), result);
            },
          );
          if (!quick.only) {
            io.stderr.write('full run: verifying every row…\n');
            const full = phaseProgress(io, '', fileSize(opts.sample), timings);
            outcome = await verifySample({ ...request, workspace }, full.effects);
            outcomes.push(outcome);
            full.finish();
          }
        } finally {
          if (!opts.workspace) await rm(workspace, { recursive: true, force: true });
        }
      }
      if (opts.out && !quick?.only) await bundle(opts.out, outcome);
      if (opts.json) io.stdout.write(`${JSON.stringify(outcome.report, null, 2)}\n`);
      else io.stdout.write(renderVerdict(outcome));
    } finally {
      for (const o of outcomes) await releaseVerifyOutcome(o);
    }
  });
}

/** `--quick N` and `--quick-only`, checked. */
function readQuick(value: string | undefined, only: boolean): { rows: number; only: boolean } | undefined {
  if (value === undefined) {
    if (only) throw new LeakverifyError('cli.usage', '--quick-only needs --quick <rows>');
    return undefined;
  }
  const rows = Number(value.replaceAll(/[,_ ]/g, ''));
  if (!Number.isInteger(rows) || rows < 1 || rows > 50_000_000) {
    throw new LeakverifyError(
      'cli.usage',
      `--quick expects a number of rows between 1 and 50,000,000, got ${JSON.stringify(value)}`,
    );
  }
  return { rows, only };
}

/** A file's size, or undefined when it cannot be read (the pipeline then says why). */
function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** The callbacks that print each phase of a run on stderr, `prefix` naming the run. */
function phaseProgress(
  io: CliIo,
  prefix: string,
  sampleBytes?: number,
  timings = false,
): { effects: VerifyEffects & { onDrawProgress(rows: number): void }; finish(): void } {
  // Until the first phase starts, a quick run is drawing its rows.
  let progress = createProgress(io, `${prefix}${prefix ? 'drawing rows' : 'indexing records'}`, null, 'rows');
  // With --timings, each phase's duration as it ends (`phase sample: 39210 ms`).
  let current: { phase: string; started: number } | null = null;
  const endPhase = (): void => {
    if (timings && current)
      io.stderr.write(
        `${prefix}phase ${current.phase}: ${(performance.now() - current.started).toFixed(0)} ms\n`,
      );
    current = null;
  };
  return {
    effects: {
      onProgress: (table, rows, bytes, size) =>
        progress.update(rows, `${table}: ${formatCount(rows)} rows`, size > 0 ? bytes / size : undefined),
      onTable: (t) => {
        progress.finish(
          `${prefix}${t.name}: ${t.status === 'unchanged' ? 'index unchanged' : t.status}, ${t.rows} records`,
        );
        progress = createProgress(io, `${prefix}indexing records`, null, 'rows');
      },
      onPhase: (phase) => {
        progress.finish();
        endPhase();
        current = { phase, started: performance.now() };
        const label = `${prefix}${PHASES[phase]}`;
        if (phase !== 'index') io.stderr.write(`${label}…\n`);
        progress = createProgress(io, label, null, 'rows');
      },
      onSampleProgress: (rows, bytes) =>
        progress.update(rows, `${formatCount(rows)} rows`, sampleBytes ? bytes / sampleBytes : undefined),
      onDrawProgress: (rows) => progress.update(rows, `${formatCount(rows)} rows read`),
      log: (line) => io.stderr.write(`${line}\n`),
    },
    finish: () => {
      progress.finish();
      endPhase();
    },
  };
}

/** `early verdict: recycled, identity 41.2% [38.1%, 44.4%] from 100000 random rows (full run continues)` */
export function earlyVerdictLine(outcome: VerifyOutcome, rows: number, only: boolean): string {
  const e = outcome.report.estimate;
  const [lo, hi] = e.identityShareCi95;
  return `early verdict: ${outcome.report.verdict.label}, identity ${pct(e.identityShare)} [${pct(lo)}, ${pct(hi)}] from ${rows} random rows (${only ? 'no full run: --quick-only' : 'full run continues'})\n`;
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
  if (r.subset)
    lines.push(
      r.subset.estimates === 'subset'
        ? `early verdict   from ${r.subset.rows.toLocaleString('en-US')} random rows of ${safeText(r.subset.source?.file ?? r.sample.file, 80)}; the shares are the subset's`
        : `signals on      ${r.subset.rows.toLocaleString('en-US')} random rows of ${r.subset.of?.toLocaleString('en-US') ?? '?'}; the shares use every row`,
    );
  if (e.claimedRows !== null)
    lines.push(
      `claimed         ${e.claimedRows.toLocaleString('en-US')} rows; at most ${(e.plausibleOurRowsMax ?? 0).toLocaleString('en-US')} can be ours`,
    );
  for (const s of fired.slice(0, 6))
    lines.push(`signal          ${s.id} (${s.weight.toFixed(1)}): ${safeText(s.detail, 100)}`);
  lines.push('', safeText(r.verdict.summary, 2000));
  return `${lines.join('\n')}\n`;
}
