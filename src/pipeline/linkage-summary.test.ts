import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Link } from '../match/link.js';
import { readLinks } from '../match/output.js';
import { buildLinkageSummary } from '../report/extensions.js';
import { openWorkspace } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import { summariseLinkage } from './linkage-summary.js';
import { makeLinks, writeLinksTable } from './test-support/links-table.js';

/** The summary as build-report.ts computed it before, from every link in JS, in row order. */
function summaryInJs(links: readonly Link[], sampleRows: number, bins?: number) {
  const sorted = [...links].sort((a, b) => a.row - b.row);
  return buildLinkageSummary({
    links: sorted,
    sampleRows,
    fields: [...new Set(sorted.flatMap((l) => l.agreeing_fields))],
    ...(bins === undefined ? {} : { bins }),
  });
}

// Probabilities on and next to the bin edges, where floor(p * bins) is decided by rounding.
const EDGES = [
  0, 1, 0.1, 0.2, 0.3, 0.7, 0.29999999999999993, 0.30000000000000004, 0.5, 0.9999999999999999, 1e-300,
];

const linkArb = fc.record({
  row: fc.integer({ min: 1, max: 500 }),
  record_table: fc.constantFrom('customers', 'orders'),
  record_id: fc.string({ maxLength: 6 }),
  probability: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...EDGES)),
  level: fc.constantFrom('exact' as const, 'probable' as const, 'possible' as const),
  agreeing_fields: fc.uniqueArray(
    fc.constantFrom('email', 'phone', 'first_name', 'last_name', 'dob', 'a b'),
    {
      maxLength: 5,
    },
  ),
});

describe('summariseLinkage (SQL) against buildLinkageSummary (JS)', () => {
  let dir: string;
  let db: Workspace;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lv-linkage-summary-'));
    db = await openWorkspace(join(dir, 'ws'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same levels, histogram and field agreement on a large table', async () => {
    const links = makeLinks(30_000, 80_000, 11);
    await writeLinksTable(db, 'links', links);
    const sql = await summariseLinkage(db, 'links', { sampleRows: 80_000 });
    expect(sql).toEqual(summaryInJs(await readLinks(db, 'links'), 80_000));
    expect(sql).toEqual(summaryInJs(links, 80_000));
    expect(sql.levels.unlinked).toBe(50_000);
    expect(sql.histogram.reduce((n, b) => n + b.count, 0)).toBe(30_000);
    expect(sql.fieldAgreement.length).toBeGreaterThan(3);
  });

  it('gives the same numbers on arbitrary links (distinct rows, edge probabilities, any bins)', async () => {
    let table = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(linkArb, { selector: (l) => l.row, maxLength: 60 }),
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 1, max: 13 }),
        async (links, sampleRows, bins) => {
          const name = `links_${table++}`;
          await writeLinksTable(db, name, links);
          const sql = await summariseLinkage(db, name, { sampleRows, bins });
          expect(sql).toEqual(summaryInJs(links, sampleRows, bins));
          await db.run(`DROP TABLE "${name}"`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('summarises an empty links table', async () => {
    await writeLinksTable(db, 'none', []);
    const sql = await summariseLinkage(db, 'none', { sampleRows: 12 });
    expect(sql).toEqual(summaryInJs([], 12));
    expect(sql.levels).toEqual({ exact: 0, probable: 0, possible: 0, unlinked: 12 });
  });
});
