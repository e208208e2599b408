import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsUnionSql, T } from './blocking.js';
import { comparisonSql, comparisonSteps, gammaColumn } from './comparison.js';
import { FEATURE_TABLE_COLUMNS } from './schema.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { type TempWorkspace, tempWorkspace, writeEntities } from './test-support/workspace.js';
import { tfSteps } from './tf.js';

const comparisons = DEFAULT_SETTINGS.comparisons;
const gammas = comparisons.map(gammaColumn).join(', ');
const tfFields = comparisons.flatMap((c) => (c.tf ? [c.tf] : []));

type Pair = { s_eid: number; r_eid: number } & Record<string, unknown>;
const key = (p: Pair): string => `${p.s_eid}:${p.r_eid}`;

/**
 * The random pairs of u estimation are compared in the candidates' slices (one pass over the
 * records for both): each kind must come out apart, with the levels a comparison of its own gives.
 */
describe('comparing candidate and random pairs in the same slices', () => {
  let t: TempWorkspace;
  const people = ['anna rossi', 'marco bianchi', 'giulia verdi', 'luca neri', 'sara gallo', 'paolo conti'];
  beforeAll(async () => {
    t = await tempWorkspace();
    const values = (name: string, i: number) => {
      const [firstName, lastName] = name.split(' ');
      return { firstName, lastName, dateOfBirth: `19${70 + i}-0${1 + (i % 9)}-1${i}`, postcode: `2012${i}` };
    };
    await writeEntities(
      t.ws,
      'rec',
      people.map((name, i) => ({ recordId: `R${i}`, values: values(name, i) })),
    );
    await writeEntities(
      t.ws,
      'smp',
      people.slice(0, 4).map((name, i) => ({ values: values(name, i) })),
    );
    await t.ws.run(
      `CREATE OR REPLACE TEMP TABLE pairs AS SELECT * FROM (VALUES
        (1, 0::SMALLINT, 1, 1::UBIGINT, false), (2, 0::SMALLINT, 2, 1::UBIGINT, false),
        (3, 0::SMALLINT, 5, 2::UBIGINT, false), (4, 0::SMALLINT, 6, 2::UBIGINT, false),
        (1, 0::SMALLINT, 1, 0::UBIGINT, true), (2, 0::SMALLINT, 4, 0::UBIGINT, true),
        (3, 0::SMALLINT, 6, 0::UBIGINT, true), (4, 0::SMALLINT, 3, 0::UBIGINT, true)
      ) v(s_eid, tbl, r_eid, rules, random)`,
    );
    await t.ws.runSteps([
      { outputTable: T.records, sql: recordsUnionSql(['rec'], FEATURE_TABLE_COLUMNS) },
      ...tfSteps('smp', tfFields),
    ]);
  });
  afterAll(async () => t.dispose());

  for (const perSlice of [100, 2]) {
    it(`puts each pair on its side, with its own comparison's levels (${perSlice === 2 ? 'three slices' : 'one slice'})`, async () => {
      const input = { pairs: 'pairs', sample: 'smp', comparisons, withTf: true, carry: ['rules', 'random'] };
      const steps = await comparisonSteps(t.ws, input, 6, perSlice, T.randomCompared);
      expect(steps.filter((s) => s.materialise).length).toBe(perSlice === 2 ? 3 : 1);
      await t.ws.runSteps([...steps, { outputTable: 'done', sql: 'SELECT 1' }]);
      const read = (table: string) => t.ws.all<Pair>(`SELECT * FROM ${table} ORDER BY s_eid, r_eid`);
      const compared = await read(T.compared);
      const random = await read(T.randomCompared);
      expect(compared.map(key)).toEqual(['1:1', '2:2', '3:5', '4:6']);
      expect(random.map(key)).toEqual(['1:1', '2:4', '3:6', '4:3']);
      expect(Object.keys(compared[0]!)).not.toContain('random');
      expect(Object.keys(random[0]!)).not.toContain('random');
      expect(compared.map((p) => Number(p['rules']))).toEqual([1, 1, 2, 2]);
      // As the random pairs were compared before: on their own, without frequencies.
      await t.ws.run(`CREATE OR REPLACE TEMP TABLE rp AS SELECT s_eid, tbl, r_eid FROM pairs WHERE random`);
      const alone = await t.ws.all<Pair>(
        `SELECT s_eid, r_eid, ${gammas} FROM (${comparisonSql({ pairs: 'rp', sample: 'smp', comparisons, withTf: false })}) ORDER BY s_eid, r_eid`,
      );
      const levels = (rows: Pair[]) => rows.map((p) => comparisons.map((c) => p[gammaColumn(c)]));
      expect(levels(random)).toEqual(levels(alone));
      // The same pair found by blocking and drawn at random: the same levels on both sides.
      expect(levels(compared)[0]).toEqual(levels(random)[0]);
      expect(levels(random)[0]!.some((g) => Number(g) > 0)).toBe(true);
    });
  }

  it('refuses random pairs whose flag is not carried through', async () => {
    const input = { pairs: 'pairs', sample: 'smp', comparisons, withTf: true, carry: ['rules'] };
    await expect(comparisonSteps(t.ws, input, 6, 100, T.randomCompared)).rejects.toThrow(/random/);
  });
});
