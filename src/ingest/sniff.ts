import type { SampleFormat } from '../core/types.js';
import { isBannerLine, isBlank, splitLines } from './lines.js';
import { looksLikeHeader } from './sniff-header.js';
import type { Dialect } from './types.js';

/**
 * Deciding the format and dialect from the first ~256 KiB of decoded text. Attackers post
 * whatever their tools wrote, so this trusts shapes in the text, never the file name.
 */

export const SNIFF_CHARS = 256 << 10;

export interface SniffOptions {
  /** True when `text` is the whole member, so its last line is complete. */
  readonly atEnd: boolean;
  readonly format?: SampleFormat;
  readonly delimiter?: Dialect['delimiter'];
  readonly header?: boolean;
}

export interface SniffResult {
  readonly format: SampleFormat;
  /** For csv, paste and combolist. */
  readonly dialect?: Dialect;
  /** For json and mongo-json: one array, or one document after another. */
  readonly jsonMode?: 'array' | 'lines';
  /** 1-based physical line where the data block (header or first row) starts; earlier lines are notes. */
  readonly blockStartLine: number;
  /** For combolists: `login:password` (2) or `login:password:extra` (3). */
  readonly comboFields?: 2 | 3;
}

const DELIMITERS: readonly Dialect['delimiter'][] = [',', '\t', ';', '|'];
const QUOTES: readonly Dialect['quote'][] = ['"', null, "'"];
const SAMPLE_RECORDS = 400;
const MAX_RECORD_LINES = 50;

/** True when text is mostly control characters: a binary file, whatever its encoding guess. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 64 << 10);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // U+FFFD is not counted: text with a few undecodable bytes is still text.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c < 0xa0)) bad++;
  }
  return bad > n * 0.1;
}

interface SampledRecord {
  readonly fields: string[];
  /** 0-based index of the physical line where the record starts. */
  readonly index: number;
  /** A quoted field ran to the end of the lines without closing. */
  readonly open?: boolean;
}

/** Quote-aware split of up to `limit` records starting at line `from`, skipping blank lines. */
export function sampleRecords(
  lines: readonly string[],
  from: number,
  delimiter: string,
  quote: string | null,
  limit: number,
  skipBanners: boolean,
): SampledRecord[] {
  const out: SampledRecord[] = [];
  let i = from;
  while (i < lines.length && out.length < limit) {
    const first = lines[i]!;
    if (isBlank(first) || (skipBanners && isBannerLine(first))) {
      i++;
      continue;
    }
    const index = i;
    const fields: string[] = [];
    let text = first;
    let p = 0;
    let open = false;
    // Field by field with indexOf and slices: a per-character loop would crawl on a head
    // that is one 256 KiB line, sniffed once per delimiter and quote candidate.
    for (;;) {
      let value = '';
      if (quote !== null && text[p] === quote) {
        let q = p + 1;
        for (;;) {
          const close = text.indexOf(quote, q);
          if (close === -1) {
            value += text.slice(q);
            if (i + 1 >= lines.length || i - index >= MAX_RECORD_LINES) {
              open ||= i + 1 >= lines.length;
              p = text.length;
              break;
            }
            i++;
            text = lines[i]!;
            value += '\n';
            q = 0;
          } else if (text[close + 1] === quote) {
            value += text.slice(q, close + 1);
            q = close + 2;
          } else {
            value += text.slice(q, close);
            p = close + 1;
            break;
          }
        }
      }
      const d = text.indexOf(delimiter, p);
      fields.push(value + text.slice(p, d === -1 ? undefined : d));
      if (d === -1) break;
      p = d + 1;
    }
    out.push(open ? { fields, index, open } : { fields, index });
    i++;
  }
  return out;
}

function modeOf(counts: readonly number[]): { mode: number; share: number } {
  const tally = new Map<number, number>();
  for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1);
  let mode = 0;
  let best = 0;
  for (const [count, n] of tally) {
    if (n > best || (n === best && count > mode)) [mode, best] = [count, n];
  }
  return { mode, share: counts.length === 0 ? 0 : best / counts.length };
}

interface Candidate {
  readonly delimiter: Dialect['delimiter'];
  readonly quote: Dialect['quote'];
  readonly mode: number;
  readonly share: number;
}

