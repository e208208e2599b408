import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hmac64 } from './hmac64.js';

/** The reference: node's HMAC-SHA-256, first 8 bytes as an unsigned integer. */
const reference = (key: Uint8Array, value: string): bigint =>
  createHmac('sha256', key).update(value, 'utf8').digest().readBigUInt64BE(0);

describe('Hmac64', () => {
  it('equals the first 64 bits of HMAC-SHA-256 for every message length across block boundaries', () => {
    const key = Buffer.alloc(32, 9);
    const hmac = new Hmac64(key);
    // 55/56 bytes is where the padding spills into a second block; 119/120 a third.
    for (let n = 0; n <= 200; n++) {
      const value = 'abcdefghij'.repeat(21).slice(0, n);
      expect(hmac.digest(value), `length ${n}`).toBe(reference(key, value));
    }
    // Multi-byte UTF-8 around the same boundaries (é is 2 bytes, 😀 is 4).
    for (let n = 0; n <= 70; n++) {
      for (const unit of ['é', '😀', '日']) {
        const value = unit.repeat(n);
        expect(hmac.digest(value), `${n} × ${unit}`).toBe(reference(key, value));
      }
    }
  });

  it('agrees with node:crypto on arbitrary keys and text, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 130 }),
        fc.oneof(
          fc.string({ maxLength: 150 }),
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.string({ unit: 'binary', maxLength: 60 }),
        ),
        (key, value) => {
          expect(new Hmac64(key).digest(value)).toBe(reference(key, value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('writes a little-endian 64-bit integer into a word array (as DuckDB holds a UBIGINT), leaving the rest alone', () => {
    const key = Buffer.alloc(32, 5);
    const out = new Uint32Array(4).fill(7);
    new Hmac64(key).digestInto('ada@example.com', out, 1);
    const expected = createHmac('sha256', key).update('ada@example.com').digest();
    expect([out[0], out[1], out[2], out[3]]).toEqual([
      7,
      expected.readUInt32BE(4),
      expected.readUInt32BE(0),
      7,
    ]);
    expect(Buffer.from(out.buffer, 4, 8).readBigUInt64LE(0)).toBe(expected.readBigUInt64BE(0));
  });

  it('keeps two keys apart when used in turn (the scratch state is not shared between results)', () => {
    const a = new Hmac64(Buffer.alloc(32, 1));
    const b = new Hmac64(Buffer.alloc(32, 2));
    const values = ['x', 'y'.repeat(100), 'zé'];
    const mixed = values.flatMap((v) => [a.digest(v), b.digest(v)]);
    expect(mixed).toEqual(
      values.flatMap((v) => [reference(Buffer.alloc(32, 1), v), reference(Buffer.alloc(32, 2), v)]),
    );
  });
});
