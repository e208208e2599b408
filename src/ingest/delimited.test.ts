import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type IngestLimits, withLimits } from '../core/limits.js';
import type { Cell, RecordSink, RejectCode } from '../core/types.js';
import { createDelimitedParser, type DelimitedOptions } from './delimited.js';
import type { Dialect } from './types.js';

interface Collected {
  columns: string[];
  rows: { values: Cell[]; line: number }[];
  rejects: { code: RejectCode; detail: string; line: number }[];
  notes: { text: string; line: number }[];
}

function memorySink(): RecordSink & Collected {
  const c: Collected = { columns: [], rows: [], rejects: [], notes: [] };
  return {
    ...c,
    column(name) {
      const i = c.columns.indexOf(name);
      if (i >= 0) return i;
      c.columns.push(name);
      return c.columns.length - 1;
    },
    row: (values, line) => void c.rows.push({ values: [...values], line }),
    reject: (code, detail, line) => void c.rejects.push({ code, detail, line }),
    note: (text, line) => void c.notes.push({ text, line }),
  };
}

const CSV: Dialect = { delimiter: ',', quote: '"', hasHeader: true };

/** Parses `text` fed in the given piece sizes (to exercise chunk boundaries). */
function parse(
  text: string,
  options: Partial<DelimitedOptions> = {},
  limits: IngestLimits = DEFAULT_LIMITS,
  pieces: number[] = [],
): Collected {
  const sink = memorySink();
  const parser = createDelimitedParser(sink, limits, { dialect: CSV, ...options });
  let at = 0;
  for (const size of pieces) {
    parser.feed(text.slice(at, at + size));
    at += size;
  }
  parser.feed(text.slice(at));
  parser.end();
  const { columns, rows, rejects, notes } = sink;
  return { columns, rows, rejects, notes };
}

const values = (c: Collected) => c.rows.map((r) => r.values);

