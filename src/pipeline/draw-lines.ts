import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { randomBelow } from './sample-reservoir.js';

/**
 * Draws random whole lines from a line-oriented file without reading all of it: `verify
 * --quick` takes 100,000 rows of a 10 GB dump in seconds this way. A random byte offset
 * resynchronises to the next line start, and offsets past the last line start wrap to the
 * first, so a line is drawn with probability proportional to the length of the line before
 * it (cyclically). That bias is acceptable: in a dump, the length of the row before says
 * nothing about the row drawn (rows are not ordered by anything a signal measures, and the
 * length of one customer's address is independent of the next customer's), so the drawn rows
 * are as good as uniform for the shares and signals; an exact draw would need every line
 * start, which is the full read --quick exists to avoid. Small files (or draws of most of
 * a file) are scanned for every line start and drawn exactly uniformly instead.
 */

export interface DrawOptions {
  readonly random: () => number;
  /** Byte offset where data lines start (after banner and header lines). */
  readonly dataStart?: number;
  /** Data regions up to this size are scanned for every line start (default 64 MiB). */
  readonly fullScanBytes?: number;
  /** Longer lines are skipped (default 1 MiB): no sample row is that long. */
  readonly maxLineBytes?: number;
  /** Which lines count as rows (default: any line with a non-blank byte). */
  readonly accept?: (line: Buffer) => boolean;
}

export interface DrawnLines {
  /** Byte offset of each drawn line, ascending. */
  readonly starts: readonly number[];
  /** Each drawn line without its line ending (`\n` or `\r\n`). */
  readonly lines: readonly Buffer[];
  readonly method: 'byte-offsets' | 'line-starts';
  /** Lines in the data region: counted (line-starts) or estimated from the drawn lines' mean length. */
  readonly lineCount: number;
  /** Whether the file's lines end in `\r\n`, judged from the drawn ones. */
  readonly crlf: boolean;
}

const WINDOW = 16 << 10;
const PILOT_LINES = 64;
const NEWLINE = 10;
const CR = 13;

const anyText = (line: Buffer): boolean => line.some((b) => b !== 32 && b !== 9 && b !== CR);

/**
 * Draws up to `n` distinct lines (all lines when the file has fewer).
 * @example const { lines } = drawLines('leak.csv', 100_000, { random: seededRandom(seed), dataStart: headerBytes })
 */
export function drawLines(path: string, n: number, options: DrawOptions): DrawnLines {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const file = new LineReader(fd, size, options.dataStart ?? 0, options.maxLineBytes ?? 1 << 20);
    const accept = options.accept ?? anyText;
    if (n <= 0 || file.dataStart >= size)
      return { starts: [], lines: [], method: 'line-starts', lineCount: 0, crlf: false };
    if (size - file.dataStart <= (options.fullScanBytes ?? 64 << 20))
      return drawAll(file, n, options.random, accept);
    const byOffset = drawByOffsets(file, n, options.random, accept);
    // Most of the file wanted: offsets would keep hitting lines already drawn; count them all.
    return byOffset ?? drawAll(file, n, options.random, accept);
  } finally {
    closeSync(fd);
  }
}

/** Positional reads of lines, with one reused buffer. */
class LineReader {
  private readonly buffer = Buffer.alloc(WINDOW);

  constructor(
    readonly fd: number,
    readonly size: number,
    readonly dataStart: number,
    readonly maxLine: number,
  ) {}

  /** The first byte offset at or after `from` that holds `\n`, or -1 (none before EOF or within `limit` bytes). */
  newlineFrom(from: number, limit: number): number {
    let at = from;
    while (at < this.size && at - from <= limit) {
      const got = readSync(this.fd, this.buffer, 0, Math.min(WINDOW, this.size - at), at);
      if (got <= 0) return -1;
      const i = this.buffer.subarray(0, got).indexOf(NEWLINE);
      if (i >= 0) return at + i;
      at += got;
    }
    return -1;
  }

  /** The line starting at `start` (without its ending), or null when it is longer than allowed. */
  lineAt(start: number): { line: Buffer; crlf: boolean } | null {
    const newline = this.newlineFrom(start, this.maxLine);
    if (newline < 0 && this.size - start > this.maxLine) return null;
    let end = newline < 0 ? this.size : newline;
    const crlf = newline >= 0 && end > start && this.byteAt(end - 1) === CR;
    if (crlf) end--;
    const line = Buffer.alloc(end - start);
    if (line.length > 0) readSync(this.fd, line, 0, line.length, start);
    return { line, crlf };
  }

  /**
   * The line at the smallest line start at or after `offset`, wrapping to the first data line
   * past the last one; null when a line in the way is too long to scan. One read serves the
   * common case (the rest of the hit line and the next line fit in the window).
   */
  lineAfter(offset: number): { start: number; line: Buffer; crlf: boolean } | null {
    let start: number;
    if (offset <= this.dataStart) start = this.dataStart;
    else {
      const from = offset - 1;
      const got = readSync(this.fd, this.buffer, 0, Math.min(WINDOW, this.size - from), from);
      const window = this.buffer.subarray(0, got);
      const first = window.indexOf(NEWLINE);
      const second = first < 0 ? -1 : window.indexOf(NEWLINE, first + 1);
      if (second >= 0) {
        const crlf = second > first + 1 && window[second - 1] === CR;
        const line = Buffer.from(window.subarray(first + 1, crlf ? second - 1 : second));
        return { start: from + first + 1, line, crlf };
      }
      const newline = first >= 0 ? from + first : this.newlineFrom(from, this.maxLine);
      if (newline < 0) {
        if (this.size - offset > this.maxLine) return null;
        start = this.dataStart;
      } else start = newline + 1 >= this.size ? this.dataStart : newline + 1;
    }
    const read = this.lineAt(start);
    return read === null ? null : { start, ...read };
  }

