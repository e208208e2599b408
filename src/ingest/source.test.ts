import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isLeakverifyError } from '../core/errors.js';
import { withLimits } from '../core/limits.js';
import { identifyMagic } from './magic.js';
import { openSource } from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'lv-source-'));
let counter = 0;
function file(content: Uint8Array | string): string {
  const path = join(dir, `f${counter++}`);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, limits = withLimits()) {
  const source = await openSource(path, limits);
  const members: { name: string; text: string }[] = [];
  for await (const member of source.members()) {
    const parts: Buffer[] = [];
    for await (const chunk of member.chunks) parts.push(Buffer.from(chunk));
    members.push({ name: member.name, text: Buffer.concat(parts).toString('utf8') });
  }
  return { source, members };
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isLeakverifyError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

/** A zip written by fflate's streaming writer, which uses data descriptors after each member. */
function streamedZip(files: Record<string, string>): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  for (const [name, text] of Object.entries(files)) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(strToU8(text), true);
  }
  zip.end();
  return Buffer.concat(parts);
}

describe('openSource', () => {
  it('streams a plain file as one member named after it', async () => {
    const path = file('a,b\n1,2\n');
    const { source, members } = await readAll(path);
    expect(source.compression).toBe('none');
    expect(members).toEqual([{ name: path.split('/').pop(), text: 'a,b\n1,2\n' }]);
    expect(source.bytesRead()).toBe(8);
  });

  it('detects gzip by magic bytes, not by name, including concatenated members', async () => {
    const path = file(Buffer.concat([gzipSync('a,b\n'), gzipSync('1,2\n')]));
    const { source, members } = await readAll(path);
    expect(source.compression).toBe('gzip');
    expect(members[0]?.text).toBe('a,b\n1,2\n');
  });

  it('reads zip members in archive order and skips directories and __MACOSX junk', async () => {
    const zip = zipSync({
      'dump/': {},
      'dump/part1.csv': strToU8('a\n1\n'),
      '__MACOSX/dump/._part1.csv': strToU8('junk'),
      'dump/part2.csv': [strToU8('a\n2\n'), { level: 0 }],
      'dump/.DS_Store': strToU8('x'),
    });
    const { source, members } = await readAll(file(zip));
    expect(source.compression).toBe('zip');
    expect(members).toEqual([
      { name: 'dump/part1.csv', text: 'a\n1\n' },
      { name: 'dump/part2.csv', text: 'a\n2\n' },
    ]);
    expect(source.notes.join(' ')).toContain('skipped 3');
  });

  it('reads zips whose members use data descriptors', async () => {
    const { members } = await readAll(file(streamedZip({ 'a.csv': 'x,y\n'.repeat(1000), 'b.txt': 'hello' })));
    expect(members.map((m) => [m.name, m.text.length])).toEqual([
      ['a.csv', 4000],
      ['b.txt', 5],
    ]);
  });

  it('stops a gzip bomb by ratio once past the grace bytes', async () => {
    const bomb = gzipSync(Buffer.alloc(8 << 20));
    const limits = withLimits({ ratioGraceBytes: 1 << 20, maxCompressionRatio: 50 });
    expect(await errorCode(readAll(file(bomb), limits))).toBe('ingest.zip-bomb');
  });

  it('stops a zip bomb by total size and by declared entry count', async () => {
    const zip = zipSync({ 'a.csv': Buffer.alloc(4 << 20), 'b.csv': Buffer.alloc(4 << 20) });
    expect(await errorCode(readAll(file(zip), withLimits({ maxDecompressedBytes: 6 << 20 })))).toBe(
      'ingest.zip-bomb',
    );
    const many = zipSync(
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.csv`, strToU8('a')])),
    );
    expect(await errorCode(readAll(file(many), withLimits({ maxArchiveEntries: 10 })))).toBe(
      'ingest.zip-bomb',
    );
  });

  it('stops a zip whose directory lies about sizes while it inflates', async () => {
    // A member declaring 10 bytes but inflating to 8 MiB: only the streaming meter can see it.
    const zip = Buffer.from(streamedZip({ 'a.csv': '\0'.repeat(8 << 20) }));
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, central + 24);
    const limits = withLimits({ ratioGraceBytes: 1 << 20, maxCompressionRatio: 50 });
    expect(await errorCode(readAll(file(zip), limits))).toBe('ingest.zip-bomb');
  });

  it('maps file-system problems to input.* codes', async () => {
    expect(await errorCode(openSource(join(dir, 'missing.csv'), withLimits()))).toBe('input.not-found');
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(await errorCode(openSource(sub, withLimits()))).toBe('input.unreadable');
    expect(await errorCode(openSource(file(''), withLimits()))).toBe('input.empty');
  });

  it('refuses unsupported compressions and damaged zips clearly', async () => {
    expect(await errorCode(openSource(file('BZh91AY&SY...'), withLimits()))).toBe('ingest.compression');
    const zip = zipSync({ 'a.csv': strToU8('a,b\n'.repeat(100)) });
    expect(await errorCode(readAll(file(zip.subarray(0, zip.length - 30))))).toBe('ingest.compression');
  });

  it('keeps what a truncated gzip held and notes the cut', async () => {
    const whole = gzipSync(Buffer.from('a,b\n'.repeat(50_000)));
    const { source, members } = await readAll(file(whole.subarray(0, whole.length - 20)));
    expect(members[0]?.text.startsWith('a,b\na,b\n')).toBe(true);
    expect(source.notes.join(' ')).toContain('ends early');
  });
});

describe('identifyMagic', () => {
  it('names common binary formats and leaves text alone', () => {
    expect(identifyMagic(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toEqual({
      kind: 'binary',
      label: 'a PNG image',
    });
    expect(identifyMagic(Buffer.from('%PDF-1.7'))).toMatchObject({ kind: 'binary' });
    expect(identifyMagic(Buffer.from('\x7fELF\x02', 'latin1'))).toMatchObject({ kind: 'binary' });
    expect(identifyMagic(Buffer.from('MZ\x90\x00', 'latin1'))).toMatchObject({ kind: 'binary' });
    expect(identifyMagic(Buffer.from('MZ,Mazda\n'))).toBeNull();
    expect(identifyMagic(Buffer.from('email,name\n'))).toBeNull();
  });
});
