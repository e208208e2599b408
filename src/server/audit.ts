/**
 * The audit log: append-only and hash-chained. Each entry's hash is
 * HMAC-SHA-256(auditKey, prev_hash || canonical JSON of the entry), with the audit key
 * derived from the workspace key, so someone who can edit the database but lacks the key
 * cannot re-chain after an edit. The newest (seq, hash) is also written to `audit.head`
 * beside the database after every append, so cutting entries off the end is detected too.
 * No code path updates or deletes an entry.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deriveSubkey, type SecretKey } from '../protect/key.js';
import type { ServerDb } from './db.js';

export const AUDIT_HEAD_FILE = 'audit.head';
const GENESIS = '0'.repeat(64);

export interface AuditInput {
  /** Who: a username, `token:<label>` or `anonymous`. */
  readonly actor: string;
  /** What, as a stable dotted name: `login.failed`, `case.create`, `sample.upload`, ... */
  readonly action: string;
  /** The object acted on (a case id, a username), or ''. */
  readonly target: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  /** Canonical JSON text, exactly as hashed. */
  readonly detail: string;
  readonly prev_hash: string;
  readonly hash: string;
}

export type AuditCheck =
  | { readonly kind: 'ok'; readonly entries: number; readonly head: string; readonly note?: string }
  | { readonly kind: 'tampered'; readonly seq: number; readonly reason: string };

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The audit subkey of a workspace key. */
export function auditKeyOf(workspaceKey: SecretKey): SecretKey {
  return deriveSubkey(workspaceKey, 'server/audit');
}

function entryHash(key: SecretKey, e: Omit<AuditEntry, 'hash'>): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    target: e.target,
    detail: e.detail,
  });
  return createHmac('sha256', key.bytes()).update(e.prev_hash).update(body).digest('hex');
}

export class AuditLog {
  #tail: Promise<unknown> = Promise.resolve();
  readonly #headPath: string;

  constructor(
    private readonly db: ServerDb,
    private readonly key: SecretKey,
    workspace: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#headPath = join(workspace, AUDIT_HEAD_FILE);
  }

  /** Appends one entry and moves the anchor; appends are serialised so the anchor never goes back. */
  append(input: AuditInput): Promise<AuditEntry> {
    const result = this.#tail.then(() => this.#appendNow(input));
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async #appendNow(input: AuditInput): Promise<AuditEntry> {
    const entry = await this.db.transaction(async (tx) => {
      const last = await tx.all<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
      );
      const base = {
        seq: (last[0]?.seq ?? 0) + 1,
        at: this.now().toISOString(),
        actor: input.actor.slice(0, 200),
        action: input.action,
        target: input.target.slice(0, 200),
        detail: canonicalJson(input.detail ?? {}),
        prev_hash: last[0]?.hash ?? GENESIS,
      };
      const full: AuditEntry = { ...base, hash: entryHash(this.key, base) };
      await tx.run('INSERT INTO audit_log VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        full.seq,
        full.at,
        full.actor,
        full.action,
        full.target,
        full.detail,
        full.prev_hash,
        full.hash,
      ]);
      return full;
    });
    writeHead(this.#headPath, entry.seq, entry.hash);
    return entry;
  }

  /** The newest entries first. */
  list(limit = 200): Promise<AuditEntry[]> {
    return this.db.all<AuditEntry>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1', [limit]);
  }
}

/** Writes the anchor atomically: a complete temp file, fsynced, renamed over the old one. */
function writeHead(path: string, seq: number, hash: string): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ seq, hash })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

function readHead(path: string): { seq: number; hash: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { seq?: unknown; hash?: unknown };
    if (typeof parsed.seq === 'number' && typeof parsed.hash === 'string')
      return { seq: parsed.seq, hash: parsed.hash };
    return { seq: -1, hash: '' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { seq: -1, hash: '' };
  }
}

/**
 * Re-computes the chain from the first entry and compares its end with the anchor file.
 * Returns the first seq that is missing, edited or out of chain.
 */
export async function verifyAudit(db: ServerDb, key: SecretKey, workspace: string): Promise<AuditCheck> {
  const entries = await db.all<AuditEntry>('SELECT * FROM audit_log ORDER BY seq');
  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const expected = i + 1;
    if (e.seq !== expected)
      return { kind: 'tampered', seq: expected, reason: `entry ${expected} is missing` };
    if (e.prev_hash !== prev)
      return { kind: 'tampered', seq: e.seq, reason: `entry ${e.seq} does not follow entry ${e.seq - 1}` };
    if (entryHash(key, e) !== e.hash)
      return { kind: 'tampered', seq: e.seq, reason: `entry ${e.seq} was changed after it was written` };
    prev = e.hash;
  }
  const head = readHead(join(workspace, AUDIT_HEAD_FILE));
  const last = entries.length;
  if (head === null) {
    if (last === 0) return { kind: 'ok', entries: 0, head: GENESIS };
    return { kind: 'tampered', seq: 1, reason: `the anchor file ${AUDIT_HEAD_FILE} is missing` };
  }
  if (head.seq < 0)
    return { kind: 'tampered', seq: 1, reason: `the anchor file ${AUDIT_HEAD_FILE} is damaged` };
  if (head.seq > last)
    return {
      kind: 'tampered',
      seq: last + 1,
      reason: `the anchor names entry ${head.seq}, but the log ends at ${last}: entries were deleted`,
    };
  if (head.seq > 0 && entries[head.seq - 1]!.hash !== head.hash)
    return { kind: 'tampered', seq: head.seq, reason: `entry ${head.seq} does not match the anchor` };
  if (head.seq === 0 && last > 0)
    return { kind: 'tampered', seq: 1, reason: 'the anchor says the log is empty' };
  // A crash between the commit and the anchor's rename leaves valid, keyed entries past it.
  const note =
    head.seq < last ? `${last - head.seq} entries past the anchor (server stopped mid-append?)` : undefined;
  return { kind: 'ok', entries: last, head: prev, ...(note ? { note } : {}) };
}
