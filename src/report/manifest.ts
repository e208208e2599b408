/**
 * The evidence manifest: SHA-256 of every input and output file, settings, versions and
 * time, signed with Ed25519 (sign.ts). `verifyEvidence` recomputes it all, so an edited
 * report, a swapped input or a re-signed manifest (against a pinned key) is caught.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LeakverifyError } from '../core/errors.js';
import { hashFile } from '../core/file-hash.js';
import { VERSION } from '../core/version.js';
import {
  canonicalJson,
  normalizeFingerprint,
  publicKeyFingerprint,
  type SigningKey,
  signCanonical,
  verifyCanonical,
} from './sign.js';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';

export interface ManifestInput {
  readonly role: 'sample' | 'records';
  /** Path as given (recorded as an absolute path for re-checking). */
  readonly path: string;
  /** Records table name, for `records` inputs. */
  readonly name?: string;
  /**
   * The file's digest when it was read, if that was earlier: a records file is linked
   * through its index, so the manifest states the file that was indexed (and re-checking
   * flags it when the file has changed since) instead of hashing it again.
   */
  readonly digest?: { readonly sha256: string; readonly bytes: number };
}

export interface FileDigest {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface Manifest {
  readonly manifestVersion: 1;
  readonly tool: string;
  readonly createdAt: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly inputs: readonly (FileDigest & { readonly role: ManifestInput['role']; readonly name?: string })[];
  /** Files of the output directory, by base name. */
  readonly outputs: readonly FileDigest[];
  readonly signer: {
    readonly algorithm: 'ed25519';
    readonly publicKeyPem: string;
    readonly fingerprint: string;
  };
}

export async function sha256File(path: string): Promise<FileDigest> {
  return { file: path, ...(await hashFile(path)) };
}

export function sha256Bytes(file: string, data: string | Uint8Array): FileDigest {
  const buffer = typeof data === 'string' ? Buffer.from(data) : data;
  return { file, sha256: createHash('sha256').update(buffer).digest('hex'), bytes: buffer.length };
}

/** Versions of what produced the bundle; callers add the engine's own (`duckdb`), which only the store can ask. */
export function defaultVersions(): Record<string, string> {
  return { leakverify: VERSION, node: process.version };
}

export interface BuildManifestInput {
  readonly inputs: readonly ManifestInput[];
  readonly outputs: readonly FileDigest[];
  readonly settings: Readonly<Record<string, unknown>>;
  readonly key: SigningKey;
  readonly versions?: Readonly<Record<string, string>>;
  readonly now?: Date;
}

export async function buildManifest(input: BuildManifestInput): Promise<Manifest> {
  const inputs = [];
  for (const i of input.inputs) {
    const digest =
      i.digest ??
      (await sha256File(i.path).catch((error: unknown) => {
        throw new LeakverifyError(
          'input.not-found',
          `cannot read ${i.role === 'records' ? `the records file of table ${i.name ?? '?'}` : 'the sample'} at ${absolute(i.path)} to sign the report's manifest`,
          {
            cause: error,
            hint: 'The manifest hashes every input as it is on disk: put the file back at that path, or index it again from where it is now.',
          },
        );
      }));
    inputs.push({
      role: i.role,
      ...(i.name === undefined ? {} : { name: i.name }),
      ...digest,
      file: absolute(i.path),
    });
  }
  return {
    manifestVersion: 1,
    tool: `leakverify ${VERSION}`,
    createdAt: (input.now ?? new Date()).toISOString(),
    versions: { ...defaultVersions(), ...input.versions },
    settings: input.settings,
    inputs,
    outputs: input.outputs.map((o) => ({ file: basename(o.file), sha256: o.sha256, bytes: o.bytes })),
    signer: {
      algorithm: 'ed25519',
      publicKeyPem: input.key.publicKeyPem,
      fingerprint: input.key.fingerprint,
    },
  };
}

const absolute = (path: string): string => (path.startsWith('/') ? path : join(process.cwd(), path));

/** manifest.json exactly as written: canonical key order, two-space indent, final newline. */
export const manifestText = (manifest: Manifest): string => `${canonicalJson(manifest, 2)}\n`;

/** The three files a signed manifest adds to the output directory. */
export function manifestFiles(manifest: Manifest, key: SigningKey): Record<string, string> {
  return {
    [MANIFEST_FILE]: manifestText(manifest),
    [SIGNATURE_FILE]: `${signCanonical(manifest, key)}\n`,
    [PUBLIC_KEY_FILE]: key.publicKeyPem,
  };
}

export interface VerifyOptions {
  /** A pinned key fingerprint (`sha256:<hex>`); without one, any self-consistent signature passes. */
  readonly expectKey?: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** One line each, starting with the file concerned. */
  readonly problems: readonly string[];
  /** Things not checked, e.g. inputs no longer at their recorded path. */
  readonly notes: readonly string[];
  readonly fingerprint?: string;
}

// An Ed25519 signature is 64 bytes: exactly 86 base64 characters and `==`.
const SIGNATURE_TEXT = /^[A-Za-z0-9+/]{86}==\n$/;
const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Recomputes every hash of an evidence directory and checks the signature.
 * @example const { ok, problems } = await verifyEvidence('out/', { expectKey: 'sha256:ab12…' })
 */
export async function verifyEvidence(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const problems: string[] = [];
  const notes: string[] = [];
  let manifest: Manifest;
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
    manifest = JSON.parse(text) as Manifest;
    if (
      typeof manifest !== 'object' ||
      manifest === null ||
      !Array.isArray(manifest.outputs) ||
      !manifest.signer
    )
      throw new Error('not an evidence manifest');
  } catch (error) {
    return { ok: false, problems: [`${MANIFEST_FILE}: unreadable (${(error as Error).message})`], notes };
  }
  // The signature covers the content; this covers the bytes (whitespace edits, reordering).
  if (text !== manifestText(manifest))
    problems.push(`${MANIFEST_FILE}: not in its canonical layout (file edited)`);
  const publicKeyPem = String(manifest.signer.publicKeyPem ?? '');
  let fingerprint: string | undefined;
  try {
    fingerprint = publicKeyFingerprint(publicKeyPem);
  } catch {
    problems.push(`${MANIFEST_FILE}: the embedded public key is not a valid key`);
  }
  const signature = readText(join(dir, SIGNATURE_FILE));
  if (signature === undefined) problems.push(`${SIGNATURE_FILE}: missing`);
  else if (!SIGNATURE_TEXT.test(signature))
    problems.push(`${SIGNATURE_FILE}: not an Ed25519 signature (file edited)`);
  else if (!verifyCanonical(manifest, signature, publicKeyPem))
    problems.push(`${MANIFEST_FILE}: signature does not match (manifest.json or manifest.sig edited)`);
  const pubFile = readText(join(dir, PUBLIC_KEY_FILE));
  if (pubFile !== undefined && pubFile !== publicKeyPem)
    problems.push(`${PUBLIC_KEY_FILE}: differs from the public key in ${MANIFEST_FILE}`);
  if (fingerprint && manifest.signer.fingerprint !== fingerprint)
    problems.push(`${MANIFEST_FILE}: signer fingerprint does not match the embedded public key`);
  if (options.expectKey !== undefined && fingerprint !== normalizeFingerprint(options.expectKey)) {
    problems.push(
      `${MANIFEST_FILE}: signed by key ${fingerprint ?? 'unknown'}, not the expected ${normalizeFingerprint(options.expectKey)}`,
    );
  }
  for (const out of manifest.outputs) await checkOutput(dir, out, problems);
  for (const input of Array.isArray(manifest.inputs) ? manifest.inputs : []) {
    if (!isRegularFile(input.file)) {
      notes.push(`${input.role} input ${input.file}: not found at its recorded path, not re-checked`);
      continue;
    }
    const digest = await sha256File(input.file);
    if (digest.sha256 !== input.sha256)
      problems.push(`${input.file}: SHA-256 differs from the manifest (input changed)`);
  }
  checkReportSample(dir, manifest, problems);
  const listed = new Set([
    MANIFEST_FILE,
    SIGNATURE_FILE,
    PUBLIC_KEY_FILE,
    ...manifest.outputs.map((o) => o.file),
  ]);
  for (const name of safeList(dir)) if (!listed.has(name)) notes.push(`${name}: not covered by the manifest`);
  return { ok: problems.length === 0, problems, notes, ...(fingerprint ? { fingerprint } : {}) };
}

