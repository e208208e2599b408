import type { HashScheme } from '../core/types.js';

/** One value recognised as a password hash: its scheme and how the digest is written. */
export interface HashShape {
  readonly scheme: HashScheme;
  /** `hex` and `base64` for bare digests; `crypt` for self-describing `$id$...` strings. */
  readonly encoding: 'hex' | 'base64' | 'crypt';
}

const CRYPT_SHAPES: readonly (readonly [RegExp, HashScheme])[] = [
  [/^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/, 'bcrypt'],
  [/^\$argon2(id|i|d)\$(v=\d+\$)?m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'argon2'],
  [/^\$scrypt\$.+\$.+/, 'scrypt'],
  [/^\$7\$[./A-Za-z0-9]{11,}\$[./A-Za-z0-9]{43}$/, 'scrypt'],
  [/^\$pbkdf2(-sha(1|256|512))?\$\d+\$[./A-Za-z0-9+=]+\$[./A-Za-z0-9+=]+$/, 'pbkdf2'],
  [/^pbkdf2_sha(1|256)\$\d+\$[^$]+\$[A-Za-z0-9+/=]+$/, 'django-pbkdf2'],
  [/^\$6\$(rounds=\d+\$)?[^$]{1,16}\$[./A-Za-z0-9]{86}$/, 'sha512crypt'],
  [/^\$5\$(rounds=\d+\$)?[^$]{1,16}\$[./A-Za-z0-9]{43}$/, 'sha256crypt'],
  [/^\$1\$[^$]{1,8}\$[./A-Za-z0-9]{22}$/, 'md5crypt'],
  [/^\$[PH]\$[./A-Za-z0-9]{31}$/, 'phpass'],
  [/^\*[0-9A-Fa-f]{40}$/, 'mysql41'],
];

const HEX_SCHEMES: Readonly<Record<number, HashScheme>> = {
  32: 'md5',
  40: 'sha1',
  64: 'sha256',
  128: 'sha512',
};
/** Base64 of a raw digest: 20 bytes (sha1) → 28 chars, 32 bytes (sha256) → 44, 64 bytes → 88. */
const BASE64_SCHEMES: Readonly<Record<number, HashScheme>> = {
  24: 'md5',
  28: 'sha1',
  44: 'sha256',
  88: 'sha512',
};

/**
 * Recognises the shape of one password hash, or null when the value is not one.
 * A 32-hex digest is reported as md5: NTLM has the same shape, only the header can tell.
 * @example classifyHash('5f4dcc3b5aa765d61d8327deb882cf99') // { scheme: 'md5', encoding: 'hex' }
 */
export function classifyHash(raw: string): HashShape | null {
  const value = raw.trim();
  if (value.length < 24 || value.length > 256) return null;
  const first = value.charCodeAt(0);
  if (first === 0x24 /* $ */ || first === 0x2a /* * */ || value.startsWith('pbkdf2_')) {
    for (const [re, scheme] of CRYPT_SHAPES) if (re.test(value)) return { scheme, encoding: 'crypt' };
    return null;
  }
  const hex = HEX_SCHEMES[value.length];
  // A digest is random: it mixes digits and letters and uses many of the 16 symbols, which
  // long numbers, placeholder strings ("0000...") and hex-looking words do not.
  if (hex !== undefined && /^[0-9a-f]+$/i.test(value)) {
    return /[a-f]/i.test(value) && /\d/.test(value) && new Set(value.toLowerCase()).size >= 8
      ? { scheme: hex, encoding: 'hex' }
      : null;
  }
  const b64 = BASE64_SCHEMES[value.length];
  // Base64 of a digest ends with its fixed padding and mixes cases and digits like random bytes do.
  if (b64 !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(value) && looksRandom(value)) {
    const padding = value.length - value.replace(/=+$/, '').length;
    const expected = { 24: 2, 28: 1, 44: 1, 88: 2 }[value.length];
    if (padding === expected) return { scheme: b64, encoding: 'base64' };
  }
  return null;
}

/** `detectHashScheme('$2b$12$...')` → 'bcrypt'; null when the value is no known hash. */
export function detectHashScheme(value: string): HashScheme | null {
  return classifyHash(value)?.scheme ?? null;
}

function looksRandom(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value);
}

export interface HashColumnSummary {
  /** Share of non-empty values that are hashes of any scheme. */
  readonly hashShare: number;
  /** Most frequent scheme and its share among non-empty values; null without any hash. */
  readonly scheme: HashScheme | null;
  readonly schemeShare: number;
  readonly encoding: HashShape['encoding'] | null;
  /** Share of values that are bare hex or base64 digests (less telling than crypt strings). */
  readonly bareShare: number;
}

/**
 * The column-level view: the dominant scheme and its share. `headerHint` is the folded header;
 * when it names NTLM (`nt hash`, `ntlm`), 32-hex digests are reported as ntlm instead of md5.
 */
export function summarizeHashes(values: readonly string[], headerHint = ''): HashColumnSummary {
  const counts = new Map<string, number>();
  let hashes = 0;
  let bare = 0;
  for (const v of values) {
    const shape = classifyHash(v);
    if (!shape) continue;
    hashes++;
    if (shape.encoding !== 'crypt') bare++;
    const key = `${shape.scheme}:${shape.encoding}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let bestKey: string | null = null;
  let best = 0;
  for (const [key, n] of counts) if (n > best) [bestKey, best] = [key, n];
  const n = Math.max(values.length, 1);
  if (bestKey === null) return { hashShare: 0, scheme: null, schemeShare: 0, encoding: null, bareShare: 0 };
  const [schemeText, encoding] = bestKey.split(':') as [HashScheme, HashShape['encoding']];
  const scheme =
    schemeText === 'md5' && encoding === 'hex' && /\bnt(lm)?\b|\bnt hash\b|\bnthash\b/.test(headerHint)
      ? 'ntlm'
      : schemeText;
  return { hashShare: hashes / n, scheme, schemeShare: best / n, encoding, bareShare: bare / n };
}
