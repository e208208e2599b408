/**
 * Validates a report as it will be written: against schema/report.schema.json, then the
 * rules JSON Schema cannot express. Every report the tests produce goes through here.
 */
import { readFileSync } from 'node:fs';
import { validateAgainst } from './json-schema.js';

export interface ValidationResult {
  readonly valid: boolean;
  /** One message per problem, `<JSON pointer>: <what is wrong>`. */
  readonly errors: readonly string[];
}

let cached: Record<string, unknown> | undefined;

/** The parsed schema, read once (from src/report or dist/report, two levels below the repo). */
export function reportSchema(): Record<string, unknown> {
  cached ??= JSON.parse(
    readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  return cached;
}

/**
 * @example const { valid, errors } = validateReport(report); if (!valid) console.error(errors.join('\n'))
 */
export function validateReport(report: unknown): ValidationResult {
  let json: unknown;
  try {
    // What is validated is what report.json will hold: undefined vanishes, NaN becomes null.
    json = JSON.parse(JSON.stringify(report) ?? 'null');
  } catch (error) {
    return { valid: false, errors: [`/: not serialisable as JSON (${(error as Error).message})`] };
  }
  const errors = validateAgainst(reportSchema(), json);
  if (errors.length === 0) errors.push(...semanticErrors(json as Record<string, unknown>));
  return { valid: errors.length === 0, errors };
}

// Exact intervals contain their estimate; allow for rounding in whoever computed them.
const EPS = 1e-9;

function semanticErrors(report: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const estimate = report.estimate as Record<string, unknown>;
  for (const name of ['identityShare', 'fromRecordsShare']) {
    const [lo, hi] = estimate[`${name}Ci95`] as [number, number];
    const point = estimate[name] as number;
    if (lo > hi) errors.push(`/estimate/${name}Ci95: lower end ${lo} is above upper end ${hi}`);
    else if (point < lo - EPS || point > hi + EPS)
      errors.push(`/estimate/${name}: ${point} lies outside its interval [${lo}, ${hi}]`);
  }
  const claimed = estimate.claimedRows as number | null;
  const plausible = estimate.plausibleOurRowsMax as number | null;
  if (claimed !== null && plausible !== null && plausible > claimed) {
    errors.push(`/estimate/plausibleOurRowsMax: ${plausible} exceeds claimedRows ${claimed}`);
  }
  const sample = report.sample as { rows: number };
  const linkage = report.linkage as
    | { levels: Record<string, number>; histogram: { lo: number; hi: number }[] }
    | undefined;
  if (linkage) {
    const { exact = 0, probable = 0, possible = 0, unlinked = 0 } = linkage.levels;
    if (exact + probable + possible + unlinked > sample.rows) {
      errors.push(`/linkage/levels: counts add up to more than the ${sample.rows} sample rows`);
    }
    linkage.histogram.forEach((bin, i) => {
      if (bin.lo >= bin.hi) errors.push(`/linkage/histogram/${i}: lo ${bin.lo} is not below hi ${bin.hi}`);
    });
  }
  const rowsSample = report.rowsSample as { columns: unknown[]; rows: { values: unknown[] }[] } | undefined;
  rowsSample?.rows.forEach((row, i) => {
    if (row.values.length !== rowsSample.columns.length) {
      errors.push(
        `/rowsSample/rows/${i}/values: ${row.values.length} values for ${rowsSample.columns.length} columns`,
      );
    }
  });
  return errors;
}