/** Picks the delimiter and quote whose field counts agree best across records (quote-aware). */
function chooseDialect(lines: readonly string[], forced?: Dialect['delimiter']): Candidate {
  let best: Candidate | null = null;
  for (const delimiter of forced ? [forced] : DELIMITERS) {
    for (const quote of QUOTES) {
      // A record whose quoted field runs off the end of the head is cut off, as the head's
      // last line is: its field count says nothing. A quote candidate that never closes (an
      // apostrophe in a header cell `,,'`) swallows the rest of the head into one such
      // record, which otherwise outvoted the real dialect on its field count.
      const records = sampleRecords(lines, 0, delimiter, quote, SAMPLE_RECORDS, true).filter((r) => !r.open);
      const { mode, share } = modeOf(records.map((r) => r.fields.length));
      const candidate = { delimiter, quote, mode, share: mode > 1 || forced ? share : 0 };
      // Agreement first; among near-equal agreement, more fields (a `;` file with decimal commas).
      if (
        best === null ||
        candidate.share > best.share + 0.05 ||
        (candidate.share > best.share - 0.05 && candidate.mode > best.mode && candidate.share > 0)
      ) {
        best = candidate;
      }
    }
  }
  return best ?? { delimiter: forced ?? ',', quote: '"', mode: 1, share: 0 };
}

