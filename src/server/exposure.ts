import { createHash, createHmac } from 'node:crypto';
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { LeakverifyError } from '../core/errors.js';

/**
 * The customer exposure check: k-anonymity range queries over hashes of the emails and
 * phone numbers in a case's alleged sample (the scheme of Have I Been Pwned's Pwned
 * Passwords). The browser canonicalises what the person types, hashes it, and sends only the
 * first 5 hex characters (20 bits); the server answers every suffix under that prefix,
 * padded with decoys, and the browser compares locally.
 *
 * Canonical forms, computed identically by `static/exposure.js` (tests hold the two equal):
 * - email: `raw.trim().normalize('NFC').toLowerCase()`; valid when it has exactly one `@`
 *   with something on both sides, no whitespace, and at most 254 characters. No provider
 *   rules (Gmail dots, `+tags`): the browser could not know which the sample used.
 * - phone: `raw.normalize('NFKC').trim()`, at most 64 characters, parsed by libphonenumber-js
 *   with its `min` metadata (`parsePhoneNumberFromString(text, { defaultCountry })`, the
 *   region used only for numbers without `+`/`00` prefix) and kept when `isPossible()`;
 *   canonical = E.164 (`+393331234567`). The browser loads the same library's bundle.
 * - hash: SHA-256 hex of the UTF-8 string `email:<canonical>` or `phone:<canonical>`,
 *   domain-separated so that no email hash can equal a phone hash.
 */

export type ExposureKind = 'email' | 'phone';

const MAX_EMAIL_CHARS = 254;
const MAX_PHONE_CHARS = 64;
const HEX64 = /^[0-9a-f]{64}$/;
const PREFIX = /^[0-9a-f]{5}$/;

/** `' Mario.Rossi@Example.COM '` → `'mario.rossi@example.com'`; null when not an address. */
export function canonicalEmail(raw: string): string | null {
  const value = raw.trim().normalize('NFC').toLowerCase();
  if (value.length > MAX_EMAIL_CHARS || /\s/.test(value)) return null;
  const at = value.indexOf('@');
  if (at <= 0 || at === value.length - 1 || value.indexOf('@', at + 1) >= 0) return null;
  return value;
}

/** `'333 123 4567'`, `'IT'` → `'+393331234567'`; null when not a possible number. */
export function canonicalPhone(raw: string, defaultRegion?: string): string | null {
  const value = raw.normalize('NFKC').trim();
  if (value.length === 0 || value.length > MAX_PHONE_CHARS) return null;
  const region = defaultRegion?.toUpperCase();
  const parsed = parsePhoneNumberFromString(
    value,
    region !== undefined && isSupportedCountry(region) ? { defaultCountry: region } : {},
  );
  return parsed?.isPossible() ? parsed.number : null;
}

/** SHA-256 hex of `kind:canonical`, the value the index holds and the browser computes. */
export function exposureHash(kind: ExposureKind, canonical: string): string {
  return createHash('sha256').update(`${kind}:${canonical}`, 'utf8').digest('hex');
}

/**
 * What the page does with one input: an email when it contains `@`, otherwise a phone.
 * @example exposureOf('+39 333 123 4567') → { kind: 'phone', canonical: '+393331234567', hash: '…' }
 */
export function exposureOf(
  raw: string,
  defaultRegion?: string,
): { kind: ExposureKind; canonical: string; hash: string } | null {
  const kind: ExposureKind = raw.includes('@') ? 'email' : 'phone';
  const canonical = kind === 'email' ? canonicalEmail(raw) : canonicalPhone(raw, defaultRegion);
  return canonical === null ? null : { kind, canonical, hash: exposureHash(kind, canonical) };
}

export interface ExposureCase {
  readonly caseId: string;
  /** SHA-256 hex exposure hashes (any case; duplicates are fine). */
  readonly hashes: Iterable<string>;
}

export interface ExposureIndexOptions {
  /** Server secret keying the decoys (at least 16 bytes); keep it stable across restarts. */
  readonly secret: Uint8Array;
  /** Buckets are a multiple of this, and at least this (default 32). */
  readonly bucketStep?: number;
}

/** One case: its hashes sorted, as bytes, with the first 32 bits of each for searching. */
interface CaseTable {
  readonly bytes: Buffer;
  readonly heads: Uint32Array;
  readonly bucket: number;
  /** HMAC-SHA256(secret, label, case id): keys the case's decoy stream. */
  readonly decoyKey: Buffer;
}

const DECOY_LABEL = 'leakverify exposure decoys v1';

function buildTable(hashes: Iterable<string>, step: number, decoyKey: Buffer): CaseTable {
  const unique = new Set<string>();
  for (const h of hashes) {
    const hash = h.toLowerCase();
    if (!HEX64.test(hash))
      throw new LeakverifyError('server.invalid-input', 'exposure hashes must be 64 hex digits');
    unique.add(hash);
  }
  const sorted = [...unique].sort();
  const bytes = Buffer.alloc(sorted.length * 32);
  const heads = new Uint32Array(sorted.length);
  let maxCount = 0;
  let run = 0;
  sorted.forEach((hash, i) => {
    bytes.write(hash, i * 32, 'hex');
    heads[i] = bytes.readUInt32BE(i * 32);
    run = i > 0 && heads[i]! >>> 12 === heads[i - 1]! >>> 12 ? run + 1 : 1;
    maxCount = Math.max(maxCount, run);
  });
  return { bytes, heads, bucket: Math.max(step, Math.ceil(maxCount / step) * step), decoyKey };
}

