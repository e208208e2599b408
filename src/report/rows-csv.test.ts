import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  defuseFormula,
  formatProbability,
  formatRowsCsvLine,
  ROWS_CSV_HEADER,
  renderRowsCsv,
  writeRowsCsvFile,
} from './rows-csv.js';
import { EXAMPLE_LINKS } from './test-support/fixtures.js';
import type { LinkRow } from './types.js';

/** A strict RFC 4180 reader, to check what a spreadsheet or csv module would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('last line not terminated');
  return rows;
}

const link = (over: Partial<LinkRow>): LinkRow => ({
  row: 1,
  record_table: 'customers',
  record_id: 'C-1',
  probability: 0.5,
  level: 'possible',
  agreeing_fields: [],
  ...over,
});

describe('renderRowsCsv', () => {
  it('writes the SPEC header and one CRLF line per link, in row order', () => {
    const csv = renderRowsCsv([...EXAMPLE_LINKS].reverse());
    expect(csv.split('\r\n')[0]).toBe('row,record_table,record_id,probability,level,agreeing_fields');
    expect(csv).toBe(
      'row,record_table,record_id,probability,level,agreeing_fields\r\n' +
        '1,customers,C-000812,0.998,exact,email;last_name;first_name;dob\r\n' +
        '2,customers,C-104455,0.93,probable,email;last_name\r\n' +
        '4,customers,C-220001,0.71,possible,phone\r\n' +
        '5,orders,ORD-2024-0091,0.999,exact,email;phone;last_name;first_name\r\n',
    );
    expect(renderRowsCsv([])).toBe(`${ROWS_CSV_HEADER.join(',')}\r\n`);
  });

  it('quotes per RFC 4180', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    const csv = renderRowsCsv([link({ record_id: 'a,"b"\r\nc', agreeing_fields: ['x,y', 'z'] })]);
    expect(parseCsv(csv)[1]).toEqual(['1', 'customers', 'a,"b"\r\nc', '0.5', 'possible', 'x,y;z']);
  });

  it('defuses spreadsheet formulas in text fields', () => {
    expect(defuseFormula('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    for (const lead of ['=', '+', '-', '@', '\t', '\r'])
      expect(defuseFormula(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(defuseFormula('C-1')).toBe('C-1');
    const rows = parseCsv(
      renderRowsCsv([
        link({ record_table: '@SUM(A1)', record_id: '=cmd|calc!A0', agreeing_fields: ['-2+3'] }),
      ]),
    );
    expect(rows[1]).toEqual(['1', "'@SUM(A1)", "'=cmd|calc!A0", '0.5', 'possible', "'-2+3"]);
  });

  it('formats probabilities plainly and refuses values outside the contract', () => {
    expect(formatProbability(1)).toBe('1');
    expect(formatProbability(0)).toBe('0');
    expect(formatProbability(0.98765432)).toBe('0.987654');
    expect(formatProbability(1e-9)).toBe('0');
    expect(() => renderRowsCsv([link({ probability: 1.2 })])).toThrow(RangeError);
    expect(() => renderRowsCsv([link({ probability: Number.NaN })])).toThrow(RangeError);
    expect(() => renderRowsCsv([link({ row: 0 })])).toThrow(RangeError);
    expect(() => renderRowsCsv([link({ level: 'maybe' as never })])).toThrow(RangeError);
  });

  it('round-trips any text through a strict reader, with no cell a spreadsheet would evaluate', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            row: fc.integer({ min: 1, max: 1e6 }),
            id: fc.string(),
            table: fc.string(),
            fields: fc.array(fc.string()),
          }),
          {
            maxLength: 20,
          },
        ),
        (items) => {
          const links = items.map((x) =>
            link({ row: x.row, record_id: x.id, record_table: x.table, agreeing_fields: x.fields }),
          );
          const rows = parseCsv(renderRowsCsv(links)).slice(1);
          expect(rows).toHaveLength(links.length);
          for (const cells of rows) {
            expect(cells).toHaveLength(6);
            for (const cell of [cells[1]!, cells[2]!, cells[5]!]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          }
          const sorted = [...links].sort((a, b) => a.row - b.row);
          rows.forEach((cells, i) => {
            const id = sorted[i]!.record_id;
            expect(cells[2]).toBe(/^[=+\-@\t\r]/.test(id) ? `'${id}` : id);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('writeRowsCsvFile', () => {
  it('writes the bytes renderRowsCsv gives, however the links are split into pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lv-rows-csv-'));
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(
            fc.record({
              row: fc.integer({ min: 1, max: 1e9 }),
              id: fc.string(),
              fields: fc.array(fc.string()),
            }),
            { selector: (x) => x.row, maxLength: 30 },
          ),
          fc.array(fc.nat({ max: 30 }), { maxLength: 5 }),
          async (items, cuts) => {
            const links = items
              .map((x) => link({ row: x.row, record_id: x.id, agreeing_fields: x.fields }))
              .sort((a, b) => a.row - b.row);
            const at = [0, ...cuts.map((c) => Math.min(c, links.length)).sort((a, b) => a - b), links.length];
            const pages = at.slice(1).map((end, i) => links.slice(at[i], end));
            const path = join(dir, `${n++}.csv`);
            const file = await writeRowsCsvFile(path, pages);
            const expected = renderRowsCsv(links);
            expect(readFileSync(path, 'utf8')).toBe(expected);
            expect(file).toMatchObject({ rows: links.length, bytes: Buffer.byteLength(expected) });
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('formats one line as renderRowsCsv does', () => {
    expect(formatRowsCsvLine(link({ row: 7, record_id: '=1', agreeing_fields: ['a', 'b'] }))).toBe(
      "7,customers,'=1,0.5,possible,a;b",
    );
  });
});
