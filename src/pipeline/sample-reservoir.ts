import type { Cell } from '../core/types.js';
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

interface KeptRow {
  readonly ordinal: number;
  readonly cells: readonly Cell[];
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
 * from the sample's SHA-256 so the same file gives the same subset (and report). Below the
 * cap every row is kept, as the analysis saw them before the cap existed.
 * @example const kept = keepSampleRows(ANALYSIS_ROW_CAP, sha256); await loadFeatures(db, req, p, kept.observe); kept.finish()
 */
export function keepSampleRows(cap: number, seedHex: string): { observe: RowObserver; finish(): KeptRows } {
  const reservoir = new Reservoir<KeptRow>(cap, seededRandom(seedHex));
  let width = 0;
  return {
    observe(profiles, rows, ordinals) {
      width = profiles.length;
      for (let r = 0; r < rows.length; ) {
        const skipped = reservoir.skipUpTo(rows.length - r);
        r += skipped;
        if (r >= rows.length) break;
        const row = rows[r]!;
        const ordinal = ordinals[r]!;
        // Rows kept while the reservoir fills are the first `cap` rows: their chunks are a
        // bounded share of the file. Later replacements come from anywhere: detach them.
        const full = reservoir.seen >= cap;
        reservoir.offer(() => ({
          ordinal,
          cells: Array.from({ length: width }, (_, c) =>
            full ? detachCell(row[c] ?? null) : (row[c] ?? null),
          ),
        }));
        r++;
      }
    },
    finish() {
      const kept = [...reservoir.items()].sort((a, b) => a.ordinal - b.ordinal);
      const cells = Array.from({ length: width }, (_, c) => kept.map((k) => k.cells[c] ?? null));
      return { cells, ordinals: kept.map((k) => k.ordinal), seen: reservoir.seen };
    },
  };
}
