import { LeakverifyError } from '../core/errors.js';
import { type IngestLimits, withLimits } from '../core/limits.js';
import type { SampleFormat, TextEncoding } from '../core/types.js';
import { Collector } from './collector.js';
import { createStreamDecoder, detectEncoding, type EncodingGuess, type StreamDecoder } from './decode.js';
import { printable } from './lines.js';
import { identifyMagic } from './magic.js';
import { createParser, parseDelimiter } from './parsers.js';
import { looksBinary, type SniffResult, sniffText } from './sniff.js';
import { type ByteRange, openSource, type SourceMember } from './source.js';
import type { IngestSummary, RowBatch, SampleInfo, SampleStream } from './types.js';

/**
 * The ingestion driver: opens a path, sniffs each member's encoding and format, and streams
 * rows in batches with 1-based ordinals in file order. Only whole-file problems throw
 * (always a LeakverifyError); bad records become counted rejections.
 */

export interface OpenSampleOptions {
  readonly limits?: Partial<IngestLimits>;
  readonly format?: SampleFormat;
  /** `,` `;` `|` `:` or a tab (also accepted: `tab`, `\t`). */
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly encoding?: TextEncoding;
  /** Rows per batch (default 8192). */
  readonly batchSize?: number;
  /** Read only these bytes of an uncompressed file (a slice cut at a line start). */
  readonly range?: ByteRange;
}

const HEAD_BYTES = 256 << 10;
const FEED_BYTES = 512 << 10;
const BOMS: Record<TextEncoding, readonly number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
  'windows-1252': [],
};

interface Prepared {
  readonly kind: 'text';
  readonly name: string;
  readonly guess: EncodingGuess;
  readonly decoder: StreamDecoder;
  readonly firstText: string;
  readonly chunks: AsyncIterator<Uint8Array>;
  readonly sniff: SniffResult;
  bytes: number;
}

type Outcome =
  | Prepared
  | { readonly kind: 'skip'; readonly name: string; readonly bytes: number; readonly why: string };

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function asLeakverifyError(error: unknown): LeakverifyError {
  if (error instanceof LeakverifyError) return error;
  return new LeakverifyError('internal', `ingestion failed: ${String(error)}`, { cause: error });
}

/**
 * Opens a sample for streaming. Throws `input.*` / `ingest.*` LeakverifyErrors for whole-file
 * problems; `info` is known on return, rows come from `batches()`.
 * @example for await (const batch of (await openSample('leak.csv.gz')).batches()) use(batch.rows)
 */
export async function openSample(path: string, options: OpenSampleOptions = {}): Promise<SampleStream> {
  try {
    return await open(path, options);
  } catch (error) {
    throw asLeakverifyError(error);
  }
}