  private byteAt(at: number): number {
    readSync(this.fd, this.buffer, 0, 1, at);
    return this.buffer[0]!;
  }
}

/** Random offsets, in rounds until `n` distinct accepted lines; null when the file is too small for that. */
function drawByOffsets(
  file: LineReader,
  n: number,
  random: () => number,
  accept: (line: Buffer) => boolean,
): DrawnLines | null {
  const span = file.size - file.dataStart;
  const drawn = new Map<number, Buffer>();
  const tried = new Set<number>();
  let bytes = 0;
  let crlf = 0;
  // A pilot of a few lines estimates how many the file holds: wanting a large share of them
  // means offsets would mostly hit lines already drawn, and counting line starts is faster.
  let pilot = 0;
  let pilotBytes = 0;
  for (let k = 0; k < PILOT_LINES; k++) {
    const read = file.lineAfter(file.dataStart + Math.floor(random() * span));
    if (read === null) continue;
    pilot++;
    pilotBytes += read.line.length + (read.crlf ? 2 : 1);
  }
  if (pilot === 0 || n > span / (pilotBytes / pilot) / 3) return null;
  for (let round = 0; drawn.size < n && round < 8; round++) {
    const want = n - drawn.size;
    // Sorted offsets read the file front to back, which the page cache and disk prefer.
    const offsets = Array.from(
      { length: Math.ceil(want * 1.05) + 8 },
      () => file.dataStart + Math.floor(random() * span),
    );
    offsets.sort((a, b) => a - b);
    let fresh = 0;
    for (const offset of offsets) {
      if (drawn.size >= n) break;
      const read = file.lineAfter(offset);
      if (read === null || tried.has(read.start)) continue;
      tried.add(read.start);
      fresh++;
      if (!accept(read.line)) continue;
      drawn.set(read.start, read.line);
      bytes += read.line.length + (read.crlf ? 2 : 1);
      if (read.crlf) crlf++;
    }
    // Mostly repeats: the wanted rows are a large share of the file's lines.
    if (fresh < offsets.length / 4 && drawn.size < n) return null;
  }
  const starts = [...drawn.keys()].sort((a, b) => a - b);
  return {
    starts,
    lines: starts.map((s) => drawn.get(s)!),
    method: 'byte-offsets',
    lineCount: drawn.size === 0 ? 0 : Math.round(span / (bytes / drawn.size)),
    crlf: crlf > drawn.size / 2,
  };
}

/** Calls `fn` with every line of the data region (without its ending), reading 1 MiB at a time. */
function forEachLine(file: LineReader, fn: (start: number, line: Buffer, crlf: boolean) => void): void {
  const buffer = Buffer.alloc(1 << 20);
  let carry: Buffer[] = [];
  let lineStart = file.dataStart;
  const emit = (parts: Buffer[], terminated: boolean): void => {
    let line = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const crlf = terminated && line.length > 0 && line[line.length - 1] === CR;
    if (crlf) line = line.subarray(0, line.length - 1);
    fn(lineStart, line, crlf);
  };
  for (let at = file.dataStart; at < file.size; ) {
    const got = readSync(file.fd, buffer, 0, Math.min(buffer.length, file.size - at), at);
    if (got <= 0) break;
    const chunk = buffer.subarray(0, got);
    let from = 0;
    for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, i + 1)) {
      emit([...carry, chunk.subarray(from, i)], true);
      carry = [];
      from = i + 1;
      lineStart = at + from;
    }
    // The rest of the chunk begins a line that the next read ends; copy it (the buffer is reused).
    if (from < got) carry.push(Buffer.from(chunk.subarray(from)));
    at += got;
  }
  if (carry.length > 0) emit(carry, false);
}

/**
 * Every accepted line start of the data region, then a uniform choice of `n` of them (a
 * partial Fisher-Yates shuffle), read in a second pass.
 */
function drawAll(
  file: LineReader,
  n: number,
  random: () => number,
  accept: (line: Buffer) => boolean,
): DrawnLines {
  const starts: number[] = [];
  let lines = 0;
  let crlf = 0;
  forEachLine(file, (start, line, isCrlf) => {
    lines++;
    if (isCrlf) crlf++;
    if (line.length <= file.maxLine && accept(line)) starts.push(start);
  });
  const take = Math.min(n, starts.length);
  for (let k = 0; k < take; k++) {
    const j = k + randomBelow(random, starts.length - k);
    [starts[k], starts[j]] = [starts[j]!, starts[k]!];
  }
  const chosen = starts.slice(0, take).sort((a, b) => a - b);
  const picked: Buffer[] = [];
  let next = 0;
  forEachLine(file, (start, line) => {
    if (start !== chosen[next]) return;
    picked.push(Buffer.from(line));
    next++;
  });
  return {
    starts: chosen,
    lines: picked,
    method: 'line-starts',
    lineCount: lines,
    crlf: crlf > lines / 2,
  };
}
