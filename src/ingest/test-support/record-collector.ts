import type { Cell, RecordParser, RecordSink, RejectCode } from '../../core/types.js';

/** A RecordSink for tests: keeps everything, and can render rows as name → cell objects. */
export class RecordCollector implements RecordSink {
  readonly columns: string[] = [];
  readonly rows: { values: Cell[]; line: number }[] = [];
  readonly rejects: { code: RejectCode; detail: string; line: number }[] = [];
  readonly notes: { text: string; line: number }[] = [];
  /** Every record in order, as the driver would number them. */
  readonly records: ({ kind: 'row'; line: number } | { kind: 'reject'; code: RejectCode; line: number })[] =
    [];

  column(name: string): number {
    const known = this.columns.indexOf(name);
    if (known >= 0) return known;
    this.columns.push(name);
    return this.columns.length - 1;
  }

  row(values: Cell[], line: number): void {
    for (const value of values) if (value === undefined) throw new Error('row with a hole');
    this.rows.push({ values: [...values], line });
    this.records.push({ kind: 'row', line });
  }

  reject(code: RejectCode, detail: string, line: number): void {
    if (detail.length > 300 || /[\n\r]/.test(detail))
      throw new Error(`unsafe detail: ${detail.slice(0, 100)}`);
    this.rejects.push({ code, detail, line });
    this.records.push({ kind: 'reject', code, line });
  }

  note(text: string, line: number): void {
    this.notes.push({ text, line });
  }

  /** Rows as objects keyed by column name, leaving out absent (null or missing) cells. */
  objects(): Record<string, string>[] {
    // fromEntries, not assignment, so a column named `__proto__` stays a plain key.
    return this.rows.map(({ values }) =>
      Object.fromEntries(
        values.flatMap((value, index) => (value === null ? [] : [[this.columns[index]!, value] as const])),
      ),
    );
  }

  /** Rows as objects keyed by column name, keeping nulls. */
  objectsWithNulls(): Record<string, Cell>[] {
    return this.rows.map(({ values }) =>
      Object.fromEntries(values.map((value, index) => [this.columns[index]!, value])),
    );
  }

  /** A comparable summary of everything observed (for chunk-boundary tests). */
  summary(): unknown {
    return { rows: this.objectsWithNulls(), records: this.records, notes: this.notes, columns: this.columns };
  }
}

/** Feeds `text` to a parser in the given pieces (cut points are offsets into `text`). */
export function feedInPieces(parser: RecordParser, text: string, cuts: readonly number[]): void {
  let last = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.feed(text.slice(last, cut));
    last = cut;
  }
  parser.feed(text.slice(last));
  parser.end();
}
