import type { Cell } from '../core/types.js';

/**
 * What the writers consume: a named table whose rows may be a lazy iterable, so millions of
 * rows stream from a generator to a file without being held in memory.
 */

/** Column types matter only where a format writes them: SQL DDL, JSON numbers, Extended JSON `$date`/`$oid`. */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'date' | 'timestamp' | 'object-id';

export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  /** Types by column name; columns not listed are text. */
  readonly types?: Readonly<Record<string, ColumnType>>;
  readonly rows: Iterable<readonly Cell[]>;
}

export const DAY_MS = 86_400_000;

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** `2021-03-04 17:22:09` (UTC), the way a SQL database prints a timestamp. */
export function formatTimestamp(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const seconds = Math.floor((ms - days * DAY_MS) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${formatDays(days)} ${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[seconds % 60]}`;
}

/** `1984-07-21` (UTC). */
export function formatDate(ms: number): string {
  return formatDays(Math.floor(ms / DAY_MS));
}

/**
 * Days since 1970-01-01 to a calendar date (Howard Hinnant's civil_from_days): the
 * generators format millions of dates, and Date#toISOString costs several times more.
 */
function formatDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** Milliseconds of an ISO date or a `YYYY-MM-DD HH:MM:SS` UTC timestamp. */
export function parseUtc(text: string): number {
  const ms = Date.parse(text.includes('T') || text.length <= 10 ? text : `${text.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${text}`);
  return ms;
}
