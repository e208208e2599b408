import type { Report, Signal } from '../core/report.js';
import type { Cell, FieldKind, Normalized } from '../core/types.js';
import type { ColumnProfile } from '../fields/types.js';
import type { IdFormat } from './id-format.js';
import type { UsernameProfile } from './username-profile.js';

/**
 * The input of the analysis stage: plain data the pipeline fills from the sample, the
 * linkage and the workspace. Nothing here is a handle on a database; our records appear
 * only as counts, non-identifying format profiles and per-row comparison outcomes.
 */

/** One column of the sample: its profile, its raw cells and their normalised forms, one per row. */
export interface SampleColumn {
  readonly profile: ColumnProfile;
  /** `raw[i]` is the cell of data row i + 1 (null when absent). */
  readonly raw: readonly Cell[];
  /** `normalized[i]` is `normalizeValue(profile.kind, raw[i], ...)` or null for an empty cell. Optional: computed when absent. */
  readonly normalized?: readonly (Normalized | null)[];
}

/** How a sample value compares with what we stored for the linked record. */
export type Agreement = 'agree' | 'disagree' | 'absent';

/**
 * One sample row the linkage tied to one of our records (a rows.csv line), with the outcome
 * of each comparison. `fields` is keyed by the linkage's comparison names; the ones that
 * matter for corroboration are:
 * - `internal_id`, `order_id`, `username`, `ip` (signup IP), `created_at`: values only our systems hold.
 *   `order_id` agrees when the sample's order number is one of the linked customer's orders.
 * - `street` and `postcode`: the address as we store it (`agree` = the exact level, house number included).
 * Others (`email`, `phone`, names, `dob`, `city`) are identity evidence only.
 * `agree` = the exact (or close) level, `disagree` = both sides have a value and it differs,
 * `absent` = either side lacks it (a missing key means absent).
 */
export interface LinkedRow {
  /** 1-based data-row ordinal, as in rows.csv. */
  readonly row: number;
  readonly recordTable: string;
  readonly recordId: string;
  readonly probability: number;
  readonly level: 'exact' | 'probable' | 'possible';
  readonly fields: Readonly<Record<string, Agreement>>;
}

/** What we know about our records without holding them: counts, kinds and format profiles. */
export interface RecordProfile {
  readonly kind: 'record-profile';
  readonly version: 1;
  /** Records per table: `{ customers: 1_200_000, orders: 3_400_000 }`. */
  readonly tables: Readonly<Record<string, number>>;
  /** Field kinds our records hold (what a sample can be compared on). */
  readonly kinds: readonly FieldKind[];
  readonly internalId?: IdFormat;
  readonly orderId?: IdFormat;
  readonly username?: UsernameProfile;
}

/** Earlier samples registered in the workspace library (`leakverify library add`). */
export interface LibraryInput {
  /** Per sample row (index i = row i + 1), the keyed fingerprints of its identity (email, phone, name+dob...). */
  readonly rowKeys: readonly (readonly string[])[];
  readonly earlier: readonly { readonly name: string; readonly keys: ReadonlySet<string> }[];
}

export interface AnalysisOptions {
  /** Fewer data rows than this make the verdict inconclusive (default 30). */
  readonly minRows?: number;
  /** Lower 95% bound of fromRecordsShare above which a corroborated subset is "statistically clear" (default 0.01). */
  readonly partialFloor?: number;
  /** fromRecordsShare at or above which the sample reads as an export of our records (default 0.8). */
  readonly authenticShare?: number;
  /** Signals look at no more than this many rows (evenly spread), to bound time (default 50,000). */
  readonly maxSignalRows?: number;
  /** The year ages are judged against (default: the current year). */
  readonly referenceYear?: number;
  /** How the summary names us (default "our"): "ShopCo" gives "ShopCo's customers". */
  readonly organisation?: string;
}

export interface AnalysisInput {
  /** Accepted data rows of the sample. */
  readonly rows: number;
  readonly columns: readonly SampleColumn[];
  /** The linked rows (rows.csv); rows not listed link to nothing. */
  readonly links: readonly LinkedRow[];
  readonly records: RecordProfile;
  /** `--claimed`, when given; otherwise parsed from `notes`. */
  readonly claimedRows?: number | null;
  /** Banner and comment lines of the sample (RecordSink.note), where claims live. */
  readonly notes?: readonly string[];
  readonly library?: LibraryInput;
  readonly options?: AnalysisOptions;
}

export type Estimate = Report['estimate'];

/** Per linked row, what its platform-specific fields say about its provenance. */
export type RowProvenance = 'corroborated' | 'contradicted' | 'uncorroborated';

export interface CorroborationSummary {
  readonly rows: number;
  readonly linked: number;
  readonly corroborated: number;
  /** Corroborated on the address alone (no platform id, username or IP to compare). */
  readonly corroboratedByAddressOnly: number;
  readonly contradicted: number;
  readonly uncorroborated: number;
  /** Per platform field: rows where it agreed / disagreed, over linked rows. */
  readonly fields: Readonly<Record<string, { readonly agree: number; readonly disagree: number }>>;
  /** Per 1-based row, for linked rows only. */
  readonly byRow: ReadonlyMap<number, RowProvenance>;
  /** Unlinked rows carrying an id or username column that we could check, and how many fit our formats. */
  readonly unlinkedChecked: number;
  readonly unlinkedFitting: number;
  /** Among rows checked, per sample column name: values checked and fitting. */
  readonly formatFit: Readonly<Record<string, { readonly checked: number; readonly fitting: number }>>;
}

export interface Verdict {
  readonly label: Report['verdict']['label'];
  readonly confidence: number;
  readonly summary: string;
}

export interface AnalysisResult {
  readonly estimate: Estimate;
  readonly signals: readonly Signal[];
  readonly verdict: Verdict;
  readonly corroboration: CorroborationSummary;
}
