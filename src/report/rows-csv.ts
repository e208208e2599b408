/**
 * rows.csv of SPEC.md: one line per linked sample row. Analysts open it in spreadsheets, so
 * besides RFC 4180 quoting, a text cell that a spreadsheet would run as a formula gets a
 * leading apostrophe (OWASP "CSV injection"), even where the value is ours.
 */
import type { LinkRow } from './types.js';

export const ROWS_CSV_HEADER = [
  'row',
  'record_table',
  'record_id',
  'probability',
  'level',
  'agreeing_fields',
] as const;

const LEVELS = new Set(['exact', 'probable', 'possible']);

/** Quotes a field when it holds a delimiter, quote or line break (RFC 4180 §2.6–2.7). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Prefixes `'` to text a spreadsheet would evaluate: `=`, `+`, `-`, `@`, tab or CR first. */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const textCell = (value: string): string => csvField(defuseFormula(value));

/** Probabilities with up to six decimals, no exponent: `0.98765432` → `0.987654`, `1` → `1`. */
export function formatProbability(p: number): string {
  return String(Number(p.toFixed(6)));
}

/**
 * Renders rows.csv (CRLF line ends, as RFC 4180; rows in file order).
 * @example renderRowsCsv([{ row: 3, record_table: 'customers', record_id: 'C-1', probability: 0.97, level: 'exact', agreeing_fields: ['email'] }])
 */
export function renderRowsCsv(links: readonly LinkRow[]): string {
  const lines = [ROWS_CSV_HEADER.join(',')];
  const sorted = [...links].sort((a, b) => a.row - b.row);
  for (const link of sorted) {
    if (!Number.isSafeInteger(link.row) || link.row < 1)
      throw new RangeError(`rows.csv: row must be a positive integer, got ${link.row}`);
    if (!(link.probability >= 0 && link.probability <= 1))
      throw new RangeError(`rows.csv: probability of row ${link.row} is not in [0,1]: ${link.probability}`);
    if (!LEVELS.has(link.level))
      throw new RangeError(`rows.csv: unknown level for row ${link.row}: ${String(link.level)}`);
    lines.push(
      [
        String(link.row),
        textCell(link.record_table),
        textCell(link.record_id),
        formatProbability(link.probability),
        link.level,
        textCell(link.agreeing_fields.join(';')),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
