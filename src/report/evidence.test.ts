import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeakverifyError } from '../core/errors.js';
import { BUNDLE_FILES, writeReportBundle } from './bundle.js';
import {
  MANIFEST_FILE,
  type Manifest,
  manifestFiles,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  sha256Bytes,
  verifyEvidence,
} from './manifest.js';
import { canonicalJson, loadOrCreateSigningKey, normalizeFingerprint, SIGNING_KEY_FILE } from './sign.js';
import { EXAMPLE_LINKS, exampleReport } from './test-support/fixtures.js';
import { validateReport } from './validate.js';

let root: string;
let keyDir: string;
let sample: string;
let records: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lv-evidence-'));
  keyDir = join(root, 'keys');
  sample = join(root, 'sample.csv');
  records = join(root, 'customers.csv');
  writeFileSync(sample, 'email,name\nmario.rossi@libero.it,Mario Rossi\n');
  writeFileSync(records, 'id,email\nC-1,mario.rossi@libero.it\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The example report, about the test's own sample file. */
function report(): ReturnType<typeof exampleReport> {
  const base = exampleReport();
  return { ...base, sample: { ...base.sample, sha256: sha256Bytes('sample', readFileSync(sample)).sha256 } };
}

let n = 0;
async function bundle(): Promise<string> {
  const dir = join(root, `out-${n++}`);
  await writeReportBundle(dir, {
    report: report(),
    links: EXAMPLE_LINKS,
    inputs: [
      { role: 'sample', path: sample },
      { role: 'records', path: records, name: 'customers' },
    ],
    signingKeyDir: keyDir,
    company: 'ShopCo',
    versions: { duckdb: 'v1.3.0' },
    now: new Date('2025-06-01T10:00:00Z'),
  });
  return dir;
}

describe('signing a bundle over inputs', () => {
  it('refuses clearly when an input is no longer where it was indexed', async () => {
    const writing = writeReportBundle(join(root, 'out-missing'), {
      report: report(),
      links: EXAMPLE_LINKS,
      inputs: [
        { role: 'sample', path: sample },
        { role: 'records', path: join(root, 'moved-away.csv'), name: 'customers' },
      ],
      signingKeyDir: keyDir,
      company: 'ShopCo',
    });
    await expect(writing).rejects.toMatchObject({
      code: 'input.not-found',
      message: expect.stringContaining('records file of table customers'),
    });
  });
});

describe('an input read earlier (a records file through its index)', () => {
  it('is stated with the digest it had then, and re-checking flags the file changed since', async () => {
    const indexed = join(root, 'indexed.csv');
    writeFileSync(indexed, 'id,email\nC-1,mario.rossi@libero.it\n');
    const digest = sha256Bytes('indexed.csv', readFileSync(indexed));
    // Changed after it was indexed: the manifest still states what was indexed.
    writeFileSync(indexed, 'id,email\nC-2,anna.bianchi@libero.it\n');
    const dir = join(root, 'out-indexed');
    await writeReportBundle(dir, {
      report: report(),
      links: EXAMPLE_LINKS,
      inputs: [
        { role: 'sample', path: sample },
        {
          role: 'records',
          path: indexed,
          name: 'customers',
          digest: { sha256: digest.sha256, bytes: digest.bytes },
        },
      ],
      signingKeyDir: keyDir,
      company: 'ShopCo',
    });
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.inputs.find((i) => i.role === 'records')).toMatchObject({
      file: indexed,
      sha256: digest.sha256,
      bytes: digest.bytes,
    });
    expect((await verifyEvidence(dir)).problems).toEqual([
      `${indexed}: SHA-256 differs from the manifest (input changed)`,
    ]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, e: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    // Integer-like keys sort as strings too (a JS object would put them first).
    expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"b":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/finite/);
  });

  it('is independent of key order, and its indented form holds the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(canonicalJson(value, 2))).toEqual(JSON.parse(text));
        const reversed = JSON.parse(text, (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(canonicalJson(reversed)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('signing key', () => {
  it('is created once with private permissions, then reused', () => {
    const dir = join(root, 'fresh-keys');
    const first = loadOrCreateSigningKey(dir);
    const second = loadOrCreateSigningKey(dir);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(first.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(statSync(join(dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077).toBe(0);
    expect(readdirSync(dir)).toEqual([SIGNING_KEY_FILE]);
  });

  it('refuses an unreadable key instead of replacing it', () => {
    const dir = join(root, 'bad-keys');
    mkdirSync(dir);
    writeFileSync(join(dir, SIGNING_KEY_FILE), 'not a key');
    expect(() => loadOrCreateSigningKey(dir)).toThrow(expect.objectContaining({ code: 'protect.key' }));
    expect(readFileSync(join(dir, SIGNING_KEY_FILE), 'utf8')).toBe('not a key');
  });
});

describe('writeReportBundle and verifyEvidence', () => {
  it('writes every file, a valid report and a manifest that verifies', async () => {
    const dir = await bundle();
    expect(readdirSync(dir).sort()).toEqual(
      [...BUNDLE_FILES, MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE].sort(),
    );
    const written = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(validateReport(written).valid).toBe(true);
    expect(written).toEqual(JSON.parse(JSON.stringify(report())));
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.outputs.map((o) => o.file).sort()).toEqual([...BUNDLE_FILES].sort());
    expect(manifest.inputs.map((i) => [i.role, i.file])).toEqual([
      ['sample', sample],
      ['records', records],
    ]);
    expect(manifest.inputs[0]!.sha256).toBe(sha256Bytes('x', readFileSync(sample)).sha256);
    expect(manifest.versions).toMatchObject({ node: process.version, duckdb: 'v1.3.0' });
    expect(manifest.createdAt).toBe('2025-06-01T10:00:00.000Z');
    expect(manifest.settings).toEqual(exampleReport().provenance.settings);
    const result = await verifyEvidence(dir);
    expect(result).toMatchObject({ ok: true, problems: [], notes: [] });
    expect(result.fingerprint).toBe(loadOrCreateSigningKey(keyDir).fingerprint);
  });

  it('names the file when any byte of any file in the bundle is changed', async () => {
    const dir = await bundle();
    const files = [...BUNDLE_FILES, MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE];
    for (const file of files) {
      const original = readFileSync(join(dir, file));
      for (const at of [0, Math.floor(original.length / 2), original.length - 1]) {
        const edited = Buffer.from(original);
        edited[at] = edited[at]! ^ 0x01;
        writeFileSync(join(dir, file), edited);
        const result = await verifyEvidence(dir);
        expect(result.ok, `${file} byte ${at}`).toBe(false);
        expect(result.problems.join('\n'), `${file} byte ${at}`).toContain(file);
        writeFileSync(join(dir, file), original);
      }
    }
    expect((await verifyEvidence(dir)).ok).toBe(true);
  });

  it('catches a changed input, a missing output, and notes inputs it cannot find', async () => {
    const dir = await bundle();
    const original = readFileSync(sample);
    writeFileSync(sample, Buffer.concat([original, Buffer.from('x')]));
    expect((await verifyEvidence(dir)).problems).toEqual([
      `${sample}: SHA-256 differs from the manifest (input changed)`,
    ]);
    rmSync(sample);
    const moved = await verifyEvidence(dir);
    expect(moved.ok).toBe(true);
    expect(moved.notes.join('\n')).toContain(`sample input ${sample}: not found`);
    writeFileSync(sample, original);
    rmSync(join(dir, 'rows.csv'));
    expect((await verifyEvidence(dir)).problems).toEqual(['rows.csv: missing']);
  });

  it('detects a re-signed bundle only against a pinned key', async () => {
    const dir = await bundle();
    const pinned = loadOrCreateSigningKey(keyDir).fingerprint;
    // The forger edits the report, recomputes the hashes and signs with a key of their own.
    const forged = readFileSync(join(dir, 'report.html'), 'utf8').replace('RECYCLED', 'FABRICATED');
    writeFileSync(join(dir, 'report.html'), forged);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    const theirs = loadOrCreateSigningKey(join(root, 'forger'));
    const rewritten: Manifest = {
      ...manifest,
      outputs: manifest.outputs.map((o) =>
        o.file === 'report.html' ? { ...sha256Bytes(o.file, forged) } : o,
      ),
      signer: { algorithm: 'ed25519', publicKeyPem: theirs.publicKeyPem, fingerprint: theirs.fingerprint },
    };
    for (const [file, text] of Object.entries(manifestFiles(rewritten, theirs)))
      writeFileSync(join(dir, file), text);
    expect((await verifyEvidence(dir)).ok).toBe(true);
    const strict = await verifyEvidence(dir, { expectKey: pinned });
    expect(strict.ok).toBe(false);
    expect(strict.problems[0]).toContain(`not the expected ${pinned}`);
    const upper = `SHA256:${theirs.fingerprint.slice(7).toUpperCase()}`;
    expect((await verifyEvidence(dir, { expectKey: upper })).ok).toBe(true);
    expect(normalizeFingerprint(upper)).toBe(theirs.fingerprint);
  });

  it('refuses manifest entries outside the directory, even when signed', async () => {
    const dir = await bundle();
    const key = loadOrCreateSigningKey(keyDir);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    const evil = {
      ...manifest,
      outputs: [...manifest.outputs, { file: '../../etc/passwd', sha256: '0'.repeat(64), bytes: 1 }],
    };
    for (const [file, text] of Object.entries(manifestFiles(evil, key))) writeFileSync(join(dir, file), text);
    expect((await verifyEvidence(dir)).problems).toEqual([
      'manifest.json: invalid output name "../../etc/passwd"',
    ]);
  });

  it('checks that report.json describes the sample the manifest hashed', async () => {
    const dir = await bundle();
    const key = loadOrCreateSigningKey(keyDir);
    const other = { ...report(), sample: { ...report().sample, sha256: 'f'.repeat(64) } };
    const text = `${JSON.stringify(other, null, 2)}\n`;
    writeFileSync(join(dir, 'report.json'), text);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    const resigned = {
      ...manifest,
      outputs: manifest.outputs.map((o) => (o.file === 'report.json' ? sha256Bytes(o.file, text) : o)),
    };
    for (const [file, body] of Object.entries(manifestFiles(resigned, key)))
      writeFileSync(join(dir, file), body);
    expect((await verifyEvidence(dir)).problems).toEqual([
      `report.json: describes sample ${'f'.repeat(64)}, not the input ${sample}`,
    ]);
  });

  it('reports an empty or foreign directory as a problem, not a crash', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect((await verifyEvidence(empty)).problems[0]).toMatch(/^manifest.json: unreadable/);
    writeFileSync(join(empty, MANIFEST_FILE), '[1,2]');
    expect((await verifyEvidence(empty)).problems[0]).toMatch(/not an evidence manifest/);
  });

  it('leaves nothing half-written when it fails', async () => {
    const dir = join(root, 'failing');
    const options = {
      report: report(),
      links: EXAMPLE_LINKS,
      inputs: [{ role: 'sample' as const, path: sample }],
      signingKeyDir: keyDir,
      company: 'ShopCo',
    };
    // Rendering fails before anything is written.
    await expect(
      writeReportBundle(dir, { ...options, links: [{ ...EXAMPLE_LINKS[0]!, probability: 2 }] }),
    ).rejects.toThrow(RangeError);
    const invalid = { ...report(), verdict: { label: 'recycled' as const, confidence: 7, summary: 'x' } };
    await expect(writeReportBundle(dir, { ...options, report: invalid })).rejects.toSatisfy((e) =>
      isLeakverifyError(e, 'internal'),
    );
    await expect(
      writeReportBundle(dir, { ...options, inputs: [{ role: 'sample', path: join(root, 'nope.csv') }] }),
    ).rejects.toSatisfy((e) => isLeakverifyError(e, 'input.not-found'));
    expect(readdirSync(root)).not.toContain('failing');
    // Writing fails midway (rows.csv cannot be replaced): no temp file stays behind.
    mkdirSync(join(dir, 'rows.csv'), { recursive: true });
    await expect(writeReportBundle(dir, options)).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(dir)).not.toContain(MANIFEST_FILE);
  });
});