async function checkOutput(dir: string, out: FileDigest, problems: string[]): Promise<void> {
  // A manifest names files of its own directory only; anything else is refused, not read.
  if (typeof out.file !== 'string' || !SAFE_NAME.test(out.file) || out.file.startsWith('.')) {
    problems.push(`${MANIFEST_FILE}: invalid output name ${JSON.stringify(out.file)}`);
    return;
  }
  const path = join(dir, out.file);
  if (!isRegularFile(path)) {
    problems.push(`${out.file}: missing`);
    return;
  }
  const digest = await sha256File(path);
  if (digest.sha256 !== out.sha256)
    problems.push(`${out.file}: SHA-256 differs from the manifest (file modified)`);
}

/** report.json must describe the sample the manifest hashed (the report is about that file). */
function checkReportSample(dir: string, manifest: Manifest, problems: string[]): void {
  const sample = Array.isArray(manifest.inputs)
    ? manifest.inputs.find((i) => i.role === 'sample')
    : undefined;
  const text = sample ? readText(join(dir, 'report.json')) : undefined;
  if (!sample || text === undefined) return;
  try {
    const reported = (JSON.parse(text) as { sample?: { sha256?: unknown } }).sample?.sha256;
    if (reported !== sample.sha256)
      problems.push(`report.json: describes sample ${String(reported)}, not the input ${sample.file}`);
  } catch {
    // An unparsable report.json already fails its own hash check.
  }
}

// Only regular files are hashed: a manifest naming /dev/zero must not hang the verifier.
function isRegularFile(path: unknown): boolean {
  try {
    return typeof path === 'string' && statSync(path).isFile();
  } catch {
    return false;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile());
  } catch {
    return [];
  }
}
