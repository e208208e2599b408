import type { Cell, RecordSink } from '../core/types.js';

/** Hostile headers can be 64 KiB per cell; a name is for people, so keep it short. */
const MAX_NAME_CHARS = 256;

/**
 * Column bookkeeping of a delimited parser: field position → sink column. Names are made
 * unique within the parser (`name`, `name_2`; empty → `col_3`), so for a fresh sink the
 * mapping is the identity and rows pass through without copying.
 */
export class PositionalColumns {
  private readonly used = new Set<string>();
  private readonly index: number[] = [];
  /** True while field i is sink column i. */
  identity = true;

  constructor(private readonly sink: RecordSink) {}

  get count(): number {
    return this.index.length;
  }

  private declare(wanted: string): void {
    let name = wanted;
    for (let k = 2; this.used.has(name); k++) name = `${wanted}_${k}`;
    this.used.add(name);
    const at = this.sink.column(name);
    if (at !== this.index.length) this.identity = false;
    this.index.push(at);
  }

  /** Declares header cells as columns, at most `maxColumns`; returns how many were kept. */
  declareHeader(cells: readonly string[], maxColumns: number, line: number): number {
    if (cells.length > maxColumns) {
      this.sink.note(`header has ${cells.length} columns; only the first ${maxColumns} are kept`, line);
    }
    const kept = Math.min(cells.length, maxColumns);
    for (let i = 0; i < kept; i++) {
      const name = cells[i]!.replace(/^\uFEFF/, '')
        .trim()
        .slice(0, MAX_NAME_CHARS);
      this.declare(name.length > 0 ? name : `col_${i + 1}`);
    }
    return kept;
  }

  /** Declares `col_N` columns for positions a longer row brings. */
  extendTo(count: number): void {
    for (let i = this.index.length; i < count; i++) this.declare(`col_${i + 1}`);
  }

  /** Places fields at their sink columns, filling gaps with null (absent). */
  remap(fields: readonly string[]): Cell[] {
    const out: Cell[] = [];
    for (let i = 0; i < fields.length; i++) {
      const at = this.index[i]!;
      while (out.length < at) out.push(null);
      out[at] = fields[i]!;
    }
    return out;
  }
}
