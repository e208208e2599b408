import { chmodSync, existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LeakverifyError } from '../core/errors.js';
import { DuckExecutor, sqlError } from '../store/duck-executor.js';
import { migrate } from '../store/migrate.js';
import type { SqlExecutor, SqlParams } from '../store/types.js';
import { SERVER_MIGRATIONS } from './schema.js';

export const SERVER_DB_FILE = 'server.duckdb';

/** The server's database: every call and transaction is serialised on its one connection. */
export interface ServerDb extends Pick<SqlExecutor, 'run' | 'all'> {
  readonly path: string;
  /** Runs `fn` in one transaction; use only `tx` inside it (the database itself waits for `fn`). */
  transaction<T>(fn: (tx: Pick<SqlExecutor, 'run' | 'all'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const openHere = new Set<string>();

/** Opens (creating and migrating) `<workspace>/server.duckdb`. */
export async function openServerDb(workspace: string): Promise<ServerDb> {
  const dir = resolve(workspace);
  if (!existsSync(dir)) throw new LeakverifyError('store.open', `no workspace directory ${dir}`);
  const path = join(dir, SERVER_DB_FILE);
  const registryKey = join(realpathSync(dir), SERVER_DB_FILE);
  // Two DuckDB instances on one file in one process corrupt it (DuckDB locks only across processes).
  if (openHere.has(registryKey)) throw new LeakverifyError('store.open', `${path} is already open`);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { threads: '2', memory_limit: '512MB' });
  } catch (error) {
    const message = sqlError(error).message;
    throw new LeakverifyError('store.open', `cannot open ${path}: ${message}`, {
      hint: /lock/i.test(message)
        ? 'Another leakverify process (a running `leakverify serve`?) holds it; stop it first.'
        : 'Check the path and permissions.',
    });
  }
  openHere.add(registryKey);
  try {
    // Sessions, token hashes and public reports: readable by the server's user only.
    chmodSync(path, 0o600);
    const exec = new DuckExecutor(await instance.connect());
    await migrate(exec, SERVER_MIGRATIONS, { readOnly: false, dbPath: path });
    return new SerialDb(path, instance, exec, () => openHere.delete(registryKey));
  } catch (error) {
    openHere.delete(registryKey);
    instance.closeSync();
    throw error;
  }
}

class SerialDb implements ServerDb {
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly exec: DuckExecutor,
    private readonly release: () => void,
  ) {}

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(() => {
      if (this.#closed) throw new LeakverifyError('store.open', `${this.path} is closed`);
      return fn();
    });
    this.#tail = result.catch(() => undefined);
    return result;
  }

  run(sql: string, params?: SqlParams): Promise<number> {
    return this.#serial(() => this.exec.run(sql, params));
  }

  all<T extends object>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.#serial(() => this.exec.all<T>(sql, params));
  }

  transaction<T>(fn: (tx: Pick<SqlExecutor, 'run' | 'all'>) => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      await this.exec.run('BEGIN TRANSACTION');
      try {
        const result = await fn(this.exec);
        await this.exec.run('COMMIT');
        return result;
      } catch (error) {
        await this.exec.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.#serial(async () => {
      this.#closed = true;
      this.exec.connection.closeSync();
      this.instance.closeSync();
      this.release();
    }).catch(() => undefined);
  }
}
