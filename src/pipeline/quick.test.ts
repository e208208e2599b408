import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell } from '../core/types.js';
import { openSample } from '../ingest/index.js';
import { drawQuickSample, type QuickSample } from './quick.js';

const dir = mkdtempSync(join(tmpdir(), 'lv-quick-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'email;nome;telefono';
const rows = Array.from(
  { length: 3000 },
  (_, i) =>
    `utente${i + 1}@example.it;${i % 2 ? 'Anna' : 'Luca Maria'} Rossi ${i + 1};+39 333 ${String(1000000 + i)}`,
);

async function readAll(drawn: QuickSample): Promise<{ columns: readonly string[]; cells: Cell[][] }> {
  const stream = await openSample(drawn.path, drawn.ingest);
  const cells: Cell[][] = [];
  let columns: readonly string[] = [];
  for await (const batch of stream.batches()) {
    columns = batch.columns;
    cells.push(...batch.rows);
  }
  return { columns, cells };
}

describe('drawQuickSample', () => {
  it('draws a plain CRLF file by byte offsets into a private file: header first, whole distinct rows', async () => {
    const path = join(dir, 'plain.csv');
    writeFileSync(path, `${HEADER}\r\n${rows.join('\r\n')}`);
    const drawn = await drawQuickSample(path, 250, { offsetMinBytes: 0, lineScanBytes: 0 });
    try {
      expect(drawn.note).toMatchObject({ rows: 250, of: null, method: 'byte-offsets', estimates: 'subset' });
      expect(drawn.note.source).toEqual({ file: 'plain.csv', bytes: statSync(path).size });
      expect(statSync(drawn.path).mode & 0o777).toBe(0o600);
      expect(statSync(drawn.dir).mode & 0o777).toBe(0o700);
      const text = readFileSync(drawn.path, 'utf8');
      expect(text.startsWith(`${HEADER}\r\n`)).toBe(true);
      const lines = text.split('\r\n').slice(1, -1);
      expect(lines).toHaveLength(250);
      expect(new Set(lines).size).toBe(250);
      expect(lines.every((l) => rows.includes(l))).toBe(true);
      const read = await readAll(drawn);
      expect(read.columns).toEqual(['email', 'nome', 'telefono']);
      expect(read.cells).toHaveLength(250);
      // The same file draws the same rows.
      const again = await drawQuickSample(path, 250, { offsetMinBytes: 0, lineScanBytes: 0 });
      expect(readFileSync(again.path, 'utf8')).toBe(text);
      rmSync(again.dir, { recursive: true });
    } finally {
      rmSync(drawn.dir, { recursive: true });
    }
  });

  it('caps the draw at the rows the file has', async () => {
    const path = join(dir, 'few.csv');
    writeFileSync(path, `${HEADER}\n${rows.slice(0, 40).join('\n')}\n`);
    const drawn = await drawQuickSample(path, 1000, { offsetMinBytes: 0 });
    try {
      expect(drawn.rows).toBe(40);
      expect((await readAll(drawn)).cells).toHaveLength(40);
    } finally {
      rmSync(drawn.dir, { recursive: true });
    }
  });

  it('draws a compressed sample with a banner by a reservoir over one pass, and keeps the claim', async () => {
    const path = join(dir, 'paste.txt.gz');
    const banner = '=== ShopCo FULL DB - Total: 87 million records - fresh ===';
    writeFileSync(path, gzipSync(`${banner}\n\n${HEADER}\n${rows.join('\n')}\n`));
    const drawn = await drawQuickSample(path, 500, { offsetMinBytes: 0 });
    try {
      expect(drawn.note).toMatchObject({ rows: 500, of: 3000, method: 'reservoir' });
      expect(drawn.claimedRows).toBe(87_000_000);
      const read = await readAll(drawn);
      expect(read.cells).toHaveLength(500);
      const original = new Set(rows);
      for (const row of read.cells) expect(original.has(row.join(';'))).toBe(true);
      expect(new Set(read.cells.map((r) => r[0])).size).toBe(500);
    } finally {
      rmSync(drawn.dir, { recursive: true });
    }
  });
});