const EMAIL = /^[^\s@:;|,]+@[^\s@:;|,]+\.[^\s@:;|,]+$/;
const LOGIN = /^[^\s:;|,"']{1,128}$/;

/** A first line naming columns (other than the `email:password` banner) means a table. */
function headerFirst(sample: readonly string[], sep: string): boolean {
  const [first, ...rest] = sample.map((l) => l.split(sep));
  if (!first || /^(?:e-?mail|user(?:name)?|login)$/i.test(first[0] ?? '')) return false;
  return looksLikeHeader(first, rest.slice(0, 200));
}

/** `email:password`-style lines: which separator, and 2 or 3 fields; null when not a combolist. */
function sniffCombolist(lines: readonly string[]): { sep: ':' | ';' | '|'; fields: 2 | 3 } | null {
  const sample = lines.filter((l) => !isBlank(l) && !isBannerLine(l)).slice(0, 1000);
  if (sample.length === 0) return null;
  for (const sep of [':', ';', '|'] as const) {
    let ok = 0;
    let emails = 0;
    let passwordLike = 0;
    let two = 0;
    let three = 0;
    for (const line of sample) {
      const at = line.indexOf(sep);
      if (at <= 0) continue;
      const login = line.slice(0, at);
      const secret = line.slice(at + 1);
      if (!LOGIN.test(login) || /^\d+$/.test(login) || secret.length === 0 || /\s/.test(secret)) continue;
      ok++;
      if (EMAIL.test(login)) emails++;
      if (/[\d\W]/.test(secret)) passwordLike++;
      const parts = line.split(sep).length;
      if (parts === 2) two++;
      else if (parts === 3) three++;
    }
    const n = sample.length;
    // Combolists carry junk lines; `:` is no CSV delimiter, so it may tolerate more of them.
    if (ok < n * (sep === ':' ? 0.7 : 0.8)) continue;
    if (sep === ':' && three >= n * 0.8) return { sep, fields: 3 };
    if (two >= n * 0.5 && !headerFirst(sample, sep)) {
      // `;` and `|` are also CSV delimiters: ask for emails or password-like secrets before
      // calling a two-column table (first;last name) a combolist.
      if (sep === ':' || emails >= n * 0.3 || passwordLike >= n * 0.5) return { sep, fields: 2 };
    }
  }
  return null;
}

const MONGO = /\{\s*"\$(?:oid|date|numberLong|numberInt|numberDecimal|numberDouble|binary|timestamp)"\s*:/;
// Leading blanks are `[ \t]*`, never `\s*`: with the `m` flag, `\s*` would run across newlines
// from every line start and make a head of blank lines take quadratic time.
const PG_DUMP = /^--[ \t]*PostgreSQL database dump|^COPY\b[^\n;]*\bFROM[ \t]+stdin[ \t]*;/im;
const MYSQL_DUMP =
  /^--[ \t]*(?:MySQL dump|MariaDB dump|mysqldump)|^[ \t]*(?:INSERT[ \t]+(?:IGNORE[ \t]+)?INTO|CREATE[ \t]+TABLE|REPLACE[ \t]+INTO)\s/im;

function sniffStructured(text: string): SniffResult | null {
  const start = text.search(/\S/);
  if (start === -1) return null;
  const first = text[start];
  const json =
    first === '[' ? /^\[\s*(?:[{["\]]|-?\d|true|false|null)/.test(text.slice(start)) : first === '{';
  if (json) {
    // A document that does not end on its first line is pretty-printed: read it as a whole.
    const newline = text.indexOf('\n', start);
    const firstLine = text.slice(start, newline === -1 ? undefined : newline).trimEnd();
    const oneLine = firstLine.endsWith('}') || firstLine.endsWith('},');
    const jsonMode = first === '[' || !oneLine ? 'array' : 'lines';
    const format = MONGO.test(text) ? 'mongo-json' : jsonMode === 'array' ? 'json' : 'jsonl';
    return { format, jsonMode, blockStartLine: 1 };
  }
  if (PG_DUMP.test(text)) return { format: 'postgres-dump', blockStartLine: 1 };
  if (MYSQL_DUMP.test(text)) return { format: 'mysql-dump', blockStartLine: 1 };
  return null;
}

/** Finds the first record of the data block; records before it (banners, titles) are notes. */
function findBlockStart(records: readonly SampledRecord[], lines: readonly string[], mode: number): number {
  for (let k = 0; k < records.length; k++) {
    const record = records[k]!;
    if (isBannerLine(lines[record.index]!)) continue;
    const count = record.fields.length;
    if (mode <= 1 || count === mode) return k;
    // Ragged rows and a header with a trailing delimiter still start the block; a title line
    // with a comma or two among rows of eight fields does not.
    if (count >= 2 && Math.abs(count - mode) <= Math.max(1, Math.floor(mode / 4))) return k;
  }
  return 0;
}

/**
 * Decides format, dialect and where the data starts.
 * @example sniffText('email,name\na@b.c,Ann\n', { atEnd: true }).dialect // { delimiter: ',', quote: '"', hasHeader: true }
 */
export function sniffText(text: string, options: SniffOptions): SniffResult {
  const head = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
  const format = options.format;
  if (format === undefined) {
    const structured = sniffStructured(head);
    if (structured) return structured;
  } else if (format === 'json' || format === 'jsonl' || format === 'mongo-json') {
    return { format, jsonMode: head.trimStart().startsWith('[') ? 'array' : 'lines', blockStartLine: 1 };
  } else if (format === 'mysql-dump' || format === 'postgres-dump') {
    return { format, blockStartLine: 1 };
  }
  const lines = splitLines(head);
  // The last line of a partial head is cut off, so it would skew the field counts.
  if (!options.atEnd && lines.length > 1) lines.pop();
  const forcedCombo = format === 'combolist';
  // A delimiter the user named (other than `:`) means a table, not a combolist.
  const comboAllowed = forcedCombo || (format === undefined && (options.delimiter ?? ':') === ':');
  const combo = comboAllowed ? sniffCombolist(lines) : null;
  if (combo || forcedCombo) {
    const sep = options.delimiter ?? combo?.sep ?? ':';
    return {
      format: 'combolist',
      dialect: { delimiter: sep, quote: null, hasHeader: false },
      blockStartLine: 1,
      comboFields: combo?.fields ?? 2,
    };
  }
  const chosen = chooseDialect(lines, options.delimiter);
  const records = sampleRecords(lines, 0, chosen.delimiter, chosen.quote, SAMPLE_RECORDS, false);
  const blockIndex = findBlockStart(records, lines, chosen.mode);
  const block = records.slice(blockIndex);
  const firstRecord = block[0];
  const blockStartLine = firstRecord ? firstRecord.index + 1 : 1;
  const hasHeader =
    options.header ??
    (firstRecord !== undefined &&
      looksLikeHeader(
        firstRecord.fields,
        block.slice(1).map((r) => r.fields),
      ));
  const bannerBefore = lines.slice(0, blockStartLine - 1).some((l) => !isBlank(l));
  // Inside the block, only lines that also break the field count make a paste: a CSV whose
  // ids start with `#` stays a CSV.
  const bannerInside = block.some((r) => r.fields.length !== chosen.mode && isBannerLine(lines[r.index]!));
  const detected: SampleFormat = bannerBefore || bannerInside ? 'paste' : 'csv';
  return {
    format: format === 'csv' || format === 'paste' ? format : detected,
    dialect: { delimiter: chosen.delimiter, quote: chosen.quote, hasHeader },
    blockStartLine,
  };
}
