import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { Zip, ZipDeflate } from 'fflate';
import type { Compression, TextEncoding } from '../core/types.js';
import { byteOrderMark, encodeText } from './encode.js';
import { type FormatName, type FormatSpec, renderText, resolveFormat } from './formats.js';
import type { Table } from './table.js';

/**
 * Writes tables as sample files: any format × encoding × compression. Text is rendered a
 * row at a time, encoded in chunks of about `chunkChars` characters and streamed through the
 * compressor to disk, so memory stays flat however many rows the table yields.
 * `renderSample` produces the same bytes in memory, for tests and small samples.
 */

export interface WriteOptions {
  readonly format: FormatSpec | FormatName;
  readonly encoding?: TextEncoding;
  /** Start UTF-8 text with a byte-order mark (UTF-16 always has one). */
  readonly bom?: boolean;
  readonly compression?: Compression;
  /** Name of the member inside a zip archive (default: table name and format extension). */
  readonly entryName?: string;
  readonly chunkChars?: number;
}

export interface WriteResult {
  readonly path: string;
  readonly bytes: number;
  readonly rows: number;
}

/** Zip entries carry a modification time; a fixed one keeps archives byte-identical across runs. */
const ZIP_MTIME = new Date('2025-07-01T00:00:00Z');

const EXTENSIONS: Readonly<Record<FormatSpec['kind'], string>> = {
  csv: 'csv',
  json: 'json',
  jsonl: 'jsonl',
  'mongo-json': 'json',
  'mysql-dump': 'sql',
  'postgres-dump': 'sql',
  combolist: 'txt',
  paste: 'txt',
};

/** `users.csv`, `users.sql.gz`, `users.zip`: a file name that says what is inside. */
export function fileNameFor(base: string, options: WriteOptions): string {
  const spec = resolveFormat(options.format);
  const ext = spec.kind === 'csv' && spec.delimiter === '\t' ? 'tsv' : EXTENSIONS[spec.kind];
  const compression = options.compression ?? 'none';
  return compression === 'zip' ? `${base}.zip` : `${base}.${ext}${compression === 'gzip' ? '.gz' : ''}`;
}

function countingRows(table: Table, counter: { rows: number }): Table {
  return {
    ...table,
    rows: {
      *[Symbol.iterator]() {
        for (const row of table.rows) {
          counter.rows++;
          yield row;
        }
      },
    },
  };
}

/** The table's text in the target encoding, BOM first, in chunks. */
export function* encodedChunks(table: Table, options: WriteOptions): Generator<Uint8Array> {
  const encoding = options.encoding ?? 'utf-8';
  const bom = byteOrderMark(encoding, options.bom ?? false);
  if (bom.length > 0) yield bom;
  const limit = options.chunkChars ?? 1 << 18;
  let pieces: string[] = [];
  let size = 0;
  for (const piece of renderText(table, options.format)) {
    pieces.push(piece);
    size += piece.length;
    if (size >= limit) {
      yield encodeText(pieces.join(''), encoding);
      pieces = [];
      size = 0;
    }
  }
  if (size > 0) yield encodeText(pieces.join(''), encoding);
}

export interface ArchiveMember {
  readonly name: string;
  readonly chunks: Iterable<Uint8Array>;
}

/** A zip archive of the members, deflated as it streams (fflate writes sizes in data descriptors). */
export function* zipChunks(members: Iterable<ArchiveMember>): Generator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else out.push(data);
  });
  for (const member of members) {
    const entry = new ZipDeflate(member.name, { level: 6 });
    entry.mtime = ZIP_MTIME;
    zip.add(entry);
    for (const chunk of member.chunks) {
      entry.push(chunk);
      yield* out.splice(0);
    }
    entry.push(new Uint8Array(0), true);
    yield* out.splice(0);
  }
  zip.end();
  if (failure) throw failure;
  yield* out.splice(0);
}

function memberName(table: Table, options: WriteOptions): string {
  return options.entryName ?? fileNameFor(table.name, { ...options, compression: 'none' });
}

/** Streams the table to `path`: `await writeSample('s.csv.gz', table, { format: 'csv', compression: 'gzip' })`. */
export async function writeSample(path: string, table: Table, options: WriteOptions): Promise<WriteResult> {
  const counter = { rows: 0 };
  const counted = countingRows(table, counter);
  const compression = options.compression ?? 'none';
  const text = encodedChunks(counted, options);
  const source =
    compression === 'zip' ? zipChunks([{ name: memberName(table, options), chunks: text }]) : text;
  const out = createWriteStream(path);
  if (compression === 'gzip') await pipeline(Readable.from(source), createGzip(), out);
  else await pipeline(Readable.from(source), out);
  return { path, bytes: (await stat(path)).size, rows: counter.rows };
}

/** Streams several tables into one zip archive, one member each. */
export async function writeArchive(
  path: string,
  members: readonly { readonly table: Table; readonly options: WriteOptions }[],
): Promise<WriteResult> {
  const counter = { rows: 0 };
  const entries = members.map(({ table, options }) => ({
    name: memberName(table, options),
    chunks: { [Symbol.iterator]: () => encodedChunks(countingRows(table, counter), options) },
  }));
  await pipeline(Readable.from(zipChunks(entries)), createWriteStream(path));
  return { path, bytes: (await stat(path)).size, rows: counter.rows };
}

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  return Buffer.concat([...chunks]);
}

/** The bytes `writeSample` would write, in memory. */
export function renderSample(table: Table, options: WriteOptions): Uint8Array {
  const compression = options.compression ?? 'none';
  const text = encodedChunks(table, options);
  if (compression === 'zip') return concat(zipChunks([{ name: memberName(table, options), chunks: text }]));
  const bytes = concat(text);
  return compression === 'gzip' ? gzipSync(bytes) : bytes;
}
