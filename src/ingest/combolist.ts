import type { IngestLimits } from '../core/limits.js';
import type { Cell, RecordParser, RecordSink } from '../core/types.js';
import { createLineReader, isBannerLine, isBlank, printable } from './lines.js';

/**
 * Combolists: one `login<sep>password` per line, as traded on forums. A password may
 * contain the separator, so a line is split at its FIRST separator; with a consistent third
 * field (`email:pass:extra`) the extra is what follows the LAST one.
 */

export interface CombolistOptions {
  readonly separator: string;
  readonly fields?: 2 | 3;
  /** 1-based line where the data starts; non-blank lines before it are notes. */
  readonly blockStartLine?: number;
}

const SEPARATORS = [':', ';', '|'];
const HEADER = /^\s*(?:e-?mail|user(?:name)?|login)\s*[:;|]\s*pass(?:word)?\s*$/i;

/** Creates a combolist parser with columns `login`, `password` (and `col_3`). */
export function createCombolistParser(
  sink: RecordSink,
  limits: IngestLimits,
  options: CombolistOptions,
): RecordParser {
  const sep = options.separator;
  const fallbacks = SEPARATORS.filter((s) => s !== sep);
  const three = options.fields === 3;
  const blockStart = options.blockStartLine ?? 1;
  const columns = [sink.column('login'), sink.column('password')];
  if (three) columns.push(sink.column('col_3'));
  const identity = columns.every((c, i) => c === i);
  let seenData = false;

  function separatorIn(line: string): { at: number; sep: string } | null {
    const at = line.indexOf(sep);
    if (at !== -1) return { at, sep };
    // Lists merged from several sources mix separators; any known one beats rejecting the line.
    for (const other of fallbacks) {
      const i = line.indexOf(other);
      if (i !== -1) return { at: i, sep: other };
    }
    return null;
  }

  function onLine(line: string, at: number): void {
    if (isBlank(line)) return;
    if (at < blockStart || isBannerLine(line) || (!seenData && HEADER.test(line))) {
      sink.note(line.length > 400 ? line.slice(0, 400) : line, at);
      return;
    }
    seenData = true;
    if (line.includes('\0')) {
      sink.reject('nul-bytes', `NUL byte in line: ${printable(line, 120)}`, at);
      return;
    }
    const found = separatorIn(line);
    if (found === null) {
      sink.reject('no-separator', `no ${sep} separator: ${printable(line, 120)}`, at);
      return;
    }
    const login = line.slice(0, found.at);
    if (login.trim().length === 0) {
      sink.reject('empty-credential', `empty login: ${printable(line, 120)}`, at);
      return;
    }
    const values: string[] = [login];
    const last = three ? line.lastIndexOf(found.sep) : -1;
    if (last > found.at)
      values.push(line.slice(found.at + found.sep.length, last), line.slice(last + found.sep.length));
    else values.push(line.slice(found.at + found.sep.length));
    for (let i = 0; i < values.length; i++) {
      if (values[i]!.length > limits.maxFieldChars) {
        sink.reject(
          'field-too-long',
          `field ${i + 1} longer than ${limits.maxFieldChars}: ${printable(line, 120)}`,
          at,
        );
        return;
      }
    }
    sink.row(identity ? values : remap(values), at);
  }

  function remap(values: string[]): Cell[] {
    const out: Cell[] = [];
    values.forEach((v, i) => {
      const at = columns[i]!;
      while (out.length < at) out.push(null);
      out[at] = v;
    });
    return out;
  }

  const reader = createLineReader(limits.maxRecordChars, onLine, (preview, at) =>
    sink.reject(
      'line-too-long',
      `more than ${limits.maxRecordChars} characters: ${printable(preview, 120)}`,
      at,
    ),
  );
  return { feed: (text) => reader.feed(text), end: () => reader.end() };
}
