import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsUnionSql, T } from './blocking.js';
import { comparisonSql, tfColumn } from './comparison.js';
import { levelLabels, type ModelParams } from './model.js';
import { predictSql, tfAdjustmentSql } from './predict.js';
import { FEATURE_TABLE_COLUMNS } from './schema.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { type TempWorkspace, tempWorkspace, writeEntities } from './test-support/workspace.js';
import { SAMPLE_TF, tfSteps, uExactSql } from './tf.js';

const lastName = DEFAULT_SETTINGS.comparisons.find((c) => c.name === 'last_name')!;

function params(lambda: number): ModelParams {
  const labels = levelLabels(lastName);
  return {
    lambda,
    comparisons: [
      {
        name: 'last_name',
        levels: labels.map((label, g) => ({
          label,
          gamma: g,
          m: [0.05, 0.05, 0.05, 0.05, 0.8][g]!,
          u: [0.9, 0.06, 0.02, 0.01, 0.01][g]!,
        })),
      },
    ],
  };
}

describe('term frequencies', () => {
  let t: TempWorkspace;
  beforeAll(async () => {
    t = await tempWorkspace();
    const records = [
      ...Array.from({ length: 50 }, (_, i) => ({
        recordId: `R${i}`,
        values: { lastName: 'rossi', firstName: `n${i}` },
      })),
      { recordId: 'Z', values: { lastName: 'zanzottera', firstName: 'ugo' } },
      ...Array.from({ length: 49 }, (_, i) => ({ recordId: `B${i}`, values: { lastName: `other${i}` } })),
    ];
    await writeEntities(t.ws, 'rec', records);
    await writeEntities(t.ws, 'smp', [
      { values: { lastName: 'rossi' } },
      { values: { lastName: 'zanzottera' } },
      { values: { lastName: 'nobody' } },
    ]);
    await t.ws.runSteps([
      { outputTable: T.records, sql: recordsUnionSql(['rec'], FEATURE_TABLE_COLUMNS) },
      ...tfSteps('smp', ['last_name']),
    ]);
  });
  afterAll(async () => t.dispose());

  it('counts, among records, the values the sample has', async () => {
    const freqs = await t.ws.all<{ eid: number; f_last_name: number | null }>(
      `SELECT eid, f_last_name FROM ${SAMPLE_TF} ORDER BY eid`,
    );
    expect(freqs).toEqual([
      { eid: 1, f_last_name: 0.5 },
      { eid: 2, f_last_name: 0.01 },
      { eid: 3, f_last_name: null },
    ]);
    const [u] = await t.ws.all<{ u: number }>(uExactSql('smp', 'last_name'));
    // (1·50 + 1·1) agreeing pairs out of 3 × 100.
    expect(u!.u).toBeCloseTo(51 / 300, 12);
  });

  it('holds the sample features beside the frequencies, so a pair needs one join for both', async () => {
    const columns = (table: string) =>
      t.ws.all<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
      );
    const sample = (await columns('smp')).map((c) => c.column_name).filter((c) => c !== 'record_id');
    expect((await columns(SAMPLE_TF)).map((c) => c.column_name)).toEqual([...sample, 'f_last_name']);
    const [same] = await t.ws.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ${SAMPLE_TF} f JOIN smp s USING (eid) WHERE f.fp_last_name IS NOT DISTINCT FROM s.fp_last_name AND f.bw_last_name_0 IS NOT DISTINCT FROM s.bw_last_name_0`,
    );
    expect(same!.n).toBe(3);
  });

  it('makes an exact match on a rare surname weigh more than on a common one', async () => {
    await t.ws.run(
      `CREATE OR REPLACE TEMP TABLE pairs AS SELECT * FROM (VALUES (1, 0::SMALLINT, 1), (2, 0::SMALLINT, 51), (1, 0::SMALLINT, 60)) v(s_eid, tbl, r_eid)`,
    );
    await t.ws.runSteps([
      {
        outputTable: 'cmp',
        sql: comparisonSql({ pairs: 'pairs', sample: 'smp', comparisons: [lastName], withTf: true }),
      },
    ]);
    const rows = await t.ws.all<Record<string, number>>(
      `SELECT s_eid, r_eid, g_last_name, ${tfColumn(lastName)} AS tf, ${tfAdjustmentSql([lastName], params(0.01))} AS adj FROM cmp ORDER BY s_eid, r_eid`,
    );
    const [common, differs, rare] = rows;
    expect(common).toMatchObject({ s_eid: 1, r_eid: 1, g_last_name: 4, tf: 0.5 });
    expect(rare).toMatchObject({ s_eid: 2, r_eid: 51, g_last_name: 4, tf: 0.01 });
    expect(common!['adj']).toBeCloseTo(Math.log2(0.01 / 0.5), 9);
    // Rarer than the field's u: floored at u/100, here 1e-4 < 0.01, so log2(0.01/0.01) = 0.
    expect(rare!['adj']).toBeCloseTo(0, 9);
    expect(differs!['adj']).toBe(0);
    const predicted = await t.ws.all<{ s_eid: number; match_weight: number }>(
      `${predictSql({ compared: 'cmp', comparisons: [lastName], params: params(0.01), floor: 1e-9 })} ORDER BY match_weight DESC`,
    );
    expect(predicted.map((p) => p.s_eid)).toEqual([2, 1, 1]);
  });
});
