import { createReadStream } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LeakverifyError } from '../core/errors.js';
import type { IngestLimits } from '../core/limits.js';
import type { Compression } from '../core/types.js';
import { identifyMagic } from './magic.js';
import { isJunkEntry, locateData, readZipDirectory, streamEntry } from './zip.js';

/**
 * Opening a path as a stream of byte chunks. Compression is decided by magic bytes, never by
 * the file name (attackers rename freely). Nothing here reads a whole file into memory: plain
 * files come in 1 MiB chunks, compressed ones through streaming zlib with a meter that stops
 * decompression bombs while they inflate.
 */

/** One member of the input: the file itself, the content of a gzip, or one zip entry. */
export interface SourceMember {
  readonly name: string;
  /** Decompressed bytes in file order; iterate once. */
  readonly chunks: AsyncIterable<Uint8Array>;
}

/**
 * A byte range `[start, end)` of an uncompressed file, for reading one slice of a large
 * sample in a worker thread; the caller cuts at line starts.
 */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface ByteSource {
  readonly file: string;
  readonly compression: Compression;
  /** Members in archive order; directories and metadata entries (`__MACOSX/`) are left out. */
  members(): AsyncIterable<SourceMember>;
  /** Bytes read from disk so far (compressed bytes for gzip and zip). */
  bytesRead(): number;
  /** Things worth telling the user about the container, e.g. skipped entries. */
  readonly notes: readonly string[];
}

const PLAIN_CHUNK = 1 << 20;
const COMPRESSED_CHUNK = 64 << 10;
const MAGIC_BYTES = 512;

/** Counts what a compressed source inflates to and stops it once it looks like a bomb. */
export class DecompressionMeter {
  compressed = 0;
  decompressed = 0;

  constructor(
    private readonly limits: IngestLimits,
    private readonly file: string,
  ) {}

  addDecompressed(bytes: number): void {
    this.decompressed += bytes;
    checkBomb(this.file, this.decompressed, this.compressed, this.limits);
  }
}

/** Throws `ingest.zip-bomb` when `decompressed` bytes from `compressed` exceed the limits. */
export function checkBomb(
  file: string,
  decompressed: number,
  compressed: number,
  limits: IngestLimits,
): void {
  if (decompressed > limits.maxDecompressedBytes) {
    throw new LeakverifyError(
      'ingest.zip-bomb',
      `${file} decompresses to more than ${limits.maxDecompressedBytes} bytes, the limit; refusing it as a decompression bomb`,
      { hint: 'If the sample really is this large, raise maxDecompressedBytes or extract it yourself.' },
    );
  }
  if (decompressed > limits.ratioGraceBytes && decompressed > compressed * limits.maxCompressionRatio) {
    const ratio = Math.round(decompressed / Math.max(1, compressed));
    throw new LeakverifyError(
      'ingest.zip-bomb',
      `${file} expands ${ratio}:1 (limit ${limits.maxCompressionRatio}:1); refusing it as a decompression bomb`,
      { hint: 'Real data rarely compresses that well; extract it yourself if you trust it.' },
    );
  }
}

async function* metered(chunks: AsyncIterable<Uint8Array>, meter: DecompressionMeter) {
  for await (const chunk of chunks) {
    meter.addDecompressed(chunk.length);
    yield chunk;
  }
}

function fsError(file: string, error: unknown): LeakverifyError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new LeakverifyError('input.not-found', `no such file: ${file}`, { cause: error });
  }
  return new LeakverifyError('input.unreadable', `cannot read ${file}: ${code ?? String(error)}`, {
    cause: error,
  });
}

async function readHead(handle: FileHandle): Promise<Uint8Array> {
  const buffer = Buffer.alloc(MAGIC_BYTES);
  const { bytesRead } = await handle.read(buffer, 0, MAGIC_BYTES, 0);
  return buffer.subarray(0, bytesRead);
}

/**
 * Maps stream errors (a file vanishing mid-read, corrupt deflate data) to LeakverifyError.
 * A compressed stream that merely stops early is common for leaked partial downloads: what
 * was inflated is kept, the cut is noted, and the parser rejects the last record as truncated.
 */
async function* guarded(file: string, chunks: AsyncIterable<Uint8Array>, notes: string[]) {
  try {
    yield* chunks;
  } catch (error) {
    if (error instanceof LeakverifyError) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (code === 'Z_BUF_ERROR') {
      notes.push(
        `${basename(file)}: the compressed data ends early (truncated download?); read what was there`,
      );
      return;
    }
    if (code.startsWith('Z_')) {
      throw new LeakverifyError('ingest.compression', `${file}: compressed data is corrupt (${code})`, {
        cause: error,
        hint: 'Check that the download is complete.',
      });
    }
    throw fsError(file, error);
  }
}

function stripGzipSuffix(name: string): string {
  return name.replace(/\.(gz|gzip)$/i, '').replace(/\.tgz$/i, '.tar') || name;
}

