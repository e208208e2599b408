import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type IngestLimits, withLimits } from '../core/limits.js';
import type { Cell, RejectCode } from '../core/types.js';
import { type CombolistOptions, createCombolistParser } from './combolist.js';

function parse(text: string, options: CombolistOptions, limits: IngestLimits = DEFAULT_LIMITS, piece = 0) {
  const columns: string[] = [];
  const rows: { values: Cell[]; line: number }[] = [];
  const rejects: { code: RejectCode; line: number }[] = [];
  const notes: string[] = [];
  const parser = createCombolistParser(
    {
      column: (name) => (columns.includes(name) ? columns.indexOf(name) : columns.push(name) - 1),
      row: (values, line) => void rows.push({ values, line }),
      reject: (code, _detail, line) => void rejects.push({ code, line }),
      note: (text) => void notes.push(text),
    },
    limits,
    options,
  );
  if (piece > 0) for (let i = 0; i < text.length; i += piece) parser.feed(text.slice(i, i + piece));
  else parser.feed(text);
  parser.end();
  return { columns, rows, rejects, notes, values: rows.map((r) => r.values) };
}

describe('createCombolistParser', () => {
  it('splits at the first separator, so passwords may contain it', () => {
    const out = parse('a@x.com:hunter2\nbob:pa:ss:word\r\nc@y.org:\n', { separator: ':' });
    expect(out.columns).toEqual(['login', 'password']);
    expect(out.values).toEqual([
      ['a@x.com', 'hunter2'],
      ['bob', 'pa:ss:word'],
      ['c@y.org', ''],
    ]);
    expect(out.rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('reads user|pass and user;pass, and falls back to another separator on mixed lists', () => {
    expect(parse('ann|p1\nbob|p;2\n', { separator: '|' }).values).toEqual([
      ['ann', 'p1'],
      ['bob', 'p;2'],
    ]);
    expect(parse('ann;p1\nbob:p2\n', { separator: ';' }).values).toEqual([
      ['ann', 'p1'],
      ['bob', 'p2'],
    ]);
  });

  it('keeps a consistent third field as col_3', () => {
    const out = parse('a@x.com:pa:ss:IT\nb@y.com:pw\n', { separator: ':', fields: 3 });
    expect(out.columns).toEqual(['login', 'password', 'col_3']);
    expect(out.values).toEqual([
      ['a@x.com', 'pa:ss', 'IT'],
      ['b@y.com', 'pw'],
    ]);
  });

  it('rejects lines without separator or login, and notes banners and a header line', () => {
    const text = '# combo by x\nemail:password\nnosep\n:secret\n\nok@x.com:1\n=====\n';
    const out = parse(text, { separator: ':' });
    expect(out.rejects).toEqual([
      { code: 'no-separator', line: 3 },
      { code: 'empty-credential', line: 4 },
    ]);
    expect(out.values).toEqual([['ok@x.com', '1']]);
    expect(out.notes).toEqual(['# combo by x', 'email:password', '=====']);
  });

  it('scans in linear time: no per-line search for a line end that is absent', () => {
    // 200k lines in one chunk: rescanning the chunk for a missing CR on every line would take
    // many seconds; a linear scan takes milliseconds.
    const text = 'ab@x.it:pw\n'.repeat(200_000);
    const started = performance.now();
    const out = parse(text, { separator: ':' });
    expect(out.rows).toHaveLength(200_000);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('skips over-long lines without buffering them, across chunks', () => {
    const limits = withLimits({ maxRecordChars: 100 });
    const text = `a@x.com:1\n${'y'.repeat(5000)}\nb@x.com:2`;
    const out = parse(text, { separator: ':' }, limits, 33);
    expect(out.rejects).toEqual([{ code: 'line-too-long', line: 2 }]);
    expect(out.values).toEqual([
      ['a@x.com', '1'],
      ['b@x.com', '2'],
    ]);
    expect(out.rows[1]?.line).toBe(3);
  });
});
