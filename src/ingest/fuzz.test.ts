import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, deflateRawSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { LeakverifyError } from '../core/errors.js';
import type { OpenSampleOptions } from './open.js';
import { openSample } from './open.js';

/**
 * Hostile-input properties of the whole ingestion: whatever the bytes, openSample either
 * streams rows with consistent ordinals or throws a LeakverifyError; it never crashes, hangs
 * or holds a huge line in memory.
 */

const dir = mkdtempSync(join(tmpdir(), 'lv-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
function write(content: Uint8Array | string): string {
  const path = join(dir, `f${counter++}`);
  writeFileSync(path, content);
  return path;
}

type Outcome = { kind: 'error'; code: string } | { kind: 'ok'; rows: number; rejected: number };

/** Drains a sample, checking the ordinal invariants as it goes. */
async function ingest(path: string, options: OpenSampleOptions = {}): Promise<Outcome> {
  try {
    const sample = await openSample(path, {
      limits: { maxRecordChars: 4096, maxFieldChars: 1024 },
      ...options,
    });
    const seen: number[] = [];
    for await (const batch of sample.batches()) {
      expect(batch.rows.length).toBe(batch.ordinals.length);
      for (const row of batch.rows) {
        expect(row.length).toBeLessThanOrEqual(batch.columns.length);
        for (const cell of row) expect(cell === null || typeof cell === 'string').toBe(true);
      }
      seen.push(...batch.ordinals);
    }
    const summary = sample.summary();
    expect(seen.length).toBe(summary.rows);
    const rejectedOrdinals = summary.rejectionExamples.map((r) => r.ordinal);
    const all = [...seen, ...rejectedOrdinals].sort((a, b) => a - b);
    for (let i = 1; i < all.length; i++) expect(all[i]).toBeGreaterThan(all[i - 1]!);
    expect(all.every((o) => o >= 1 && o <= summary.rows + summary.rejected)).toBe(true);
    const byReason = Object.values(summary.rejectedByReason).reduce((a, b) => a + b, 0);
    expect(byReason).toBe(summary.rejected);
    for (const r of summary.rejectionExamples) expect(r.detail).toMatch(/^[^\u0000-\u001f\u007f]{0,200}$/);
    for (const note of summary.notes) expect(note).toMatch(/^[^\u0000-\u001f\u007f]{0,200}$/);
    return { kind: 'ok', rows: summary.rows, rejected: summary.rejected };
  } catch (error) {
    if (!(error instanceof LeakverifyError)) throw error;
    expect(error.code).not.toBe('internal');
    return { kind: 'error', code: error.code };
  }
}

// Characters that matter to the parsers, so random text reaches their corners.
const TEXTY = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ',',
        ';',
        '\t',
        '|',
        ':',
        '"',
        "'",
        '\n',
        '\r',
        '\r\n',
        '\0',
        '{',
        '}',
        '[',
        ']',
        '\\',
        '`',
      ),
      fc.constantFrom(
        'a',
        'é',
        '€',
        '@',
        '1',
        ' ',
        '#',
        '=',
        '-',
        '$oid',
        'INSERT INTO ',
        'COPY t FROM stdin;',
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 300 },
  )
  .map((parts) => parts.join(''));

const VALID: Record<string, string> = {
  csv: 'email,name,city\r\nann@x.it,"Ann ""A""",Zürich\r\nbob@y.fr,Bob,"multi\nline"\r\n',
  paste: '=====\nTotal: 87,000,000 records\n\nemail;name\na@b.it;Ann\nc@d.it;Carla\n-- end\n',
  combo: 'a@x.com:hunter2\nb@y.com:p:w\nc@z.org:123456\n',
  json: '[{"email":"a@x.it","address":{"city":"Roma"}},{"email":"b@x.it","tags":["x","y"]}]',
  jsonl: '{"_id":{"$oid":"5f1d0c3e8e1b2a0017a1b2c3"},"email":"a@x.it"}\n{"email":"b@x.it"}\n',
  mysql:
    "-- MySQL dump\nCREATE TABLE `u` (`id` int, `email` varchar(9));\nINSERT INTO `u` VALUES (1,'a@x.it'),(2,'b\\'x');\n",
  postgres: 'COPY public.u (id, email) FROM stdin;\n1\ta@x.it\n2\t\\N\n\\.\n',
};

function validFiles(): Uint8Array[] {
  const texts = Object.values(VALID).map((t) => Buffer.from(t));
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID.csv!, 'utf16le')]);
  const zip = zipSync({ 'a.csv': strToU8(VALID.csv!), 'b.json': strToU8(VALID.json!) });
  return [...texts, utf16, gzipSync(VALID.paste!), zip];
}

