import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor, isLeakverifyError } from '../core/errors.js';
import type { Workspace } from '../store/types.js';
import { openWorkspace } from '../store/workspace.js';
import { deriveSubkey, generateKey, KEY_ENV, keyCheckValue, keyToHex, loadKey, SecretKey } from './key.js';
import { checkKey } from './key-check.js';

const HEX = '0123456789abcdef'.repeat(4);

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('loadKey', () => {
  it('reads hex, base64 and passphrases from LEAKVERIFY_KEY', () => {
    expect(loadKey({ env: { [KEY_ENV]: ` ${HEX}\n` } }).bytes()).toEqual(Buffer.from(HEX, 'hex'));
    const raw = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7));
    expect(loadKey({ env: { [KEY_ENV]: raw.toString('base64') } }).bytes()).toEqual(raw);
    expect(loadKey({ env: { [KEY_ENV]: raw.toString('base64url') } }).bytes()).toEqual(raw);
    const phrase = 'correct horse battery staple, and then some';
    const fromPhrase = loadKey({ env: { [KEY_ENV]: phrase } }).bytes();
    expect(fromPhrase).toHaveLength(32);
    expect(fromPhrase.toString('utf8')).not.toContain('horse');
    expect(loadKey({ env: { [KEY_ENV]: phrase } }).bytes()).toEqual(fromPhrase);
  });

  it('prefers --key-file, trimmed, over the environment', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lv-key-')), 'key');
    writeFileSync(file, `${HEX}\n`);
    const key = loadKey({ env: { [KEY_ENV]: 'f'.repeat(64) }, keyFile: file });
    expect(key.bytes().toString('hex')).toBe(HEX);
    expect(key.origin).toBe('key-file');
  });

  it('fails with protect.key (exit 2) and says how to create a key', () => {
    for (const options of [
      { env: {} },
      { env: { [KEY_ENV]: '   ' } },
      { env: { [KEY_ENV]: 'abcd1234' } },
      { env: { [KEY_ENV]: 'short passphrase' } },
      { env: {}, keyFile: '/nonexistent/leakverify.key' },
    ]) {
      const error = failure(() => loadKey(options));
      expect(isLeakverifyError(error, 'protect.key')).toBe(true);
      expect(exitCodeFor(error)).toBe(2);
      expect((error as { hint: string }).hint).toContain('openssl rand -hex 32');
    }
  });
});

describe('keys', () => {
  it('never shows its bytes through String, JSON or inspect', () => {
    const key = loadKey({ env: { [KEY_ENV]: HEX } });
    for (const shown of [String(key), JSON.stringify({ key }), inspect({ key }, { depth: 5 }), `${key}`]) {
      expect(shown).not.toContain(HEX);
      expect(shown).toContain('redacted');
    }
  });

  it('generates random 32-byte keys and round-trips them as hex', () => {
    const a = generateKey();
    expect(a.bytes()).toHaveLength(32);
    expect(a.bytes()).not.toEqual(generateKey().bytes());
    expect(loadKey({ env: { [KEY_ENV]: keyToHex(a) } }).bytes()).toEqual(a.bytes());
  });

  it('derives independent, deterministic subkeys per label and master', () => {
    const master = new SecretKey(Buffer.from(HEX, 'hex'), 'test');
    const email = deriveSubkey(master, 'fp:email');
    expect(email.bytes()).toHaveLength(32);
    expect(deriveSubkey(master, 'fp:email').bytes()).toEqual(email.bytes());
    expect(deriveSubkey(master, 'fp:phone').bytes()).not.toEqual(email.bytes());
    expect(deriveSubkey(generateKey(), 'fp:email').bytes()).not.toEqual(email.bytes());
    expect(email.bytes()).not.toEqual(master.bytes());
  });
});

describe('checkKey', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await openWorkspace(join(mkdtempSync(join(tmpdir(), 'lv-kcv-')), 'ws'), { threads: 1 });
  });
  afterAll(async () => {
    await ws.close();
  });

  it('records the key check value once, accepts the same key, refuses another', async () => {
    const key = generateKey();
    expect(await checkKey(ws, key)).toBe('recorded');
    expect(await checkKey(ws, new SecretKey(key.bytes(), 'again'))).toBe('matched');
    const stored = await ws.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'key_check'`);
    expect(stored).toEqual([{ value: keyCheckValue(key) }]);
    expect(stored[0]?.value).not.toContain(keyToHex(key));
    const error = await checkKey(ws, generateKey()).catch((e: unknown) => e);
    expect(isLeakverifyError(error, 'protect.wrong-key')).toBe(true);
    expect((error as Error).message).toBe(
      'this workspace was built with a different key; a wrong key would make every row look unmatched',
    );
    expect(exitCodeFor(error)).toBe(2);
  });
});
