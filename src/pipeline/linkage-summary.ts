/**
 * The report's linkage summary (levels, probability histogram, per-field agreement) computed
 * in DuckDB over the links table, so that no link comes into JS: the same numbers as
 * `buildLinkageSummary` (report/extensions.ts) gives for the same links read in row order,
 * which linkage-summary.test.ts checks.
 */
import type { LinkageSummary } from '../report/types.js';
import { quoteIdent } from '../store/index.js';
import type { SqlExecutor } from '../store/types.js';

export interface LinkageSummaryOptions {
  /** Accepted rows of the sample (linked or not). */
  readonly sampleRows: number;
  /** Histogram bins over [0, 1] (default 10, as buildLinkageSummary). */
  readonly bins?: number;
}

/** Level counts, links and distinct linked rows. */
export function levelCountsSql(table: string): string {
  return `SELECT count(*) FILTER (WHERE level = 'exact') AS exact,
      count(*) FILTER (WHERE level = 'probable') AS probable,
      count(*) FILTER (WHERE level = 'possible') AS possible,
      count(*) AS links, count(DISTINCT "row") AS linked_rows
    FROM ${quoteIdent(table)}`;
}

/**
 * Links per probability bin ($1 bins), as JS bins them: floor(p * bins) clamped to the bins,
 * non-finite probabilities left out. Both multiply IEEE doubles, so the bins agree.
 */
export function histogramSql(table: string): string {
  return `SELECT least($1 - 1, greatest(0, floor(probability::DOUBLE * $1)))::BIGINT AS bin, count(*) AS n
    FROM ${quoteIdent(table)} WHERE isfinite(probability::DOUBLE) GROUP BY bin`;
}

/**
 * Links agreeing on each field, fields in order of first appearance (the first linked row
 * naming it, then its place in that row's list), as a Set built in row order would have them.
 */
export function fieldAgreementSql(table: string): string {
  return `WITH f AS (
      SELECT "row", unnest(string_split(agreeing_fields, ';')) AS field,
        generate_subscripts(string_split(agreeing_fields, ';'), 1) AS pos
      FROM ${quoteIdent(table)} WHERE agreeing_fields <> ''
    )
    SELECT field, count(*) AS n FROM f GROUP BY field ORDER BY min({'r': "row", 'p': pos})`;
}

/**
 * The linkage summary of report.json from the links table (rows.csv columns).
 * @example const linkage = await summariseLinkage(db, result.linksTable, { sampleRows: 87_000_000 })
 */
export async function summariseLinkage(
  db: Pick<SqlExecutor, 'all'>,
  table: string,
  options: LinkageSummaryOptions,
): Promise<LinkageSummary> {
  const bins = Math.max(1, Math.floor(options.bins ?? 10));
  const [counts] = await db.all<Record<string, number>>(levelCountsSql(table));
  const n = Number(counts?.links ?? 0);
  const levels = {
    exact: Number(counts?.exact ?? 0),
    probable: Number(counts?.probable ?? 0),
    possible: Number(counts?.possible ?? 0),
    unlinked: Math.max(0, options.sampleRows - Number(counts?.linked_rows ?? 0)),
  };
  const histogram = Array.from({ length: bins }, (_, i) => ({ lo: i / bins, hi: (i + 1) / bins, count: 0 }));
  for (const b of await db.all<{ bin: number; n: number }>(histogramSql(table), [bins])) {
    const bin = histogram[Number(b.bin)];
    if (bin) bin.count = Number(b.n);
  }
  const fields = await db.all<{ field: string; n: number }>(fieldAgreementSql(table));
  const fieldAgreement = fields.map((f) => ({
    field: f.field,
    agreeing: Number(f.n),
    share: n === 0 ? 0 : Number(f.n) / n,
  }));
  return { levels, histogram, fieldAgreement };
}
