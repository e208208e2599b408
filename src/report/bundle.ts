/**
 * Writes the `--out DIR` bundle: report.json, report.html, statement.md, rows.csv and the
 * signed manifest. Every file is complete in a temp name before any is renamed into place,
 * the manifest last, so a failure leaves either the previous bundle or a complete new one
 * file by file, never a half-written file, and no temp behind.
 *
 * rows.csv comes either from links in memory (rendered here) or, for samples with millions
 * of links, from a file streamed earlier (pipeline/link-pages.ts): that file is hashed for the
 * manifest, then copied in chunks into the bundle and hashed again on the way, so the signed
 * digest is the one of the bytes that land in DIR.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { LeakverifyError } from '../core/errors.js';
import { hashFile } from '../core/file-hash.js';
import { renderHtml } from './html.js';
import {
  buildManifest,
  type FileDigest,
  type Manifest,
  type ManifestInput,
  manifestFiles,
  sha256Bytes,
} from './manifest.js';
import { renderRowsCsv } from './rows-csv.js';
import { loadOrCreateSigningKey } from './sign.js';
import { renderStatement } from './statement.js';
import type { LinkRow, RenderableReport } from './types.js';
import { validateReport } from './validate.js';

interface BundleCommon {
  readonly report: RenderableReport;
  /** The sample and records files the report was computed from. */
  readonly inputs: readonly ManifestInput[];
  /** Where the persistent Ed25519 key lives (created on first use); keep it outside `dir`. */
  readonly signingKeyDir: string;
  readonly company: string;
  /** Extra versions for the manifest, e.g. `{ duckdb: 'v1.3.0' }` from the store. */
  readonly versions?: Readonly<Record<string, string>>;
  readonly now?: Date;
}

/** rows.csv from `links` (rendered in memory) or from `rowsCsvFile`, a rows.csv already written. */
export type BundleOptions = BundleCommon &
  (
    | { readonly links: readonly LinkRow[]; readonly rowsCsvFile?: undefined }
    | { readonly rowsCsvFile: string; readonly links?: undefined }
  );

export interface BundleResult {
  readonly dir: string;
  readonly files: readonly string[];
  readonly manifest: Manifest;
  readonly fingerprint: string;
}

export const BUNDLE_FILES = ['report.json', 'report.html', 'statement.md', 'rows.csv'] as const;

/** A bundle file: its text, or a file on disk copied in as it is. */
export type BundleFile = string | { readonly copyOf: string; readonly digest: FileDigest };

/**
 * @example await writeReportBundle('out', { report, links, inputs: [{ role: 'sample', path: 'sample.csv' }], signingKeyDir: keyDir, company: 'ShopCo' })
 */
export async function writeReportBundle(dir: string, options: BundleOptions): Promise<BundleResult> {
  const { valid, errors } = validateReport(options.report);
  if (!valid) {
    throw new LeakverifyError(
      'internal',
      `the report does not match its schema: ${errors.slice(0, 3).join('; ')}`,
    );
  }
  const rowsCsv: BundleFile =
    options.rowsCsvFile === undefined
      ? renderRowsCsv(options.links)
      : {
          copyOf: options.rowsCsvFile,
          digest: { file: 'rows.csv', ...(await hashFile(options.rowsCsvFile)) },
        };
  const contents: Record<string, BundleFile> = {
    'report.json': `${JSON.stringify(options.report, null, 2)}\n`,
    'report.html': renderHtml(options.report),
    'statement.md': renderStatement(options.report, { company: options.company }),
    'rows.csv': rowsCsv,
  };
  const key = loadOrCreateSigningKey(options.signingKeyDir);
  const manifest = await buildManifest({
    inputs: options.inputs,
    outputs: Object.entries(contents).map(([file, body]) =>
      typeof body === 'string' ? sha256Bytes(file, body) : body.digest,
    ),
    // As report.json holds them (JSON round trip), so the manifest signs the same values.
    settings: JSON.parse(JSON.stringify(options.report.provenance.settings)) as Record<string, unknown>,
    key,
    ...(options.versions ? { versions: options.versions } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const sample = manifest.inputs.find((i) => i.role === 'sample');
  if (sample && sample.sha256 !== options.report.sample.sha256) {
    throw new LeakverifyError(
      'internal',
      `the report describes sample ${options.report.sample.sha256}, not ${sample.file}`,
      {
        hint: 'The sample changed between verification and writing the report; run the verification again.',
      },
    );
  }
  // Manifest files go last: until they land, a verifier sees the old manifest disagree.
  const all = { ...contents, ...manifestFiles(manifest, key) };
  mkdirSync(dir, { recursive: true });
  await writeBundleFiles(dir, all);
  return { dir, files: Object.keys(all), manifest, fingerprint: key.fingerprint };
}

/**
 * Writes each file to a temp name (fsynced; a file may also be a copy of one on disk, checked
 * against its digest), then renames them all; on any error removes the temps.
 */
export async function writeBundleFiles(
  dir: string,
  files: Readonly<Record<string, BundleFile>>,
): Promise<void> {
  const temps: [string, string][] = [];
  const tag = tempTag();
  try {
    for (const [name, body] of Object.entries(files)) {
      const temp = tempName(dir, name, tag);
      temps.push([temp, join(dir, name)]);
      if (typeof body === 'string') writeDurably(temp, body);
      else await copyDurably(body.copyOf, temp, body.digest);
    }
    for (const [temp, final] of temps) renameSync(temp, final);
  } catch (error) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw error;
  }
}

const tempTag = (): string => `${process.pid}-${randomBytes(4).toString('hex')}`;
const tempName = (dir: string, name: string, tag: string): string => join(dir, `.${name}.${tag}.tmp`);

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    const buffer = Buffer.from(text);
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Copies `from` to a new file in 1 MiB chunks, hashing them: the copy must match `digest`. */
async function copyDurably(from: string, to: string, digest: FileDigest): Promise<void> {
  const hash = createHash('sha256');
  const source = await open(from, 'r');
  try {
    const target = await open(to, 'wx', 0o644);
    try {
      const buffer = Buffer.alloc(1 << 20);
      let bytes = 0;
      for (;;) {
        const { bytesRead } = await source.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        let offset = 0;
        while (offset < chunk.length) offset += (await target.write(chunk, offset)).bytesWritten;
        bytes += bytesRead;
      }
      await target.sync();
      if (bytes !== digest.bytes || hash.digest('hex') !== digest.sha256)
        throw new LeakverifyError('internal', `${digest.file} changed while the bundle was written`);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
