import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { LeakverifyError } from '../core/errors.js';

/**
 * Password hashing with scrypt (memory-hard, in Node's crypto, run on the libuv pool).
 * The stored form names its parameters, `scrypt$N$r$p$salt$hash` with base64url salt and
 * hash, so they can be raised later (`needsRehash`) without breaking stored passwords. A
 * stored string is data from the database: its parameters are bounded before use, so an
 * edited row cannot make a login allocate gigabytes or spin for minutes.
 */

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Longest password accepted, in UTF-16 code units: beyond it hashing is only a DoS lever. */
export const MAX_PASSWORD_CHARS = 1024;
/** Bounds on what a stored string may ask for (256 MiB of scrypt memory at most). */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY = 256 * 1024 * 1024;

interface Params {
  readonly n: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** scrypt needs 128·N·r·p bytes; maxmem leaves room for its other buffers. */
function optionsFor(n: number, r: number, p: number): ScryptOptions {
  return { N: n, r, p, maxmem: 128 * n * r * p + 16 * 1024 * 1024 };
}

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function invalid(message: string): LeakverifyError {
  return new LeakverifyError('server.invalid-input', message);
}

const DECIMAL = /^[1-9][0-9]{0,9}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

function parseStored(stored: string): Params {
  if (stored.length > 512) throw invalid('stored password hash is too long');
  const parts = stored.split('$');
  const [scheme, ns, rs, ps, salt64, hash64] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt')
    throw invalid('stored password hash is not scrypt$N$r$p$salt$hash');
  if (!(ns && rs && ps && DECIMAL.test(ns) && DECIMAL.test(rs) && DECIMAL.test(ps)))
    throw invalid('stored password hash has malformed parameters');
  const n = Number(ns);
  const r = Number(rs);
  const p = Number(ps);
  if (n < 2 || n > MAX_N || (n & (n - 1)) !== 0 || r > MAX_R || p > MAX_P || 128 * n * r * p > MAX_MEMORY)
    throw invalid(`stored password hash has out-of-range parameters N=${ns} r=${rs} p=${ps}`);
  if (!(salt64 && hash64 && B64URL.test(salt64) && B64URL.test(hash64)))
    throw invalid('stored password hash has a malformed salt or hash');
  const salt = Buffer.from(salt64, 'base64url');
  const hash = Buffer.from(hash64, 'base64url');
  if (salt.length < 8 || salt.length > 64 || hash.length < 16 || hash.length > 64)
    throw invalid('stored password hash has a salt or hash of the wrong length');
  return { n, r, p, salt, hash };
}

/**
 * Hashes a password for storage. Rejects empty and over-long passwords
 * (`server.invalid-input`); the caller sets any stronger policy.
 * @example await hashPassword('correct horse') // 'scrypt$32768$8$1$…$…'
 */
export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw invalid('the password is empty');
  if (password.length > MAX_PASSWORD_CHARS)
    throw invalid(`the password is longer than ${MAX_PASSWORD_CHARS} characters`);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, HASH_BYTES, optionsFor(N, R, P));
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * True when `password` matches the stored hash (constant-time comparison). A wrong,
 * empty or over-long password is false; a malformed or absurd stored string throws
 * `server.invalid-input`, because it means the database is damaged, not the user wrong.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = parseStored(stored);
  if (password.length === 0 || password.length > MAX_PASSWORD_CHARS) return false;
  const hash = await derive(
    password,
    params.salt,
    params.hash.length,
    optionsFor(params.n, params.r, params.p),
  );
  return timingSafeEqual(hash, params.hash);
}

/** True when a stored hash uses other parameters than new hashes do (rehash after login). */
export function needsRehash(stored: string): boolean {
  const { n, r, p, salt, hash } = parseStored(stored);
  return n !== N || r !== R || p !== P || salt.length !== SALT_BYTES || hash.length !== HASH_BYTES;
}
