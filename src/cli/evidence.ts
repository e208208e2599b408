import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import { verifyEvidence } from '../report/manifest.js';
import type { CliIo } from './io.js';
import { safeText } from './text.js';

/** `leakverify evidence verify <dir> [--expect-key FP]`: exit 0 when the bundle is intact, 1 otherwise. */
export function registerEvidence(program: Command, io: CliIo): void {
  const evidence = program
    .command('evidence')
    .summary('check the signed evidence of a report directory')
    .description('Commands on the evidence bundle written by `leakverify verify --out DIR`.');
  const verify = evidence
    .command('verify')
    .summary('recompute every hash of a report directory and check its signature')
    .description(
      'Reads DIR/manifest.json, checks its Ed25519 signature (manifest.sig) and recomputes the\n' +
        'SHA-256 of every output file (report.json, report.html, statement.md, rows.csv) and of\n' +
        'every input still at its recorded path. Prints one line per problem; exits 1 if any.\n' +
        'Without --expect-key, a bundle re-signed with another key passes: pin your key.',
    )
    .argument('<dir>', 'the report directory')
    .option('--expect-key <fingerprint>', 'the signing key fingerprint to require (sha256:<hex>)');
  verify.addHelpText(
    'after',
    '\nExamples:\n' +
      '  leakverify evidence verify out/\n' +
      '  leakverify evidence verify out/ --expect-key sha256:3f9c…\n',
  );
  verify.action(async (dir: string, opts: { expectKey?: string }) => {
    if (!isDirectory(dir)) {
      throw new LeakverifyError('input.not-found', `no report directory at ${safeText(dir, 200)}`, {
        hint: 'Pass the --out directory of `leakverify verify`.',
      });
    }
    const result = await verifyEvidence(
      dir,
      opts.expectKey === undefined ? {} : { expectKey: opts.expectKey },
    );
    for (const note of result.notes) io.stderr.write(`note: ${safeText(note, 300)}\n`);
    if (!result.ok) {
      for (const problem of result.problems) io.stdout.write(`${safeText(problem, 300)}\n`);
      throw new LeakverifyError(
        'evidence.invalid',
        `evidence in ${safeText(dir, 200)} does not verify (${result.problems.length} problem(s))`,
      );
    }
    io.stdout.write(`ok: ${safeText(dir, 200)} verifies, signed by ${result.fingerprint ?? 'unknown key'}\n`);
  });
  for (const command of evidence.commands) command.exitOverride();
  evidence.exitOverride();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
