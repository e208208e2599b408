/**
 * The links as rows.csv has them (SPEC.md): row, record_table, record_id, probability,
 * level, agreeing_fields, one line per linked sample row, in row order.
 */
import { quoteIdent as q } from '../store/sql.js';
import type { SqlExecutor } from '../store/types.js';
import { T } from './blocking.js';
import { gammaColumn } from './comparison.js';
import type { Comparison } from './comparison-levels.js';
import { levelSql } from './levels.js';
import type { Link } from './link.js';
import type { LevelThresholds } from './settings.js';

const str = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** The comparisons that agree on a pair, joined by ';' (e.g. 'email;last_name;dob'). */
export function agreeingSql(comparisons: readonly Comparison[]): string {
  const parts = comparisons.flatMap((c) => {
    // Levels are best first; gamma counts from the bottom (levels.length for the best).
    const agreeing = c.levels
      .map((l, i) => ({
        agrees: l.agrees ?? (l.label === 'exact' || l.label === 'close'),
        gamma: c.levels.length - i,
      }))
      .filter((l) => l.agrees)
      .map((l) => l.gamma);
    return agreeing.length === 0
      ? []
      : [`CASE WHEN ${gammaColumn(c)} IN (${agreeing.join(', ')}) THEN ${str(c.name)} END`];
  });
  return parts.length === 0 ? `''` : `concat_ws(';', ${parts.join(', ')})`;
}

/** rows.csv from the assigned pairs; `tables[i]` names record table i. */
export function linksSql(
  tables: readonly string[],
  levels: LevelThresholds,
  comparisons: readonly Comparison[],
): string {
  const names = tables.map((name, i) => `(${i}::SMALLINT, ${str(name)})`).join(', ');
  return `SELECT a.s_eid AS "row", t.name AS record_table, coalesce(r.record_id, r.eid::VARCHAR) AS record_id,
    a.probability, ${levelSql(levels, 'a.probability')} AS level, ${agreeingSql(comparisons)} AS agreeing_fields
  FROM ${q(T.assigned)} a
  JOIN (VALUES ${names}) t(tbl, name) ON t.tbl = a.tbl
  JOIN ${q(T.records)} r ON r.tbl = a.tbl AND r.eid = a.r_eid
  ORDER BY a.s_eid`;
}

/** Reads a links table into JS (about 100k rows/s: for big samples, COPY the table instead). */
export async function readLinks(db: Pick<SqlExecutor, 'all'>, table: string): Promise<Link[]> {
  const rows = await db.all<Omit<Link, 'agreeing_fields'> & { agreeing_fields: string }>(
    `SELECT * FROM ${q(table)}`,
  );
  return rows.map((l) => ({
    ...l,
    agreeing_fields: l.agreeing_fields === '' ? [] : l.agreeing_fields.split(';'),
  }));
}
