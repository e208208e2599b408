/**
 * rows.csv straight from the links table, without the links in JS memory: pages of links by
 * ranges of row ordinals (the table is written in row order, so DuckDB's min/max zone maps
 * keep each page's scan to a row group or two), each page's lines formatted by DuckDB into
 * one string, streamed to a private spool file that the report bundle later copies in.
 * Memory holds one query's pages (PAGES_PER_QUERY), whatever the number of links.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from '../core/process.js';
import {
  FORMULA_START,
  NEEDS_QUOTES,
  ROWS_CSV_LEVELS,
  type RowsCsvFile,
  type RowsCsvText,
  writeRowsCsvFile,
} from '../report/rows-csv.js';
import { quoteIdent } from '../store/index.js';
import type { SqlExecutor } from '../store/types.js';

/** Sample-row ordinals per page: at most this many links come back per page (one link per row). */
export const LINK_PAGE_ROWS = 50_000;
/**
 * Pages formatted per query. One page per query left one of DuckDB's threads idle (an
 * ordered aggregate without groups is finished by one thread); each query's text is held
 * at once, so this bounds memory too: 8 pages of ~80-byte lines are ~32 MB.
 */
export const PAGES_PER_QUERY = 8;

/** A SQL string literal. */
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * A text cell as `textCell` (report/rows-csv.ts) writes it: formula prefix defused, then
 * RFC 4180 quoting, by the same patterns. The apostrophe defusing adds never needs quotes,
 * so whether to quote is decided on the value itself.
 */
function textCellSql(column: string): string {
  const defused = `CASE WHEN regexp_matches(${column}, ${literal(FORMULA_START.source)}) THEN '''' || ${column} ELSE ${column} END`;
  return `CASE WHEN regexp_matches(${column}, ${literal(NEEDS_QUOTES.source)})
    THEN '"' || replace(${defused}, '"', '""') || '"' ELSE ${defused} END`;
}

/**
 * `formatProbability` (six decimals, no trailing zeros) in SQL. `printf` rounds the exact
 * binary value as `toFixed` does except on an exact tie, which only values j/128 (j odd) have
 * at the seventh decimal: `toFixed` rounds those up, so they are nudged up first.
 */
const PROBABILITY_SQL = `rtrim(rtrim(printf('%.6f', CASE WHEN probability * 128 = floor(probability * 128)
  THEN probability + 1e-9 ELSE probability END), '0'), '.')`;

/**
 * One line of rows.csv with its CRLF, as `formatRowsCsvLine` formats it (the tests check
 * them byte for byte), or an error for a row outside the contract (as that function throws).
 */
const LINE_SQL = `CASE WHEN NOT coalesce("row" >= 1 AND probability >= 0 AND probability <= 1
    AND level IN (${ROWS_CSV_LEVELS.map(literal).join(', ')}) AND record_table IS NOT NULL
    AND record_id IS NOT NULL AND agreeing_fields IS NOT NULL, false)
  THEN error('rows.csv: the link of row ' || coalesce("row"::VARCHAR, 'NULL') || ' breaks the contract (row, probability, level or a NULL cell)')
  ELSE "row"::VARCHAR || ',' || ${textCellSql('record_table')} || ',' || ${textCellSql('record_id')} || ','
    || ${PROBABILITY_SQL} || ',' || level || ',' || ${textCellSql('agreeing_fields')} || chr(13) || chr(10) END`;

/**
 * rows.csv's lines of the links of `table`, in pages of `pageRows` row ordinals, in row
 * order; ties (never made by the one-to-one assignment) keep the table's order, as a stable
 * sort of the whole table would. DuckDB formats each page into one string: converting
 * 500k links to JS values, one object per link, took 2.3-2.5 s, this 0.7-1.0 s (BENCHMARKS.md,
 * session 7).
 * @example for await (const page of readRowsCsvPages(db, result.linksTable)) lines += page.rows
 */
