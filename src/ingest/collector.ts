import type { IngestLimits } from '../core/limits.js';
import type { Cell, RecordSink, RejectCode, Rejection } from '../core/types.js';
import { printable } from './lines.js';
import type { MemberInfo, RowBatch } from './types.js';

/**
 * The sink side of ingestion: assigns ordinals in file order (every accepted row and every
 * rejected record takes the next one), merges columns of several archive members by name,
 * cuts rows into batches, and keeps the bounded evidence the summary reports.
 */
export class Collector {
  readonly columns: string[] = [];
  private readonly byName = new Map<string, number>();
  readonly queue: RowBatch[] = [];
  private ordinals: number[] = [];
  private lines: number[] = [];
  private rows: Cell[][] = [];
  ordinal = 0;
  accepted = 0;
  rejected = 0;
  readonly byReason: Partial<Record<RejectCode, number>> = {};
  readonly examples: Rejection[] = [];
  readonly notes: string[] = [];
  notesSeen = 0;
  readonly members: MemberInfo[] = [];

  constructor(
    private readonly limits: IngestLimits,
    private readonly batchSize: number,
  ) {}

  private globalColumn(name: string): number {
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    this.columns.push(name);
    this.byName.set(name, this.columns.length - 1);
    return this.columns.length - 1;
  }

  private addRow(values: Cell[], line: number): void {
    this.ordinal++;
    this.accepted++;
    this.rows.push(values);
    this.ordinals.push(this.ordinal);
    this.lines.push(line);
    if (this.rows.length >= this.batchSize) this.flush();
  }

  private addReject(code: RejectCode, detail: string, line: number): void {
    this.ordinal++;
    this.rejected++;
    this.byReason[code] = (this.byReason[code] ?? 0) + 1;
    if (this.examples.length < this.limits.maxRejectionExamples) {
      this.examples.push({ ordinal: this.ordinal, line, code, detail: printable(detail) });
    }
  }

  addNote(text: string): void {
    this.notesSeen++;
    if (this.notes.length < this.limits.maxNotes) this.notes.push(printable(text));
  }

  /** Moves the rows gathered so far into a batch on the queue. */
  flush(): void {
    if (this.rows.length === 0) return;
    this.queue.push({
      columns: this.columns.slice(),
      ordinals: this.ordinals,
      lines: this.lines,
      rows: this.rows,
    });
    this.ordinals = [];
    this.lines = [];
    this.rows = [];
  }

  /**
   * A sink for one member: its parser sees member-local column indices in declaration
   * order, which this maps onto the merged columns (identity for the first member).
   */
  memberSink(name: string, bytes: () => number): { sink: RecordSink; done: () => void } {
    const local: number[] = [];
    const localNames = new Map<string, number>();
    let identity = true;
    let rows = 0;
    let rejected = 0;
    const sink: RecordSink = {
      column: (column) => {
        const known = localNames.get(column);
        if (known !== undefined) return known;
        const at = this.globalColumn(column);
        const i = local.length;
        local.push(at);
        localNames.set(column, i);
        if (at !== i) identity = false;
        return i;
      },
      row: (values, line) => {
        rows++;
        if (identity) {
          this.addRow(values, line);
          return;
        }
        const out: Cell[] = [];
        for (let i = 0; i < values.length; i++) {
          const at = local[i];
          if (at === undefined) continue;
          while (out.length < at) out.push(null);
          out[at] = values[i] ?? null;
        }
        this.addRow(out, line);
      },
      reject: (code, detail, line) => {
        rejected++;
        this.addReject(code, detail, line);
      },
      note: (text) => this.addNote(text),
    };
    return { sink, done: () => this.members.push({ name, bytes: bytes(), rows, rejected }) };
  }
}
