import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chiSquareGoodnessOfFit } from '../analyze/stats.js';
import { type DrawnLines, drawLines } from './draw-lines.js';
import { seededRandom } from './sample-reservoir.js';

const dir = mkdtempSync(join(tmpdir(), 'lv-draw-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEED = '5eed5eed00000000c0ffee00deadbeef';
const HEADER = 'email,name,city';

/** Rows of varying length, so that a cut inside one is visible. */
function rowsOf(n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) => `user${i + 1}@example.com,${'Name '.repeat(1 + (i % 5))}${i + 1},City ${i % 13}`,
  );
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Checks the draw against the file's rows: whole rows, at their true offsets, distinct, ascending. */
function expectWholeRows(drawn: DrawnLines, text: string, rows: readonly string[]): void {
  const starts = new Map<number, string>();
  let at = Buffer.byteLength(`${HEADER}\n`);
  const eol = text.includes('\r\n') ? 2 : 1;
  if (eol === 2) at++;
  for (const row of rows) {
    starts.set(at, row);
    at += Buffer.byteLength(row) + eol;
  }
  expect(drawn.lines).toHaveLength(drawn.starts.length);
  expect(new Set(drawn.starts).size).toBe(drawn.starts.length);
  expect([...drawn.starts]).toEqual([...drawn.starts].sort((a, b) => a - b));
  drawn.starts.forEach((start, i) => {
    expect(starts.get(start), `offset ${start}`).toBe(drawn.lines[i]!.toString('utf8'));
  });
}

const headerBytes = (eol: string) => Buffer.byteLength(`${HEADER}${eol}`);

describe('drawLines by byte offsets', () => {
  const rows = rowsOf(20_000);
  const text = `${HEADER}\n${rows.join('\n')}\n`;
  const path = write('plain.csv', text);

  it('returns whole rows, never the header, without duplicates, deterministically', () => {
    const options = { dataStart: headerBytes('\n'), fullScanBytes: 0 };
    const drawn = drawLines(path, 1000, { ...options, random: seededRandom(SEED) });
    expect(drawn.method).toBe('byte-offsets');
    expect(drawn.lines).toHaveLength(1000);
    expectWholeRows(drawn, text, rows);
    expect(drawn.lines.some((l) => l.toString() === HEADER)).toBe(false);
    expect(drawLines(path, 1000, { ...options, random: seededRandom(SEED) }).starts).toEqual(drawn.starts);
    // The row count is estimated from the drawn rows' mean length.
    expect(drawn.lineCount).toBeGreaterThan(18_000);
    expect(drawn.lineCount).toBeLessThan(22_000);
  });

  it('spreads evenly over the file (chi-square over 10 parts, equal-length rows)', () => {
    const even = Array.from({ length: 20_000 }, (_, i) => `row-${String(i).padStart(8, '0')}`);
    const evenPath = write('even.csv', `${HEADER}\n${even.join('\n')}\n`);
    const drawn = drawLines(evenPath, 4000, {
      random: seededRandom(SEED),
      dataStart: headerBytes('\n'),
      fullScanBytes: 0,
    });
    const counts = new Array<number>(10).fill(0);
    for (const line of drawn.lines) counts[Math.floor(Number(line.toString().slice(4)) / 2000)]!++;
    expect(
      chiSquareGoodnessOfFit(
        counts,
        counts.map(() => 0.1),
      ),
    ).toBeGreaterThan(0.001);
  });

  it('caps N at the row count (falls back to counting line starts when offsets keep repeating)', () => {
    const drawn = drawLines(path, 50_000, {
      random: seededRandom(SEED),
      dataStart: headerBytes('\n'),
      fullScanBytes: 0,
    });
    expect(drawn.method).toBe('line-starts');
    expect(drawn.lines).toHaveLength(20_000);
    expectWholeRows(drawn, text, rows);
  });

  it('reads CRLF files: rows without their \\r, and says the file is CRLF', () => {
    const crlfText = `${HEADER}\r\n${rows.slice(0, 5000).join('\r\n')}\r\n`;
    const crlfPath = write('crlf.csv', crlfText);
    const drawn = drawLines(crlfPath, 300, {
      random: seededRandom(SEED),
      dataStart: headerBytes('\r\n'),
      fullScanBytes: 0,
    });
    expect(drawn.crlf).toBe(true);
    expect(drawn.lines.every((l) => !l.includes(13))).toBe(true);
    expectWholeRows(drawn, crlfText, rows.slice(0, 5000));
  });

  it('draws the last row of a file without a trailing newline, whole', () => {
    const few = rows.slice(0, 40);
    const noEol = `${HEADER}\n${few.join('\n')}`;
    const noEolPath = write('no-eol.csv', noEol);
    for (const fullScanBytes of [0, 1 << 20]) {
      const drawn = drawLines(noEolPath, 40, {
        random: seededRandom(SEED),
        dataStart: headerBytes('\n'),
        fullScanBytes,
      });
      expect(drawn.lines.map(String)).toEqual(few);
      expectWholeRows(drawn, noEol, few);
    }
  });

  it('skips blank lines and lines the caller rejects', () => {
    const gappy = `${HEADER}\n${rows.slice(0, 200).join('\n\n')}\n`;
    const gappyPath = write('gappy.csv', gappy);
    const drawn = drawLines(gappyPath, 500, {
      random: seededRandom(SEED),
      dataStart: headerBytes('\n'),
      accept: (line) => line.length > 0 && !line.toString().includes('City 3'),
    });
    const expected = rows.slice(0, 200).filter((r) => !r.includes('City 3'));
    expect(drawn.lines.map(String)).toEqual(expected);
  });
});

describe('drawLines by line starts (small files)', () => {
  it('draws exactly uniformly: each of 100 rows about equally often over seeded draws', () => {
    const rows = rowsOf(100);
    const path = write('small.csv', `${HEADER}\n${rows.join('\n')}\n`);
    const counts = new Array<number>(100).fill(0);
    const master = seededRandom(SEED);
    for (let t = 0; t < 400; t++) {
      const seed = Math.floor(master() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
      const drawn = drawLines(path, 10, {
        random: seededRandom(seed.repeat(4)),
        dataStart: headerBytes('\n'),
      });
      expect(drawn.method).toBe('line-starts');
      for (const line of drawn.lines) counts[rows.indexOf(line.toString())]!++;
    }
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(
      chiSquareGoodnessOfFit(
        counts,
        counts.map(() => 0.01),
      ),
    ).toBeGreaterThan(0.001);
  });
});
