import type { Agreement, LinkedRow } from '../analyze/types.js';
import { T } from '../match/blocking.js';
import { gammaColumn } from '../match/comparison.js';
import type { Comparison } from '../match/comparison-levels.js';
import type { Link, LinkResult } from '../match/link.js';
import { resolveSettings } from '../match/settings.js';
import { quoteIdent } from '../store/index.js';
import type { SqlExecutor } from '../store/types.js';

/** Fields where only the top level counts as agreement: the address as we stored it, number included. */
const EXACT_ONLY: ReadonlySet<string> = new Set(['street', 'place']);

/**
 * Per linked row, how each comparison came out (agree / disagree / absent), read from the
 * comparison levels of the assigned pairs: what record corroboration judges provenance on.
 * Reads the linkage's temp tables, so call it on the connection that ran `linkSample`.
 */
export async function linkedRowsOf(db: SqlExecutor, result: LinkResult): Promise<LinkedRow[]> {
  const comparisons = resolveSettings().comparisons;
  const gammas = comparisons.map((c) => `a.${quoteIdent(gammaColumn(c))}`).join(', ');
  const rows = await db.all<Record<string, number | string>>(
    `SELECT l."row" AS "row", ${gammas} FROM ${quoteIdent(result.linksTable)} l JOIN ${quoteIdent(T.assigned)} a ON a.s_eid = l."row"`,
  );
  const byRow = new Map(rows.map((r) => [Number(r.row), r]));
  return result.links.map((link: Link): LinkedRow => {
    const g = byRow.get(link.row);
    const fields = agreementsOf(comparisons, g);
    return {
      row: link.row,
      recordTable: link.record_table,
      recordId: link.record_id,
      probability: link.probability,
      level: link.level,
      fields,
    };
  });
}

/**
 * Per comparison, whether a linked pair's fields agree, disagree or are absent, from its
 * comparison levels (gammas). Exact-only fields agree only at their exact level.
 */
export function agreementsOf(
  comparisons: readonly Comparison[],
  g: Readonly<Record<string, unknown>> | undefined,
): Record<string, Agreement> {
  const fields: Record<string, Agreement> = {};
  for (const c of comparisons) {
    const level = Number(g?.[gammaColumn(c)] ?? -1);
    if (level < 0) {
      fields[c.name] = 'absent';
      continue;
    }
    // Levels count down from the best (n) to 0, "far".
    const label = level === 0 ? 'far' : c.levels[c.levels.length - level]?.label;
    const agrees = EXACT_ONLY.has(c.name) ? label === 'exact' : label === 'exact' || label === 'close';
    fields[c.name] = agrees ? 'agree' : 'disagree';
  }
  // The linkage compares postcode and city jointly (`place`); corroboration reads the
  // postcode as stored, which an exact place agreement implies.
  if (fields.place !== undefined) fields.postcode = fields.place;
  return fields;
}
