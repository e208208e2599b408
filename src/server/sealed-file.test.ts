import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isLeakverifyError } from '../core/errors.js';
import { createSealedWriter, openUnsealed, unsealToFile } from './sealed-file.js';

const dir = mkdtempSync(join(tmpdir(), 'lv-sealed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = randomBytes(32);
const SEGMENT = 1 << 16;
const STRIDE = SEGMENT + 16;
const HEADER = 48;
let n = 0;
const fresh = (): string => join(dir, `f${n++}.sealed`);

async function seal(
  path: string,
  data: Uint8Array,
  cuts: number[] = [],
): Promise<{ size: number; sha256: string }> {
  const writer = createSealedWriter(path, KEY, Number.MAX_SAFE_INTEGER);
  let at = 0;
  for (const cut of [...cuts.filter((c) => c < data.length)].sort((a, b) => a - b).concat(data.length)) {
    await writer.write(data.subarray(at, cut));
    at = cut;
  }
  return writer.finish();
}

async function unseal(path: string, key = KEY): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of openUnsealed(path, key)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isLeakverifyError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('sealed files', () => {
  it('round-trips any size, however the writes are cut', async () => {
    const boundary = fc.constantFrom(0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 3 * SEGMENT + 7);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(boundary, fc.integer({ min: 0, max: 4 * SEGMENT })),
        fc.array(fc.nat({ max: 4 * SEGMENT }), { maxLength: 6 }),
        async (size, cuts) => {
          const data = randomBytes(size);
          const path = fresh();
          const sealed = await seal(path, data, cuts);
          expect(sealed).toEqual({ size, sha256: sha(data) });
          expect((await unseal(path)).equals(data)).toBe(true);
          // Every segment but the last is full, and the last holds a tag even when empty.
          expect(statSync(path).size).toBe(HEADER + Math.max(1, Math.ceil(size / SEGMENT)) * 16 + size);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('writes with mode 0600 and no plaintext on disk', async () => {
    const path = fresh();
    const data = Buffer.from('email,phone\nmario.rossi@example.com,+393331234567\n'.repeat(100));
    await seal(path, data);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path).includes(Buffer.from('mario.rossi'))).toBe(false);
    const out = join(dir, 'plain.csv');
    expect(await unsealToFile(path, KEY, out)).toEqual({ size: data.length, sha256: sha(data) });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out).equals(data)).toBe(true);
  });

  describe('detects every alteration before releasing its plaintext', () => {
    const data = randomBytes(3 * SEGMENT + 100);
    const original = fresh();
    const ready = seal(original, data);
    const altered = async (change: (bytes: Buffer) => Buffer): Promise<string> => {
      await ready;
      const path = fresh();
      writeFileSync(path, change(Buffer.from(readFileSync(original))));
      return path;
    };
    const flip = (at: number) => (b: Buffer) => {
      b[at]! ^= 0x01;
      return b;
    };

    it.each([
      ['a bit in the first segment', flip(HEADER + 5)],
      ['a bit in a middle tag', flip(HEADER + 2 * STRIDE - 1)],
      ['a bit in the last segment', flip(HEADER + 3 * STRIDE + 3)],
      ['the header segment-size byte', flip(7)],
      ['a cut at a segment boundary', (b: Buffer) => b.subarray(0, HEADER + 2 * STRIDE)],
      ['a cut inside a segment', (b: Buffer) => b.subarray(0, HEADER + STRIDE + 1000)],
      ['a cut inside the last tag', (b: Buffer) => b.subarray(0, b.length - 1)],
      ['the body removed', (b: Buffer) => b.subarray(0, HEADER)],
      ['a byte appended', (b: Buffer) => Buffer.concat([b, Buffer.from([0])])],
      [
        'a segment duplicated',
        (b: Buffer) => Buffer.concat([b.subarray(0, HEADER + STRIDE), b.subarray(HEADER)]),
      ],
      [
        'two segments swapped',
        (b: Buffer) =>
          Buffer.concat([
            b.subarray(0, HEADER),
            b.subarray(HEADER + STRIDE, HEADER + 2 * STRIDE),
            b.subarray(HEADER, HEADER + STRIDE),
            b.subarray(HEADER + 2 * STRIDE),
          ]),
      ],
    ])('%s', async (_name, change) => {
      const code = await failure(unseal(await altered(change)));
      expect(code).toBe('server.sealed');
    });

    it('a header that is not ours, or a salt changed', async () => {
      expect(await failure(unseal(await altered(flip(0))))).toBe('server.sealed');
      // The salt feeds the key derivation, so an altered one reads as another key.
      expect(await failure(unseal(await altered(flip(10))))).toBe('protect.wrong-key');
    });

    it('the wrong key, without decrypting anything', async () => {
      await ready;
      expect(await failure(unseal(original, randomBytes(32)))).toBe('protect.wrong-key');
    });

    it('yields the segments before a tampered one, never the tampered one', async () => {
      const path = await altered(flip(HEADER + STRIDE + 10));
      const got: Uint8Array[] = [];
      await expect(
        (async () => {
          for await (const chunk of openUnsealed(path, KEY)) got.push(chunk);
        })(),
      ).rejects.toThrow(/segment 2 of 4/);
      expect(Buffer.concat(got).equals(data.subarray(0, SEGMENT))).toBe(true);
    });

    it('unsealToFile leaves nothing behind on failure', async () => {
      const out = join(dir, 'never.csv');
      expect(await failure(unsealToFile(await altered(flip(HEADER + 3 * STRIDE)), KEY, out))).toBe(
        'server.sealed',
      );
      expect(readdirSync(dir).filter((f) => f.startsWith('never'))).toEqual([]);
    });
  });

  it('enforces the size limit and removes the partial file', async () => {
    const sub = mkdtempSync(join(dir, 'limit-'));
    const path = join(sub, 'big.sealed');
    const writer = createSealedWriter(path, KEY, 150_000);
    await writer.write(randomBytes(70_000));
    await writer.write(randomBytes(70_000));
    expect(readdirSync(sub)).toHaveLength(1);
    expect(await failure(writer.write(randomBytes(70_000)))).toBe('server.too-large');
    expect(readdirSync(sub)).toEqual([]);
    await writer.abort();
    expect(await failure(writer.finish())).toBe('internal');
  });

  it('abort removes the partial file and finish writes exactly at the limit', async () => {
    const sub = mkdtempSync(join(dir, 'abort-'));
    const aborted = createSealedWriter(join(sub, 'a.sealed'), KEY, 10);
    await aborted.write(Buffer.from('0123456789'));
    await aborted.abort();
    await aborted.abort();
    expect(readdirSync(sub)).toEqual([]);
    const exact = createSealedWriter(join(sub, 'b.sealed'), KEY, 10);
    await exact.write(Buffer.from('0123456789'));
    await exact.finish();
    expect(readdirSync(sub)).toEqual(['b.sealed']);
  });

  it('rejects short keys', () => {
    expect(() => createSealedWriter(fresh(), Buffer.alloc(8), 1)).toThrow(/at least 16 bytes/);
  });

  it('streams 200 MB in flat memory', async () => {
    const path = fresh();
    const chunk = randomBytes(1 << 20);
    const total = 200;
    const base = process.memoryUsage().rss;
    let peak = base;
    const writer = createSealedWriter(path, KEY, Number.MAX_SAFE_INTEGER);
    const expected = createHash('sha256');
    for (let i = 0; i < total; i++) {
      chunk[0] = i;
      expected.update(chunk);
      await writer.write(chunk);
      if (i % 16 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const sealed = await writer.finish();
    expect(sealed.sha256).toBe(expected.digest('hex'));
    const hash = createHash('sha256');
    let i = 0;
    for await (const plain of openUnsealed(path, KEY)) {
      hash.update(plain);
      if (i++ % 256 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(hash.digest('hex')).toBe(sealed.sha256);
    expect(sealed.size).toBe(total << 20);
    expect(peak - base).toBeLessThan(64 << 20);
    rmSync(path);
  });
});
