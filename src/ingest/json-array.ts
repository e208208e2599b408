import type { IngestLimits } from '../core/limits.js';
import type { RecordParser, RecordSink } from '../core/types.js';
import { ElementScanner } from './json-element.js';
import { JsonRecordEmitter } from './json-record.js';

/** Where the scanner is: before a top-level value, inside a wrapper object, in the data array. */
enum Mode {
  Seek,
  Wrapper,
  PeekArray,
  Between,
  Element,
  Junk,
}

enum Kind {
  Object,
  Array,
  String,
  Bare,
}

/**
 * Streams the elements of a top-level JSON array (or of the first array of objects inside a
 * top-level wrapper object such as `{"data":{"rows":[…]}}`) without holding the array: each
 * element's boundaries are found by {@link ElementScanner}, then the element, at most
 * `maxRecordChars` long, is parsed on its own. A top-level object that wraps no array of
 * objects is itself one record, so a file holding a single object, or the mongo shell's
 * concatenated objects, still yields rows.
 */
export class JsonArrayParser implements RecordParser {
  private readonly emitter: JsonRecordEmitter;
  private readonly element: ElementScanner;
  private readonly maxChars: number;
  private readonly maxDepth: number;
  private line = 1;
  private mode = Mode.Seek;
  /** Whether the data array is the top-level value (its `]` ends the document). */
  private dataIsTop = false;
  private kind = Kind.Object;
  private bareFirst = '';

  // The top-level wrapper object: depth, string state, and its text while it may be a record.
  private wrapDepth = 0;
  private wrapInString = false;
  private wrapEscape = false;
  private wrapBuffering = false;
  private wrapParts: string[] = [];
  private wrapLength = 0;
  private wrapStart = 0;
  private wrapLine = 0;
  private foundData = false;
  private sawEmptyArray = false;

  constructor(
    private readonly sink: RecordSink,
    limits: IngestLimits,
  ) {
    this.emitter = new JsonRecordEmitter(sink, limits);
    this.element = new ElementScanner(limits.maxRecordChars, limits.maxJsonDepth);
    this.maxChars = limits.maxRecordChars;
    this.maxDepth = limits.maxJsonDepth;
  }

  feed(text: string): void {
    const n = text.length;
    this.wrapStart = 0;
    let i = 0;
    while (i < n) {
      switch (this.mode) {
        case Mode.Seek:
          i = this.seek(text, i);
          break;
        case Mode.Wrapper:
          i = this.scanWrapper(text, i);
          break;
        case Mode.PeekArray:
          i = this.peekArray(text, i);
          break;
        case Mode.Between:
          i = this.between(text, i);
          break;
        case Mode.Element:
          i = this.kind === Kind.Bare ? this.scanBare(text, i) : this.scanElement(text, i);
          break;
        case Mode.Junk:
          i = this.skipJunk(text, i);
          break;
      }
    }
    // Keep the unfinished element (or wrapper) text, unless it is already over the limit.
    if (this.mode === Mode.Element) this.element.carry(text);
    if (this.wrapBuffering && (this.mode === Mode.Wrapper || this.mode === Mode.PeekArray)) {
      this.wrapLength += n - this.wrapStart;
      if (this.wrapLength > this.maxChars) this.wrapParts = [];
      else this.wrapParts.push(text.slice(this.wrapStart));
    }
  }

  end(): void {
    const { element } = this;
    if (this.mode === Mode.Element) {
      if (this.kind === Kind.Bare) this.completeBare();
      else if (element.tooDeep) this.rejectTooDeep(element.line);
      else if (element.overflow) this.rejectTooLong(element.line);
      else this.sink.reject('truncated', 'the input ends inside this element', element.line);
    } else if ((this.mode === Mode.Wrapper || this.mode === Mode.PeekArray) && this.isWrapperRecord()) {
      this.sink.reject('truncated', 'the input ends inside this object', this.wrapLine);
    }
    this.mode = Mode.Seek;
    this.emitter.finish(this.line);
  }

  private seek(text: string, from: number): number {
    const i = this.skipSpace(text, from, false);
    if (i >= text.length) return i;
    const c = text.charCodeAt(i);
    if (c === 91) {
      this.dataIsTop = true;
      this.mode = Mode.Between;
    } else if (c === 123) {
      this.dataIsTop = false;
      this.wrapDepth = 1;
      this.wrapInString = false;
      this.wrapEscape = false;
      this.wrapBuffering = true;
      this.wrapParts = [];
      this.wrapLength = 0;
      this.wrapStart = i;
      this.wrapLine = this.line;
      this.foundData = false;
      this.sawEmptyArray = false;
      this.mode = Mode.Wrapper;
    } else {
      this.sink.reject('invalid-json', 'text outside the top-level JSON value', this.line);
      this.mode = Mode.Junk;
      return i;
    }
    return i + 1;
  }

  private skipJunk(text: string, from: number): number {
    const newline = text.indexOf('\n', from);
    if (newline < 0) return text.length;
    this.line++;
    this.mode = Mode.Seek;
    return newline + 1;
  }