export async function* readRowsCsvPages(
  db: Pick<SqlExecutor, 'all'>,
  table: string,
  pageRows: number = LINK_PAGE_ROWS,
  pagesPerQuery: number = PAGES_PER_QUERY,
): AsyncGenerator<RowsCsvText> {
  if (!Number.isSafeInteger(pageRows) || pageRows < 1) throw new RangeError(`bad page size ${pageRows}`);
  if (!Number.isSafeInteger(pagesPerQuery) || pagesPerQuery < 1)
    throw new RangeError(`bad number of pages per query ${pagesPerQuery}`);
  const span = pageRows * pagesPerQuery;
  const t = quoteIdent(table);
  const next = async (from: number): Promise<number | null> => {
    const [row] = await db.all<{ lo: number | string | null }>(
      `SELECT min("row") AS lo FROM ${t} WHERE "row" >= $1`,
      [from],
    );
    return row?.lo === null || row?.lo === undefined ? null : Number(row.lo);
  };
  let lo = await next(Number.MIN_SAFE_INTEGER);
  while (lo !== null) {
    // Several pages per query, each formatted by its own group: DuckDB's threads share them.
    const pages = await db.all<{ rows: number | string; text: string | null }>(
      `SELECT count(*) AS rows, string_agg(line, '' ORDER BY "row", rowid) AS text
       FROM (SELECT ("row" - $1) // $3 AS page, "row", rowid, ${LINE_SQL} AS line
             FROM ${t} WHERE "row" >= $1 AND "row" < $2)
       GROUP BY page ORDER BY page`,
      [lo, lo + span, pageRows],
    );
    for (const page of pages) yield { text: page.text ?? '', rows: Number(page.rows) };
    // Sparse links (a sample that barely links) jump over empty ranges in one query.
    lo = pages.length > 0 ? lo + span : await next(lo + span);
  }
}

/** rows.csv written to a private temp directory; `dir` is removed by `removeRowsCsvSpool`. */
export interface SpooledRowsCsv extends RowsCsvFile {
  readonly dir: string;
}

/** Spool directories not yet removed: the process removes them on exit if a caller did not. */
const live = new Set<string>();
let exitHookInstalled = false;

function track(dir: string): void {
  live.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const d of live) rmSync(d, { recursive: true, force: true });
  });
}

const SPOOL_PREFIX = 'leakverify-rows-';

/**
 * Removes the spools of processes that died without their exit hook (killed, or a test
 * worker stopped by its pool): their directory names carry their pid.
 */
async function sweepStaleSpools(tmp: string): Promise<void> {
  const names = await readdir(tmp).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^leakverify-rows-(\d+)-/.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isSafeInteger(pid) || pid === process.pid || isProcessAlive(pid)) continue;
    await rm(join(tmp, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Streams the links table to `<tmp>/leakverify-rows-<pid>-*\/rows.csv` (directory 0700, file
 * 0600: it names our records). Call it on the connection that ran `linkSample`: the table is
 * a temp table. Remove it with `removeRowsCsvSpool` once the bundle is written.
 */
export async function spoolRowsCsv(
  db: Pick<SqlExecutor, 'all'>,
  table: string,
  options: { readonly pageRows?: number; readonly tmp?: string } = {},
): Promise<SpooledRowsCsv> {
  const tmp = options.tmp ?? tmpdir();
  await sweepStaleSpools(tmp);
  const dir = await mkdtemp(join(tmp, `${SPOOL_PREFIX}${process.pid}-`));
  track(dir);
  try {
    const file = await writeRowsCsvFile(join(dir, 'rows.csv'), readRowsCsvPages(db, table, options.pageRows));
    return { ...file, dir };
  } catch (error) {
    await removeRowsCsvSpool({ dir });
    throw error;
  }
}

/** Removes a spool written by `spoolRowsCsv` (idempotent). */
export async function removeRowsCsvSpool(spool: Pick<SpooledRowsCsv, 'dir'>): Promise<void> {
  await rm(spool.dir, { recursive: true, force: true });
  live.delete(spool.dir);
}
