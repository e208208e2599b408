import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { LeakverifyError } from '../core/errors.js';

/**
 * Encryption at rest for uploaded samples: AES-256-GCM in the STREAM construction
 * (Hoang, Reyhanitabar, Rogaway, Vizár 2015), so a file of any size is sealed and opened in
 * constant memory and every segment is authenticated before its plaintext is released.
 *
 * Layout: a 48-byte header, then segments of `SEGMENT` plaintext bytes, each followed by its
 * 16-byte tag. The last segment holds 0..SEGMENT bytes (an empty file is one empty final
 * segment) and is the only one sealed with the last-flag set.
 *
 *   header  = "LVSEAL" | version (1) | log2(segment size) (1) | salt (16) | nonce prefix (7)
 *             | reserved 0 (1) | key check (16)
 *   nonce_i = nonce prefix (7) | i as uint32 big-endian (4) | last flag 0/1 (1)
 *   AAD     = the whole header, for every segment
 *
 * Each file gets its own 32-byte key, HKDF-SHA256(upload key, salt, "leakverify sealed-file
 * v1"), whose extra 16 bytes are the key check: a wrong upload key is reported as such
 * instead of as tampering. Reordered, dropped, duplicated or flipped segments fail the tag;
 * a file cut at a segment boundary fails because its new last segment was not sealed as
 * last; appended bytes make the real last segment be opened as non-last, which fails too.
 */

const MAGIC = Buffer.from('LVSEAL', 'latin1');
const VERSION = 1;
const SEGMENT_LOG2 = 16;
const HEADER_BYTES = 48;
const TAG_BYTES = 16;
const INFO = Buffer.from('leakverify sealed-file v1', 'latin1');
/** Segment sizes a reader accepts (4 KiB .. 16 MiB): a header cannot make it allocate more. */
const MIN_LOG2 = 12;
const MAX_LOG2 = 24;
const MAX_SEGMENTS = 2 ** 32;

export interface SealedWriter {
  /** Appends plaintext; rejects with `server.too-large` (and removes the file) past `maxBytes`. */
  write(chunk: Uint8Array): Promise<void>;
  /** Seals the last segment, syncs and renames the file into place (mode 0600). */
  finish(): Promise<{ size: number; sha256: string }>;
  /** Removes the partial file; safe to call more than once, and after a failure. */
  abort(): Promise<void>;
}

interface FileKeys {
  readonly key: Buffer;
  readonly check: Buffer;
}

function deriveKeys(uploadKey: Uint8Array, salt: Uint8Array): FileKeys {
  if (uploadKey.length < 16)
    throw new LeakverifyError('protect.key', 'the upload key must be at least 16 bytes long');
  const okm = Buffer.from(hkdfSync('sha256', uploadKey, salt, INFO, 48));
  return { key: okm.subarray(0, 32), check: okm.subarray(32) };
}

