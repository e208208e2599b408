import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random object id (case, sample, run, user): 128 bits as 32 hex digits, safe in paths and URLs. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

/** Whether `text` has the shape of `newId()`; ids from URLs are checked before any lookup or path. */
export function isId(text: string | undefined): text is string {
  return text !== undefined && /^[0-9a-f]{32}$/.test(text);
}

/** A bearer secret (session id, API token, bootstrap token): 256 random bits, base64url. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 hex of a secret, as stored. A fast hash suffices: the secrets are 256 random bits,
 * so there is nothing to brute-force; the hash only keeps a stolen database from being a login.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time equality of two strings (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
