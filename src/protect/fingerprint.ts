import { createHash, createHmac } from 'node:crypto';
import type { FieldKind } from '../core/types.js';
import type { SecretKey } from './key.js';

/** The HKDF label of a fingerprint subkey: `fp:email`, or `fp:email:canonical` for a derived key. */
export function fingerprintLabel(kind: FieldKind, keyName = ''): string {
  return keyName === '' ? `fp:${kind}` : `fp:${kind}:${keyName}`;
}

/** HMAC-SHA-256 of the UTF-8 bytes of a normalised value: 32 bytes. */
export function fingerprint(subkey: SecretKey, value: string): Buffer {
  return createHmac('sha256', subkey.bytes()).update(value, 'utf8').digest();
}

const BLOCK = 64;

/** HMAC's inner and outer padded keys (RFC 2104), as hex for SQL literals. */
function pads(key: Uint8Array): { ipad: string; opad: string } {
  const block = Buffer.alloc(BLOCK);
  (key.length > BLOCK ? createHash('sha256').update(key).digest() : Buffer.from(key)).copy(block);
  const ipad = Buffer.alloc(BLOCK);
  const opad = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    ipad[i] = block[i]! ^ 0x36;
    opad[i] = block[i]! ^ 0x5c;
  }
  return { ipad: ipad.toString('hex'), opad: opad.toString('hex') };
}

function keyBytes(subkey: SecretKey | string): Uint8Array {
  return typeof subkey === 'string' ? Buffer.from(subkey, 'hex') : subkey.bytes();
}

/**
 * DuckDB SQL for HMAC-SHA-256 of the VARCHAR expression `valueExpr`, as 64 hex digits.
 * DuckDB has no HMAC, but `sha256` accepts a BLOB, so HMAC is two hashes over the padded key.
 * The SQL embeds key material: run it, never log it or persist it (no persistent views);
 * the store redacts such literals from error messages.
 */
export function hmacHexSql(subkey: SecretKey | string, valueExpr: string): string {
  const { ipad, opad } = pads(keyBytes(subkey));
  return `sha256(unhex('${opad}') || unhex(sha256(unhex('${ipad}') || encode(${valueExpr}))))`;
}

/**
 * DuckDB SQL computing exactly `fingerprint(subkey, value)` as a 32-byte BLOB.
 * Example: `SELECT ${hmacSql(emailKey, 'email')} AS fp FROM staged_sample`.
 */
export function hmacSql(subkey: SecretKey | string, valueExpr: string): string {
  return `unhex(${hmacHexSql(subkey, valueExpr)})`;
}
