import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, MAX_PASSWORD_CHARS, needsRehash, verifyPassword } from './passwords.js';

const b64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64url');

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
  });

  it('round-trips arbitrary passwords, composed or decomposed alike', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), async (pw) => {
        const stored = await hashPassword(pw);
        expect(await verifyPassword(pw, stored)).toBe(true);
        expect(await verifyPassword(pw.normalize('NFD'), stored)).toBe(true);
      }),
      { numRuns: 4 },
    );
  });

  it('matches the scrypt test vector of RFC 7914', async () => {
    const vector =
      '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
      'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887';
    const stored = `scrypt$16384$8$1$${Buffer.from('SodiumChloride').toString('base64url')}$${b64(vector)}`;
    expect(await verifyPassword('pleaseletmein', stored)).toBe(true);
    expect(await verifyPassword('pleaseletmeout', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it('rejects over-long and empty passwords', async () => {
    const long = 'x'.repeat(MAX_PASSWORD_CHARS + 1);
    await expect(hashPassword(long)).rejects.toMatchObject({ code: 'server.invalid-input' });
    await expect(hashPassword('')).rejects.toMatchObject({ code: 'server.invalid-input' });
    const stored = await hashPassword('x'.repeat(MAX_PASSWORD_CHARS));
    expect(await verifyPassword('x'.repeat(MAX_PASSWORD_CHARS), stored)).toBe(true);
    expect(await verifyPassword(long, stored)).toBe(false);
  });

  it.each([
    ['N = 2^30', `scrypt$1073741824$8$1$${b64('00'.repeat(16))}$${b64('00'.repeat(32))}`],
    ['N not a power of two', `scrypt$30000$8$1$${b64('00'.repeat(16))}$${b64('00'.repeat(32))}`],
    ['r = 1000', `scrypt$32768$1000$1$${b64('00'.repeat(16))}$${b64('00'.repeat(32))}`],
    ['memory over 256 MiB', `scrypt$1048576$8$1$${b64('00'.repeat(16))}$${b64('00'.repeat(32))}`],
    ['p = 0', `scrypt$32768$8$0$${b64('00'.repeat(16))}$${b64('00'.repeat(32))}`],
    ['a 1 MB hash', `scrypt$32768$8$1$${b64('00'.repeat(16))}$${b64('00'.repeat(500_000))}`],
    ['a 1-byte hash', `scrypt$32768$8$1$${b64('00'.repeat(16))}$${b64('00')}`],
    ['another scheme', `bcrypt$32768$8$1$${b64('00'.repeat(16))}$${b64('00'.repeat(32))}`],
    ['a missing field', `scrypt$32768$8$${b64('00'.repeat(16))}$${b64('00'.repeat(32))}`],
    ['a non-decimal N', `scrypt$0x8000$8$1$${b64('00'.repeat(16))}$${b64('00'.repeat(32))}`],
    ['padding in base64', `scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${b64('00'.repeat(32))}`],
  ])('rejects a stored hash with %s, quickly', async (_name, stored) => {
    const started = performance.now();
    await expect(verifyPassword('pw', stored)).rejects.toMatchObject({ code: 'server.invalid-input' });
    expect(performance.now() - started).toBeLessThan(200);
  });
});
