import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseClaimedRows } from '../analyze/index.js';
import { count } from '../analyze/signals/common.js';
import type { SubsetNote } from '../core/report.js';
import type { Cell } from '../core/types.js';
import { type OpenSampleOptions, openSample } from '../ingest/index.js';
import type { SampleInfo } from '../ingest/types.js';
import { drawLines } from './draw-lines.js';
import { ANALYSIS_ROW_CAP, detachCell, Reservoir, seededRandom } from './sample-reservoir.js';
import { type VerifyEffects, type VerifyOutcome, type VerifyRequest, verifySample } from './verify.js';

/**
 * `verify --quick N`: an early verdict from N rows drawn at random, while the full run
 * follows. The drawn rows go to a private temp file (a fresh mkdtemp directory, the file
 * mode 0600, removed when done) that the normal verification reads against the same
 * workspace, so the records index built or found by the quick run serves the full run.
 */

/** Plain files smaller than this are drawn from by one streaming pass: it takes a second or two. */
export const QUICK_OFFSET_MIN_BYTES = 64 << 20;

/** The preamble (banner and header lines) is looked for in this many leading bytes. */
const PREAMBLE_MAX_BYTES = 4 << 20;

export interface QuickSample {
  /** The temp file with the drawn rows, and its private directory (remove it when done). */
  readonly path: string;
  readonly dir: string;
  readonly rows: number;
  /** How to read the temp file: pinned to what the full file's head showed. */
  readonly ingest: OpenSampleOptions;
  /** A claim read from banner lines during a streaming draw (a byte-offset draw keeps the banner in the file). */
  readonly claimedRows: number | null;
  readonly note: SubsetNote;
}

export interface QuickOptions {
  readonly ingest?: OpenSampleOptions;
  readonly onProgress?: (rows: number) => void;
  /** Smallest file drawn from by byte offsets (default QUICK_OFFSET_MIN_BYTES; tests lower it). */
  readonly offsetMinBytes?: number;
  /** Passed to drawLines as `fullScanBytes` (tests lower it to draw a small file by offsets). */
  readonly lineScanBytes?: number;
}

/**
 * A seed for the draw from the file's size and its first and last MiB: the same file draws
 * the same rows, without the full read a SHA-256 of 10 GB would take.
 */
