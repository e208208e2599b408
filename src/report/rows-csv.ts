/**
 * rows.csv of SPEC.md: one line per linked sample row. Analysts open it in spreadsheets, so
 * besides RFC 4180 quoting, a text cell that a spreadsheet would run as a formula gets a
 * leading apostrophe (OWASP "CSV injection"), even where the value is ours.
 *
 * Two writers share one line formatter: `renderRowsCsv` builds the text of a few links in
 * memory (tests, small bundles), `writeRowsCsvFile` streams pages of links to a file so that
 * tens of millions of lines never sit in memory (or in one string, which V8 caps near 512 MB).
 */
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import type { LinkRow } from './types.js';

export const ROWS_CSV_HEADER = [
  'row',
  'record_table',
  'record_id',
  'probability',
  'level',
  'agreeing_fields',
] as const;

/** Lines end in CRLF, as RFC 4180 has them. */
const EOL = '\r\n';

/** The levels a link may have. */
export const ROWS_CSV_LEVELS = ['exact', 'probable', 'possible'] as const;
const LEVELS = new Set<string>(ROWS_CSV_LEVELS);

/**
 * The formatting rules, as patterns that mean the same to JavaScript and to DuckDB's RE2
 * (pipeline/link-pages.ts formats pages of links in SQL with them): a field holding a
 * delimiter, quote or line break is quoted (RFC 4180 §2.6–2.7); text a spreadsheet would
 * evaluate (`=`, `+`, `-`, `@`, tab or CR first) gets a leading `'`.
 */
export const NEEDS_QUOTES = /[",\r\n]/;
export const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const textCell = (value: string): string => csvField(defuseFormula(value));

/** Probabilities with up to six decimals, no exponent: `0.98765432` → `0.987654`, `1` → `1`. */
export function formatProbability(p: number): string {
  return String(Number(p.toFixed(6)));
}

/**
 * One line of rows.csv without its line end; throws a RangeError on a value outside the contract.
 * @example formatRowsCsvLine({ row: 3, record_table: 'customers', record_id: 'C-1', probability: 0.97, level: 'exact', agreeing_fields: ['email'] }) // '3,customers,C-1,0.97,exact,email'
 */
export function formatRowsCsvLine(link: LinkRow): string {
  if (!Number.isSafeInteger(link.row) || link.row < 1)
    throw new RangeError(`rows.csv: row must be a positive integer, got ${link.row}`);
  if (!(link.probability >= 0 && link.probability <= 1))
    throw new RangeError(`rows.csv: probability of row ${link.row} is not in [0,1]: ${link.probability}`);
  if (!LEVELS.has(link.level))
    throw new RangeError(`rows.csv: unknown level for row ${link.row}: ${String(link.level)}`);
  return [
    String(link.row),
    textCell(link.record_table),
    textCell(link.record_id),
    formatProbability(link.probability),
    link.level,
    textCell(link.agreeing_fields.join(';')),
  ].join(',');
}

/**
 * Renders rows.csv in memory (CRLF line ends; rows in file order, ties in input order).
 * For more than a few hundred thousand links, stream with `writeRowsCsvFile` instead.
 * @example renderRowsCsv([{ row: 3, record_table: 'customers', record_id: 'C-1', probability: 0.97, level: 'exact', agreeing_fields: ['email'] }])
 */
export function renderRowsCsv(links: readonly LinkRow[]): string {
  const sorted = [...links].sort((a, b) => a.row - b.row);
  let text = ROWS_CSV_HEADER.join(',') + EOL;
  for (const link of sorted) text += formatRowsCsvLine(link) + EOL;
  return text;
}

/**
 * Lines of rows.csv already formatted (each with its CRLF), as DuckDB formats a page of the
 * links table (pipeline/link-pages.ts `readRowsCsvPages`, the SQL twin of `formatRowsCsvLine`).
 */
export interface RowsCsvText {
  readonly text: string;
  readonly rows: number;
}

const isLinks = (page: readonly LinkRow[] | RowsCsvText): page is readonly LinkRow[] => Array.isArray(page);

/** A rows.csv written to disk, with the digest the evidence manifest records. */
export interface RowsCsvFile {
  readonly path: string;
  /** Data lines (links), header excluded. */
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Streams rows.csv to a new file (mode 0600, fsynced), page by page; the pages must come in
 * row order (each page's rows sorted, later pages after earlier ones), as a keyset scan of
 * the links table gives them. A page is links, formatted here, or lines formatted already
 * (`RowsCsvText`, whose order its maker guarantees). The bytes equal `renderRowsCsv` of all
 * the pages' links. Memory holds one page at a time. A failure removes the partial file.
 * @example await writeRowsCsvFile('/tmp/x/rows.csv', readRowsCsvPages(db, result.linksTable))
 */
export async function writeRowsCsvFile(
  path: string,
  pages: AsyncIterable<readonly LinkRow[] | RowsCsvText> | Iterable<readonly LinkRow[] | RowsCsvText>,
): Promise<RowsCsvFile> {
  const handle = await open(path, 'wx', 0o600);
  const hash = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  let last = 0;
  const write = async (text: string): Promise<void> => {
    const buffer = Buffer.from(text);
    hash.update(buffer);
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
      offset += bytesWritten;
    }
    bytes += buffer.length;
  };
  try {
    await write(ROWS_CSV_HEADER.join(',') + EOL);
    for await (const page of pages) {
      if (!isLinks(page)) {
        rows += page.rows;
        if (page.text !== '') await write(page.text);
        continue;
      }
      let text = '';
      for (const link of page) {
        // A row before the last one would break the file order that rows.csv promises.
        if (link.row < last)
          throw new RangeError(`rows.csv: links must come in row order, got row ${link.row} after ${last}`);
        text += formatRowsCsvLine(link) + EOL;
        last = link.row;
      }
      rows += page.length;
      if (text !== '') await write(text);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
  return { path, rows, bytes, sha256: hash.digest('hex') };
}
