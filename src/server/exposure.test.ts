import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEmail, canonicalPhone, ExposureIndex, exposureHash, exposureOf } from './exposure.js';

const SECRET = Buffer.alloc(32, 7);
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** A hash under a chosen prefix, the rest random. */
const under = (prefix: string): string => prefix + randomBytes(32).toString('hex').slice(5);

describe('canonical forms', () => {
  it('emails: trimmed, NFC, lowercased; nothing else', () => {
    expect(canonicalEmail('  Mario.Rossi+Shop@Example.COM\t')).toBe('mario.rossi+shop@example.com');
    expect(canonicalEmail('Jose\u0301@Example.com')).toBe('jos\u00e9@example.com');
    expect(canonicalEmail('m.rossi@gmail.com')).not.toBe(canonicalEmail('mrossi@gmail.com'));
    for (const bad of ['', '@x.com', 'a@', 'a@b@c', 'a b@c.com', 'plain', `${'a'.repeat(250)}@x.com`])
      expect(canonicalEmail(bad)).toBeNull();
  });

  it('phones: E.164, with the region only for national numbers', () => {
    expect(canonicalPhone('333 123 4567', 'IT')).toBe('+393331234567');
    expect(canonicalPhone('+39 333 123 4567', 'US')).toBe('+393331234567');
    expect(canonicalPhone('0039 333 123 4567', 'FR')).toBe('+393331234567');
    expect(canonicalPhone('(202) 555-0143', 'us')).toBe('+12025550143');
    expect(canonicalPhone('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(canonicalPhone('０６ １２ ３４ ５６ ７８', 'FR')).toBe('+33612345678');
    expect(canonicalPhone('333 123 4567')).toBeNull();
    expect(canonicalPhone('333 123 4567', 'XX')).toBeNull();
    expect(canonicalPhone('12', 'IT')).toBeNull();
    expect(canonicalPhone('not a number', 'IT')).toBeNull();
    expect(canonicalPhone(`+39${'3'.repeat(70)}`)).toBeNull();
  });

  it('canonical forms are fixpoints', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('IT', 'FR', 'US', 'DE', undefined),
        (s, region) => {
          const email = canonicalEmail(s);
          if (email !== null) expect(canonicalEmail(email)).toBe(email);
          const phone = canonicalPhone(s, region);
          if (phone !== null) expect(canonicalPhone(phone)).toBe(phone);
        },
      ),
    );
  });

  it('hashes are domain-separated SHA-256 of kind:canonical', () => {
    expect(exposureHash('email', 'a@b.co')).toBe(sha('email:a@b.co'));
    expect(exposureOf(' A@B.co ')).toEqual({ kind: 'email', canonical: 'a@b.co', hash: sha('email:a@b.co') });
    expect(exposureOf('333 1234567', 'IT')?.hash).toBe(sha('phone:+393331234567'));
    expect(exposureOf('nothing')).toBeNull();
  });
});

