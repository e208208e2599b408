/**
 * Starting and stopping the team server: check the key against the workspace, open
 * server.duckdb, recover interrupted runs, print the bootstrap token while no user exists,
 * and listen. Used by `leakverify serve` and by the tests (port 0).
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { deriveSubkey, type SecretKey } from '../protect/key.js';
import { checkKey } from '../protect/key-check.js';
import { openWorkspace } from '../store/workspace.js';
import { Accounts } from './accounts.js';
import { createApp } from './app.js';
import { AuditLog, auditKeyOf } from './audit.js';
import { CaseStore } from './cases.js';
import type { ServerContext } from './context.js';
import { openServerDb } from './db.js';
import { ExposureIndex } from './exposure.js';
import type { ServerEnv } from './guard.js';
import { JobQueue } from './jobs.js';
import { createPublicApp } from './public-wiring.js';
import { createRateLimiter } from './rate-limit.js';

export interface ServeOptions {
  readonly workspace: string;
  readonly key: SecretKey;
  readonly port?: number;
  readonly host?: string;
  readonly maxUploadBytes?: number;
  /** Exposure range requests per minute per client. */
  readonly exposureRate?: number;
  /** How reports name the company. */
  readonly company?: string;
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** The one-time admin token printed at first start; null once an account exists. */
  readonly bootstrapToken: string | null;
  readonly ctx: ServerContext;
  readonly app: Hono<ServerEnv>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 ** 2;
export const DEFAULT_EXPOSURE_RATE = 60;

/**
 * Refuses a key the workspace index was not built with, before anything else happens.
 * The index is opened only for this check and closed again: after start, only jobs open it.
 */
async function checkWorkspaceKey(workspace: string, key: SecretKey): Promise<void> {
  const db = await openWorkspace(workspace);
  try {
    await checkKey(db, key);
  } finally {
    await db.close();
  }
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const workspace = resolve(options.workspace);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  mkdirSync(workspace, { recursive: true });
  await checkWorkspaceKey(workspace, options.key);
  const db = await openServerDb(workspace);
  try {
    const accounts = new Accounts(db);
    const cases = new CaseStore(db);
    const auditKey = auditKeyOf(options.key);
    const audit = new AuditLog(db, auditKey, workspace);
    const decoySecret = deriveSubkey(options.key, 'server/exposure-decoys').bytes();
    let exposure = new ExposureIndex([], { secret: decoySecret });
    const refreshExposure = async (): Promise<void> => {
      const byCase = new Map<string, string[]>();
      for (const row of await cases.publicExposureHashes()) {
        const list = byCase.get(row.case_id) ?? [];
        list.push(row.hash);
        byCase.set(row.case_id, list);
      }
      exposure = new ExposureIndex(
        [...byCase].map(([caseId, hashes]) => ({ caseId, hashes })),
        { secret: decoySecret },
      );
    };
    const jobs = new JobQueue({
      workspace,
      key: options.key,
      cases,
      audit,
      company: options.company ?? 'our company',
      onFinished: refreshExposure,
      log,
    });
    const ctx: ServerContext = {
      workspace,
      db,
      accounts,
      cases,
      audit,
      auditKey,
      jobs,
      uploadKey: deriveSubkey(options.key, 'server/uploads').bytes(),
      maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      loginLimiter: createRateLimiter({ capacity: 20, refillPerSecond: 0.5, maxClients: 50_000 }),
      refreshExposure,
      log,
    };
    await refreshExposure();
    const publicApp = createPublicApp(ctx, () => exposure, options.exposureRate ?? DEFAULT_EXPOSURE_RATE);
    const app = createApp(ctx, publicApp);
    const interrupted = await jobs.recover();
    await audit.append({ actor: 'server', action: 'server.start', target: '', detail: { interrupted } });
    const bootstrapToken = await accounts.issueBootstrapToken();
    const host = options.host ?? '127.0.0.1';
    const server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host });
    await new Promise<void>((ready, fail) => {
      server.once('listening', ready);
      server.once('error', fail);
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        await new Promise<void>((done) => {
          server.close(() => done());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await jobs.close();
        await audit.append({ actor: 'server', action: 'server.stop', target: '' }).catch(() => undefined);
        await db.close();
      })();
      return closing;
    };
    return { url, port, bootstrapToken, ctx, app, close };
  } catch (error) {
    await db.close();
    throw error;
  }
}
