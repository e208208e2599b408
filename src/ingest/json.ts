import type { IngestLimits } from '../core/limits.js';
import type { RecordParser, RecordSink } from '../core/types.js';
import { JsonArrayParser } from './json-array.js';
import { JsonRecordEmitter } from './json-record.js';

export interface JsonParserOptions {
  /** `array`: one top-level array of objects (or an object wrapping one); `lines`: one document per line. */
  readonly mode: 'array' | 'lines';
}

/**
 * A push parser for JSON samples: arrays of objects, wrapped arrays (`{"users":[…]}`), JSON
 * lines and mongoexport output (Extended JSON unwrapped). Nested objects become dotted
 * columns (`address.zip`), arrays of scalars one `; `-joined cell.
 *
 * @example createJsonParser(sink, DEFAULT_LIMITS, { mode: 'lines' }).feed('{"a":1}\n')
 */
export function createJsonParser(
  sink: RecordSink,
  limits: IngestLimits,
  options: JsonParserOptions,
): RecordParser {
  return options.mode === 'lines' ? new JsonLinesParser(sink, limits) : new JsonArrayParser(sink, limits);
}

/**
 * JSON lines: each non-blank line is one document. A line is held only up to
 * `maxRecordChars`; longer ones are skipped to their end and rejected. Lines that are just
 * `[` or `]`, and a trailing comma, are tolerated so an array printed one object per line
 * still reads.
 */
class JsonLinesParser implements RecordParser {
  private readonly emitter: JsonRecordEmitter;
  private parts: string[] = [];
  private length = 0;
  private overflow = false;
  private line = 1;

  constructor(
    private readonly sink: RecordSink,
    private readonly limits: IngestLimits,
  ) {
    this.emitter = new JsonRecordEmitter(sink, limits);
  }

  feed(text: string): void {
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline;
      this.append(text, start, end);
      if (newline < 0) break;
      this.finishLine(false);
      this.line++;
      start = newline + 1;
    }
  }

  end(): void {
    if (this.length > 0 || this.overflow) this.finishLine(true);
    this.emitter.finish(this.line);
  }

  private append(text: string, start: number, end: number): void {
    if (this.overflow || end === start) return;
    this.length += end - start;
    if (this.length > this.limits.maxRecordChars) {
      this.overflow = true;
      this.parts = [];
    } else {
      this.parts.push(start === 0 && end === text.length ? text : text.slice(start, end));
    }
  }

  private finishLine(atInputEnd: boolean): void {
    const overflow = this.overflow;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.length = 0;
    this.overflow = false;
    if (overflow) {
      this.sink.reject(
        'line-too-long',
        `line longer than ${this.limits.maxRecordChars} characters`,
        this.line,
      );
      return;
    }
    let document = text.trim();
    if (document === '' || document === '[' || document === ']') return;
    if (document.endsWith(',')) document = document.slice(0, -1);
    if (document === '') return;
    this.emitter.emit(document, this.line, atInputEnd);
  }
}
