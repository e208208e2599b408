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
}