export function quickSeed(path: string, size: number): string {
  const hash = createHash('sha256').update(`leakverify-quick:${size}:`);
  const fd = openSync(path, 'r');
  try {
    const part = Buffer.alloc(Math.min(size, 1 << 20));
    for (const at of [0, Math.max(0, size - part.length)]) {
      const got = readSync(fd, part, 0, part.length, at);
      hash.update(part.subarray(0, got));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Whether lines can be drawn by byte offset: the conditions of `canSplit` (parallel.ts), whatever the core count. */
function drawsByOffset(info: SampleInfo, size: number, minBytes: number): boolean {
  return (
    size >= minBytes &&
    info.compression === 'none' &&
    (info.encoding === 'utf-8' || info.encoding === 'windows-1252') &&
    (info.format === 'csv' || info.format === 'combolist')
  );
}

/**
 * Draws `n` random rows of `path` into a private temp file: by byte offsets for large plain
 * line-oriented files, otherwise by a reservoir during one streaming pass.
 */
export async function drawQuickSample(
  path: string,
  n: number,
  options: QuickOptions = {},
): Promise<QuickSample> {
  const size = (await stat(path)).size;
  const seed = quickSeed(path, size);
  const random = seededRandom(seed);
  // The first data row's line: what comes before it (banner, header) is copied as it is.
  const stream = await openSample(path, { ...options.ingest, batchSize: 1 });
  const batches = stream.batches()[Symbol.asyncIterator]();
  const first = await batches.next();
  await batches.return?.();
  const firstLine = first.done ? undefined : first.value.lines[0];
  const preamble =
    firstLine !== undefined &&
    drawsByOffset(stream.info, size, options.offsetMinBytes ?? QUICK_OFFSET_MIN_BYTES)
      ? preambleBytes(path, firstLine)
      : null;
  const dir = await mkdtemp(join(tmpdir(), 'leakverify-quick-'));
  const file = join(dir, 'quick-sample.csv');
  try {
    const base = { seed, estimates: 'subset' as const, source: { file: basename(path), bytes: size } };
    if (preamble !== null) {
      const quote = stream.info.dialect?.quote ?? null;
      const drawn = drawLines(path, n, {
        random,
        dataStart: preamble.length,
        ...(options.lineScanBytes !== undefined ? { fullScanBytes: options.lineScanBytes } : {}),
        // A line with an odd number of quotes is part of a record spread over lines: not a row.
        ...(quote ? { accept: (line: Buffer) => hasText(line) && balanced(line, quote.charCodeAt(0)) } : {}),
      });
      const eol = Buffer.from(drawn.crlf ? '\r\n' : '\n');
      await writePrivate(file, [preamble, ...drawn.lines.flatMap((line) => [line, eol])]);
      const info = stream.info;
      const rows = drawn.lines.length;
      return {
        path: file,
        dir,
        rows,
        ingest: {
          ...options.ingest,
          format: info.format,
          encoding: info.encoding,
          ...(info.dialect ? { delimiter: info.dialect.delimiter, header: info.dialect.hasHeader } : {}),
        },
        claimedRows: null,
        note: {
          ...base,
          rows,
          // Lines are not rows (blank lines, rejected records): the count is stated as approximate.
          of: null,
          method: drawn.method,
          detail: `An early verdict: the shares and their intervals come from ${count(rows)} rows drawn at random (${drawn.method === 'byte-offsets' ? 'at random byte offsets' : 'uniformly among its lines'}) from ${basename(path)}, which holds about ${count(drawn.lineCount)} rows; the full verification may differ within those intervals.`,
        },
      };
    }
    const drawn = await drawByReservoir(path, n, random, options);
    await writePrivate(file, [Buffer.from(csvText(drawn.columns, drawn.rows), 'utf8')]);
    return {
      path: file,
      dir,
      rows: drawn.rows.length,
      ingest: { ...options.ingest, format: 'csv', encoding: 'utf-8', delimiter: ',', header: true },
      claimedRows: parseClaimedRows(drawn.notes),
      note: {
        ...base,
        rows: drawn.rows.length,
        of: drawn.seen,
        method: 'reservoir',
        detail: `An early verdict: the shares and their intervals come from ${count(drawn.rows.length)} of the ${count(drawn.seen)} rows of ${basename(path)}, drawn uniformly at random; the full verification may differ within those intervals.`,
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function hasText(line: Buffer): boolean {
  return line.some((b) => b !== 32 && b !== 9 && b !== 13);
}

function balanced(line: Buffer, quote: number): boolean {
  let quotes = 0;
  for (const b of line) if (b === quote) quotes++;
  return quotes % 2 === 0;
}

/** The bytes before line `line` (1-based): banner and header lines, copied as they are. */
function preambleBytes(path: string, line: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(PREAMBLE_MAX_BYTES);
    const got = readSync(fd, head, 0, head.length, 0);
    let end = 0;
    for (let k = 1; k < line; k++) {
      const newline = head.subarray(0, got).indexOf(10, end);
      if (newline < 0) return null;
      end = newline + 1;
    }
    return Buffer.from(head.subarray(0, end));
  } finally {
    closeSync(fd);
  }
}

interface Drawn {
  readonly columns: readonly string[];
  readonly rows: readonly Cell[][];
  readonly seen: number;
  readonly notes: readonly string[];
}

/** One streaming pass with a reservoir: any format, compressed or not. */
async function drawByReservoir(
  path: string,
  n: number,
  random: () => number,
  options: QuickOptions,
): Promise<Drawn> {
  const stream = await openSample(path, options.ingest ?? {});
  const reservoir = new Reservoir<{ ordinal: number; cells: Cell[] }>(n, random);
  let columns: readonly string[] = [];
  for await (const batch of stream.batches()) {
    columns = batch.columns;
    for (let r = 0; r < batch.rows.length; r++) {
      r += reservoir.skipUpTo(batch.rows.length - r);
      if (r >= batch.rows.length) break;
      const row = batch.rows[r]!;
      const ordinal = batch.ordinals[r]!;
      reservoir.offer(() => ({ ordinal, cells: row.map(detachCell) }));
    }
    options.onProgress?.(reservoir.seen);
  }
  const kept = [...reservoir.items()].sort((a, b) => a.ordinal - b.ordinal);
  return { columns, rows: kept.map((k) => k.cells), seen: reservoir.seen, notes: stream.summary().notes };
}

/** RFC 4180 CSV with a header; null cells are empty fields. */
function csvText(columns: readonly string[], rows: readonly Cell[][]): string {
  const field = (value: Cell): string =>
    value === null ? '' : /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(columns.map((_, c) => field(row[c] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Writes a new file only its owner can read. */
async function writePrivate(path: string, parts: readonly Buffer[]): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    for (let i = 0; i < parts.length; i += 4096) await handle.writev(parts.slice(i, i + 4096));
  } finally {
    await handle.close();
  }
}

/**
 * Draws `n` rows, verifies them against the request's workspace and hands the outcome to
 * `use` (print it, write its bundle) before the drawn rows are removed.
 */
export async function verifyQuick(
  request: VerifyRequest & { readonly workspace: string },
  n: number,
  effects: VerifyEffects & { readonly onDrawProgress?: (rows: number) => void },
  use: (outcome: VerifyOutcome, drawn: QuickSample) => Promise<void>,
): Promise<VerifyOutcome> {
  const drawn = await drawQuickSample(request.sample, n, {
    ...(request.ingest ? { ingest: request.ingest } : {}),
    ...(effects.onDrawProgress ? { onProgress: effects.onDrawProgress } : {}),
  });
  try {
    const claimed = request.claimedRows ?? drawn.claimedRows;
    const outcome = await verifySample(
      {
        ...request,
        sample: drawn.path,
        ingest: drawn.ingest,
        subsetOf: drawn.note,
        // The drawn rows are the subset: the analysis keeps all of them.
        analysisRowCap: Math.max(request.analysisRowCap ?? ANALYSIS_ROW_CAP, drawn.rows),
        ...(claimed !== null && claimed !== undefined ? { claimedRows: claimed } : {}),
      },
      effects,
    );
    await use(outcome, drawn);
    return outcome;
  } finally {
    await rm(drawn.dir, { recursive: true, force: true });
  }
}
