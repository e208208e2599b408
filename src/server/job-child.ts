/**
 * One verification job, in its own (niced) process so the HTTP server stays responsive:
 * unseal the sample into a private directory (in RAM under /dev/shm when there is one),
 * verify it against the workspace's index, write the report bundle, collect the exposure
 * hashes, and delete the plaintext whatever happens. Started by jobs.ts with `fork`; the key
 * arrives in the first IPC message.
 */
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LeakverifyError } from '../core/errors.js';
import { releaseVerifyOutcome, verifySample, writeVerifyBundle } from '../pipeline/verify.js';
import { deriveSubkey, SecretKey } from '../protect/key.js';
import { collectExposureHashes } from './exposure-collect.js';
import {
  JOB_DIR_PREFIX,
  type JobMessage,
  type JobPhase,
  type JobStart,
  jobTempBase,
} from './job-protocol.js';
import { unsealToFile } from './sealed-file.js';

/** The private directory holding the plaintext, removed however the job ends. */
let plaintextDir: string | null = null;

function removePlaintext(): void {
  if (plaintextDir !== null) rmSync(plaintextDir, { recursive: true, force: true });
  plaintextDir = null;
}

function send(message: JobMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

function progress(phase: JobPhase, rows = 0): void {
  void send({ kind: 'progress', phase, rows });
}

async function runJob(start: JobStart): Promise<void> {
  const key = new SecretKey(Buffer.from(start.keyHex, 'hex'), 'ipc');
  const dir = await mkdtemp(join(jobTempBase(), `${JOB_DIR_PREFIX}${process.pid}-`));
  plaintextDir = dir;
  try {
    await chmod(dir, 0o700);
    const plain = join(dir, start.fileName);
    progress('unseal');
    const unsealed = await unsealToFile(start.sealedPath, deriveSubkey(key, 'server/uploads').bytes(), plain);
    if (unsealed.sha256 !== start.sha256)
      throw new LeakverifyError('server.sealed', 'the decrypted sample does not match its upload hash');
    let last = 0;
    const outcome = await verifySample(
      {
        records: [],
        sample: plain,
        workspace: start.workspace,
        key,
        ...(start.claimedRows !== null ? { claimedRows: start.claimedRows } : {}),
        ...(start.defaultRegion ? { defaultRegion: start.defaultRegion } : {}),
        organisation: start.company,
      },
      {
        onPhase: (phase) => progress(phase),
        onSampleProgress: (rows) => {
          // A message per batch is plenty; the parent only shows the latest.
          if (rows - last >= 1000) {
            last = rows;
            progress('sample', rows);
          }
        },
      },
    );
    progress('report', outcome.report.sample.rows);
    try {
      await writeVerifyBundle(start.runDir, outcome, {
        signingKeyDir: start.signingKeyDir,
        company: start.company,
      });
    } finally {
      // rows.csv waited in a temp file for the bundle.
      await releaseVerifyOutcome(outcome);
    }
    progress('exposure', outcome.report.sample.rows);
    const hashes = await collectExposureHashes(plain, {
      ...(start.defaultRegion ? { defaultRegion: start.defaultRegion } : {}),
    });
    for (let i = 0; i < hashes.length; i += 50_000)
      await send({ kind: 'hashes', hashes: hashes.slice(i, i + 50_000) });
    const r = outcome.report;
    await send({
      kind: 'done',
      verdict: r.verdict.label,
      result: {
        confidence: r.verdict.confidence,
        summary: r.verdict.summary,
        rows: r.sample.rows,
        identityShare: r.estimate.identityShare,
        fromRecordsShare: r.estimate.fromRecordsShare,
        plausibleOurRowsMax: r.estimate.plausibleOurRowsMax ?? null,
        exposureHashes: hashes.length,
      },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
    plaintextDir = null;
  }
}

function describe(error: unknown): { error: string; code: string } {
  if (error instanceof LeakverifyError)
    return { error: error.hint ? `${error.message}. ${error.hint}` : error.message, code: error.code };
  return { error: error instanceof Error ? error.message : String(error), code: 'internal' };
}

// Stopped by the server (SIGTERM) or orphaned by its death: the plaintext goes first.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    removePlaintext();
    process.exit(143);
  });
}
process.on('disconnect', () => {
  removePlaintext();
  process.exit(0);
});

process.once('message', (message: JobStart) => {
  runJob(message)
    .catch((error: unknown) => send({ kind: 'failed', ...describe(error) }))
    .finally(() => process.disconnect?.());
});
