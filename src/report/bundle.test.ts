import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundleOptions, writeReportBundle } from './bundle.js';
import { MANIFEST_FILE, type Manifest, sha256Bytes, verifyEvidence } from './manifest.js';
import { renderRowsCsv, writeRowsCsvFile } from './rows-csv.js';
import { EXAMPLE_LINKS, exampleReport } from './test-support/fixtures.js';
import type { LinkRow } from './types.js';

let root: string;
let sample: string;
let common: Omit<BundleOptions, 'links' | 'rowsCsvFile'>;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lv-bundle-'));
  sample = join(root, 'sample.csv');
  writeFileSync(sample, 'email,name\nmario.rossi@libero.it,Mario Rossi\n');
  const base = exampleReport();
  common = {
    report: {
      ...base,
      sample: { ...base.sample, sha256: sha256Bytes('sample', readFileSync(sample)).sha256 },
    },
    inputs: [{ role: 'sample', path: sample }],
    signingKeyDir: join(root, 'keys'),
    company: 'ShopCo',
    now: new Date('2025-06-01T10:00:00Z'),
  };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Many links, so that the file spans several read chunks of the copy. */
const MANY: LinkRow[] = Array.from({ length: 40_000 }, (_, i) => ({
  ...EXAMPLE_LINKS[i % EXAMPLE_LINKS.length]!,
  row: i + 1,
  record_id: `C-${String(i).padStart(7, '0')},"x"`,
}));

describe('writeReportBundle with rows.csv written beforehand', () => {
  it('copies the file in and signs its digest, as if it had rendered the links itself', async () => {
    const spooled = join(root, 'spooled.csv');
    const file = await writeRowsCsvFile(spooled, [MANY.slice(0, 15_000), MANY.slice(15_000)]);
    const fromFile = join(root, 'from-file');
    const fromLinks = join(root, 'from-links');
    await writeReportBundle(fromFile, { ...common, rowsCsvFile: spooled });
    await writeReportBundle(fromLinks, { ...common, links: MANY });
    const rows = readFileSync(join(fromFile, 'rows.csv'));
    expect(rows.length).toBeGreaterThan(2 << 20);
    expect(rows.equals(readFileSync(join(fromLinks, 'rows.csv')))).toBe(true);
    expect(rows.toString('utf8') === renderRowsCsv(MANY)).toBe(true);
    const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    const digest = manifest(fromFile).outputs.find((o) => o.file === 'rows.csv');
    expect(digest).toEqual({ file: 'rows.csv', sha256: file.sha256, bytes: file.bytes });
    expect(manifest(fromFile).outputs).toEqual(manifest(fromLinks).outputs);
    expect((await verifyEvidence(fromFile)).problems).toEqual([]);
    // The spool is the caller's: still there, and no temp left in the bundle.
    expect(readFileSync(spooled).equals(rows)).toBe(true);
    expect(readdirSync(fromFile).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails before creating anything when the file is missing', async () => {
    const dir = join(root, 'missing');
    await expect(writeReportBundle(dir, { ...common, rowsCsvFile: join(root, 'nope.csv') })).rejects.toThrow(
      /ENOENT/,
    );
    expect(readdirSync(root)).not.toContain('missing');
  });
});
