/**
 * The verification queue: one job at a time (the index is a single DuckDB file and the
 * machine is shared with the HTTP server), each in a forked child process at nice 10.
 * Live progress is kept in memory for polling; the database gets each phase change.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { SecretKey } from '../protect/key.js';
import type { AuditLog } from './audit.js';
import type { CaseStore, RunRow } from './cases.js';
import {
  type JobMessage,
  type JobPhase,
  type JobStart,
  safeFileName,
  sweepOrphanedJobDirs,
} from './job-protocol.js';

export interface LiveProgress {
  readonly phase: JobPhase;
  readonly rows: number;
  readonly since: string;
}

export interface JobQueueOptions {
  readonly workspace: string;
  readonly key: SecretKey;
  readonly cases: CaseStore;
  readonly audit: AuditLog;
  readonly company: string;
  /** Called after a run ends (the exposure index may have changed). */
  readonly onFinished?: (run: RunRow) => void | Promise<void>;
  readonly log?: (line: string) => void;
}

export class JobQueue {
  readonly #waiting: string[] = [];
  readonly #live = new Map<string, LiveProgress>();
  #current: { runId: string; done: Promise<void> } | null = null;
  #child: ChildProcess | null = null;
  #closed = false;

  constructor(private readonly options: JobQueueOptions) {}

  /** After a restart: runs left `running` are marked interrupted, queued ones start again. */
  async recover(): Promise<number> {
    sweepOrphanedJobDirs();
    const interrupted = await this.options.cases.interruptRunning();
    for (const run of await this.options.cases.queuedRuns()) this.enqueue(run.id);
    return interrupted;
  }

  enqueue(runId: string): void {
    this.#waiting.push(runId);
    this.#pump();
  }

  /** The in-memory progress of a run that is queued or running, else undefined. */
  progress(runId: string): LiveProgress | undefined {
    return this.#live.get(runId);
  }

  /** Where a run waits in the queue (0 = running next), or -1. */
  position(runId: string): number {
    return this.#waiting.indexOf(runId);
  }

  /** Resolves when nothing is queued or running (tests and shutdown use it). */
  async idle(): Promise<void> {
    while (this.#current !== null || this.#waiting.length > 0) {
      await (this.#current?.done ?? new Promise((r) => setTimeout(r, 20)));
    }
  }

  /** Stops the running child; its run is marked interrupted. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting.length = 0;
    this.#child?.kill('SIGTERM');
    await this.#current?.done;
  }

  #pump(): void {
    if (this.#current !== null || this.#closed) return;
    const runId = this.#waiting.shift();
    if (runId === undefined) return;
    const done = this.#run(runId)
      .catch((error: unknown) => this.options.log?.(`job ${runId} failed: ${String(error)}`))
      .finally(() => {
        this.#current = null;
        this.#live.delete(runId);
        this.#pump();
      });
    this.#current = { runId, done };
  }

  async #run(runId: string): Promise<void> {
    const { cases, workspace, key, company } = this.options;
    const run = await cases.getRun(runId);
    const sample = run ? await cases.getSample(run.sample_id) : null;
    const kase = run ? await cases.getCase(run.case_id) : null;
    if (!run || !sample || !kase || run.status !== 'queued' || this.#closed) return;
    const child = forkChild();
    this.#child = child;
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-4000);
    });
    try {
      // Below the HTTP server: a long verification must not slow the public range endpoint.
      if (child.pid !== undefined) setPriority(child.pid, 10);
    } catch {
      // Not permitted on some systems; the job still runs.
    }
    await cases.markRunning(runId);
    this.#setLive(runId, 'unseal', 0);
    const runDir = join(workspace, 'reports', kase.id, run.id);
    const start: JobStart = {
      kind: 'start',
      keyHex: key.bytes().toString('hex'),
      workspace,
      sealedPath: sample.sealed_path,
      sha256: sample.sha256,
      fileName: safeFileName(sample.original_name),
      runDir,
      signingKeyDir: join(workspace, 'signing'),
      company,
      claimedRows: kase.claimed_rows,
      defaultRegion: kase.default_region,
    };
    const hashes: string[] = [];
    let final: JobMessage | null = null;
    const exited = new Promise<string>((resolve) => {
      child.on('message', (message: JobMessage) => {
        if (message.kind === 'progress') {
          if (this.#live.get(runId)?.phase !== message.phase)
            void cases.setProgress(runId, { phase: message.phase, rows: message.rows });
          this.#setLive(runId, message.phase, message.rows);
        } else if (message.kind === 'hashes') hashes.push(...message.hashes);
        else final = message;
      });
      child.on('close', (code, signal) => resolve(signal ?? String(code)));
      child.on('error', (error) => resolve(`error ${error.message}`));
    });
    child.send(start);
    const how = await exited;
    this.#child = null;
    const end = final as JobMessage | null;
    if (end?.kind === 'done') {
      await cases.replaceExposureHashes(kase.id, sample.id, hashes);
      await cases.finishRun(runId, {
        kind: 'done',
        verdict: end.verdict,
        result: end.result,
        reportDir: runDir,
      });
      await this.options.audit.append({
        actor: 'server',
        action: 'run.done',
        target: runId,
        detail: { case: kase.id, sample: sample.id, verdict: end.verdict },
      });
    } else if (this.#closed && end === null) {
      await cases.finishRun(runId, { kind: 'interrupted', error: 'the server stopped during this run' });
    } else {
      const error =
        end?.kind === 'failed' ? end.error : `the verification process ended unexpectedly (${how})`;
      if (end === null && stderr) this.options.log?.(`job ${runId}: ${stderr}`);
      await cases.finishRun(runId, { kind: 'failed', error });
      await this.options.audit.append({
        actor: 'server',
        action: 'run.failed',
        target: runId,
        detail: { case: kase.id, sample: sample.id, error: error.slice(0, 300) },
      });
    }
    const finished = await cases.getRun(runId);
    if (finished) await this.options.onFinished?.(finished);
  }

  #setLive(runId: string, phase: JobPhase, rows: number): void {
    const previous = this.#live.get(runId);
    const since = previous?.phase === phase ? previous.since : new Date().toISOString();
    this.#live.set(runId, { phase, rows, since });
  }
}

/** Under vitest the sources are TypeScript; the child then needs tsx's loader (as pipeline/parallel.ts). */
function forkChild(): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./job-child.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const env = { ...process.env };
  // The child gets the key over IPC; it must not inherit it from the environment either.
  delete env['LEAKVERIFY_KEY'];
  return fork(url, [], {
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
}
