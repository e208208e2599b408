/**
 * Optional extensions of report.json that the renderers draw (charts, masked rows, record
 * tables, the claim). They live beside the core contract of src/core/report.ts and are
 * described by schema/report.schema.json; a report without them still renders.
 */
import type { Report } from '../core/report.js';
import type { FieldKind } from '../core/types.js';

export type LinkLevel = 'exact' | 'probable' | 'possible';

export interface LinkageSummary {
  readonly levels: {
    readonly exact: number;
    readonly probable: number;
    readonly possible: number;
    readonly unlinked: number;
  };
  /** Linkage probabilities in bins [lo, hi); the last bin includes 1. */
  readonly histogram: readonly { readonly lo: number; readonly hi: number; readonly count: number }[];
  /** Per comparison field, linked rows agreeing on it (exact or close level). */
  readonly fieldAgreement: readonly {
    readonly field: string;
    readonly agreeing: number;
    /** Linked rows where both sides had the field, when known. */
    readonly compared?: number | null;
    /** `agreeing` over linked rows (or over `compared` when given). */
    readonly share: number;
  }[];
  readonly model?: {
    readonly lambda: number;
    readonly iterations?: number;
    readonly converged?: boolean;
    readonly comparisons: readonly {
      readonly name: string;
      readonly levels: readonly { readonly label: string; readonly m: number; readonly u: number }[];
    }[];
  };
}

export interface SampleRowView {
  readonly row: number;
  readonly status: 'linked' | 'unlinked';
  readonly level?: LinkLevel;
  readonly probability?: number;
  readonly recordTable?: string;
  /** Masked values, one per `RowsSample.columns` entry (null when absent). */
  readonly values: readonly (string | null)[];
}

export interface RowsSample {
  /** Always true: the values were masked before they entered the report. */
  readonly masked: true;
  readonly columns: readonly { readonly name: string; readonly type: FieldKind }[];
  readonly rows: readonly SampleRowView[];
}

export interface RecordTableSummary {
  readonly name: string;
  readonly rows: number;
  readonly key?: string;
  readonly file?: string;
  readonly sha256?: string;
}

export interface ClaimSummary {
  readonly claimedRows: number | null;
  /** `option`: --claimed; `banner`: parsed from a banner line of the sample; `none`: no claim known. */
  readonly source: 'option' | 'banner' | 'none';
  /** The banner line the number came from (sample text: escape before display). */
  readonly text?: string;
}

export interface ReportExtensions {
  readonly linkage?: LinkageSummary;
  readonly rowsSample?: RowsSample;
  readonly records?: readonly RecordTableSummary[];
  readonly claim?: ClaimSummary;
}

/** What the renderers accept: the SPEC report plus any of the optional extensions. */
export type RenderableReport = Report & ReportExtensions;

/**
 * One line of rows.csv. Structurally the `Link` of src/match/link.ts, restated here so the
 * report stage does not depend on the linkage stage.
 */
export interface LinkRow {
  readonly row: number;
  readonly record_table: string;
  readonly record_id: string;
  readonly probability: number;
  readonly level: LinkLevel;
  readonly agreeing_fields: readonly string[];
}
