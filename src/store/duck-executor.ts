import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBTypeId,
  type DuckDBValue,
} from '@duckdb/node-api';
import bindings, { type Vector } from '@duckdb/node-bindings';
import { LeakverifyError } from '../core/errors.js';
import { appenderFor, toParam, toResultValue } from './convert.js';
import { quoteIdent, quoteIdents, redactSecrets } from './sql.js';
import {
  RAW_WIDTHS,
  type RawColumn,
  type RawColumns,
  type RawType,
  type SqlExecutor,
  type SqlParams,
  type SqlValue,
} from './types.js';

/** Wraps a DuckDB error so that key material echoed in its SQL excerpt never escapes. */
export function sqlError(error: unknown): LeakverifyError {
  const message = error instanceof Error ? error.message : String(error);
  return new LeakverifyError('store.sql', redactSecrets(message));
}

function bindable(params: SqlParams | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) return (params as readonly SqlValue[]).map(toParam);
  const out: Record<string, DuckDBValue> = {};
  for (const [name, value] of Object.entries(params as Record<string, SqlValue>)) out[name] = toParam(value);
  return out;
}

let stageCounter = 0;

/**
 * Executes directly on one connection, with no locking: `Workspace` serialises access and
 * owns transactions; this class only talks to DuckDB.
 */
export class DuckExecutor implements SqlExecutor {
  constructor(readonly connection: DuckDBConnection) {}

  async run(sql: string, params?: SqlParams): Promise<number> {
    try {
      const result = await this.connection.run(sql, bindable(params));
      return result.rowsChanged;
    } catch (error) {
      throw sqlError(error);
    }
  }

  async all<T extends object>(sql: string, params?: SqlParams): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql, bindable(params));
      return reader.convertRowObjects(toResultValue) as T[];
    } catch (error) {
      throw sqlError(error);
    }
  }

  async appendRows(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly SqlValue[]>,
  ): Promise<number> {
    const tableColumns = await this.columnsOf(table);
    if (tableColumns.length === 0)
      throw new LeakverifyError('store.sql', `no table named ${quoteIdent(table)}`);
    for (const column of columns) {
      if (!tableColumns.includes(column)) {
        throw new LeakverifyError(
          'store.sql',
          `table ${quoteIdent(table)} has no column ${quoteIdent(column)}`,
        );
      }
    }
    const direct = columns.length === tableColumns.length && columns.every((c, i) => c === tableColumns[i]);
    if (direct) return this.appendAll(table, columns.length, rows);
    // The appender fills every column of a table, so a subset goes through a staging
    // table with just those columns; INSERT ... SELECT then applies the defaults.
    const stage = `_append_stage_${++stageCounter}`;
    const list = quoteIdents(columns);
    await this.run(
      `CREATE TEMP TABLE ${quoteIdent(stage)} AS SELECT ${list} FROM ${quoteIdent(table)} LIMIT 0`,
    );
    try {
      const count = await this.appendAll(stage, columns.length, rows);
      await this.run(`INSERT INTO ${quoteIdent(table)} (${list}) SELECT ${list} FROM ${quoteIdent(stage)}`);
      return count;
    } finally {
      await this.run(`DROP TABLE IF EXISTS temp.main.${quoteIdent(stage)}`);
    }
  }

  async appendRaw(table: string, raw: RawColumns): Promise<number> {
    if (raw.names !== undefined) {
      const names = raw.names;
      const actual = await this.columnsOf(table);
      if (actual.length !== names.length || actual.some((c, i) => c !== names[i]))
        throw new LeakverifyError(
          'internal',
          `table ${quoteIdent(table)} does not have the columns appended to it, in their order`,
        );
    }
    return this.withAppender(table, (appender) => {
      const types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
      checkRawColumns(
        table,
        raw,
        types.map((t) => t.typeId),
      );
      const chunk = DuckDBDataChunk.create(types);
      const step = bindings.vector_size();
      for (let from = 0; from < raw.rows; from += step) {
        const n = Math.min(step, raw.rows - from);
        bindings.data_chunk_reset(chunk.chunk);
        bindings.data_chunk_set_size(chunk.chunk, n);
        raw.columns.forEach((column, c) => {
          const vector = bindings.data_chunk_get_vector(chunk.chunk, c);
          if (column.type === 'VARCHAR') {
            appendText(vector, column, from, n);
            return;
          }
          const width = RAW_WIDTHS[column.type];
          bindings.copy_data_to_vector(vector, 0, column.buffer, column.offset + from * width, n * width);
          if (column.valid === undefined) return;
          bindings.vector_ensure_validity_writable(vector);
          const words = column.valid.byteOffset / 4 + (column.validOffset ?? 0) + from / 32;
          bindings.copy_data_to_vector_validity(
            vector,
            0,
            column.valid.buffer,
            4 * words,
            8 * Math.ceil(n / 64),
          );
        });
        appender.appendDataChunk(chunk);
      }
      return raw.rows;
    });
  }

  /**
   * Runs `fill` with an appender on `table` and closes it (flushing the rows); on an error
   * the appender's rows are dropped and the error is rethrown as a LeakverifyError.
   */
  private async withAppender<T>(table: string, fill: (appender: DuckDBAppender) => T): Promise<T> {
    let appender: DuckDBAppender;
    try {
      appender = await this.connection.createAppender(table);
    } catch (error) {
      throw sqlError(error);
    }
    try {
      const result = fill(appender);
      appender.closeSync();
      return result;
    } catch (error) {
      try {
        appender.clear();
        appender.closeSync();
      } catch {
        // The appender may already be unusable; the enclosing transaction rolls back anyway.
      }
      throw error instanceof LeakverifyError ? error : sqlError(error);
    }
  }

  private async columnsOf(table: string): Promise<string[]> {
    // Temp tables shadow persistent ones, as in DuckDB's own name resolution.
    const rows = await this.all<{ column_name: string; database_name: string }>(
      `SELECT column_name, database_name FROM duckdb_columns()
       WHERE table_name = $1 AND schema_name = 'main'
       ORDER BY database_name <> 'temp', column_index`,
      [table],
    );
    const database = rows[0]?.database_name;
    return rows.filter((r) => r.database_name === database).map((r) => r.column_name);
  }

  private appendAll(table: string, width: number, rows: Iterable<readonly SqlValue[]>): Promise<number> {
    return this.withAppender(table, (appender) => {
      const appendOne = Array.from({ length: width }, (_, i) => appenderFor(appender.columnType(i)));
      let count = 0;
      for (const row of rows) {
        if (row.length !== width) {
          throw new LeakverifyError(
            'store.sql',
            `row ${count + 1} has ${row.length} values, expected ${width}`,
          );
        }
        for (let i = 0; i < width; i++) appendOne[i]!(appender, row[i] ?? null);
        appender.endRow();
        count++;
      }
      return count;
    });
  }
}

