import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from './comparison-levels.js';
import type { ModelParams } from './model.js';
import { predictSql } from './predict.js';
import { type TempWorkspace, tempWorkspace } from './test-support/workspace.js';

const email: Comparison = {
  name: 'email',
  present: 'n_email',
  levels: [{ label: 'exact', when: 'e_email' }],
};
const params: ModelParams = {
  lambda: 1e-4,
  comparisons: [
    {
      name: 'email',
      levels: [
        { label: 'far', gamma: 0, m: 0.1, u: 0.9999 },
        { label: 'exact', gamma: 1, m: 0.9, u: 1e-4 },
      ],
    },
  ],
};

describe('predict', () => {
  let t: TempWorkspace;
  beforeAll(async () => {
    t = await tempWorkspace();
    // Row 1: one weak candidate. Row 2: two equal candidates. Row 3: a missing field only.
    await t.ws.run(`CREATE TEMP TABLE cmp AS SELECT * FROM (VALUES
      (1, 0::SMALLINT, 10, 1::TINYINT), (2, 0::SMALLINT, 20, 1::TINYINT), (2, 0::SMALLINT, 21, 1::TINYINT),
      (3, 0::SMALLINT, 30, -1::TINYINT)) v(s_eid, tbl, r_eid, g_email)`);
  });
  afterAll(async () => t.dispose());

  const predict = (rowMatchShare?: number) =>
    t.ws.all<{ s_eid: number; r_eid: number; match_weight: number; probability: number }>(
      `${predictSql({ compared: 'cmp', comparisons: [email], params, floor: 1e-9, ...(rowMatchShare === undefined ? {} : { rowMatchShare }) })} ORDER BY s_eid, r_eid`,
    );

  it('gives the pairwise Fellegi–Sunter probability', async () => {
    const rows = await predict();
    const w = Math.log2(1e-4 / (1 - 1e-4)) + Math.log2(0.9 / 1e-4);
    expect(rows[0]!.match_weight).toBeCloseTo(w, 9);
    expect(rows[0]!.probability).toBeCloseTo(1 / (1 + 2 ** -w), 9);
    expect(rows[3]!.match_weight).toBeCloseTo(Math.log2(1e-4 / (1 - 1e-4)), 9);
  });

  it("normalises over a row's candidates when most rows have a match", async () => {
    const pairwise = await predict();
    const none = await predict(0);
    // With no matches expected, a lone candidate keeps its pairwise probability.
    expect(none[0]!.probability).toBeCloseTo(pairwise[0]!.probability, 9);
    const most = await predict(0.9);
    const odds = 2 ** pairwise[0]!.match_weight;
    expect(most[0]!.probability).toBeCloseTo(odds / (0.1 + odds), 9);
    expect(most[0]!.probability).toBeGreaterThan(pairwise[0]!.probability);
    // Two equally good candidates share the row's match.
    expect(most[1]!.probability).toBeCloseTo(most[2]!.probability, 12);
    expect(most[1]!.probability + most[2]!.probability).toBeLessThan(1);
  });
});
