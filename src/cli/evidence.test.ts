import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../core/errors.js';
import { writeReportBundle } from '../report/bundle.js';
import { sha256Bytes } from '../report/manifest.js';
import { loadOrCreateSigningKey } from '../report/sign.js';
import { EXAMPLE_LINKS, exampleReport } from '../report/test-support/fixtures.js';
import { registerEvidence } from './evidence.js';
import { captureIo } from './test-io.js';

/** The command alone, with runCli's error mapping (program.ts wires it in for real). */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const program = new Command('leakverify').exitOverride().configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  });
  registerEvidence(program, io);
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    code = error instanceof CommanderError ? (error.exitCode === 0 ? 0 : 2) : exitCodeFor(error);
  }
  return { code, out: io.out(), err: io.err() };
}

let root: string;
let dir: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lv-cli-evidence-'));
  dir = join(root, 'out');
  const sample = join(root, 'sample.csv');
  writeFileSync(sample, 'email\nx@y.it\n');
  const base = exampleReport();
  await writeReportBundle(dir, {
    report: {
      ...base,
      sample: { ...base.sample, sha256: sha256Bytes('sample', readFileSync(sample)).sha256 },
    },
    links: EXAMPLE_LINKS,
    inputs: [{ role: 'sample', path: sample }],
    signingKeyDir: join(root, 'keys'),
    company: 'ShopCo',
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('leakverify evidence verify', () => {
  it('exits 0 on an intact bundle, also against its pinned key', async () => {
    const fingerprint = loadOrCreateSigningKey(join(root, 'keys')).fingerprint;
    const plain = await run(['evidence', 'verify', dir]);
    expect(plain).toMatchObject({ code: 0, err: '' });
    expect(plain.out).toContain(`verifies, signed by ${fingerprint}`);
    expect((await run(['evidence', 'verify', dir, '--expect-key', fingerprint])).code).toBe(0);
  });

  it('prints one line per problem and exits 1', async () => {
    const html = join(dir, 'report.html');
    const original = readFileSync(html);
    writeFileSync(html, Buffer.concat([original, Buffer.from('<!-- edited -->')]));
    try {
      const result = await run(['evidence', 'verify', dir, '--expect-key', `sha256:${'0'.repeat(64)}`]);
      expect(result.code).toBe(1);
      const lines = result.out.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('not the expected sha256:0000');
      expect(lines[1]).toBe('report.html: SHA-256 differs from the manifest (file modified)');
    } finally {
      writeFileSync(html, original);
    }
  });

  it('exits 3 for a directory that does not exist and 2 for usage errors', async () => {
    expect((await run(['evidence', 'verify', join(root, 'nope')])).code).toBe(3);
    expect((await run(['evidence', 'verify'])).code).toBe(2);
    const help = await run(['evidence', 'verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--expect-key');
  });
});