/** First index whose head is >= value (heads sorted ascending). */
function lowerBound(heads: Uint32Array, value: number): number {
  let lo = 0;
  let hi = heads.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (heads[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The published hashes of every public case, answering range queries.
 *
 * Every response of a case has the same number of suffixes: the bucket, the largest number
 * of real hashes under any one prefix rounded up to a multiple of 32 (at least 32). Padding
 * each prefix only to the multiple above its own count would leak, for a prefix sitting at a
 * multiple, whether one more hash (the asker's) is there; a case-wide constant leaks nothing
 * per prefix and costs little, since a million hashes put about one under each prefix.
 * Decoys are uniformly random 59-hex suffixes from SHAKE256(case key, prefix), the case
 * key being HMAC-SHA256(secret, case id) (a keyed sponge is a PRF, and one native call per
 * query): the same on every query, so intersecting answers separates nothing, and never
 * equal to a real suffix or to each other. Decoys do not depend on the case's data, so
 * adding a sample to a case changes only the answers of the prefixes it touches. Lookups are a binary search on 32-bit
 * heads: no per-prefix tables, 36 bytes per hash, microseconds per query.
 */
export class ExposureIndex {
  readonly #cases = new Map<string, CaseTable>();

  constructor(cases: readonly ExposureCase[], options: ExposureIndexOptions) {
    if (options.secret.length < 16)
      throw new LeakverifyError('protect.key', 'the exposure decoy secret must be at least 16 bytes');
    const step = options.bucketStep ?? 32;
    if (!(Number.isInteger(step) && step > 0 && step <= 4096))
      throw new LeakverifyError('server.invalid-input', `invalid bucket step ${step}`);
    const byCase = new Map<string, Iterable<string>[]>();
    for (const c of cases) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c.hashes]);
    for (const [caseId, lists] of byCase) {
      const decoyKey = createHmac('sha256', options.secret)
        .update(`${DECOY_LABEL}\0${caseId}`, 'utf8')
        .digest();
      this.#cases.set(
        caseId,
        buildTable(
          lists.flatMap((l) => [...l]),
          step,
          decoyKey,
        ),
      );
    }
  }

  /** The case ids the index answers for. */
  get caseIds(): string[] {
    return [...this.#cases.keys()];
  }

  /** Distinct hashes of a case, or null when the case is not in the index. */
  count(caseId: string): number | null {
    return this.#cases.get(caseId)?.heads.length ?? null;
  }

  /** Suffixes per response for a case, or null when the case is not in the index. */
  bucketSize(caseId: string): number | null {
    return this.#cases.get(caseId)?.bucket ?? null;
  }

  /**
   * The 59-hex suffixes under a 5-hex prefix, real and decoy, sorted; null for a case that
   * is not published. Throws `server.invalid-input` for a malformed prefix.
   * @example index.range('case-1', 'a94a8') → ['fe5ccb19ba61c4c0873d391e987982fbbd3…', …] (bucket-size entries)
   */
  range(caseId: string, prefix: string): string[] | null {
    const p = prefix.toLowerCase();
    if (!PREFIX.test(p))
      throw new LeakverifyError('server.invalid-input', 'the prefix must be exactly 5 hexadecimal digits');
    const table = this.#cases.get(caseId);
    if (table === undefined) return null;
    const value = Number.parseInt(p, 16);
    const from = lowerBound(table.heads, value * 4096);
    const to = lowerBound(table.heads, (value + 1) * 4096);
    // Real suffixes are distinct: the hashes were deduplicated.
    const out: string[] = [];
    for (let i = from; i < to; i++) out.push(table.bytes.toString('hex', i * 32, i * 32 + 32).slice(5));
    const real = out.length;
    const hex = this.#decoyStream(table, p, table.bucket - real, 0);
    for (let i = 0; i < hex.length && out.length < table.bucket; i += 60) {
      const suffix = hex.slice(i, i + 59);
      if (real === 0 || !out.includes(suffix, 0)) out.push(suffix);
    }
    out.sort();
    for (let i = 1; i < out.length; i++)
      if (out[i] === out[i - 1]) return this.#rangeCarefully(table, p, out.slice(0, real));
    // A decoy equal to a real suffix was skipped: top up from the rest of the stream.
    return out.length === table.bucket ? out : this.#rangeCarefully(table, p, out.slice(0, real));
  }

  /** SHAKE256 keyed with the case's decoy key: `30 × count` bytes as hex, one stream per round. */
  #decoyStream(table: CaseTable, prefix: string, count: number, round: number): string {
    if (count <= 0) return '';
    return createHash('shake256', { outputLength: 30 * count })
      .update(table.decoyKey)
      .update(`${prefix}\0${round}`, 'utf8')
      .digest('hex');
  }

  /** The general case, for the (cryptographically unlikely) collisions: rounds until enough distinct decoys. */
  #rangeCarefully(table: CaseTable, prefix: string, realSuffixes: string[]): string[] {
    const real = new Set(realSuffixes);
    const hashes = [...real].sort();
    const seen = new Set<string>(real);
    const need = table.bucket - real.size;
    const decoys: string[] = [];
    for (let round = 0; decoys.length < need; round++) {
      const hex = this.#decoyStream(table, prefix, need, round);
      for (let i = 0; i < hex.length && decoys.length < need; i += 60) {
        const suffix = hex.slice(i, i + 59);
        if (!seen.has(suffix)) {
          seen.add(suffix);
          decoys.push(suffix);
        }
      }
    }
    return [...hashes, ...decoys].sort();
  }
}
