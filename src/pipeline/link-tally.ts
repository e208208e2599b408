import { judgeRow } from '../analyze/index.js';
import type { CorroborationSummary } from '../analyze/types.js';
import { T } from '../match/blocking.js';
import type { LinkResult } from '../match/link.js';
import { resolveSettings } from '../match/settings.js';
import { quoteIdent } from '../store/index.js';
import type { SqlExecutor } from '../store/types.js';
import { agreementsOf, gammaList } from './linked-rows.js';

/**
 * The linkage side of the analysis for samples too large to hold per row in memory: the
 * corroboration counts over every linked row, read as one row per distinct pattern of
 * comparison outcomes (a few hundred at most, whatever the sample's size). It reads the
 * linkage's temp tables, so call it on the connection that ran `linkSample` (the linked rows
 * of a chosen subset: `linkedRowsOf` in linked-rows.ts).
 */

/**
 * A pair's comparison outcomes from its gamma levels, as `linkedRowsOf` (linked-rows.ts)
 * reads them; link-tally.test.ts checks that both agree on a real linkage.
 */

/** The corroboration counts of a summary: what does not need any cell value. */
export type LinkTally = Pick<
  CorroborationSummary,
  'linked' | 'corroborated' | 'corroboratedByAddressOnly' | 'contradicted' | 'uncorroborated' | 'fields'
>;

/** Judges every linked row (as `corroborate` does) without bringing the rows into memory. */
export async function tallyLinks(db: SqlExecutor, result: LinkResult): Promise<LinkTally> {
  const comparisons = resolveSettings().comparisons;
  const patterns = await db.all<Record<string, number | string | null>>(
    `SELECT ${gammaList(comparisons)}, count(*) AS __n FROM ${quoteIdent(result.linksTable)} l
     LEFT JOIN ${quoteIdent(T.assigned)} a ON a.s_eid = l."row" GROUP BY ALL ORDER BY ALL`,
  );
  // Sorted patterns give the per-field counts a fixed insertion order (ties in the report's wording).
  let linked = 0;
  let corroborated = 0;
  let byAddress = 0;
  let contradicted = 0;
  const fields: Record<string, { agree: number; disagree: number }> = {};
  for (const pattern of patterns) {
    const n = Number(pattern.__n);
    const outcomes = agreementsOf(comparisons, pattern);
    const judgement = judgeRow(outcomes);
    linked += n;
    if (judgement.provenance === 'corroborated') {
      corroborated += n;
      if (judgement.basis === 'address') byAddress += n;
    } else if (judgement.provenance === 'contradicted') contradicted += n;
    for (const [name, outcome] of Object.entries(outcomes)) {
      if (outcome === 'absent') continue;
      const counts = fields[name] ?? { agree: 0, disagree: 0 };
      counts[outcome] += n;
      fields[name] = counts;
    }
  }
  return {
    linked,
    corroborated,
    corroboratedByAddressOnly: byAddress,
    contradicted,
    uncorroborated: linked - corroborated - contradicted,
    fields,
  };
}
