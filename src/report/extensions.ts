/**
 * Builders for the optional report extensions (types.ts) from what linkage produced, so the
 * pipeline hands the renderers numbers rather than assembling charts itself.
 */
import type { FieldKind } from '../core/types.js';
import { maskRow } from './mask.js';
import type { LinkageSummary, LinkRow, RowsSample, SampleRowView } from './types.js';

export interface LinkageSummaryInput {
  readonly links: readonly LinkRow[];
  readonly sampleRows: number;
  /** Comparison names, so a field no linked row agrees on still shows (at 0%). */
  readonly fields?: readonly string[];
  /** Best-candidate probability of every scored row, if known; otherwise the links' probabilities. */
  readonly probabilities?: readonly number[];
  readonly model?: LinkageSummary['model'];
  readonly bins?: number;
}

/** Level counts, probability histogram and per-field agreement shares. */
export function buildLinkageSummary(input: LinkageSummaryInput): LinkageSummary {
  const levels = { exact: 0, probable: 0, possible: 0, unlinked: 0 };
  const agreeing = new Map<string, number>((input.fields ?? []).map((f) => [f, 0]));
  const linkedRows = new Set<number>();
  for (const link of input.links) {
    levels[link.level] += 1;
    linkedRows.add(link.row);
    for (const field of link.agreeing_fields) agreeing.set(field, (agreeing.get(field) ?? 0) + 1);
  }
  levels.unlinked = Math.max(0, input.sampleRows - linkedRows.size);
  const bins = Math.max(1, Math.floor(input.bins ?? 10));
  const histogram = Array.from({ length: bins }, (_, i) => ({ lo: i / bins, hi: (i + 1) / bins, count: 0 }));
  for (const p of input.probabilities ?? input.links.map((l) => l.probability)) {
    if (!Number.isFinite(p)) continue;
    const i = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    histogram[i]!.count += 1;
  }
  const n = input.links.length;
  const fieldAgreement = [...agreeing].map(([field, count]) => ({
    field,
    agreeing: count,
    share: n === 0 ? 0 : count / n,
  }));
  return input.model
    ? { levels, histogram, fieldAgreement, model: input.model }
    : { levels, histogram, fieldAgreement };
}

/** What the masked rows show of a link. */
export type ExampleLink = Pick<LinkRow, 'row' | 'level' | 'probability' | 'record_table'>;

export interface RowsSampleInput {
  readonly columns: readonly { readonly name: string; readonly type: FieldKind }[];
  /** Sample rows in file order with their 1-based ordinal; only the first few of each kind are kept. */
  readonly rows: Iterable<{ readonly row: number; readonly values: readonly (string | null)[] }>;
  /** The links of (at least) the rows in `rows`; links of other rows are ignored. */
  readonly links: readonly ExampleLink[];
  readonly linked?: number;
  readonly unlinked?: number;
}

/**
 * Picks up to `linked` linked and `unlinked` unlinked rows and masks their values.
 * @example buildRowsSample({ columns, rows: sampleRows(), links, linked: 5, unlinked: 5 })
 */
export function buildRowsSample(input: RowsSampleInput): RowsSample {
  const wantLinked = input.linked ?? 5;
  const wantUnlinked = input.unlinked ?? 5;
  const byRow = new Map(input.links.map((l) => [l.row, l]));
  const kinds = input.columns.map((c) => c.type);
  const linked: SampleRowView[] = [];
  const unlinked: SampleRowView[] = [];
  for (const { row, values } of input.rows) {
    const link = byRow.get(row);
    const masked = maskRow(kinds, values);
    if (link && linked.length < wantLinked) {
      linked.push({
        row,
        status: 'linked',
        level: link.level,
        probability: link.probability,
        recordTable: link.record_table,
        values: masked,
      });
    } else if (!link && unlinked.length < wantUnlinked) {
      unlinked.push({ row, status: 'unlinked', values: masked });
    }
    if (linked.length >= wantLinked && unlinked.length >= wantUnlinked) break;
  }
  return {
    masked: true,
    columns: input.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: [...linked, ...unlinked],
  };
}