describe('fuzz: openSample on hostile bytes', () => {
  it('never throws anything but a LeakverifyError on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 1500 }), async (bytes) => {
        await ingest(write(bytes));
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('reads arbitrary delimiter-rich text with consistent ordinals', async () => {
    await fc.assert(
      fc.asyncProperty(TEXTY, async (text) => {
        if (text.length === 0) return;
        const outcome = await ingest(write(text));
        if (outcome.kind === 'error') expect(['ingest.format', 'input.empty']).toContain(outcome.code);
      }),
      { numRuns: 250 },
    );
  }, 30_000);

  it('survives every truncation of valid files of each format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...validFiles()),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (file, cut) => {
          await ingest(write(file.subarray(0, Math.floor(file.length * cut))));
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);

  it('survives random byte corruption of valid files, archives included', async () => {
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      byte: fc.integer({ min: 0, max: 255 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...validFiles()),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        async (file, edits) => {
          const bytes = Buffer.from(file);
          for (const { at, byte } of edits) bytes[Math.floor(at * (bytes.length - 1))] = byte;
          await ingest(write(bytes));
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);

  it('survives garbage behind gzip and zip magic bytes', async () => {
    const magic = fc.constantFrom(
      [0x1f, 0x8b, 0x08, 0x00],
      [0x50, 0x4b, 0x03, 0x04],
      [0x50, 0x4b, 0x05, 0x06],
    );
    await fc.assert(
      fc.asyncProperty(magic, fc.uint8Array({ maxLength: 600 }), async (head, rest) => {
        const outcome = await ingest(write(Buffer.concat([Buffer.from(head), rest])));
        if (outcome.kind === 'error') expect(outcome.code).toMatch(/^(ingest|input)\./);
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('rejects records with NUL bytes without losing the others', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 5 }), async (rowsWithNul) => {
        const lines = ['id,email'];
        for (let i = 1; i <= 40; i++)
          lines.push(rowsWithNul.includes(i) ? `${i},a\0@x.it` : `${i},u${i}@x.it`);
        const outcome = await ingest(write(lines.join('\n')));
        const bad = new Set(rowsWithNul).size;
        expect(outcome).toEqual({ kind: 'ok', rows: 40 - bad, rejected: bad });
      }),
      { numRuns: 30 },
    );
  });

  it('keeps arbitrary header names as column names, made unique', async () => {
    const name = fc.string({ maxLength: 12 }).filter((s) => !/[\0\r\n]/.test(s));
    await fc.assert(
      fc.asyncProperty(fc.array(name, { minLength: 2, maxLength: 6 }), async (names) => {
        const cells = [...names, '; DROP TABLE x; --'];
        const header = cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
        const sample = await openSample(write(`${header}\n${cells.map((_, i) => i).join(',')}\n`), {
          header: true,
          delimiter: ',',
          format: 'csv',
        });
        for await (const _ of sample.batches());
        const columns = sample.summary().columns;
        expect(columns).toHaveLength(cells.length);
        expect(new Set(columns).size).toBe(cells.length);
        expect(columns.at(-1)).toMatch(/^; DROP TABLE x; --(_\d+)?$/);
        cells.forEach((c, i) => {
          if (c.trim() !== '') expect(columns[i]!.startsWith(c.trim())).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});

describe('fuzz: resource limits', () => {
  async function peakRssGrowth(path: string): Promise<{ growth: number; outcome: Outcome }> {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const sample = await openSample(path);
      let rows = 0;
      for await (const batch of sample.batches()) {
        rows += batch.rows.length;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      const summary = sample.summary();
      expect(summary.rejectedByReason['line-too-long']).toBe(1);
      return { growth: peak - before, outcome: { kind: 'ok', rows, rejected: summary.rejected } };
    } finally {
      clearInterval(timer);
    }
  }

  it('rejects a 50 MB single line as line-too-long without holding it in memory', async () => {
    const long = 'x'.repeat(50 << 20);
    const plain = write(`id,email\n1,a@x.it\n2,${long}\n3,c@x.it\n`);
    const { growth, outcome } = await peakRssGrowth(plain);
    expect(outcome).toEqual({ kind: 'ok', rows: 2, rejected: 1 });
    expect(growth).toBeLessThan(200 << 20);
    // The same line opened by a stray quote, and as a combolist line.
    const quoted = await ingest(write(`id,email\n1,a@x.it\n2,"${long}\n3,c@x.it\n`), { limits: {} });
    expect(quoted).toEqual({ kind: 'ok', rows: 2, rejected: 1 });
    const combo = await ingest(write(`a@x.it:1\nb@x.it:${long}\nc@x.it:3\n`), { limits: {} });
    expect(combo).toEqual({ kind: 'ok', rows: 2, rejected: 1 });
  }, 30_000);

  // Bombs of spaces, not zeros: zeros would already be refused as binary by the sniffer.
  it('stops a 2 GB gzip bomb early with ingest.zip-bomb', async () => {
    const member = gzipSync(Buffer.alloc(1 << 20, ' '));
    const bomb = Buffer.concat(Array.from({ length: 2048 }, () => member));
    const started = Date.now();
    expect(await ingest(write(bomb), { limits: {} })).toEqual({ kind: 'error', code: 'ingest.zip-bomb' });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('stops a 2 GB zip bomb, whether its directory is honest or lies', async () => {
    for (const declared of [2 ** 31, 1000]) {
      const outcome = await ingest(write(bombZip(2048, declared)), { limits: {} });
      expect(outcome).toEqual({ kind: 'error', code: 'ingest.zip-bomb' });
    }
  }, 30_000);
});

/**
 * A zip with one deflated member of `mib` MiB of spaces, built in milliseconds: deflate
 * segments ending in a sync flush are independent, so one 1 MiB segment repeats.
 */
function bombZip(mib: number, declaredSize: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(1 << 20, ' '), { finishFlush: constants.Z_SYNC_FLUSH });
  const data = Buffer.concat([...Array.from({ length: mib }, () => segment), Buffer.from([0x03, 0x00])]);
  const name = Buffer.from('spaces.csv');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(Math.min(declaredSize, 0xfffffffe), 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(Math.min(declaredSize, 0xfffffffe), 24);
  central.writeUInt16LE(name.length, 28);
  const directoryOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
