/**
 * Finds where one element of a streamed JSON array ends, across chunks, without parsing it:
 * it tracks strings, escapes and bracket depth with counters (never recursion), and keeps
 * the element's text only while it is within `maxChars` and `maxDepth`. A bounded stack of
 * bracket types catches mismatched closers.
 */
export class ElementScanner {
  /** 1-based line where the element starts. */
  line = 0;
  /** Newlines seen since the caller last read them. */
  newlines = 0;
  tooDeep = false;
  mismatched = false;
  overflow = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private length = 0;
  private start = 0;
  private keepText = false;
  private readonly stack: Uint8Array;

  constructor(
    private readonly maxChars: number,
    private readonly maxDepth: number,
  ) {
    this.stack = new Uint8Array(Math.min(maxDepth + 1, 1 << 16));
  }

  /** Starts an element whose first character is `text[start]`; `keepText` when its text is needed. */
  begin(start: number, line: number, keepText: boolean): void {
    this.line = line;
    this.start = start;
    this.keepText = keepText;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.tooDeep = false;
    this.mismatched = false;
    this.overflow = false;
    this.parts = [];
    this.length = 0;
  }

  /** Scans from `from`; returns the index just past the element, or -1 if it runs past this chunk. */
  scan(text: string, from: number): number {
    const stack = this.stack;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let end = -1;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (depth === 0) {
            end = i + 1;
            break;
          }
        } else if (c === 10) this.newlines++;
        continue;
      }
      if (c === 34) {
        inString = true;
      } else if (c === 123 || c === 91) {
        if (depth < stack.length) stack[depth] = c === 123 ? 125 : 93;
        if (++depth > this.maxDepth && !this.tooDeep) {
          this.tooDeep = true;
          this.parts = [];
        }
      } else if (c === 125 || c === 93) {
        if (depth > stack.length || stack[depth - 1] === c) {
          depth--;
        } else {
          // A mismatched closer closes the nearest open bracket of its type; one that closes
          // nothing (`{"a":1]}`) is ignored. Either way the element is invalid.
          this.mismatched = true;
          let k = depth - 2;
          while (k >= 0 && stack[k] !== c) k--;
          if (k >= 0) depth = k;
        }
        if (depth === 0) {
          end = i + 1;
          break;
        }
      } else if (c === 10) {
        this.newlines++;
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    if (end >= 0 && this.length + (end - this.start) > this.maxChars) this.drop();
    return end;
  }

  /** At the end of a chunk: keeps the unfinished element's text, unless it is over the limit. */
  carry(text: string): void {
    if (this.keepText && !this.overflow && !this.tooDeep) {
      this.length += text.length - this.start;
      if (this.length > this.maxChars) this.drop();
      else this.parts.push(text.slice(this.start));
    }
    this.start = 0;
  }

  /** The element's whole text, ending at `text[end]` (only when neither too long nor too deep). */
  take(text: string, end: number): string {
    const slice = text.slice(this.start, end);
    const whole = this.parts.length === 0 ? slice : this.parts.join('') + slice;
    this.parts = [];
    return whole;
  }

  private drop(): void {
    this.overflow = true;
    this.parts = [];
  }
}
