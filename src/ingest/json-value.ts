/**
 * A small JSON parser for one bounded element (a record), written by hand rather than with
 * JSON.parse so numbers keep the text they were written with (`0012345`, 19-digit ids,
 * `1.10`) and depth is checked with an explicit stack, never by recursion on the input.
 *
 * It is deliberately lenient where sloppy leak dumps differ from strict JSON but the intent
 * is clear: trailing commas, NaN/Infinity (Python's json), leading zeros, unknown escapes,
 * raw control characters in strings, and mongo shell constructors such as
 * `ObjectId("…")`, `ISODate("…")` and `NumberLong(…)`.
 */
import { millisToIso } from './parser-text.js';

export class JsonObject {
  readonly keys: string[] = [];
  readonly values: JsonValue[] = [];
}

export class JsonArray {
  readonly items: JsonValue[] = [];
}

/** Scalars are kept as their text (numbers as written, booleans `true`/`false`); null is null. */
export type JsonValue = string | null | JsonObject | JsonArray;

export type JsonParseResult =
  | { readonly ok: true; readonly value: JsonValue }
  | {
      readonly ok: false;
      readonly code: 'invalid-json' | 'too-deep';
      readonly detail: string;
      /** True when the text ended before the value did (a record cut off). */
      readonly atEnd: boolean;
    };

class Failure {
  constructor(
    readonly code: 'invalid-json' | 'too-deep',
    readonly detail: string,
    readonly atEnd: boolean,
  ) {}
}

const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|-?Infinity/y;
const WORD = /[A-Za-z_$][\w$]*/y;
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parses `text` as exactly one JSON value, nested at most `maxDepth` levels. */
export function parseJsonValue(text: string, maxDepth: number): JsonParseResult {
  try {
    return { ok: true, value: new ValueParser(text, maxDepth).parseDocument() };
  } catch (error) {
    if (error instanceof Failure)
      return { ok: false, code: error.code, detail: error.detail, atEnd: error.atEnd };
    throw error;
  }
}

class ValueParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  parseDocument(): JsonValue {
    const stack: (JsonObject | JsonArray)[] = [];
    let value: JsonValue;
    this.skipSpace();
    for (;;) {
      // Read one value; containers are pushed and their first member read by the loop.
      const c = this.peek();
      if (c === 123 || c === 91) {
        if (stack.length >= this.maxDepth)
          throw new Failure('too-deep', `nesting deeper than ${this.maxDepth}`, false);
        this.pos++;
        this.skipSpace();
        if (c === 123) {
          const object = new JsonObject();
          if (this.peek() === 125) {
            this.pos++;
            value = object;
          } else {
            stack.push(object);
            this.readKey(object);
            continue;
          }
        } else {
          const array = new JsonArray();
          if (this.peek() === 93) {
            this.pos++;
            value = array;
          } else {
            stack.push(array);
            continue;
          }
        }
      } else {
        value = this.readScalar();
      }
      // Attach the value to its container; close containers as long as they end here.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          this.skipSpace();
          if (this.pos < this.text.length) this.fail('text after the end of the value');
          return value;
        }
        if (top instanceof JsonObject) top.values.push(value);
        else top.items.push(value);
        this.skipSpace();
        const close = top instanceof JsonObject ? 125 : 93;
        const next = this.peek();
        if (next === 44) {
          this.pos++;
          this.skipSpace();
          if (this.peek() !== close) break; // another member follows; a trailing comma falls through
        } else if (next !== close) {
          this.fail(top instanceof JsonObject ? "expected ',' or '}'" : "expected ',' or ']'");
        }
        this.pos++;
        stack.pop();
        value = top;
      }
      const top = stack[stack.length - 1];
      if (top instanceof JsonObject) this.readKey(top);
    }
  }

  private readKey(object: JsonObject): void {
    if (this.peek() !== 34) this.fail('expected a quoted key');
    object.keys.push(this.readString());
    this.skipSpace();
    if (this.peek() !== 58) this.fail("expected ':' after a key");
    this.pos++;
    this.skipSpace();
  }

  /** Constructors are only allowed at value level, so their arguments cannot nest them. */
  private readScalar(allowConstructor = true): string | null {
    const c = this.peek();
    if (c === 34) return this.readString();
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number !== null) {
      this.pos = NUMBER.lastIndex;
      return number[0];
    }
    WORD.lastIndex = this.pos;
    const word = WORD.exec(this.text);
    if (word === null) this.fail(c === -1 ? 'unexpected end' : 'unexpected character');
    this.pos = WORD.lastIndex;
    switch (word[0]) {
      case 'true':
      case 'false':
      case 'NaN':
      case 'Infinity':
        return word[0];
      case 'null':
      case 'undefined':
        return null;
      default:
        if (!allowConstructor) this.fail('unexpected word');
        return this.readShellConstructor(word[0]);
    }
  }

  /** `ObjectId("…")`, `ISODate("…")`, `NumberLong(…)`, `new Date(…)`: the mongo shell's notation. */
  private readShellConstructor(word: string): string | null {
    let name = word;
    this.skipSpace();
    if (name === 'new') {
      WORD.lastIndex = this.pos;
      const next = WORD.exec(this.text);
      if (next === null) this.fail('unexpected word');
      this.pos = WORD.lastIndex;
      name = next[0];
      this.skipSpace();
    }
    if (this.peek() !== 40) this.fail(`unexpected word ${JSON.stringify(name.slice(0, 20))}`);
    this.pos++;
    const args: string[] = [];
    this.skipSpace();
    while (this.peek() !== 41) {
      const arg = this.readScalar(false);
      args.push(arg ?? '');
      this.skipSpace();
      if (this.peek() === 44) {
        this.pos++;
        this.skipSpace();
      } else if (this.peek() !== 41) this.fail("expected ',' or ')'");
    }
    this.pos++;
    const first = args[0] ?? null;
    switch (name) {
      case 'ObjectId':
      case 'ISODate':
      case 'NumberLong':
      case 'NumberInt':
      case 'NumberDecimal':
      case 'UUID':
        return first;
      case 'Date':
        return first !== null && /^-?\d+$/.test(first) ? millisToIso(first) : first;
      case 'Timestamp':
        return first === null ? null : millisToIso(String(Number(first) * 1000));
      case 'BinData':
        return args[1] ?? null;
      default:
        return this.fail(`unknown constructor ${JSON.stringify(name.slice(0, 20))}`);
    }
  }

  private readString(): string {
    const text = this.text;
    let start = ++this.pos;
    let out = '';
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return out + text.slice(start, i);
      }
      if (c !== 92) continue;
      out += text.slice(start, i);
      const e = text[i + 1];
      if (e === undefined) break;
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape', i + 6 > text.length);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 5;
      } else {
        out += ESCAPES[e] ?? e;
        i += 1;
      }
      start = i + 1;
    }
    return this.fail('unterminated string', true);
  }

  private skipSpace(): void {
    const text = this.text;
    let i = this.pos;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff) break;
    }
    this.pos = i;
  }

  private peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  private fail(message: string, atEnd = this.pos >= this.text.length): never {
    throw new Failure('invalid-json', `${message} at offset ${this.pos}`, atEnd);
  }
}
