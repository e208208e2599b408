/**
 * rows.csv straight from the links table, without the links in JS memory: pages of links by
 * ranges of row ordinals (the table is written in row order, so DuckDB's min/max zone maps
 * keep each page's scan to a row group or two), streamed to a private spool file that the
 * report bundle later copies in. Memory holds one page, whatever the number of links.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from '../core/process.js';
import type { Link } from '../match/link.js';
import { type RowsCsvFile, writeRowsCsvFile } from '../report/rows-csv.js';
import { quoteIdent } from '../store/index.js';
import type { SqlExecutor } from '../store/types.js';

/** Sample-row ordinals per page: at most this many links come back per query (one link per row). */
export const LINK_PAGE_ROWS = 50_000;

type LinkRecord = Omit<Link, 'agreeing_fields' | 'row'> & { row: number | string; agreeing_fields: string };

const toLink = (r: LinkRecord): Link => ({
  row: Number(r.row),
  record_table: r.record_table,
  record_id: r.record_id,
  probability: Number(r.probability),
  level: r.level,
  agreeing_fields: r.agreeing_fields === '' ? [] : r.agreeing_fields.split(';'),
});

/**
 * The links of `table` (rows.csv columns) in pages of `pageRows` row ordinals, in row order;
 * ties (never made by the one-to-one assignment) keep the table's order, as a stable sort of
 * the whole table would.
 * @example for await (const page of readLinkPages(db, result.linksTable)) count += page.length
 */
export async function* readLinkPages(
  db: Pick<SqlExecutor, 'all'>,
  table: string,
  pageRows: number = LINK_PAGE_ROWS,
): AsyncGenerator<Link[]> {
  if (!Number.isSafeInteger(pageRows) || pageRows < 1) throw new RangeError(`bad page size ${pageRows}`);
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
    const page = await db.all<LinkRecord>(
      `SELECT "row", record_table, record_id, probability, level, agreeing_fields FROM ${t}
       WHERE "row" >= $1 AND "row" < $2 ORDER BY "row", rowid`,
      [lo, lo + pageRows],
    );
    if (page.length > 0) yield page.map(toLink);
    // Sparse links (a sample that barely links) jump over empty ranges in one query.
    lo = page.length > 0 ? lo + pageRows : await next(lo + pageRows);
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
    const file = await writeRowsCsvFile(join(dir, 'rows.csv'), readLinkPages(db, table, options.pageRows));
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
