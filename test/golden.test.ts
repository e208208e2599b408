import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSample } from '../src/pipeline/inspect.js';

/**
 * Golden cases: each folder under test/cases holds one sample file and `expected.json`
 * with what `leakverify inspect` must understand of it. Add a folder to add a case.
 */
interface Expected {
  format: string;
  encoding: string;
  compression: string;
  rows: number;
  rejected: number;
  members?: number;
  rejectedCodes?: string[];
  notesContain?: string;
  columnNames?: string[];
  columns: Record<string, string>;
}

const casesDir = join(import.meta.dirname, 'cases');
const cases = readdirSync(casesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('golden samples understood by inspect', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));

  for (const name of cases) {
    it(name, async () => {
      const dir = join(casesDir, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const input = readdirSync(dir).find((f) => f !== 'expected.json');
      const report = await inspectSample(join(dir, input!));
      const s = report.sample;
      expect({ format: s.info.format, encoding: s.info.encoding, compression: s.info.compression }).toEqual({
        format: expected.format,
        encoding: expected.encoding,
        compression: expected.compression,
      });
      expect({ rows: s.rows, rejected: s.rejected }).toEqual({
        rows: expected.rows,
        rejected: expected.rejected,
      });
      if (expected.members !== undefined) expect(s.members).toHaveLength(expected.members);
      if (expected.rejectedCodes)
        expect(Object.keys(s.rejectedByReason).sort()).toEqual([...expected.rejectedCodes].sort());
      if (expected.notesContain) expect(s.notes.join('\n')).toContain(expected.notesContain);
      if (expected.columnNames) expect(s.columns).toEqual(expected.columnNames);
      const kinds = Object.fromEntries(report.columns.map((c) => [c.name, c.kind]));
      const wanted = Object.fromEntries(Object.keys(expected.columns).map((c) => [c, kinds[c]]));
      expect(wanted).toEqual(expected.columns);
      for (const column of report.columns) {
        expect(column.confidence).toBeGreaterThanOrEqual(0);
        expect(column.confidence).toBeLessThanOrEqual(1);
        if (expected.columns[column.name] && column.filled > 0)
          expect(column.examples.length).toBeGreaterThan(0);
      }
    });
  }
});