describe('ExposureIndex', () => {
  const mario = exposureHash('email', 'mario.rossi@example.com');
  const hashes = [mario, ...Array.from({ length: 2000 }, (_, i) => sha(`email:user${i}@example.com`))];
  const index = new ExposureIndex([{ caseId: 'c1', hashes }], { secret: SECRET });

  it('answers the real suffix under its prefix, and not elsewhere', () => {
    const suffixes = index.range('c1', mario.slice(0, 5))!;
    expect(suffixes).toContain(mario.slice(5));
    expect(suffixes).toHaveLength(32);
    expect([...suffixes].sort()).toEqual(suffixes);
    for (const s of suffixes) expect(s).toMatch(/^[0-9a-f]{59}$/);
    const absent = exposureHash('email', 'nobody@example.com');
    expect(index.range('c1', absent.slice(0, 5))).not.toContain(absent.slice(5));
    expect(index.range('c1', mario.slice(0, 5).toUpperCase())).toEqual(suffixes);
  });

  it('answers the same number of suffixes for prefixes holding 0..N real hashes', () => {
    const counts = [0, 1, 2, 31, 32, 33, 40];
    const prefixes = counts.map((_, i) => `0000${i}`);
    const planted = prefixes.flatMap((p, i) => Array.from({ length: counts[i]! }, () => under(p)));
    const idx = new ExposureIndex([{ caseId: 'c', hashes: planted }], { secret: SECRET });
    expect(idx.bucketSize('c')).toBe(64);
    for (const [i, p] of prefixes.entries()) {
      const answer = idx.range('c', p)!;
      expect(answer).toHaveLength(64);
      expect(JSON.stringify({ prefix: p, suffixes: answer }).length).toBe(
        JSON.stringify({ prefix: '00000', suffixes: idx.range('c', 'fffff') }).length,
      );
      const real = planted.filter((h) => h.startsWith(p)).map((h) => h.slice(5));
      expect(real).toHaveLength(counts[i]!);
      for (const r of real) expect(answer).toContain(r);
    }
    expect(idx.range('c', 'fffff')).toHaveLength(64);
  });

  it('keeps decoys stable across queries and rebuilds, distinct from real ones and each other', () => {
    const prefix = mario.slice(0, 5);
    const first = index.range('c1', prefix)!;
    expect(index.range('c1', prefix)).toEqual(first);
    const rebuilt = new ExposureIndex([{ caseId: 'c1', hashes: [...hashes].reverse() }], { secret: SECRET });
    expect(rebuilt.range('c1', prefix)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    const otherSecret = new ExposureIndex([{ caseId: 'c1', hashes }], { secret: Buffer.alloc(32, 8) });
    const changed = otherSecret.range('c1', prefix)!;
    expect(changed).toContain(mario.slice(5));
    expect(changed.filter((s) => first.includes(s)).length).toBe(
      hashes.filter((h) => h.startsWith(prefix)).length,
    );
    // Another case gets other decoys for the same prefix.
    const twin = new ExposureIndex([{ caseId: 'c2', hashes }], { secret: SECRET });
    expect(twin.range('c2', prefix)!.filter((s) => first.includes(s)).length).toBeLessThan(first.length);
  });

  it('never returns a decoy equal to a real suffix', () => {
    // Real hashes planted exactly where the decoy stream would put its first values.
    const probe = new ExposureIndex([{ caseId: 'c', hashes: [] }], { secret: SECRET });
    const decoys = probe.range('c', 'abcde')!;
    const planted = decoys.slice(0, 5).map((s) => `abcde${s}`);
    const idx = new ExposureIndex([{ caseId: 'c', hashes: planted }], { secret: SECRET });
    const answer = idx.range('c', 'abcde')!;
    expect(answer).toHaveLength(32);
    expect(new Set(answer).size).toBe(32);
    for (const p of planted) expect(answer).toContain(p.slice(5));
  });

  it('merges hashes given twice, dedupes, and counts per case', () => {
    const idx = new ExposureIndex(
      [
        { caseId: 'a', hashes: [mario, mario.toUpperCase()] },
        { caseId: 'a', hashes: [sha('x')] },
        { caseId: 'b', hashes: [] },
      ],
      { secret: SECRET },
    );
    expect(idx.count('a')).toBe(2);
    expect(idx.count('b')).toBe(0);
    expect(idx.caseIds.sort()).toEqual(['a', 'b']);
    expect(idx.range('b', '00000')).toHaveLength(32);
  });

  it('returns null for unknown cases and rejects bad input', () => {
    expect(index.range('nope', '00000')).toBeNull();
    for (const bad of ['', 'abcd', 'abcdef', 'abcdg', '../..', ' abcd'])
      expect(() => index.range('c1', bad)).toThrow(expect.objectContaining({ code: 'server.invalid-input' }));
    expect(() => new ExposureIndex([{ caseId: 'x', hashes: ['zz'] }], { secret: SECRET })).toThrow(/64 hex/);
    expect(() => new ExposureIndex([], { secret: Buffer.alloc(4) })).toThrow(/16 bytes/);
  });

  it('answers fast on a large case', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => sha(`phone:+39333${i}`));
    let started = performance.now();
    const idx = new ExposureIndex([{ caseId: 'big', hashes: big }], { secret: SECRET });
    const built = performance.now() - started;
    started = performance.now();
    for (let i = 0; i < 20_000; i++) idx.range('big', (i * 52_711).toString(16).padStart(5, '0').slice(-5));
    const perQuery = (performance.now() - started) / 20_000;
    expect(built).toBeLessThan(3000);
    expect(perQuery).toBeLessThan(0.1);
    expect(idx.range('big', big[123]!.slice(0, 5))).toContain(big[123]!.slice(5));
  });
});