function nonceFor(prefix: Uint8Array, counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.set(prefix, 0);
  nonce.writeUInt32BE(counter, 7);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** FileHandle#write may write less than asked; loop until the whole buffer is on disk. */
async function writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

function sealError(message: string, cause?: unknown): LeakverifyError {
  return new LeakverifyError('server.sealed', message, {
    cause,
    hint: 'the stored sample is damaged or was altered; upload it again from the original file',
  });
}

/**
 * Streams plaintext into an encrypted file at `path`, written under a temporary name until
 * `finish()`. Calls may overlap: writes are applied in call order.
 * @example const w = createSealedWriter(p, key, 1 << 30); await w.write(chunk); await w.finish()
 */
export function createSealedWriter(path: string, key: Buffer, maxBytes: number): SealedWriter {
  const salt = randomBytes(16);
  const prefix = randomBytes(7);
  const keys = deriveKeys(key, salt);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[6] = VERSION;
  header[7] = SEGMENT_LOG2;
  salt.copy(header, 8);
  prefix.copy(header, 24);
  keys.check.copy(header, 32);
  const segment = 1 << SEGMENT_LOG2;
  const pending = Buffer.alloc(segment);
  const hash = createHash('sha256');
  const temp = `${path}.${randomBytes(6).toString('hex')}.partial`;
  let fill = 0;
  let size = 0;
  let counter = 0;
  let handle: FileHandle | undefined;
  let state: 'open' | 'finished' | 'aborted' = 'open';
  let queue: Promise<unknown> = Promise.resolve();

  const fileHandle = async (): Promise<FileHandle> => {
    if (handle === undefined) {
      handle = await open(temp, 'wx', 0o600);
      await writeAll(handle, header);
    }
    return handle;
  };

  const seal = async (plain: Buffer, last: boolean): Promise<void> => {
    if (counter >= MAX_SEGMENTS) throw new LeakverifyError('server.too-large', 'file too large to seal');
    const cipher = createCipheriv('aes-256-gcm', keys.key, nonceFor(prefix, counter, last));
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    counter++;
    await writeAll(await fileHandle(), body);
  };

  const removePartial = async (): Promise<void> => {
    state = 'aborted';
    const h = handle;
    handle = undefined;
    await h?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
  };

  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const write = async (chunk: Uint8Array): Promise<void> => {
    if (state !== 'open') throw new LeakverifyError('internal', `sealed writer is ${state}`);
    if (size + chunk.length > maxBytes) {
      await removePartial();
      throw new LeakverifyError('server.too-large', `upload exceeds the limit of ${maxBytes} bytes`, {
        hint: 'upload a smaller sample, or raise the server upload limit',
      });
    }
    size += chunk.length;
    hash.update(chunk);
    let offset = 0;
    try {
      while (offset < chunk.length) {
        // A full segment is sealed only once more data follows it: the last one needs the flag.
        if (fill === segment) {
          await seal(pending, false);
          fill = 0;
        }
        const n = Math.min(segment - fill, chunk.length - offset);
        pending.set(chunk.subarray(offset, offset + n), fill);
        fill += n;
        offset += n;
      }
    } catch (error) {
      await removePartial();
      throw error;
    }
  };

  const finish = async (): Promise<{ size: number; sha256: string }> => {
    if (state !== 'open') throw new LeakverifyError('internal', `sealed writer is ${state}`);
    try {
      await seal(pending.subarray(0, fill), true);
      const h = await fileHandle();
      await h.sync();
      await h.close();
      handle = undefined;
      await rename(temp, path);
    } catch (error) {
      await removePartial();
      throw error;
    }
    state = 'finished';
    return { size, sha256: hash.digest('hex') };
  };

  return {
    write: (chunk) => enqueue(() => write(chunk)),
    finish: () => enqueue(finish),
    abort: () => enqueue(async () => (state === 'finished' ? undefined : removePartial())),
  };
}

interface Opened {
  readonly handle: FileHandle;
  readonly header: Buffer;
  readonly keys: FileKeys;
  readonly prefix: Buffer;
  readonly segment: number;
  readonly bodyBytes: number;
}

async function openSealedFile(path: string, uploadKey: Buffer): Promise<Opened> {
  const handle = await open(path, 'r').catch((cause: unknown) => {
    throw new LeakverifyError('input.not-found', `cannot open sealed file ${path}`, { cause });
  });
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES || !header.subarray(0, 6).equals(MAGIC))
      throw sealError('not a sealed leakverify file (bad header)');
    if (header[6] !== VERSION) throw sealError(`unsupported sealed-file version ${header[6]}`);
    const log2 = header[7]!;
    if (log2 < MIN_LOG2 || log2 > MAX_LOG2) throw sealError(`invalid segment size 2^${log2}`);
    const keys = deriveKeys(uploadKey, header.subarray(8, 24));
    if (!timingSafeEqual(keys.check, header.subarray(32, 48)))
      throw new LeakverifyError(
        'protect.wrong-key',
        'the sealed file was encrypted under another key (or its header was altered)',
        {
          hint: 'use the workspace key this file was uploaded with',
        },
      );
    const { size } = await handle.stat();
    return {
      handle,
      header,
      keys,
      prefix: header.subarray(24, 31),
      segment: 1 << log2,
      bodyBytes: size - HEADER_BYTES,
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Decrypts a sealed file segment by segment. Each chunk is yielded only after its tag
 * verified; a bad segment throws `server.sealed` (`protect.wrong-key` for another key).
 * @example for await (const chunk of openUnsealed(path, key)) hash.update(chunk)
 */
export async function* openUnsealed(path: string, key: Buffer): AsyncGenerator<Uint8Array> {
  const file = await openSealedFile(path, key);
  try {
    const stride = file.segment + TAG_BYTES;
    // The size fixes which segment is last: 1..stride bytes remain for it (a tag at least).
    const count = Math.max(1, Math.ceil(file.bodyBytes / stride));
    const lastBytes = file.bodyBytes - (count - 1) * stride;
    if (lastBytes < TAG_BYTES) throw sealError('the sealed file is truncated');
    if (count > MAX_SEGMENTS) throw sealError('the sealed file has too many segments');
    const buffer = Buffer.alloc(stride);
    for (let i = 0; i < count; i++) {
      const last = i === count - 1;
      const length = last ? lastBytes : stride;
      const { bytesRead } = await file.handle.read(buffer, 0, length, HEADER_BYTES + i * stride);
      if (bytesRead !== length) throw sealError('the sealed file changed while being read');
      const decipher = createDecipheriv('aes-256-gcm', file.keys.key, nonceFor(file.prefix, i, last));
      decipher.setAAD(file.header);
      decipher.setAuthTag(buffer.subarray(length - TAG_BYTES, length));
      const plain = decipher.update(buffer.subarray(0, length - TAG_BYTES));
      try {
        decipher.final();
      } catch (cause) {
        throw sealError(
          `segment ${i + 1} of ${count} failed authentication: the sealed file was altered, truncated or extended`,
          cause,
        );
      }
      if (plain.length > 0) yield plain;
    }
  } finally {
    await file.handle.close();
  }
}

/**
 * Decrypts a sealed file to `outPath` (mode 0600), which appears only once every segment
 * verified; returns the plaintext size and SHA-256 to compare with the upload's.
 */
export async function unsealToFile(
  path: string,
  key: Buffer,
  outPath: string,
): Promise<{ size: number; sha256: string }> {
  const temp = `${outPath}.${randomBytes(6).toString('hex')}.partial`;
  const out = await open(temp, 'wx', 0o600);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of openUnsealed(path, key)) {
      hash.update(chunk);
      size += chunk.length;
      await writeAll(out, chunk);
    }
    await out.close();
    await rename(temp, outPath);
  } catch (error) {
    await out.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return { size, sha256: hash.digest('hex') };
}
