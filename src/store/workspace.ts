import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LeakverifyError } from '../core/errors.js';
import { DuckExecutor, sqlError } from './duck-executor.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './schema.js';
import { runSteps } from './steps.js';
import type {
  RawColumns,
  RunStepsOptions,
  SqlExecutor,
  SqlParams,
  SqlStep,
  SqlValue,
  StepReport,
  Workspace,
  WorkspaceOptions,
  Writer,
} from './types.js';
import { isDone, markDone } from './work-units.js';

export const DB_FILE = 'leakverify.duckdb';
const TEMP_DIR = 'tmp';

/** Two DuckDB instances on one file in one process corrupt it; DuckDB only locks across processes. */
const openInThisProcess = new Set<string>();

function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return `leakverify ${pkg.version ?? 'unknown'}`;
  } catch {
    return 'leakverify unknown';
  }
}

/** A promise-chain mutex: one DuckDB call at a time per connection. */
class Mutex {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/** `body` between BEGIN and COMMIT through `run`, rolled back when it or the COMMIT fails. */
async function atomically<T>(run: (sql: string) => Promise<unknown>, body: () => Promise<T>): Promise<T> {
  await run('BEGIN TRANSACTION');
  try {
    const result = await body();
    await run('COMMIT');
    return result;
  } catch (error) {
    // After a failed COMMIT DuckDB has already rolled back; ROLLBACK then fails harmlessly.
    await run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

class DuckWorkspace implements Workspace {
  /** Held for a whole transaction or step chain, so no other caller interleaves. */
  readonly #section = new Mutex();
  /** Held for each single DuckDB call, also inside a section (e.g. `Promise.all` in a transaction). */
  readonly #call = new Mutex();
  readonly #inSection = new AsyncLocalStorage<boolean>();
  #inTransaction = false;
  #closed = false;
  readonly #writers = new Set<Writer>();

  constructor(
    readonly dir: string,
    readonly dbPath: string,
    readonly readOnly: boolean,
    private readonly instance: DuckDBInstance,
    private readonly exec: DuckExecutor,
    private readonly registryKey: string,
  ) {}

  /** Runs `fn` as one section; re-entrant for code already inside this workspace's section. */
  #sectioned<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed)
      return Promise.reject(new LeakverifyError('store.open', `workspace ${this.dir} is closed`));
    if (this.#inSection.getStore()) return fn();
    return this.#section.run(() => this.#inSection.run(true, fn));
  }

  #single<T>(fn: (exec: DuckExecutor) => Promise<T>): Promise<T> {
    return this.#sectioned(() => this.#call.run(() => fn(this.exec)));
  }

  run(sql: string, params?: SqlParams): Promise<number> {
    return this.#single((exec) => exec.run(sql, params));
  }

  all<T extends object>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.#single((exec) => exec.all<T>(sql, params));
  }

  /** Atomic like `appendRows`. */
  appendRaw(table: string, columns: RawColumns): Promise<number> {
    return this.transaction(() => this.#call.run(() => this.exec.appendRaw(table, columns)));
  }

  /** Atomic: a failure part-way leaves none of the rows (it joins an enclosing transaction). */
  appendRows(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly SqlValue[]>,
  ): Promise<number> {
    return this.transaction(() => this.#call.run(() => this.exec.appendRows(table, columns, rows)));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.#inSection.getStore() && this.#inTransaction) return fn(this);
    return this.#sectioned(async () => {
      this.#inTransaction = true;
      try {
        return await atomically(
          (sql) => this.#call.run(() => this.exec.run(sql)),
          () => fn(this),
        );
      } finally {
        this.#inTransaction = false;
      }
    });
  }

  runSteps(steps: readonly SqlStep[], options?: RunStepsOptions): Promise<StepReport[]> {
    return this.#sectioned(() => runSteps(this, steps, options));
  }

  markDone(job: string, unit: string): Promise<void> {
    return markDone(this, job, unit);
  }

  isDone(job: string, unit: string): Promise<boolean> {
    return isDone(this, job, unit);
  }

  async checkpoint(): Promise<void> {
    await this.run('CHECKPOINT');
  }

  async openWriter(): Promise<Writer> {
    if (this.readOnly) throw new LeakverifyError('store.open', `workspace ${this.dir} is open read-only`);
    const exec = await this.#sectioned(async () => new DuckExecutor(await this.instance.connect()));
    const lock = new Mutex();
    let open = true;
    const writer: Writer = {
      transaction: (fn) =>
        lock.run(async () => {
          if (!open) throw new LeakverifyError('store.open', `a writer of workspace ${this.dir} is closed`);
          return atomically(
            (sql) => exec.run(sql),
            () => fn(exec),
          );
        }),
      // After the transaction in flight, if any: closing a connection under a query is unsafe.
      close: () =>
        lock.run(async () => {
          if (!open) return;
          open = false;
          this.#writers.delete(writer);
          exec.connection.closeSync();
        }),
    };
    this.#writers.add(writer);
    return writer;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#section.run(async () => {
      for (const writer of [...this.#writers]) await writer.close();
      this.#closed = true;
      this.exec.connection.closeSync();
      this.instance.closeSync();
      openInThisProcess.delete(this.registryKey);
    });
  }
}

function prepareDirectory(dir: string, readOnly: boolean): void {
  const dbPath = join(dir, DB_FILE);
  if (readOnly) {
    if (!existsSync(dbPath)) {
      throw new LeakverifyError('store.open', `no workspace at ${dir} (missing ${DB_FILE})`, {
        hint: 'Build one first with `leakverify index --workspace DIR`.',
      });
    }
    return;
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new LeakverifyError('store.open', `workspace path ${dir} is a file, not a directory`);
  }
  mkdirSync(dir, { recursive: true });
  // Refuse to scatter a database into an unrelated directory (a home folder, a case folder).
  const foreign = readdirSync(dir).filter((name) => !name.startsWith(DB_FILE) && name !== TEMP_DIR);
  if (!existsSync(dbPath) && foreign.length > 0) {
    throw new LeakverifyError('store.open', `${dir} is not empty and is not a leakverify workspace`, {
      hint: 'Point --workspace at a new or empty directory.',
    });
  }
}

/** Environment variable overriding DuckDB's memory limit, e.g. `LEAKVERIFY_MEMORY_LIMIT=12GB`. */
export const MEMORY_LIMIT_ENV = 'LEAKVERIFY_MEMORY_LIMIT';

/**
 * DuckDB's memory limit unless told otherwise: a quarter of the machine's memory, at most
 * 3 GB, and DuckDB spills to `tmp/` beyond it. DuckDB's own default (80% of RAM) let one
 * verification of 1M rows against 10M records reach 20 GB of RSS on a 24 GB machine, with
 * the JavaScript side and the workers on top. Above 3 GB the extra memory mostly caches
 * blocks of the workspace that the operating system's page cache holds already, and every
 * page DuckDB touches for the first time costs a page fault, which is dear on a virtual
 * machine whose host reclaims the guest's free memory: measured on this project's machine
 * (BENCHMARKS.md, session 10), 3 GB instead of 5 made the 10M/1M verification 2-3 s faster
 * (peak RSS 5.9 -> 3.9 GB), 1M rows against 100M records 172 -> 167 s, and left 3M rows
 * against 10M (156 s) and the 10M index (193 s) unchanged.
 */
export function defaultMemoryLimit(env: NodeJS.ProcessEnv = process.env): string {
  const set = env[MEMORY_LIMIT_ENV]?.trim();
  if (set) {
    if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(set)) {
      throw new LeakverifyError('cli.usage', `${MEMORY_LIMIT_ENV}=${set} is not a size`, {
        hint: `Give a number and a unit, e.g. ${MEMORY_LIMIT_ENV}=8GB.`,
      });
    }
    return set;
  }
  const quarterMiB = Math.floor(totalmem() / 4 / 2 ** 20);
  return `${Math.min(quarterMiB, 3 * 1024)}MiB`;
}

