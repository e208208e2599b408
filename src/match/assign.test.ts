import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignOneToOne, greedyAssign } from './assign.js';
import { type TempWorkspace, tempWorkspace } from './test-support/workspace.js';

interface Pair {
  s_eid: number;
  tbl: number;
  r_eid: number;
  match_weight: number;
}

const key = (p: { s_eid: number; tbl: number; r_eid: number }): string => `${p.s_eid}/${p.tbl}/${p.r_eid}`;

/** The reference: greedy over pairs in the same total order the SQL uses. */
function reference(pairs: readonly Pair[]): string[] {
  const sorted = [...pairs].sort(
    (a, b) => b.match_weight - a.match_weight || a.tbl - b.tbl || a.r_eid - b.r_eid || a.s_eid - b.s_eid,
  );
  return greedyAssign(sorted).map(key).sort();
}

const pairsArb = fc.uniqueArray(
  fc.record({
    s_eid: fc.integer({ min: 1, max: 8 }),
    tbl: fc.integer({ min: 0, max: 1 }),
    r_eid: fc.integer({ min: 1, max: 8 }),
    // Few distinct weights, so ties (broken by ids) are common.
    match_weight: fc.integer({ min: -3, max: 6 }),
  }),
  { selector: key, maxLength: 40 },
);

describe('assignOneToOne', () => {
  let t: TempWorkspace;
  beforeAll(async () => {
    t = await tempWorkspace();
  });
  afterAll(async () => t.dispose());

  async function assign(
    pairs: readonly Pair[],
    maxRounds?: number,
  ): Promise<{ keys: string[]; rounds: number; js: number }> {
    await t.ws.run(
      'CREATE OR REPLACE TEMP TABLE pairs (s_eid BIGINT, tbl SMALLINT, r_eid BIGINT, match_weight DOUBLE, extra VARCHAR)',
    );
    if (pairs.length > 0) {
      await t.ws.appendRows(
        'pairs',
        ['s_eid', 'tbl', 'r_eid', 'match_weight', 'extra'],
        pairs.map((p) => [p.s_eid, p.tbl, p.r_eid, p.match_weight, 'x']),
      );
    }
    const report = await assignOneToOne(t.ws, {
      pairs: 'pairs',
      output: 'assigned',
      ...(maxRounds === undefined ? {} : { maxRounds }),
    });
    const rows = await t.ws.all<Pair & { extra: string }>('SELECT * FROM assigned');
    expect(rows.every((r) => r.extra === 'x')).toBe(true);
    expect(report.assigned).toBe(rows.length);
    return { keys: rows.map(key).sort(), rounds: report.rounds, js: report.finishedInJs };
  }

  it('equals greedy by descending weight, in SQL rounds and in the JS fallback', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, async (pairs) => {
        const expected = reference(pairs);
        expect((await assign(pairs)).keys).toEqual(expected);
        expect((await assign(pairs, 0)).keys).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('never gives a record to two rows, nor two records to a row', async () => {
    const pairs: Pair[] = [
      { s_eid: 1, tbl: 0, r_eid: 10, match_weight: 9 },
      { s_eid: 2, tbl: 0, r_eid: 10, match_weight: 8 },
      { s_eid: 2, tbl: 0, r_eid: 11, match_weight: 2 },
      { s_eid: 1, tbl: 1, r_eid: 10, match_weight: 5 },
      { s_eid: 3, tbl: 1, r_eid: 10, match_weight: 1 },
    ];
    const { keys, rounds } = await assign(pairs);
    expect(keys).toEqual(['1/0/10', '2/0/11', '3/1/10']);
    expect(rounds).toBeGreaterThanOrEqual(2);
  });

  it('handles no pairs', async () => {
    expect((await assign([])).keys).toEqual([]);
  });
});