async function open(path: string, options: OpenSampleOptions): Promise<SampleStream> {
  const limits = withLimits(options.limits);
  const delimiter = parseDelimiter(options.delimiter);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 8192));
  const source = await openSource(path, limits, options.range);
  const members = source.members()[Symbol.asyncIterator]();
  const collector = new Collector(limits, batchSize);
  const driverNotes: string[] = [];
  const skipped: string[] = [];

  async function prepare(member: SourceMember): Promise<Outcome> {
    const name = member.name;
    const chunks = member.chunks[Symbol.asyncIterator]();
    const head: Uint8Array[] = [];
    let bytes = 0;
    let atEnd = false;
    while (bytes < HEAD_BYTES) {
      const next = await chunks.next();
      if (next.done) {
        atEnd = true;
        break;
      }
      head.push(next.value);
      bytes += next.value.length;
    }
    const skip = async (why: string): Promise<Outcome> => {
      await chunks.return?.();
      return { kind: 'skip', name, bytes, why };
    };
    if (bytes === 0) return skip('empty');
    const headBytes = concat(head);
    const magic = identifyMagic(headBytes);
    if (magic?.kind === 'zip' || magic?.kind === 'gzip')
      return skip(`a nested ${magic.kind} archive (not expanded)`);
    if (magic) return skip(magic.label);
    const guess: EncodingGuess = options.encoding
      ? {
          encoding: options.encoding,
          bom:
            BOMS[options.encoding].length > 0 && BOMS[options.encoding].every((b, i) => headBytes[i] === b),
          tentative: false,
        }
      : detectEncoding(headBytes.subarray(0, HEAD_BYTES));
    const decoder = createStreamDecoder(guess);
    let firstText = decoder.decode(headBytes);
    if (atEnd) firstText += decoder.end();
    if (looksBinary(firstText)) return skip('binary content (mostly control characters)');
    const sniff = sniffText(firstText, {
      atEnd,
      ...(options.format === undefined ? {} : { format: options.format }),
      ...(delimiter === undefined ? {} : { delimiter }),
      ...(options.header === undefined ? {} : { header: options.header }),
    });
    return { kind: 'text', name, guess, decoder, firstText, chunks, sniff, bytes };
  }

  /** The next member with text in it; binary and empty members are listed and skipped. */
  async function nextText(): Promise<Prepared | null> {
    for (;;) {
      const next = await members.next();
      if (next.done) return null;
      const outcome = await prepare(next.value);
      if (outcome.kind === 'text') return outcome;
      collector.members.push({ name: outcome.name, bytes: outcome.bytes, rows: 0, rejected: 0 });
      if (outcome.why !== 'empty') {
        if (source.compression !== 'zip') {
          throw new LeakverifyError('ingest.format', `${path} is not a text sample: ${outcome.why}`, {
            hint: 'Pass a CSV, JSON, SQL dump or combolist file (optionally gzip- or zip-compressed).',
          });
        }
        skipped.push(`${outcome.name}: ${outcome.why}`);
        driverNotes.push(`skipped archive member ${outcome.name}: ${outcome.why}`);
      }
    }
  }

  async function* readMember(member: Prepared): AsyncGenerator<RowBatch> {
    const { sink, done } = collector.memberSink(member.name, () => member.bytes);
    const parser = createParser(member.sniff, sink, limits);
    try {
      parser.feed(member.firstText);
      yield* drain();
      let pending: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const next = await member.chunks.next();
        if (!next.done) {
          member.bytes += next.value.length;
          pending.push(next.value);
          size += next.value.length;
          if (size < FEED_BYTES) continue;
        }
        if (size > 0) parser.feed(member.decoder.decode(concat(pending)));
        pending = [];
        size = 0;
        yield* drain();
        if (next.done) break;
      }
    } finally {
      // Releases the file or inflate stream when the consumer stops early.
      await member.chunks.return?.();
    }
    parser.feed(member.decoder.end());
    parser.end();
    done();
    const replaced = member.decoder.replacements();
    if (replaced > 0) {
      driverNotes.push(`${member.name}: ${replaced} undecodable byte sequences were replaced by U+FFFD`);
    }
    if (member.decoder.switchedAt() >= 0) {
      driverNotes.push(
        `${member.name}: not UTF-8 after byte ${member.decoder.switchedAt()}; read as windows-1252 from there`,
      );
    }
  }

  function* drain(): Generator<RowBatch> {
    while (collector.queue.length > 0) yield collector.queue.shift()!;
  }

  let first: Prepared | null;
  try {
    first = await nextText();
  } catch (error) {
    await members.return?.();
    throw error;
  }
  if (first === null) {
    if (skipped.length > 0) {
      throw new LeakverifyError(
        'ingest.format',
        `${path} holds no text sample: ${skipped.slice(0, 5).join('; ')}`,
        {
          hint: 'Nested archives are not expanded: extract the inner file and pass it.',
        },
      );
    }
    throw new LeakverifyError('input.empty', `${path} has no content`);
  }
  const firstMember = first;
  const info: SampleInfo = {
    file: path,
    compression: source.compression,
    encoding: first.guess.encoding,
    bom: first.guess.bom,
    format: first.sniff.format,
    ...(first.sniff.dialect ? { dialect: first.sniff.dialect } : {}),
  };
  let started = false;

  async function* run(): AsyncGenerator<RowBatch> {
    let member: Prepared | null = firstMember;
    try {
      while (member) {
        yield* readMember(member);
        member = await nextText();
      }
      collector.flush();
      yield* drain();
    } catch (error) {
      throw asLeakverifyError(error);
    } finally {
      await members.return?.();
    }
  }

  return {
    info,
    batches() {
      if (started) throw new LeakverifyError('internal', 'batches() of a sample can be read only once');
      started = true;
      return run();
    },
    summary(): IngestSummary {
      // At most maxNotes in all: what ingestion itself noticed (encoding switches, skipped
      // members) is kept first, banner lines fill the rest, and one line counts the dropped.
      const own = [...source.notes, ...driverNotes].map((note) => printable(note)).slice(0, limits.maxNotes);
      let room = limits.maxNotes - own.length;
      if (collector.notesSeen > room) room = Math.max(0, room - 1);
      const banners = collector.notes.slice(0, room);
      const hidden = collector.notesSeen - banners.length;
      const notes = [...banners, ...own];
      if (hidden > 0 && notes.length < limits.maxNotes)
        notes.push(`${hidden} more banner or comment lines not kept`);
      return {
        info: { ...info, encoding: firstMember.decoder.encoding() },
        columns: collector.columns.slice(),
        members: collector.members.slice(),
        rows: collector.accepted,
        rejected: collector.rejected,
        rejectedByReason: { ...collector.byReason },
        rejectionExamples: collector.examples.slice(),
        notes,
        bytesRead: source.bytesRead(),
      };
    },
  };
}
