import type { Cell } from '../core/types.js';
import { fmix32 } from '../synth/random.js';
import type { RowObserver } from './load-features.js';

/**
 * Rows whose cells the analysis keeps, at most. The signals that read cell values look at
 * no more than 50,000 rows (AnalysisOptions.maxSignalRows), spread evenly over what they
 * get; four times that keeps the spread a fine-grained uniform sample while bounding memory
 * at a few hundred MB (about 0.5-1 KB per row of a dozen short cells), whether the sample
 * has 300 thousand rows or 87 million. Samples up to this size keep every row, so their
 * reports are exactly those of a run without the cap.
 */
export const ANALYSIS_ROW_CAP = 200_000;

/**
 * A seeded generator of doubles in (0, 1): sfc32 on 128 bits of seed, two outputs per
 * double for 53 bits (byte offsets into files larger than 4 GB need more than 32).
 * Reports must be reproducible, so nothing here reads Math.random.
 * @example const random = seededRandom(sha256hex); random() // 0.7134...
 */
export function seededRandom(seedHex: string): () => number {
  const words = [0, 1, 2, 3].map((k) => Number.parseInt(seedHex.slice(k * 8, k * 8 + 8) || '0', 16) >>> 0);
  let [a, b, c, d] = words as [number, number, number, number];
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // An all-zero or low-entropy seed starts sfc32 in a poor state: warm it up as its author does.
  for (let i = 0; i < 15; i++) next();
  return () => (next() * 2 ** 21 + (next() >>> 11) + 0.5) / 2 ** 53;
}

