import type { Cell, RecordSink } from '../core/types.js';

/** Names longer than this are shortened (keeping a hash) so hostile keys cannot bloat every row. */
const MAX_NAME_CHARS = 256;

/**
 * Maps column names to sink indices for one parser, enforcing `maxColumns`: a hostile sample
 * may invent a new key in every record, so past the limit names are refused (index -1) and
 * only counted, never stored.
 */
export class ColumnRegistry {
  private readonly indices = new Map<string, number>();
  /** Values dropped because their column was beyond the limit. */
  dropped = 0;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxColumns: number,
  ) {}

  /** The sink index of `name`, or -1 when the column limit is reached. */
  indexOf(fullName: string): number {
    const name = shortenName(fullName);
    const known = this.indices.get(name);
    if (known !== undefined) return known;
    if (this.indices.size >= this.maxColumns) {
      this.dropped++;
      return -1;
    }
    const index = this.sink.column(name);
    this.indices.set(name, index);
    return index;
  }

  /** Reports, once, how many values the column limit cost. */
  flushNotes(line: number): void {
    if (this.dropped === 0) return;
    this.sink.note(`columns beyond the limit of ${this.maxColumns} ignored (${this.dropped} times)`, line);
    this.dropped = 0;
  }
}

/** Turns sparse `row[index] = cell` assignments into a dense row the sink accepts. */
export function fillHoles(row: Cell[]): Cell[] {
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
  return row;
}

/** `name` itself, or (when longer than 256) its first 247 characters, `~` and an 8-digit hash. */
function shortenName(name: string): string {
  if (name.length <= MAX_NAME_CHARS) return name;
  return `${name.slice(0, MAX_NAME_CHARS - 9)}~${hashText(name)}`;
}

/** FNV-1a, enough to keep two long names that share a prefix apart. */
function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