  private scanWrapper(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.wrapInString) {
        if (this.wrapEscape) this.wrapEscape = false;
        else if (c === 92) this.wrapEscape = true;
        else if (c === 34) this.wrapInString = false;
      } else if (c === 34) {
        this.wrapInString = true;
      } else if (c === 123) {
        this.wrapDepth++;
      } else if (c === 91) {
        this.mode = Mode.PeekArray;
        return i + 1;
      } else if ((c === 125 || c === 93) && --this.wrapDepth === 0) {
        this.finishWrapper(text, i + 1);
        this.mode = Mode.Seek;
        return i + 1;
      }
    }
    return text.length;
  }

  /** Just after a `[` inside the wrapper: the first array whose first element is an object is the data. */
  private peekArray(text: string, from: number): number {
    const i = this.skipSpace(text, from, false);
    if (i >= text.length) return i;
    const c = text.charCodeAt(i);
    if (c === 123 && !this.foundData) {
      this.foundData = true;
      this.wrapBuffering = false;
      this.wrapParts = [];
      this.mode = Mode.Between;
      return i;
    }
    this.mode = Mode.Wrapper;
    if (c === 93) {
      this.sawEmptyArray = true;
      return i + 1;
    }
    this.wrapDepth++;
    return i;
  }

  private between(text: string, from: number): number {
    const i = this.skipSpace(text, from, true);
    if (i >= text.length) return i;
    const c = text.charCodeAt(i);
    if (c === 93 || c === 125) {
      // `]` closes the data array; a stray `}` inside a wrapper means the array was never closed.
      if (this.dataIsTop) {
        if (c === 93) this.mode = Mode.Seek;
        return i + 1;
      }
      this.mode = Mode.Wrapper;
      return c === 93 ? i + 1 : i;
    }
    this.kind = c === 123 ? Kind.Object : c === 91 ? Kind.Array : c === 34 ? Kind.String : Kind.Bare;
    this.element.begin(i, this.line, this.kind === Kind.Object);
    this.mode = Mode.Element;
    this.bareFirst = text[i] ?? '';
    // A bare token's first character is taken here, so scanning it can never stall on junk.
    return this.kind === Kind.Bare ? i + 1 : i;
  }

  private scanElement(text: string, from: number): number {
    const element = this.element;
    const end = element.scan(text, from);
    this.line += element.newlines;
    element.newlines = 0;
    return end < 0 ? text.length : this.complete(text, end);
  }

  /** A bare top-level token (number, literal or junk): never a record, only scanned past. */
  private scanBare(text: string, from: number): number {
    let i = from;
    while (i < text.length && isBareChar(text.charCodeAt(i))) i++;
    if (i < text.length) this.completeBare();
    return i;
  }

  private completeBare(): void {
    const line = this.element.line;
    if (/^[-0-9tfnNI]$/.test(this.bareFirst))
      this.sink.reject('not-an-object', 'the record is a scalar value, not an object', line);
    else this.sink.reject('invalid-json', 'unexpected character between elements', line);
    this.mode = Mode.Between;
  }

  private complete(text: string, end: number): number {
    const { element } = this;
    const line = element.line;
    this.mode = Mode.Between;
    if (this.kind === Kind.String) {
      this.sink.reject('not-an-object', 'the record is a string, not an object', line);
    } else if (element.tooDeep) {
      this.rejectTooDeep(line);
    } else if (this.kind === Kind.Array) {
      this.sink.reject('not-an-object', 'the record is an array, not an object', line);
    } else if (element.overflow) {
      this.rejectTooLong(line);
    } else if (element.mismatched) {
      this.sink.reject('invalid-json', 'mismatched brackets', line);
    } else {
      this.emitter.emit(element.take(text, end), line, false);
    }
    return end;
  }

  private finishWrapper(text: string, end: number): void {
    if (!this.isWrapperRecord()) return;
    this.wrapBuffering = false;
    if (this.wrapLength + (end - this.wrapStart) > this.maxChars) {
      this.rejectTooLong(this.wrapLine);
    } else {
      this.emitter.emit(this.wrapParts.join('') + text.slice(this.wrapStart, end), this.wrapLine, false);
    }
    this.wrapParts = [];
  }

  /** A top-level object is a record itself when it wraps no array of objects (and no empty one). */
  private isWrapperRecord(): boolean {
    return !this.foundData && !this.sawEmptyArray;
  }

  private rejectTooDeep(line: number): void {
    this.sink.reject('too-deep', `nesting deeper than ${this.maxDepth}`, line);
  }

  private rejectTooLong(line: number): void {
    this.sink.reject('line-too-long', `element longer than ${this.maxChars} characters`, line);
  }

  /** Skips whitespace (and, between elements, commas), counting lines. */
  private skipSpace(text: string, from: number, commas: boolean): number {
    let i = from;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      else if (c !== 32 && c !== 13 && c !== 9 && c !== 0xfeff && !(commas && c === 44)) break;
    }
    return i;
  }
}

/** Anything up to whitespace or JSON punctuation belongs to a bare token (`42`, `true`, junk). */
function isBareChar(c: number): boolean {
  return !(c <= 32 || c === 44 || c === 93 || c === 125 || c === 91 || c === 123 || c === 34 || c === 0xfeff);
}
