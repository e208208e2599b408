/**
 * Ed25519 signing of evidence manifests. The private key persists in a directory the caller
 * chooses (outside the output directory), so every bundle a team produces is signed by the
 * same key and a verifier can pin its fingerprint. What is signed is the manifest's
 * canonical JSON (sorted keys, no whitespace: RFC 8785 for the values a manifest holds).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LeakverifyError } from '../core/errors.js';

export const SIGNING_KEY_FILE = 'signing-key.pem';

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  /** `sha256:<hex>` of the public key's DER (SPKI) encoding. */
  readonly fingerprint: string;
}

/**
 * Serialises JSON with object keys sorted at every level; the same value always gives the
 * same bytes. With `indent`, the same order laid out over lines (manifest.json is written
 * that way, so a verifier can insist the file is exactly the rendering of its content).
 */
export function canonicalJson(value: unknown, indent = 0): string {
  return serialise(value, indent, '');
}

function serialise(value: unknown, indent: number, pad: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: not a finite number: ${value}`);
    return JSON.stringify(value);
  }
  const inner = indent > 0 ? pad + ' '.repeat(indent) : '';
  const open = indent > 0 ? `\n${inner}` : '';
  const sep = indent > 0 ? `,\n${inner}` : ',';
  const close = indent > 0 ? `\n${pad}` : '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((v) => serialise(v ?? null, indent, inner)).join(sep)}${close}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return '{}';
    const colon = indent > 0 ? ': ' : ':';
    return `{${open}${entries.map(([k, v]) => `${JSON.stringify(k)}${colon}${serialise(v, indent, inner)}`).join(sep)}${close}}`;
  }
  throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
}

export function publicKeyFingerprint(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return `sha256:${createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')}`;
}

/** Accepts `sha256:<hex>`, bare hex, any case, with or without colons between bytes. */
export function normalizeFingerprint(fingerprint: string): string {
  const hex = fingerprint
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '')
    .replaceAll(':', '');
  return `sha256:${hex}`;
}

function toSigningKey(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new LeakverifyError('protect.key', `signing key is ${privateKey.asymmetricKeyType}, not ed25519`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
  };
}

/**
 * Loads `dir/signing-key.pem`, creating it (mode 0600, dir 0700) on first use. Creation
 * goes through a hard link of a complete temp file, so two processes racing never see a
 * half-written key and both end up with the same one.
 * @example const key = loadOrCreateSigningKey(join(homedir(), '.config/leakverify'))
 */
export function loadOrCreateSigningKey(dir: string): SigningKey {
  const file = join(dir, SIGNING_KEY_FILE);
  try {
    return toSigningKey(createPrivateKey(readFileSync(file)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new LeakverifyError('protect.key', `cannot read the signing key ${file}`, {
        cause: error,
        hint: 'Restore the key file, or point the signing-key directory elsewhere to start a new key.',
      });
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(temp, 0o600);
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  return toSigningKey(createPrivateKey(readFileSync(file)));
}

/** Ed25519 signature of the canonical JSON of `value`, base64. */
export function signCanonical(value: unknown, key: SigningKey): string {
  return sign(null, Buffer.from(canonicalJson(value)), key.privateKey).toString('base64');
}

/** Checks a base64 signature of the canonical JSON of `value` against a PEM public key. */
export function verifyCanonical(value: unknown, signatureBase64: string, publicKeyPem: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(
      null,
      Buffer.from(canonicalJson(value)),
      key,
      Buffer.from(signatureBase64.trim(), 'base64'),
    );
  } catch {
    return false;
  }
}
