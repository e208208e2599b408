import type { IngestLimits } from '../core/limits.js';
import type { Cell, RecordSink } from '../core/types.js';
import { ColumnRegistry, fillHoles } from './parser-columns.js';
import type { TableRef } from './sql-statements.js';

interface Binding {
  readonly indices: number[];
  /** True when value i goes to column i, so a tuple is already a row. */
  readonly identity: boolean;
}

interface TableInfo {
  readonly ref: TableRef;
  columns: string[] | null;
  binding: Binding | null;
}

/** Bounds on what table definitions may store, whatever a hostile dump declares. */
const MAX_TABLES = 10_000;
const MAX_STORED_CHARS = 8 << 20;
const MAX_NOTE_CHARS = 1000;

/**
 * The tables of a dump and the columns of the statement whose data is streaming. Column
 * names come from the statement's own list, else the table's CREATE TABLE, else
 * `col_1…col_n` after the first record; they merge by name across tables.
 */
export class SqlTables {
  private readonly columns: ColumnRegistry;
  private readonly tables = new Map<string, TableInfo>();
  private storedChars = 0;
  private notesLeft: number;
  private table: TableInfo | null = null;
  private names: string[] | null = null;
  private binding: Binding | null = null;

  constructor(
    private readonly sink: RecordSink,
    limits: IngestLimits,
  ) {
    this.columns = new ColumnRegistry(sink, limits.maxColumns);
    this.notesLeft = limits.maxNotes;
  }

  /** Records the columns of `CREATE TABLE ref (…)`. */
  define(ref: TableRef, columns: string[], line: number): void {
    const table = this.tableFor(ref);
    if (columns.length === 0 || table === null || !this.mayStore(columns)) return;
    table.columns = columns;
    table.binding = null;
    this.noteTable(table, columns, line);
  }

  /** Sets the column names for the INSERT or COPY whose data follows. */
  prepare(ref: TableRef, columns: string[] | null, line: number): void {
    const table = this.tableFor(ref);
    this.table = table;
    if (columns !== null) {
      this.names = columns;
      this.binding = this.bind(columns);
      if (table !== null && table.columns === null && this.mayStore(columns)) {
        table.columns = columns;
        this.noteTable(table, columns, line);
      }
    } else {
      this.names = table?.columns ?? null;
      if (table !== null && this.names !== null) table.binding ??= this.bind(this.names);
      this.binding = table?.binding ?? null;
    }
  }

  /**
   * Maps a record's values to sink columns and emits it, or rejects it when the count does
   * not match the names (as `truncated` when the input ended inside it). True if emitted.
   */
  deliver(values: Cell[], line: number, atEnd: boolean): boolean {
    if (this.names === null) this.synthesizeNames(values.length, line);
    const names = this.names!;
    if (values.length !== names.length) {
      const code = atEnd ? 'truncated' : 'column-count-mismatch';
      this.sink.reject(code, `expected ${names.length} values, found ${values.length}`, line);
      return false;
    }
    const binding = this.binding!;
    let row = values;
    if (!binding.identity) {
      row = [];
      for (let i = 0; i < values.length; i++) {
        const index = binding.indices[i]!;
        if (index >= 0) row[index] = values[i]!;
      }
      fillHoles(row);
    }
    this.sink.row(row, line);
    return true;
  }

  finish(line: number): void {
    this.columns.flushNotes(line);
  }

  private synthesizeNames(count: number, line: number): void {
    const names = Array.from({ length: count }, (_, i) => `col_${i + 1}`);
    this.names = names;
    this.binding = this.bind(names);
    const table = this.table;
    if (table !== null && table.columns === null && this.mayStore(names)) {
      table.columns = names;
      table.binding = this.binding;
      this.noteTable(table, names, line);
    }
  }

  /** Whether a table may keep these names, within the bound on all stored names. */
  private mayStore(names: string[]): boolean {
    let chars = names.length;
    for (const name of names) chars += name.length;
    if (this.storedChars + chars > MAX_STORED_CHARS) return false;
    this.storedChars += chars;
    return true;
  }

  private bind(names: string[]): Binding {
    const indices = names.map((name) => this.columns.indexOf(name));
    return { indices, identity: indices.every((index, i) => index === i) };
  }

  private tableFor(ref: TableRef): TableInfo | null {
    let table = this.tables.get(ref.key);
    if (table === undefined) {
      if (this.tables.size >= MAX_TABLES) return null;
      table = { ref, columns: null, binding: null };
      this.tables.set(ref.key, table);
    }
    return table;
  }

  private noteTable(table: TableInfo, columns: string[], line: number): void {
    if (this.notesLeft-- <= 0) return;
    const text = `table ${table.ref.display}: ${columns.join(', ')}`;
    this.sink.note(text.length > MAX_NOTE_CHARS ? `${text.slice(0, MAX_NOTE_CHARS)}…` : text, line);
  }
}