describe('createDelimitedParser', () => {
  it('reads a header and plain rows with LF, CRLF and CR line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const out = parse(['email,name', 'a@x.it,Ann', 'b@y.it,Bob'].join(eol) + eol);
      expect(out.columns).toEqual(['email', 'name']);
      expect(values(out)).toEqual([
        ['a@x.it', 'Ann'],
        ['b@y.it', 'Bob'],
      ]);
      expect(out.rows.map((r) => r.line)).toEqual([2, 3]);
    }
  });

  it('handles quoted fields with doubled quotes, delimiters and newlines inside', () => {
    const out = parse('id,note,city\n1,"said ""hi"", then left","Rome"\n2,"two\nlines",Milan\n3,x,y');
    expect(values(out)).toEqual([
      ['1', 'said "hi", then left', 'Rome'],
      ['2', 'two\nlines', 'Milan'],
      ['3', 'x', 'y'],
    ]);
    expect(out.rows.map((r) => r.line)).toEqual([2, 3, 5]);
  });

  it('keeps quotes inside unquoted fields literally and text after a closing quote', () => {
    const out = parse('a,b\n5\'10",x\n"ab"cd,e\n');
    expect(values(out)).toEqual([
      ['5\'10"', 'x'],
      ['abcd', 'e'],
    ]);
  });

  it('names headerless columns col_N and fixes duplicate or empty header names', () => {
    expect(parse('1,2\n3,4\n', { dialect: { ...CSV, hasHeader: false } }).columns).toEqual([
      'col_1',
      'col_2',
    ]);
    expect(parse('name,name,,col_3\n1,2,3,4\n').columns).toEqual(['name', 'name_2', 'col_3', 'col_3_2']);
  });

  it('pads short rows by absence and declares columns for long rows', () => {
    const out = parse('a,b\n1\n1,2,3\n');
    expect(values(out)).toEqual([['1'], ['1', '2', '3']]);
    expect(out.columns).toEqual(['a', 'b', 'col_3']);
  });

  it('keeps empty cells as empty strings and skips blank lines', () => {
    const out = parse('a,b,c\n\n,,\n  \n1,,3\n');
    expect(values(out)).toEqual([
      ['', '', ''],
      ['1', '', '3'],
    ]);
  });

  it('reads TSV, semicolon and pipe text', () => {
    for (const delimiter of ['\t', ';', '|'] as const) {
      const out = parse(`a${delimiter}b\n"x${delimiter}y"${delimiter}2\n`, {
        dialect: { ...CSV, delimiter },
      });
      expect(values(out)).toEqual([[`x${delimiter}y`, '2']]);
    }
  });

  it('rejects records over the limits with stable codes', () => {
    const limits = withLimits({ maxFieldChars: 5, maxRecordChars: 40, maxColumns: 3 });
    const text = 'a,b\n123456,x\n1,2,3,4\nok,\0\n' + 'z'.repeat(60) + '\nfine,row\n';
    const out = parse(text, {}, limits);
    expect(out.rejects.map((r) => [r.code, r.line])).toEqual([
      ['field-too-long', 2],
      ['too-many-fields', 3],
      ['nul-bytes', 4],
      ['line-too-long', 5],
    ]);
    expect(values(out)).toEqual([['fine', 'row']]);
    for (const r of out.rejects) expect(r.detail).not.toMatch(/[\n\r\0]/);
  });

  it('skips a line longer than the limit across many chunks without buffering it', () => {
    const limits = withLimits({ maxRecordChars: 1000 });
    const long = 'x'.repeat(50_000);
    const out = parse(`a,b\n1,2\n${long}\r\n3,4\n`, {}, limits, Array(60).fill(997));
    expect(out.rejects.map((r) => r.code)).toEqual(['line-too-long']);
    expect(out.rejects[0]?.line).toBe(3);
    expect(values(out)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(out.rows[1]?.line).toBe(4);
  });

  it('rejects an unterminated quote at the end and resynchronises on the next line', () => {
    const out = parse('a,b\n1,2\n"oops,3\n4,5\n6,7');
    expect(out.rejects.map((r) => [r.code, r.line])).toEqual([['unterminated-quote', 3]]);
    expect(values(out)).toEqual([
      ['1', '2'],
      ['4', '5'],
      ['6', '7'],
    ]);
  });

  it('does not let a stray quote swallow the rest of a long file', () => {
    const limits = withLimits({ maxRecordChars: 200 });
    const rows = Array.from({ length: 100 }, (_, i) => `${i},v${i}`);
    const text = `a,b\n"stray,1\n${rows.join('\n')}\n`;
    const out = parse(text, {}, limits, Array(40).fill(50));
    expect(out.rejects.map((r) => [r.code, r.line])).toEqual([['unterminated-quote', 2]]);
    expect(out.rows.length).toBe(100);
    expect(out.rows[99]?.values).toEqual(['99', 'v99']);
    expect(out.rows[99]?.line).toBe(102);
  });

  it('puts paste banners and one-field lines around the block in notes', () => {
    const text = [
      '=====================',
      'ShopCo customers FULL',
      'Total: 87,000,000 records',
      '',
      'email,name,city',
      'a@x.it,Ann,Rome',
      '# mid comment, with, commas',
      'b@y.it,Bob,Milan',
      '-----',
      'Leaked by someone, enjoy',
    ].join('\n');
    const out = parse(text, { paste: true, blockStartLine: 5 });
    expect(out.columns).toEqual(['email', 'name', 'city']);
    expect(values(out)).toEqual([
      ['a@x.it', 'Ann', 'Rome'],
      ['b@y.it', 'Bob', 'Milan'],
    ]);
    expect(out.notes.map((n) => n.text)).toEqual([
      '=====================',
      'ShopCo customers FULL',
      'Total: 87,000,000 records',
      '# mid comment, with, commas',
      '-----',
      'Leaked by someone, enjoy',
    ]);
    expect(out.rejects).toEqual([]);
  });

  it('parses quote-free text when the dialect has no quote character', () => {
    const out = parse('a;b\n"x;y"\n', { dialect: { delimiter: ';', quote: null, hasHeader: true } });
    expect(values(out)).toEqual([['"x', 'y"']]);
  });

  it('scans in linear time whatever characters are absent from a chunk', () => {
    // One 4 MB chunk of short lines with no CR, quote or NUL: every cached search must stay cached.
    for (const eol of ['\n', '\r']) {
      const text = `a,b${eol}${`1,x${eol}`.repeat(500_000)}`;
      let rows = 0;
      const sink = { ...memorySink(), row: () => void rows++ };
      const started = performance.now();
      const parser = createDelimitedParser(sink, DEFAULT_LIMITS, { dialect: CSV });
      parser.feed(text);
      parser.end();
      expect(rows).toBe(500_000);
      expect(performance.now() - started).toBeLessThan(3000);
    }
  });

  it('gives the same records whatever the chunking (property)', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z0-9 @.]{0,8}$/),
      fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
    const doc = fc.tuple(fc.array(row, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'));
    fc.assert(
      fc.property(doc, fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 30 }), ([rows, eol], cuts) => {
        const text = `h1,h2\n${rows.join(eol)}${eol}`;
        const whole = parse(text);
        const chunked = parse(text, {}, DEFAULT_LIMITS, cuts);
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips values written as RFC 4180 CSV (property)', () => {
    const value = fc.string({ maxLength: 10 }).filter((s) => !s.includes('\0'));
    const table = fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(table, (rows) => {
        const quoteCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const text = `a,b,c\r\n${rows.map((r) => r.map(quoteCell).join(',')).join('\r\n')}\r\n`;
        expect(values(parse(text))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