/** A uniform integer in [0, n). */
export function randomBelow(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/**
 * A uniform random sample of at most `capacity` items from a stream of unknown length
 * (Li's Algorithm L: after the reservoir fills, it jumps straight to the next item to keep,
 * so an 87-million-row stream costs a few million random draws, not one per row).
 */
export class Reservoir<T> {
  private readonly slots: T[] = [];
  private seenCount = 0;
  private nextTake: number;
  private w = 1;

  constructor(
    readonly capacity: number,
    private readonly random: () => number,
  ) {
    if (!(Number.isInteger(capacity) && capacity >= 0))
      throw new RangeError('capacity must be a whole number');
    this.nextTake = capacity === 0 ? Number.POSITIVE_INFINITY : 0;
  }

  /** Items offered so far. */
  get seen(): number {
    return this.seenCount;
  }

  /** True when `offer` would keep the next item: lets callers skip building items that will be dropped. */
  wants(): boolean {
    return this.seenCount < this.capacity || this.seenCount === this.nextTake;
  }

  /** Offers the next item of the stream; `make` builds it only when it is kept. Returns whether it was kept. */
  offer(make: () => T): boolean {
    const i = this.seenCount++;
    if (i < this.capacity) {
      this.slots.push(make());
      if (i === this.capacity - 1) this.skip(true);
      return true;
    }
    if (i !== this.nextTake) return false;
    this.slots[randomBelow(this.random, this.capacity)] = make();
    this.skip(false);
    return true;
  }

  /** Skips `n` items known not to be wanted (`wants()` false for each); returns how many were skipped. */
  skipUpTo(n: number): number {
    if (this.seenCount < this.capacity) return 0;
    const skipped = Math.max(0, Math.min(n, this.nextTake - this.seenCount));
    this.seenCount += skipped;
    return skipped;
  }

  /** The kept items, in the reservoir's slot order. */
  items(): readonly T[] {
    return this.slots;
  }

  private skip(first: boolean): void {
    if (first) this.w = Math.exp(Math.log(this.random()) / this.capacity);
    else this.w *= Math.exp(Math.log(this.random()) / this.capacity);
    const gap = Math.floor(Math.log(this.random()) / Math.log1p(-this.w));
    this.nextTake = this.seenCount + (Number.isFinite(gap) ? gap : Number.POSITIVE_INFINITY);
  }
}

/** The kept rows of a sample, column by column, in file order. */
export interface KeptRows {
  /** `cells[c][i]` is column c of kept row i. */
  readonly cells: Cell[][];
  /** Data-row ordinal of kept row i, ascending. */
  readonly ordinals: number[];
  /** Accepted rows seen; more than `ordinals.length` when the cap was reached. */
  readonly seen: number;
}

/** A row that may be kept: its random key, its ordinal (file-wide, or within a slice) and its cells. */
export interface KeptCandidate {
  readonly key: number;
  readonly ordinal: number;
  readonly cells: readonly Cell[];
}

/** What a load worker needs to choose its share of the kept rows: it goes through postMessage. */
export interface KeepSpec {
  readonly cap: number;
  readonly seedHex: string;
  /**
   * Rows with a larger key are not kept (`keyLimit`): without it each slice would copy the
   * cells of up to 2 × cap of its rows, every row of a sample a few times the cap.
   */
  readonly limit?: number;
}

/** Keys of `rowKeyer` are below this. */
export const KEY_SPACE = 2 ** 52;

/**
 * A key limit that keeps about 1.5 × `cap` of `expectedRows` rows, so the `cap` smallest
 * keys of the file are under it unless the file has far fewer rows than expected (which
 * `RowKeeper.complete` detects). None when the cap is near the expected rows.
 */
export function keyLimit(cap: number, expectedRows: number): number {
  const share = (1.5 * cap) / expectedRows;
  return Number.isFinite(share) && share > 0 && share < 1
    ? Math.ceil(share * KEY_SPACE)
    : Number.POSITIVE_INFINITY;
}

/**
 * The random keys, in [0, 2^52), of the rows of one slice: a seeded hash of where a row was
 * read (the byte offset of its slice, 0 for a file read in one stream, and its ordinal there;
 * the seed and the offset are hashed once per slice, not per row). The rows with the
 * `cap` smallest keys are a uniform random subset, and which rows those are does not depend
 * on the order rows arrive in, so slices read by parallel workers can each keep their own
 * smallest and the union's smallest are the file's.
 */
export function rowKeyer(seedHex: string, start: number): (ordinal: number) => number {
  const seed = (k: number): number => Number.parseInt(seedHex.slice(k * 8, k * 8 + 8) || '0', 16) >>> 0;
  const where = fmix32(seed(0) ^ fmix32((start >>> 0) ^ fmix32(Math.floor(start / 2 ** 32) ^ seed(1))));
  const [s2, s3] = [seed(2), seed(3)];
  return (ordinal) => {
    const a = fmix32(where ^ fmix32((ordinal >>> 0) ^ s2));
    const b = fmix32(a ^ fmix32(Math.floor(ordinal / 2 ** 32) ^ s3));
    return a * 2 ** 20 + (b >>> 12);
  };
}

const byKey = (x: KeptCandidate, y: KeptCandidate): number => x.key - y.key || x.ordinal - y.ordinal;

/**
 * The `cap` candidates with the smallest keys of all offered (bottom-k sampling): holds at
 * most 2 × cap, and once that many are held, builds no candidate whose key cannot make it.
 */
export class BottomK {
  #held: KeptCandidate[] = [];
  #limit: number;
  seen = 0;

  /** `limit`: keys above it are never kept (KeepSpec.limit). */
  constructor(
    readonly cap: number,
    limit = Number.POSITIVE_INFINITY,
  ) {
    this.#limit = limit;
  }

  /** Offers one row; `cells` is called only when the row may be kept. */
  offer(key: number, ordinal: number, cells: () => readonly Cell[]): void {
    this.seen++;
    if (key > this.#limit || this.cap === 0) return;
    this.#held.push({ key, ordinal, cells: cells() });
    if (this.#held.length >= 2 * this.cap) this.#trim();
  }

  /** Rewrites the ordinal of every candidate held (keeps the key order). */
  renumber(ordinal: (held: number) => number): void {
    this.#held = this.#held.map((c) => ({ ...c, ordinal: ordinal(c.ordinal) }));
  }

  /** The kept candidates, by key. */
  candidates(): KeptCandidate[] {
    this.#trim();
    return this.#held;
  }

  #trim(): void {
    this.#held.sort(byKey);
    if (this.#held.length > this.cap) this.#held.length = this.cap;
    if (this.cap > 0 && this.#held.length === this.cap) this.#limit = this.#held[this.cap - 1]!.key;
  }
}

/** A row's cells for keeping: a copy that does not hold the parser's chunk (detachCell). */
export const keptCells = (row: readonly Cell[], width: number): Cell[] =>
  Array.from({ length: width }, (_, c) => detachCell(row[c] ?? null));

/** Keeps a uniform random subset of a sample's rows; see keepSampleRows. */
export interface RowKeeper {
  /**
   * What each worker of a parallel load gets: with the rows the file is expected to hold, a
   * key limit (`keyLimit`), so that slices copy the cells of little more than the subset.
   */
  workerSpec(expectedRows?: number): KeepSpec;
  /**
   * Whether the rows kept are the subset: false only when a worker limit left fewer than
   * the cap of the rows read (the file held far fewer rows than expected); then `restart`
   * and read the file again.
   */
  complete(): boolean;
  /** Rows read in one stream, in file order (their slice starts at byte 0). */
  readonly observe: RowObserver;
  /** What the workers of a parallel load kept, their ordinals made file-wide; `seen` rows were read. */
  absorb(candidates: readonly KeptCandidate[], seen: number): void;
  /** Rewrites the ordinals absorbed so far (a parallel load's slice-local ones, once the slices are counted). */
  renumber(ordinal: (held: number) => number): void;
  /** Forgets every row: the load starts over. */
  restart(): void;
  finish(): KeptRows;
}

/**
 * A copy of a cell that does not keep its parser's chunk alive. Parsers cut cells out of
 * big decoded chunks and V8 keeps such substrings as views on the chunk; a reservoir holding
 * one cell of each of a million chunks would hold the whole file. Concatenating then slicing
 * flattens into a string of the cell's own length.
 */
export function detachCell(cell: Cell): Cell {
  return typeof cell === 'string' && cell.length >= 13 ? ` ${cell}`.slice(1) : cell;
}

/**
 * Keeps the cells of a uniform random subset of at most `cap` rows for the analysis, seeded
 * from the sample's SHA-256 so the same file gives the same subset (and report): the rows
 * with the smallest `rowKeyer` keys. Below the cap every row is kept, as the analysis saw them
 * before the cap existed. A parallel load keeps candidates in its workers (`spec`) and
 * hands them over (`absorb`), so the file is read once.
 * @example const kept = keepSampleRows(ANALYSIS_ROW_CAP, sha256); await loadFeatures(db, { ...req, keep: kept }); kept.finish()
 */
export function keepSampleRows(cap: number, seedHex: string): RowKeeper {
  let kept = new BottomK(cap);
  let width = 0;
  let limit = Number.POSITIVE_INFINITY;
  const key = rowKeyer(seedHex, 0);
  return {
    workerSpec(expectedRows) {
      limit = expectedRows === undefined ? Number.POSITIVE_INFINITY : keyLimit(cap, expectedRows);
      return { cap, seedHex, limit };
    },
    complete() {
      // Every candidate's key is under the limit: holding `cap` of them, the cap smallest of
      // the file are among them; holding fewer, none may have been left out.
      return limit === Number.POSITIVE_INFINITY || kept.candidates().length >= Math.min(cap, kept.seen);
    },
    observe(profiles, rows, ordinals) {
      width = profiles.length;
      for (let r = 0; r < rows.length; r++) {
        const ordinal = ordinals[r]!;
        kept.offer(key(ordinal), ordinal, () => keptCells(rows[r]!, width));
      }
    },
    absorb(candidates, seen) {
      for (const c of candidates) {
        width = Math.max(width, c.cells.length);
        kept.offer(c.key, c.ordinal, () => c.cells);
      }
      kept.seen += seen - candidates.length;
    },
    renumber(ordinal) {
      kept.renumber(ordinal);
    },
    restart() {
      kept = new BottomK(cap);
      limit = Number.POSITIVE_INFINITY;
    },
    finish() {
      const rows = [...kept.candidates()].sort((a, b) => a.ordinal - b.ordinal);
      const cells = Array.from({ length: width }, (_, c) => rows.map((k) => k.cells[c] ?? null));
      return { cells, ordinals: rows.map((k) => k.ordinal), seen: kept.seen };
    },
  };
}
