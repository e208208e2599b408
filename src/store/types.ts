/**
 * The narrow database interface the rest of leakverify speaks. Stages receive an
 * `SqlExecutor` (or a `Workspace`) and never see DuckDB itself, so they can be tested
 * against a real in-memory workspace and the driver can change behind this file.
 */

/** A value bound to a `$1`/`?` or `$name` parameter, or appended to a column. */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array | Date;

export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/**
 * A value read back. BIGINT/HUGEINT become `number` when exactly representable and a
 * decimal `string` otherwise; BLOB becomes a `Buffer`; BIT a string of '0'/'1' (select
 * `bits::BLOB` for bytes); DATE/TIMESTAMP a `Date`; DECIMAL a `number`.
 */
export type SqlResultValue =
  | null
  | boolean
  | number
  | string
  | Buffer
  | Date
  | SqlResultValue[]
  | { [key: string]: SqlResultValue };

export type SqlRow = Record<string, SqlResultValue>;

export interface SqlExecutor {
  /** Runs one statement; returns the number of rows inserted, updated or deleted. */
  run(sql: string, params?: SqlParams): Promise<number>;
  /** Runs a query and returns its rows as plain objects keyed by column name. */
  all<T extends object = SqlRow>(sql: string, params?: SqlParams): Promise<T[]>;
  /**
   * Bulk-loads rows through DuckDB's appender; `rows[i][j]` goes to `columns[j]`.
   * Columns of `table` not listed get their default. Returns the number of rows appended.
   */
  appendRows(table: string, columns: readonly string[], rows: Iterable<readonly SqlValue[]>): Promise<number>;
  /**
   * Bulk-loads fixed-width columns as raw bytes, one per column of `table` in order: no value
   * is converted on the way (see `RawColumns`). Returns the number of rows appended.
   */
  appendRaw(table: string, columns: RawColumns): Promise<number>;
}

/**
 * The types `appendRaw` copies, and their widths in bytes: fixed-width integers, and VARCHAR
 * (width 0: its rows are pieces of UTF-8 in `buffer`, see `RawColumn.text`).
 */
export const RAW_WIDTHS = { BIGINT: 8, UBIGINT: 8, INTEGER: 4, SMALLINT: 2, VARCHAR: 0 } as const;

export type RawType = keyof typeof RAW_WIDTHS;

/** One column for `appendRaw`: its values as little-endian bytes, `rows` of them from `offset`. */
export interface RawColumn {
  readonly type: RawType;
  readonly buffer: ArrayBuffer;
  /** Byte offset of row 0 in `buffer`. */
  readonly offset: number;
  /**
   * Which rows hold a value, one bit per row (bit r % 32 of word r / 32; set = a value), or
   * undefined when every row does. Its words from `validOffset` (a multiple of 2).
   */
  readonly valid?: Uint32Array<ArrayBuffer>;
  readonly validOffset?: number;
  /**
   * VARCHAR only (which takes no `valid`): row r is the UTF-8 of `buffer` from `starts[r]` to
   * `ends[r]`, NULL when that is empty; without `text`, every row is NULL.
   */
  readonly text?: { readonly starts: Int32Array; readonly ends: Int32Array };
}

export interface RawColumns {
  readonly rows: number;
  readonly columns: readonly RawColumn[];
  /**
   * The names of the table's columns, in the order `columns` fill them. Columns are appended
   * by position, and types alone cannot tell two UBIGINT columns apart: given, a table whose
   * columns are not these, in this order, is refused (code `internal`: the caller's layout and
   * the table disagree) before anything is appended.
   */
  readonly names?: readonly string[];
}

/** One step of a linkage pipeline (Splink style): `outputTable` is what later steps read. */
export interface SqlStep {
  readonly sql: string;
  readonly outputTable: string;
  /** Materialise as a temp table even outside debug mode (default: a temp view, except the last step). */
  readonly materialise?: boolean;
  /** Parameters for `sql`; a step with parameters is always materialised (views cannot hold them). */
  readonly params?: SqlParams;
}

export interface StepReport {
  readonly outputTable: string;
  readonly kind: 'table' | 'view';
  readonly ms: number;
  /** Known for materialised steps. */
  readonly rows?: number;
}

export interface RunStepsOptions {
  /** Materialise every step and log `outputTable`, timing and row count (never the SQL). */
  readonly debug?: boolean;
  /** Log the timing and row count of the steps materialised anyway (the others are views). */
  readonly timings?: boolean;
  /** Where debug lines go; defaults to stderr. */
  readonly log?: (line: string) => void;
}

export interface Workspace extends SqlExecutor {
  readonly dir: string;
  readonly dbPath: string;
  readonly readOnly: boolean;
  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. Calls made
   * inside `fn` (through `tx` or this workspace) join the transaction; other callers wait.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  runSteps(steps: readonly SqlStep[], options?: RunStepsOptions): Promise<StepReport[]>;
  /** Records that `unit` of `job` is complete, so a re-run can skip it. */
  markDone(job: string, unit: string): Promise<void>;
  isDone(job: string, unit: string): Promise<boolean>;
  /** Writes the WAL into the database file (DuckDB also does this on its own and on close). */
  checkpoint(): Promise<void>;
  /**
   * A connection of its own for writes beside this workspace's (a parallel load inserts on
   * two at once): its transactions neither wait for nor join the workspace's. Closed with the
   * workspace, or earlier by `close`.
   */
  openWriter(): Promise<Writer>;
  close(): Promise<void>;
}

/** A second connection to a workspace: one transaction at a time, as `Workspace.transaction`. */
export interface Writer {
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Waits for the transaction in flight, then closes the connection. */
  close(): Promise<void>;
}

export interface WorkspaceOptions {
  /** DuckDB memory limit, e.g. '4GB'. Default: DuckDB's own (80% of RAM). */
  readonly memoryLimit?: string;
  /** Worker threads; default: all available cores. */
  readonly threads?: number;
  /** Where DuckDB spills; default `<dir>/tmp`. */
  readonly tempDirectory?: string;
  readonly readOnly?: boolean;
}
