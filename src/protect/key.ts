import { createHmac, hkdfSync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { LeakverifyError } from '../core/errors.js';

/**
 * A secret key. Wrapped so that logging, `JSON.stringify` or `util.inspect` of a config
 * object holding it can never print it; code that needs the bytes asks with `bytes()`.
 */
export class SecretKey {
  readonly #bytes: Buffer;
  /** Where the key came from, for messages: 'env', 'key-file', 'generated', 'derived'. */
  readonly origin: string;

  constructor(bytes: Uint8Array, origin: string) {
    this.#bytes = Buffer.from(bytes);
    this.origin = origin;
  }

  bytes(): Buffer {
    return this.#bytes;
  }

  toString(): string {
    return `SecretKey(${this.origin}, redacted)`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

export const MIN_KEY_BYTES = 32;
export const KEY_ENV = 'LEAKVERIFY_KEY';

const HOW_TO_CREATE =
  'Create a key once and keep it outside the workspace: `openssl rand -hex 32 > leakverify.key`, then ' +
  'pass `--key-file leakverify.key` or `export LEAKVERIFY_KEY=$(cat leakverify.key)`. ' +
  'Use the same key for every run on a workspace.';

// Passphrases get a slow, memory-hard KDF: they have far less entropy than a random key.
// The salt is fixed because the same passphrase must give the same key on every machine.
const PASSPHRASE_SALT = 'leakverify passphrase v1';

/**
 * Decodes key text: hex (>= 64 digits), else base64 (>= 32 bytes), else a passphrase of
 * >= 32 characters stretched with scrypt. Returns undefined when none applies.
 */
export function parseKeyText(
  text: string,
): { bytes: Buffer; form: 'hex' | 'base64' | 'passphrase' } | undefined {
  if (/^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0 && text.length >= 2 * MIN_KEY_BYTES) {
    return { bytes: Buffer.from(text, 'hex'), form: 'hex' };
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const bytes = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
    const canonical = (s: string) => s.replace(/=+$/, '').replaceAll('-', '+').replaceAll('_', '/');
    if (bytes.length >= MIN_KEY_BYTES && canonical(bytes.toString('base64')) === canonical(text)) {
      return { bytes, form: 'base64' };
    }
  }
  if ([...text].length >= MIN_KEY_BYTES) {
    const bytes = scryptSync(text.normalize('NFC'), PASSPHRASE_SALT, 32, {
      N: 1 << 15,
      r: 8,
      p: 1,
      maxmem: 64 << 20,
    });
    return { bytes, form: 'passphrase' };
  }
  return undefined;
}

export interface LoadKeyOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `--key-file`: wins over the environment when given. */
  readonly keyFile?: string;
  readonly readFile?: (path: string) => string;
}

/**
 * The master key from `--key-file` or `LEAKVERIFY_KEY`; a missing or weak key is a usage
 * error (`protect.key`) explaining how to create one.
 */
export function loadKey(options: LoadKeyOptions = {}): SecretKey {
  const env = options.env ?? process.env;
  let text: string;
  let where: string;
  if (options.keyFile !== undefined) {
    where = `key file ${options.keyFile}`;
    try {
      text = (options.readFile ?? ((p) => readFileSync(p, 'utf8')))(options.keyFile).trim();
    } catch (error) {
      throw new LeakverifyError('protect.key', `cannot read ${where}`, { cause: error, hint: HOW_TO_CREATE });
    }
  } else {
    const value = env[KEY_ENV];
    if (value === undefined || value.trim() === '') {
      throw new LeakverifyError('protect.key', `no secret key: set ${KEY_ENV} or pass --key-file`, {
        hint: HOW_TO_CREATE,
      });
    }
    where = KEY_ENV;
    text = value.trim();
  }
  const parsed = parseKeyText(text);
  if (parsed === undefined) {
    throw new LeakverifyError(
      'protect.key',
      `${where} is too weak: it must hold at least ${MIN_KEY_BYTES} random bytes (64 hex digits) or a passphrase of at least ${MIN_KEY_BYTES} characters`,
      { hint: HOW_TO_CREATE },
    );
  }
  return new SecretKey(parsed.bytes, options.keyFile !== undefined ? 'key-file' : 'env');
}

/** A fresh random 32-byte key (the demo creates one outside its workspace). */
export function generateKey(): SecretKey {
  return new SecretKey(randomBytes(MIN_KEY_BYTES), 'generated');
}

/** Hex text of a key, for writing a key file. */
export function keyToHex(key: SecretKey): string {
  return key.bytes().toString('hex');
}

const HKDF_SALT = 'leakverify v1';

/**
 * One independent 32-byte subkey per field and purpose, via HKDF-SHA-256, so a fingerprint
 * of an email can never equal one of a phone, and leaking one subkey exposes one field.
 * Example: `deriveSubkey(master, 'fp:email')`, `deriveSubkey(master, 'bloom:clk:last_name')`.
 */
export function deriveSubkey(master: SecretKey, label: string): SecretKey {
  const bytes = Buffer.from(hkdfSync('sha256', master.bytes(), HKDF_SALT, label, 32));
  return new SecretKey(bytes, 'derived');
}

const KEY_CHECK_LABEL = 'leakverify key check v1';

/** A public value that identifies the key (HMAC of a fixed label) without revealing it. */
export function keyCheckValue(master: SecretKey): string {
  return createHmac('sha256', master.bytes()).update(KEY_CHECK_LABEL).digest('hex');
}

/** Constant-time comparison of two key check values. */
export function sameKeyCheck(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
