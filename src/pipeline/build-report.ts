import { basename } from 'node:path';
import type { AnalysisResult, SampleColumn } from '../analyze/types.js';
import type { Report } from '../core/report.js';
import { VERSION } from '../core/version.js';
import { buildRowsSample, type ExampleLink } from '../report/extensions.js';
import type { LinkageSummary, RenderableReport } from '../report/types.js';
import type { IndexedTable } from './index-records.js';
import type { LoadResult } from './load-features.js';

export interface ReportParts {
  readonly sample: LoadResult & { readonly sha256: string; readonly path: string };
  readonly columns: readonly SampleColumn[];
  /** Data-row ordinal of each accepted row, in the order of `columns[i].raw`. */
  readonly ordinals: readonly number[];
  readonly tables: readonly IndexedTable[];
  /** Over every link, from the links table (linkage-summary.ts). */
  readonly linkage: LinkageSummary;
  /** The links of the rows in `ordinals` (sample ordinals): the masked example rows pick from them. */
  readonly keptLinks: readonly ExampleLink[];
  readonly analysis: AnalysisResult;
  readonly claimedRows: number | null;
  readonly claimSource: 'option' | 'banner' | 'none';
  readonly settings: Readonly<Record<string, unknown>>;
  readonly now: Date;
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** report.json (SPEC.md) and its extensions, from the stages' results. */
export function buildReport(parts: ReportParts): RenderableReport {
  const { sample, analysis } = parts;
  const report: Report = {
    schemaVersion: 1,
    sample: {
      file: basename(sample.path),
      sha256: sample.sha256,
      format: sample.summary.info.format,
      encoding: sample.summary.info.encoding,
      rows: sample.rows,
      rejectedRows: sample.summary.rejected,
    },
    columns: sample.profiles.map((p, i) => ({
      name: p.name,
      type: p.kind,
      confidence: round(p.confidence, 3),
      filled: round(sample.filled[i] ?? 0, 3),
    })),
    estimate: analysis.estimate,
    signals: analysis.signals,
    verdict: analysis.verdict,
    provenance: {
      tool: `leakverify ${VERSION}`,
      settings: parts.settings,
      generatedAt: parts.now.toISOString(),
    },
  };
  const rows = function* () {
    for (let i = 0; i < parts.ordinals.length; i++) {
      yield { row: parts.ordinals[i]!, values: parts.columns.map((c) => c.raw[i] ?? null) };
    }
  };
  return {
    ...report,
    linkage: parts.linkage,
    rowsSample: buildRowsSample({
      columns: parts.columns.map((c) => ({ name: c.profile.name, type: c.profile.kind })),
      rows: rows(),
      links: parts.keptLinks,
    }),
    records: parts.tables.map((t) => ({
      name: t.name,
      rows: t.rows,
      ...(t.keyColumn ? { key: t.keyColumn } : {}),
      file: basename(t.path),
      sha256: t.sha256,
    })),
    claim: { claimedRows: parts.claimedRows, source: parts.claimSource },
  };
}
