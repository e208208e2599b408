import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyHash, detectHashScheme, summarizeHashes } from './hash-scheme.js';

const digest = (alg: string, text: string, enc: 'hex' | 'base64' = 'hex'): string =>
  createHash(alg).update(text).digest(enc);
const b64chars = (n: number, seed = 1): string => {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(i * 7 + seed * 13 + ((i * i) % 11)) % alphabet.length];
  return out;
};

describe('detectHashScheme', () => {
  const cases: readonly (readonly [string, string])[] = [
    [digest('md5', 'password'), 'md5'],
    [digest('md5', 'password').toUpperCase(), 'md5'],
    [digest('sha1', 'password'), 'sha1'],
    [digest('sha256', 'password'), 'sha256'],
    [digest('sha512', 'password'), 'sha512'],
    ['*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19', 'mysql41'],
    ['$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy', 'bcrypt'],
    ['$2y$12$' + b64chars(53), 'bcrypt'],
    ['$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG', 'argon2'],
    ['$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$Y2ViNTJhZmYzOWU5ZGI4ZmE', 'argon2'],
    ['$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E', 'scrypt'],
    ['$7$C6..../....SodiumChloride$' + b64chars(43), 'scrypt'],
    ['$pbkdf2-sha256$29000$N2YMIWQsBWBMae09x1jrPQ$t0OwPnJ9W/5KV.TUOU5Z7ZEMCFh6KEuTAGYQlL3bXvY', 'pbkdf2'],
    ['pbkdf2_sha256$260000$abcdefghijkl$Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm8=', 'django-pbkdf2'],
    ['$6$saltsalt$' + b64chars(86), 'sha512crypt'],
    ['$6$rounds=5000$saltsalt$' + b64chars(86, 2), 'sha512crypt'],
    ['$5$saltsalt$' + b64chars(43), 'sha256crypt'],
    ['$1$saltsalt$' + b64chars(22), 'md5crypt'],
    ['$P$984478476IagS59wHZvyQMArzfx58u.', 'phpass'],
    ['$H$9' + b64chars(30), 'phpass'],
    [digest('sha1', 'password', 'base64'), 'sha1'],
    [digest('sha256', 'password', 'base64'), 'sha256'],
  ];
  for (const [value, scheme] of cases) {
    it(`${value.slice(0, 24)}… is ${scheme}`, () => {
      expect(detectHashScheme(value)).toBe(scheme);
    });
  }

  it('reports how a bare digest is encoded', () => {
    expect(classifyHash(digest('sha256', 'x', 'base64'))).toEqual({ scheme: 'sha256', encoding: 'base64' });
    expect(classifyHash(digest('sha1', 'x'))).toEqual({ scheme: 'sha1', encoding: 'hex' });
    expect(classifyHash('$2b$10$' + b64chars(53))).toEqual({ scheme: 'bcrypt', encoding: 'crypt' });
  });

  it('rejects values that only look like hashes', () => {
    for (const v of [
      '',
      'password123',
      'Summer2023!',
      '0'.repeat(32),
      '1234567890'.repeat(4), // 40 digits: a number, not a sha1
      'deadbeef'.repeat(4).replace(/\d/g, 'a'), // hex letters only
      '$2b$10$tooshort',
      '$6$salt$short',
      '*2470C0C06DEE42FD', // truncated mysql41
      'abc'.repeat(200),
      'not base64 at all, with spaces!!',
      'AAAAAAAAAAAAAAAAAAAAAAAAAAA=', // 28 chars but no randomness
    ]) {
      expect(detectHashScheme(v), v).toBeNull();
    }
  });
});

describe('summarizeHashes', () => {
  const md5s = Array.from({ length: 50 }, (_, i) => digest('md5', `pw${i}`));

  it('finds the dominant scheme and its share', () => {
    const values = [...md5s, ...Array.from({ length: 10 }, () => 'hunter2'), digest('sha1', 'a')];
    const s = summarizeHashes(values);
    expect(s.scheme).toBe('md5');
    expect(s.schemeShare).toBeCloseTo(50 / 61, 5);
    expect(s.hashShare).toBeCloseTo(51 / 61, 5);
    expect(s.encoding).toBe('hex');
  });

  it('reads 32-hex digests as NTLM only when the header says so', () => {
    expect(summarizeHashes(md5s, 'nt hash').scheme).toBe('ntlm');
    expect(summarizeHashes(md5s, 'ntlm').scheme).toBe('ntlm');
    expect(summarizeHashes(md5s, 'password hash').scheme).toBe('md5');
    // A sha1 column stays sha1 whatever the header says.
    expect(summarizeHashes([digest('sha1', 'a')], 'ntlm').scheme).toBe('sha1');
  });

  it('says nothing about plain passwords', () => {
    const s = summarizeHashes(['123456', 'qwerty', 'P@ssw0rd!', 'letmein']);
    expect(s).toEqual({ hashShare: 0, scheme: null, schemeShare: 0, encoding: null, bareShare: 0 });
  });
});
