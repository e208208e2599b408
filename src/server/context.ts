import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { SecretKey } from '../protect/key.js';
import type { Accounts } from './accounts.js';
import type { AuditLog } from './audit.js';
import type { CaseStore } from './cases.js';
import type { ServerDb } from './db.js';
import type { JobQueue } from './jobs.js';
import type { RateLimiter } from './rate-limit.js';

/** Everything the team routes need, built once by server.ts (tests build it the same way). */
export interface ServerContext {
  readonly workspace: string;
  readonly db: ServerDb;
  readonly accounts: Accounts;
  readonly cases: CaseStore;
  readonly audit: AuditLog;
  /** The audit subkey, to verify the chain on request. */
  readonly auditKey: SecretKey;
  readonly jobs: JobQueue;
  /** The upload subkey (`deriveSubkey(key, 'server/uploads')`), for sealing samples. */
  readonly uploadKey: Buffer;
  readonly maxUploadBytes: number;
  /** Login attempts per client address and per address+username. */
  readonly loginLimiter: RateLimiter;
  /** Rebuilds the public exposure index from the database (after a run or a publish change). */
  refreshExposure(): Promise<void>;
  /** Where the server's own messages go (stderr by default). */
  readonly log: (line: string) => void;
}

/** The client's address for rate limits; `app.request` in tests has none. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