/**
 * Opens `file` for reading; throws `input.not-found`, `input.unreadable`, `input.empty`, or
 * `ingest.compression` for compressions we do not read (bzip2, xz, 7-zip, ...).
 */
export async function openSource(file: string, limits: IngestLimits, range?: ByteRange): Promise<ByteSource> {
  let size: number;
  let handle: FileHandle;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    size = info.size;
    handle = await open(file, 'r');
  } catch (error) {
    throw fsError(file, error);
  }
  let head: Uint8Array;
  try {
    head = await readHead(handle);
  } catch (error) {
    await handle.close();
    throw fsError(file, error);
  }
  if (size === 0 || head.length === 0) {
    await handle.close();
    throw new LeakverifyError('input.empty', `${file} is empty`);
  }
  const magic = identifyMagic(head);
  if (magic?.kind === 'unsupported-compression') {
    await handle.close();
    throw new LeakverifyError(
      'ingest.compression',
      `${file} is ${magic.label}-compressed, which is not supported`,
      {
        hint: 'Decompress it first, or recompress it with gzip or zip.',
      },
    );
  }
  let bytesRead = 0;
  const notes: string[] = [];
  const base = basename(file);
  if (magic?.kind === 'zip') {
    const meter = new DecompressionMeter(limits, file);
    return {
      file,
      compression: 'zip',
      notes,
      bytesRead: () => bytesRead,
      members: () => zipMembers(file, handle, size, limits, meter, notes, (n) => (bytesRead += n)),
    };
  }
  await handle.close();
  if (magic?.kind === 'gzip') {
    const meter = new DecompressionMeter(limits, file);
    const chunks = () => {
      const raw = createReadStream(file, { highWaterMark: COMPRESSED_CHUNK });
      raw.on('data', (chunk: string | Buffer) => {
        bytesRead += chunk.length;
        meter.compressed += chunk.length;
      });
      // Node's gunzip reads concatenated gzip members as one stream, as gzip(1) does.
      return metered(
        pipeline(raw, createGunzip({ chunkSize: PLAIN_CHUNK }), () => {}),
        meter,
      );
    };
    return {
      file,
      compression: 'gzip',
      notes,
      bytesRead: () => bytesRead,
      members: async function* () {
        yield { name: stripGzipSuffix(base), chunks: guarded(file, chunks(), notes) };
      },
    };
  }
  if (range !== undefined && magic !== null) {
    throw new LeakverifyError('internal', `${file}: a byte range can only be read from an uncompressed file`);
  }
  const plain = async function* () {
    for await (const chunk of createReadStream(file, {
      highWaterMark: PLAIN_CHUNK,
      ...(range === undefined ? {} : { start: range.start, end: Math.max(range.start, range.end) - 1 }),
    }) as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      yield chunk;
    }
  };
  return {
    file,
    compression: 'none',
    notes,
    bytesRead: () => bytesRead,
    members: async function* () {
      yield { name: base, chunks: guarded(file, plain(), notes) };
    },
  };
}

async function* zipMembers(
  file: string,
  handle: FileHandle,
  size: number,
  limits: IngestLimits,
  meter: DecompressionMeter,
  notes: string[],
  onRead: (bytes: number) => void,
): AsyncGenerator<SourceMember> {
  try {
    const entries = await readZipDirectory(handle, size, limits);
    // xlsx, docx and OpenDocument files are zips too; their XML is no sample.
    if (entries.some((entry) => entry.name === '[Content_Types].xml' || entry.name === 'mimetype')) {
      throw new LeakverifyError(
        'ingest.format',
        `${file} is an Office document (xlsx/docx/ods), not a text sample`,
        {
          hint: 'Export the sheet to CSV and pass that file.',
        },
      );
    }
    const members = entries.filter((entry) => !isJunkEntry(entry.name));
    const skipped = entries.length - members.length;
    if (skipped > 0) notes.push(`skipped ${skipped} directory or metadata entries of the zip archive`);
    // Declared sizes can lie, so the meter still checks what really inflates; but honest
    // declarations of a bomb let us refuse it before inflating anything.
    const declared = members.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    const packed = members.reduce((sum, entry) => sum + entry.compressedSize, 0);
    checkBomb(file, declared, packed, limits);
    let previousEnd = 0;
    for (const entry of members) {
      const start = await locateData(handle, entry, size);
      if (entry.localHeaderOffset < previousEnd) {
        throw new LeakverifyError(
          'ingest.zip-bomb',
          `${file}: zip members overlap, a known decompression-bomb trick`,
        );
      }
      previousEnd = start + entry.compressedSize;
      const onCompressed = (bytes: number) => {
        onRead(bytes);
        meter.compressed += bytes;
      };
      const chunks = guarded(file, metered(streamEntry(file, entry, start, onCompressed), meter), notes);
      yield { name: entry.name, chunks };
    }
  } catch (error) {
    if (error instanceof LeakverifyError) throw error;
    throw fsError(file, error);
  } finally {
    await handle.close();
  }
}
