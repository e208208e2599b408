import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Link } from '../match/link.js';
import { type RowsCsvText, renderRowsCsv, writeRowsCsvFile } from '../report/rows-csv.js';
import { openWorkspace } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import { readRowsCsvPages, removeRowsCsvSpool, spoolRowsCsv } from './link-pages.js';
import { makeLinks, writeLinksTable } from './test-support/links-table.js';

describe('rows.csv streamed from the links table', () => {
  let dir: string;
  let db: Workspace;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lv-link-pages-'));
    db = await openWorkspace(join(dir, 'ws'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('equals the in-memory rendering, byte for byte, over many pages (default page size)', async () => {
    // More links than one page of 50,000 rows, spread so that pages hold different counts.
    const links = makeLinks(120_000, 400_000, 7);
    await writeLinksTable(db, 'links_big', links);
    const spool = await spoolRowsCsv(db, 'links_big', { tmp: dir });
    try {
      const bytes = readFileSync(spool.path);
      const expected = renderRowsCsv(links);
      expect(bytes.toString('utf8') === expected).toBe(true);
      expect(spool.rows).toBe(120_000);
      expect(spool.bytes).toBe(Buffer.byteLength(expected));
      expect(spool.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      // Private: it names our records.
      expect(statSync(spool.path).mode & 0o777).toBe(0o600);
      expect(statSync(spool.dir).mode & 0o777).toBe(0o700);
    } finally {
      await removeRowsCsvSpool(spool);
    }
    expect(existsSync(spool.dir)).toBe(false);
  }, 30_000);

  it('pages by row ranges, one or several pages per query: sparse rows, small pages, an empty table', async () => {
    for (const [n, span, page, perQuery] of [
      [0, 10, 3, 1],
      [0, 10, 3, 8],
      [1, 1, 1, 1],
      [1, 1, 1, 8],
      [40, 40, 7, 1],
      [40, 40, 7, 2],
      [40, 40, 7, 8],
      [25, 10_000_000, 4, 1],
      [25, 10_000_000, 4, 3],
      [300, 2_000, 9, 5],
    ] as const) {
      const links = makeLinks(n, span, n + span);
      await writeLinksTable(db, 'links_small', links);
      const pages: RowsCsvText[] = [];
      for await (const p of readRowsCsvPages(db, 'links_small', page, perQuery)) pages.push(p);
      const [header, ...lines] = renderRowsCsv(links).split(/(?<=\r\n)/);
      expect(pages.map((p) => p.text).join('')).toBe(lines.join(''));
      expect(pages.every((p) => p.rows > 0 && p.rows <= page)).toBe(true);
      expect(pages.reduce((a, p) => a + p.rows, 0)).toBe(n);
      const file = join(dir, `small-${n}-${span}-${perQuery}.csv`);
      await writeRowsCsvFile(file, readRowsCsvPages(db, 'links_small', page, perQuery));
      expect(readFileSync(file, 'utf8')).toBe(header + lines.join(''));
    }
  });

  it('formats any text and probability as the JavaScript formatter does (DuckDB formats the pages)', async () => {
    // Exact ties at the seventh decimal (j/128, j odd) are where printf and toFixed differ.
    const probability = fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 128 }).map((j) => j / 128),
      fc.integer({ min: 0, max: 10_000_000 }).map((k) => k / 1e7),
      fc.constantFrom(0, 1, 1e-7, 0.9999995, 0.5000005),
    );
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '=1+1',
        '+41',
        '-x',
        '@SUM(A1)',
        '\tcell',
        '\rcell',
        'a"b',
        'a,b',
        'a\r\nb',
        'a\nb',
        '',
      ),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            row: fc.integer({ min: 1, max: 1e9 }),
            table: text,
            id: text,
            p: probability,
            level: fc.constantFrom('exact', 'probable', 'possible' as const),
            // Field names hold no ';' (it joins them in the table).
            fields: fc.array(text.map((t) => t.replaceAll(';', ''))),
          }),
          { selector: (x) => x.row, maxLength: 25 },
        ),
        async (items) => {
          const links: Link[] = items.map((x) => ({
            row: x.row,
            record_table: x.table,
            record_id: x.id,
            probability: x.p,
            level: x.level,
            agreeing_fields: x.fields,
          }));
          await writeLinksTable(db, 'links_any', links);
          const file = join(dir, `any-${n++}.csv`);
          await writeRowsCsvFile(file, readRowsCsvPages(db, 'links_any', 7));
          expect(readFileSync(file, 'utf8')).toBe(renderRowsCsv(links));
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('refuses a link outside the contract, as the JavaScript formatter does', async () => {
    const [a] = makeLinks(1, 10, 3);
    for (const bad of [{ probability: 1.5 }, { probability: Number.NaN }, { row: 0 }, { level: 'maybe' }]) {
      await writeLinksTable(db, 'links_bad', [{ ...a!, ...bad } as Link]);
      const file = join(dir, 'bad.csv');
      await expect(writeRowsCsvFile(file, readRowsCsvPages(db, 'links_bad'))).rejects.toThrow(
        /breaks the contract/,
      );
      expect(existsSync(file)).toBe(false);
    }
  });

  it('sweeps the spools of dead processes, not those of live ones', async () => {
    // Above Linux's largest pid_max (2^22): no process has it.
    const dead = join(dir, 'leakverify-rows-4194305-abcdef');
    const alive = join(dir, `leakverify-rows-${process.ppid}-abcdef`);
    for (const d of [dead, alive]) mkdirSync(d);
    writeFileSync(join(dead, 'rows.csv'), 'row\r\n');
    await writeLinksTable(db, 'links_none', []);
    const spool = await spoolRowsCsv(db, 'links_none', { tmp: dir });
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(alive)).toBe(true);
    expect(spool.dir.startsWith(join(dir, `leakverify-rows-${process.pid}-`))).toBe(true);
    expect(readFileSync(spool.path, 'utf8')).toBe(renderRowsCsv([]));
    await removeRowsCsvSpool(spool);
  });

  it('refuses pages out of row order and removes the partial file', async () => {
    const file = join(dir, 'unordered.csv');
    const [a, b] = makeLinks(2, 10, 3).sort((x, y) => x.row - y.row);
    await expect(writeRowsCsvFile(file, [[b!], [a!]])).rejects.toThrow(/row order/);
    expect(existsSync(file)).toBe(false);
    await expect(writeRowsCsvFile(file, [[{ ...a!, probability: 2 }]])).rejects.toThrow(RangeError);
    expect(existsSync(file)).toBe(false);
  });
});