/**
 * Opens (creating if needed) the workspace directory `dir`: `leakverify.duckdb` plus
 * DuckDB's spill directory `tmp/`, migrated to the current schema.
 * Example: `const ws = await openWorkspace('.leakverify', { memoryLimit: '4GB' })`.
 */
export async function openWorkspace(dir: string, options: WorkspaceOptions = {}): Promise<Workspace> {
  const absDir = resolve(dir);
  const readOnly = options.readOnly ?? false;
  prepareDirectory(absDir, readOnly);
  const registryKey = realpathSync(absDir);
  if (openInThisProcess.has(registryKey)) {
    throw new LeakverifyError('store.open', `workspace ${absDir} is already open in this process`);
  }
  const dbPath = join(absDir, DB_FILE);
  const tempDirectory = options.tempDirectory ?? join(absDir, TEMP_DIR);
  const config: Record<string, string> = {
    threads: String(options.threads ?? availableParallelism()),
    temp_directory: tempDirectory,
    access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE',
  };
  config['memory_limit'] = options.memoryLimit ?? defaultMemoryLimit();
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(dbPath, config);
  } catch (error) {
    const message = sqlError(error).message;
    const locked = /lock/i.test(message);
    throw new LeakverifyError('store.open', `cannot open workspace ${absDir}: ${message}`, {
      hint: locked
        ? 'Another leakverify process is using this workspace; wait for it or use another --workspace.'
        : 'Check the path and permissions; a damaged workspace can be rebuilt with `leakverify index`.',
    });
  }
  openInThisProcess.add(registryKey);
  try {
    // Spill files left by a killed process may hold intermediate data; we hold the write
    // lock now, so nobody else is using them.
    if (!readOnly && options.tempDirectory === undefined)
      rmSync(tempDirectory, { recursive: true, force: true });
    const exec = new DuckExecutor(await instance.connect());
    await migrate(exec, MIGRATIONS, { readOnly, dbPath });
    if (!readOnly) {
      await exec.run(`INSERT OR IGNORE INTO meta VALUES ('created_at', $1), ('tool_version', $2)`, [
        new Date().toISOString(),
        toolVersion(),
      ]);
    }
    return new DuckWorkspace(absDir, dbPath, readOnly, instance, exec, registryKey);
  } catch (error) {
    openInThisProcess.delete(registryKey);
    instance.closeSync();
    throw error;
  }
}
