import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { LeakverifyError } from '../core/errors.js';
import type { IngestLimits } from '../core/limits.js';
import { printable } from './lines.js';

/**
 * A zip reader driven by the central directory, so that we know every member's name, method
 * and compressed extent before decompressing anything. Reading the directory (rather than
 * streaming local headers) handles data descriptors and stored members, lets us refuse
 * archives with too many entries or overlapping members (the "overlapping kernel" zip bomb)
 * up front, and needs only random access to the file: memory stays bounded by one chunk.
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly encrypted: boolean;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_CENTRAL_DIRECTORY_BYTES = 64 << 20;
const COMPRESSED_CHUNK = 64 << 10;
const INFLATE_CHUNK = 1 << 20;

function corrupt(message: string): LeakverifyError {
  return new LeakverifyError('ingest.compression', `zip archive is damaged: ${message}`, {
    hint: 'Check that the download is complete, or extract the archive yourself and pass the file.',
  });
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead < length) throw corrupt('unexpected end of file');
  return buffer;
}

/** Zip64 stores real sizes as u64; above 2^53 we would lose precision, which no sane sample reaches. */
function readU64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('a zip64 size is out of range');
  return Number(value);
}

interface Directory {
  readonly entries: number;
  readonly size: number;
  readonly offset: number;
}

async function findDirectory(handle: FileHandle, fileSize: number): Promise<Directory> {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      at = i;
      break;
    }
  }
  if (at < 0) throw corrupt('no central directory (is the file truncated?)');
  let entries = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  const locatorAt = at - 20;
  if (locatorAt >= 0 && tail.readUInt32LE(locatorAt) === ZIP64_LOCATOR_SIG) {
    const zip64At = readU64(tail, locatorAt + 8);
    if (zip64At + 56 > fileSize) throw corrupt('zip64 record out of range');
    const record = await readAt(handle, zip64At, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw corrupt('bad zip64 record');
    entries = readU64(record, 32);
    size = readU64(record, 40);
    offset = readU64(record, 48);
  }
  if (offset + size > fileSize) throw corrupt('central directory out of range');
  return { entries, size, offset };
}

/** Applies the zip64 extended-information extra field (id 1) to the fields that overflowed. */
function applyZip64(extra: Buffer, sizes: { comp: number; uncomp: number; offset: number }): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const end = Math.min(extra.length, q + length);
      if (sizes.uncomp === 0xffffffff && q + 8 <= end) {
        sizes.uncomp = readU64(extra, q);
        q += 8;
      }
      if (sizes.comp === 0xffffffff && q + 8 <= end) {
        sizes.comp = readU64(extra, q);
        q += 8;
      }
      if (sizes.offset === 0xffffffff && q + 8 <= end) sizes.offset = readU64(extra, q);
      return;
    }
    p += 4 + length;
  }
}

/** Lists an archive's entries in archive order (by local header offset). */
export async function readZipDirectory(
  handle: FileHandle,
  fileSize: number,
  limits: IngestLimits,
): Promise<ZipEntry[]> {
  const directory = await findDirectory(handle, fileSize);
  if (directory.entries > limits.maxArchiveEntries) {
    throw new LeakverifyError(
      'ingest.zip-bomb',
      `zip archive declares ${directory.entries} entries, more than the limit of ${limits.maxArchiveEntries}`,
      { hint: 'Extract the members you need and pass them one at a time.' },
    );
  }
  if (directory.size > MAX_CENTRAL_DIRECTORY_BYTES) throw corrupt('central directory is implausibly large');
  const buffer = await readAt(handle, directory.offset, directory.size);
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let p = 0;
  for (let i = 0; i < directory.entries; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== CENTRAL_SIG)
      throw corrupt('bad directory entry');
    const flags = buffer.readUInt16LE(p + 8);
    const method = buffer.readUInt16LE(p + 10);
    const sizes = {
      comp: buffer.readUInt32LE(p + 20),
      uncomp: buffer.readUInt32LE(p + 24),
      offset: buffer.readUInt32LE(p + 42),
    };
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLength;
    p = extraStart + extraLength + commentLength;
    if (p > buffer.length) throw corrupt('bad directory entry');
    applyZip64(buffer.subarray(extraStart, extraStart + extraLength), sizes);
    entries.push({
      // Names are attacker-chosen and end up in messages: keep them printable and short.
      name: printable(names.decode(buffer.subarray(nameStart, extraStart)), 512),
      method,
      compressedSize: sizes.comp,
      uncompressedSize: sizes.uncomp,
      localHeaderOffset: sizes.offset,
      encrypted: (flags & 1) === 1,
    });
  }
  entries.sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  return entries;
}

/** Directories, macOS resource forks and desktop metadata are never sample data. */
export function isJunkEntry(name: string): boolean {
  if (name.endsWith('/') || name.endsWith('\\')) return true;
  const parts = name.split(/[/\\]/);
  const base = parts[parts.length - 1] ?? '';
  return (
    parts.includes('__MACOSX') ||
    base.startsWith('._') ||
    base === '.DS_Store' ||
    base === 'Thumbs.db' ||
    base === 'desktop.ini'
  );
}

/** Where a member's compressed bytes start, read from its local header (whose extra field may differ). */
export async function locateData(handle: FileHandle, entry: ZipEntry, fileSize: number): Promise<number> {
  if (entry.localHeaderOffset + 30 > fileSize) throw corrupt(`member ${entry.name} is out of range`);
  const header = await readAt(handle, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL_SIG) throw corrupt(`member ${entry.name} has no local header`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > fileSize)
    throw corrupt(`member ${entry.name} runs past the end of file`);
  return start;
}

/**
 * Streams one member's decompressed bytes. `onCompressed` is told of every compressed chunk
 * read so the caller can track the compression ratio of what was really consumed.
 */
export function streamEntry(
  path: string,
  entry: ZipEntry,
  dataStart: number,
  onCompressed: (bytes: number) => void,
): AsyncIterable<Buffer> {
  if (entry.encrypted) {
    throw new LeakverifyError('ingest.compression', `zip member ${entry.name} is encrypted`, {
      hint: 'Extract the archive with its password and pass the extracted file.',
    });
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new LeakverifyError(
      'ingest.compression',
      `zip member ${entry.name} uses compression method ${entry.method}; only stored and deflate are supported`,
      { hint: 'Extract the archive with a full unzip tool and pass the extracted file.' },
    );
  }
  if (entry.compressedSize === 0) return (async function* () {})();
  const raw = createReadStream(path, {
    start: dataStart,
    end: dataStart + entry.compressedSize - 1,
    highWaterMark: COMPRESSED_CHUNK,
  });
  if (entry.method === 0) return countStored(raw, onCompressed);
  raw.on('data', (chunk: string | Buffer) => onCompressed(chunk.length));
  return pipeline(raw, createInflateRaw({ chunkSize: INFLATE_CHUNK }), () => {});
}

async function* countStored(raw: AsyncIterable<Buffer>, onCompressed: (bytes: number) => void) {
  for await (const chunk of raw) {
    onCompressed(chunk.length);
    yield chunk;
  }
}
