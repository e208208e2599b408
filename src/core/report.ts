import type { FieldKind, SampleFormat } from './types.js';

/**
 * report.json, the stable contract of SPEC.md (`schemaVersion: 1`). Fields may be added,
 * never removed or renamed; the JSON Schema in schema/report.schema.json validates it.
 */
export type VerdictLabel =
  | 'authentic'
  | 'partially-authentic'
  | 'recycled'
  | 'fabricated'
  | 'unrelated'
  | 'inconclusive';

export interface Signal {
  /** Stable kebab-case id, e.g. `reserved-ip-addresses`. */
  readonly id: string;
  readonly family: 'fabrication' | 'recycling' | 'size' | 'provenance';
  /** How much the signal counts toward its family's conclusion (log-likelihood-ratio scale). */
  readonly weight: number;
  /** The measured value (a share, a count or a statistic; see `detail`). */
  readonly value: number;
  /** One plain-language line for the report. */
  readonly detail: string;
  /**
   * The rows the signal was measured on, when a report's signals were not all measured on
   * the same rows (see `Report.subset`): every row, or the subset whose cells were kept.
   */
  readonly scope?: 'all-rows' | 'subset';
}

/**
 * Present when cell values were read from a uniform random subset of the rows only: a
 * sample above the analysis's row cap (the shares still use every row), or the early verdict
 * of `verify --quick` (the shares and intervals are the subset's).
 */
export interface SubsetNote {
  /** Rows whose cells were read. */
  readonly rows: number;
  /** Rows they were drawn from; null when not counted (a `--quick` draw by byte offsets). */
  readonly of: number | null;
  /**
   * `reservoir`: one pass over every row; `byte-offsets`: random positions in the file, then
   * the line starting there; `line-starts`: every line start found, then a uniform choice.
   */
  readonly method: 'reservoir' | 'byte-offsets' | 'line-starts';
  /** What `estimate` rests on: every row of the sample, or only the subset. */
  readonly estimates: 'all-rows' | 'subset';
  /** Hex seed of the draw: the same file and seed draw the same rows. */
  readonly seed: string;
  /** The file the rows were drawn from, when it is not the report's `sample` (a quick verdict). */
  readonly source?: { readonly file: string; readonly bytes: number };
  /** One plain sentence for readers. */
  readonly detail: string;
}

export interface ReportColumn {
  readonly name: string;
  readonly type: FieldKind;
  readonly confidence: number;
  readonly filled: number;
}

export interface Report {
  readonly schemaVersion: 1;
  readonly sample: {
    readonly file: string;
    readonly sha256: string;
    readonly format: SampleFormat;
    readonly encoding: string;
    readonly rows: number;
    readonly rejectedRows: number;
  };
  readonly columns: readonly ReportColumn[];
  readonly estimate: {
    readonly identityShare: number;
    readonly identityShareCi95: readonly [number, number];
    readonly fromRecordsShare: number;
    readonly fromRecordsShareCi95: readonly [number, number];
    readonly claimedRows: number | null;
    readonly plausibleOurRowsMax: number | null;
  };
  readonly signals: readonly Signal[];
  readonly verdict: {
    readonly label: VerdictLabel;
    readonly confidence: number;
    readonly summary: string;
  };
  readonly provenance: {
    readonly tool: string;
    readonly settings: Readonly<Record<string, unknown>>;
    readonly generatedAt: string;
  };
  readonly subset?: SubsetNote;
}
