import type { IngestLimits } from '../core/limits.js';
import type { Cell, RecordSink } from '../core/types.js';
import { flattenRecord, MAX_ARRAY_ITEMS } from './json-flatten.js';
import { JsonArray, JsonObject, parseJsonValue } from './json-value.js';
import { ColumnRegistry, fillHoles } from './parser-columns.js';

/**
 * Parses one bounded JSON element and hands it to the sink as a flattened row, or rejects
 * it with a reason. Shared by the array and lines parsers, which only find the boundaries.
 */
export class JsonRecordEmitter {
  private readonly columns: ColumnRegistry;
  private droppedItems = 0;

  constructor(
    private readonly sink: RecordSink,
    private readonly limits: IngestLimits,
  ) {
    this.columns = new ColumnRegistry(sink, limits.maxColumns);
  }

  /** `atInputEnd`: the element was cut by the end of input, so running out of text means truncation. */
  emit(text: string, line: number, atInputEnd: boolean): void {
    const result = parseJsonValue(text, this.limits.maxJsonDepth);
    if (!result.ok) {
      this.sink.reject(result.atEnd && atInputEnd ? 'truncated' : result.code, result.detail, line);
      return;
    }
    const value = result.value;
    if (!(value instanceof JsonObject)) {
      const what = value instanceof JsonArray ? 'an array' : value === null ? 'null' : 'a scalar value';
      this.sink.reject('not-an-object', `the record is ${what}, not an object`, line);
      return;
    }
    const flat = flattenRecord(value);
    this.droppedItems += flat.droppedItems;
    const { names, cells } = flat;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell != null && cell.length > this.limits.maxFieldChars) {
        const name = names[i]!.slice(0, 60);
        this.sink.reject(
          'field-too-long',
          `value of ${JSON.stringify(name)} has ${cell.length} characters`,
          line,
        );
        return;
      }
    }
    const row: Cell[] = [];
    for (let i = 0; i < cells.length; i++) {
      const index = this.columns.indexOf(names[i]!);
      if (index >= 0) row[index] = cells[i] ?? null;
    }
    this.sink.row(fillHoles(row), line);
  }

  /** Reports, once, what the column and array limits left out. */
  finish(line: number): void {
    this.columns.flushNotes(line);
    if (this.droppedItems > 0) {
      this.sink.note(
        `${this.droppedItems} nested array elements beyond the first ${MAX_ARRAY_ITEMS} of their array ignored`,
        line,
      );
      this.droppedItems = 0;
    }
  }
}
