import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from '../core/process.js';

/** Messages between the server and a verification job's child process (over IPC, never argv or env). */

export interface JobStart {
  readonly kind: 'start';
  /** The workspace key, hex; it travels only over the IPC channel. */
  readonly keyHex: string;
  readonly workspace: string;
  readonly sealedPath: string;
  /** The SHA-256 recorded at upload: the unsealed plaintext must match it. */
  readonly sha256: string;
  /** A file name for the plaintext copy, already made safe (no separators, no leading dot). */
  readonly fileName: string;
  readonly runDir: string;
  readonly signingKeyDir: string;
  readonly company: string;
  readonly claimedRows: number | null;
  readonly defaultRegion: string | null;
}

export type JobPhase = 'unseal' | 'index' | 'sample' | 'link' | 'analyse' | 'report' | 'exposure';

export type JobMessage =
  | { readonly kind: 'progress'; readonly phase: JobPhase; readonly rows: number }
  | { readonly kind: 'hashes'; readonly hashes: readonly string[] }
  | {
      readonly kind: 'done';
      readonly verdict: string;
      readonly result: JobResult;
    }
  | { readonly kind: 'failed'; readonly error: string; readonly code: string };

/** What the case page shows of a finished run without opening its report. */
export interface JobResult {
  readonly confidence: number;
  readonly summary: string;
  readonly rows: number;
  readonly identityShare: number;
  readonly fromRecordsShare: number;
  readonly plausibleOurRowsMax: number | null;
  readonly exposureHashes: number;
}

export const PHASE_LABELS: Readonly<Record<JobPhase, string>> = {
  unseal: 'decrypting the sample',
  index: 'checking the record index',
  sample: 'reading the sample',
  link: 'linking rows to records',
  analyse: 'analysing',
  report: 'writing the report',
  exposure: 'preparing the exposure check',
};

/** A file name safe to create inside a private directory, keeping a recognisable extension. */
export function safeFileName(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return clean === '' ? 'sample' : clean;
}

/** Where a job unseals its sample: RAM (/dev/shm) when the system has it, else the temp directory. */
export function jobTempBase(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** Job directories are `leakverify-job-<pid>-<random>`, so a sweep can tell whose they are. */
export const JOB_DIR_PREFIX = 'leakverify-job-';

/**
 * Removes plaintext directories left by job processes that no longer exist (a job killed
 * with SIGKILL cannot clean up after itself). Directories of live processes are kept.
 */
export function sweepOrphanedJobDirs(base = jobTempBase()): number {
  let removed = 0;
  for (const name of readdirSync(base)) {
    const pid = Number(/^leakverify-job-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || isProcessAlive(pid)) continue;
    rmSync(join(base, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
