/**
 * Receiving a sample: the request body streams chunk by chunk into the sealed writer
 * (AES-256-GCM, SHA-256 of the plaintext on the way), never held whole in memory. The file
 * is `uploads/<caseId>/<sampleId>.sealed`, with both ids generated here: the name the user
 * gave is metadata only and never touches a path.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isLeakverifyError } from '../core/errors.js';
import { createSealedWriter } from './sealed-file.js';
import { newId } from './secrets.js';

export type UploadResult =
  | {
      readonly kind: 'stored';
      readonly sampleId: string;
      readonly path: string;
      readonly size: number;
      readonly sha256: string;
    }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'aborted'; readonly message: string };

export interface UploadTarget {
  readonly workspace: string;
  readonly caseId: string;
  readonly key: Buffer;
  readonly maxBytes: number;
}

/** Streams `body` into a new sealed file; a partial file never stays behind. */
export async function receiveUpload(
  body: ReadableStream<Uint8Array> | null,
  target: UploadTarget,
): Promise<UploadResult> {
  if (body === null) return { kind: 'empty' };
  const sampleId = newId();
  const dir = join(target.workspace, 'uploads', target.caseId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${sampleId}.sealed`);
  const writer = createSealedWriter(path, target.key, target.maxBytes);
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.length > 0) await writer.write(value);
    }
    const { size, sha256 } = await writer.finish();
    if (size === 0) {
      await rm(path, { force: true });
      return { kind: 'empty' };
    }
    return { kind: 'stored', sampleId, path, size, sha256 };
  } catch (error) {
    await writer.abort();
    // Stop reading what the client still sends; the server answers and closes.
    await reader.cancel().catch(() => undefined);
    if (isLeakverifyError(error, 'server.too-large')) return { kind: 'too-large', limit: target.maxBytes };
    return { kind: 'aborted', message: error instanceof Error ? error.message : String(error) };
  }
}