const RAW_TYPE_IDS: Readonly<Record<RawType, DuckDBTypeId>> = {
  BIGINT: DuckDBTypeId.BIGINT,
  UBIGINT: DuckDBTypeId.UBIGINT,
  INTEGER: DuckDBTypeId.INTEGER,
  SMALLINT: DuckDBTypeId.SMALLINT,
  VARCHAR: DuckDBTypeId.VARCHAR,
};

/** Validity words of one vector of text, reused. */
const textValid = new Uint32Array(2 * Math.ceil(bindings.vector_size() / 64));

/** Rows `from..from + n` of a VARCHAR raw column into `vector`: one call per non-NULL row, no string built. */
function appendText(vector: Vector, column: RawColumn, from: number, n: number): void {
  textValid.fill(0);
  const text = column.text;
  if (text !== undefined) {
    const bytes = new Uint8Array(column.buffer);
    for (let r = 0; r < n; r++) {
      const start = text.starts[from + r]!;
      const end = text.ends[from + r]!;
      if (end <= start) continue;
      textValid[r >>> 5]! |= 1 << (r & 31);
      bindings.vector_assign_string_element_len(vector, r, bytes.subarray(start, end));
    }
  }
  bindings.vector_ensure_validity_writable(vector);
  bindings.copy_data_to_vector_validity(vector, 0, textValid.buffer, 0, 8 * Math.ceil(n / 64));
}

/**
 * Refuses raw columns that do not fit `table` or their buffers: the copy itself checks
 * nothing, so a short buffer would append whatever memory follows it.
 */
function checkRawColumns(table: string, raw: RawColumns, typeIds: readonly DuckDBTypeId[]): void {
  const refuse = (why: string): never => {
    throw new LeakverifyError('store.sql', `cannot append raw columns to ${quoteIdent(table)}: ${why}`);
  };
  if (!Number.isInteger(raw.rows) || raw.rows < 0) refuse(`${raw.rows} is not a row count`);
  if (raw.columns.length !== typeIds.length)
    refuse(`${raw.columns.length} columns given, the table has ${typeIds.length}`);
  raw.columns.forEach((column, c) => {
    if (RAW_TYPE_IDS[column.type] !== typeIds[c]) refuse(`column ${c + 1} is not ${column.type}`);
    if (column.offset < 0 || column.offset + raw.rows * RAW_WIDTHS[column.type] > column.buffer.byteLength)
      refuse(`column ${c + 1} has fewer than ${raw.rows} values`);
    if (column.type === 'VARCHAR') {
      if (column.valid !== undefined) refuse(`column ${c + 1} is text: its NULLs are its empty rows`);
      const { text } = column;
      if (text === undefined) return;
      if (text.starts.length < raw.rows || text.ends.length < raw.rows)
        refuse(`column ${c + 1} has fewer than ${raw.rows} values`);
      for (let r = 0; r < raw.rows; r++)
        if (text.starts[r]! < 0 || text.ends[r]! > column.buffer.byteLength)
          refuse(`column ${c + 1}'s row ${r + 1} is outside its buffer`);
      return;
    }
    if (column.valid === undefined) return;
    const from = column.validOffset ?? 0;
    // Validity is copied in 64-bit words, so it must start on one and cover the last row's.
    if (from % 2 !== 0 || from < 0) refuse(`column ${c + 1}'s validity does not start on a 64-bit word`);
    if (from + 2 * Math.ceil(raw.rows / 64) > column.valid.length)
      refuse(`column ${c + 1}'s validity covers fewer than ${raw.rows} rows`);
  });
}
