/**
 * Writes the `--out DIR` bundle: report.json, report.html, statement.md, rows.csv and the
 * signed manifest. Every file is complete in a temp name before any is renamed into place,
 * the manifest last, so a failure leaves either the previous bundle or a complete new one
 * file by file, never a half-written file, and no temp behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LeakverifyError } from '../core/errors.js';
import { renderHtml } from './html.js';
import { buildManifest, type Manifest, type ManifestInput, manifestFiles, sha256Bytes } from './manifest.js';
import { renderRowsCsv } from './rows-csv.js';
import { loadOrCreateSigningKey } from './sign.js';
import { renderStatement } from './statement.js';
import type { LinkRow, RenderableReport } from './types.js';
import { validateReport } from './validate.js';

export interface BundleOptions {
  readonly report: RenderableReport;
  readonly links: readonly LinkRow[];
  /** The sample and records files the report was computed from. */
  readonly inputs: readonly ManifestInput[];
  /** Where the persistent Ed25519 key lives (created on first use); keep it outside `dir`. */
  readonly signingKeyDir: string;
  readonly company: string;
  /** Extra versions for the manifest, e.g. `{ duckdb: 'v1.3.0' }` from the store. */
  readonly versions?: Readonly<Record<string, string>>;
  readonly now?: Date;
}

export interface BundleResult {
  readonly dir: string;
  readonly files: readonly string[];
  readonly manifest: Manifest;
  readonly fingerprint: string;
}

export const BUNDLE_FILES = ['report.json', 'report.html', 'statement.md', 'rows.csv'] as const;

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
  const contents: Record<string, string> = {
    'report.json': `${JSON.stringify(options.report, null, 2)}\n`,
    'report.html': renderHtml(options.report),
    'statement.md': renderStatement(options.report, { company: options.company }),
    'rows.csv': renderRowsCsv(options.links),
  };
  const key = loadOrCreateSigningKey(options.signingKeyDir);
  const manifest = await buildManifest({
    inputs: options.inputs,
    outputs: Object.entries(contents).map(([file, text]) => sha256Bytes(file, text)),
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
  writeFilesAtomically(dir, all);
  return { dir, files: Object.keys(all), manifest, fingerprint: key.fingerprint };
}

/** Writes each file to a temp name (fsynced), then renames them all; on any error removes the temps. */
export function writeFilesAtomically(dir: string, files: Readonly<Record<string, string>>): void {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps: [string, string][] = [];
  try {
    for (const [name, text] of Object.entries(files)) {
      const temp = join(dir, `.${name}.${tag}.tmp`);
      temps.push([temp, join(dir, name)]);
      writeDurably(temp, text);
    }
    for (const [temp, final] of temps) renameSync(temp, final);
  } catch (error) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw error;
  }
}

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
