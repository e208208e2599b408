import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from './comparison-levels.js';
import { emStepSql, randomPairsSql, runEm, uFromCounts } from './em.js';
import { seededRandom } from './test-support/random.js';
import { type TempWorkspace, tempWorkspace } from './test-support/workspace.js';

const cmp = (name: string, levels: number): Comparison => ({
  name,
  present: `n_${name}`,
  levels: Array.from({ length: levels }, (_, i) => ({ label: i === 0 ? 'exact' : `l${i}`, when: 'true' })),
});

// Far first (gamma 0), best last.
const COMPARISONS = [cmp('a', 2), cmp('b', 1), cmp('c', 3)];
const TRUE_M = [
  [0.05, 0.15, 0.8],
  [0.1, 0.9],
  [0.05, 0.05, 0.2, 0.7],
];
const TRUE_U = [
  [0.9, 0.09, 0.01],
  [0.99, 0.01],
  [0.8, 0.15, 0.045, 0.005],
];

function draw(p: readonly number[], x: number): number {
  let acc = 0;
  for (let g = 0; g < p.length; g++) {
    acc += p[g]!;
    if (x < acc) return g;
  }
  return p.length - 1;
}

// One workspace for the file: the tests' tables do not meet.
let t: TempWorkspace;
beforeAll(async () => {
  t = await tempWorkspace();
});
afterAll(async () => t.dispose());

describe('EM', () => {
  it('recovers m and the number of matches from unlabelled pattern counts', async () => {
    // 1,000 sample rows × 1,000 records, every pair a candidate, one match per row.
    const random = seededRandom(7);
    const counts = new Map<string, number>();
    const matches = 1000;
    const nonMatches = 1000 * 1000 - matches;
    for (let i = 0; i < matches + nonMatches; i++) {
      const probs = i < matches ? TRUE_M : TRUE_U;
      // 10% of pairs lack field c on one side.
      const gammas = probs.map((p, f) => (f === 2 && random() < 0.1 ? -1 : draw(p, random())));
      const k = gammas.join(',');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    await t.ws.run('CREATE OR REPLACE TEMP TABLE patterns (g_a TINYINT, g_b TINYINT, g_c TINYINT, n DOUBLE)');
    await t.ws.appendRows(
      'patterns',
      ['g_a', 'g_b', 'g_c', 'n'],
      [...counts].map(([k, n]) => [...k.split(',').map(Number), n]),
    );
    const result = await runEm(t.ws, 'patterns', COMPARISONS, TRUE_U, {
      iterations: 100,
      tolerance: 1e-6,
      allPairs: 1000 * 1000,
    });
    expect(result.converged).toBe(true);
    expect(result.expectedMatches).toBeGreaterThan(matches * 0.95);
    expect(result.expectedMatches).toBeLessThan(matches * 1.05);
    result.params.comparisons.forEach((c, i) => {
      c.levels.forEach((l, g) => {
        expect(Math.abs(l.m - TRUE_M[i]![g]!)).toBeLessThan(0.04);
        expect(l.u).toBe(TRUE_U[i]![g]);
      });
    });
  });

  it('stays near its prior when the candidates hold no matches', async () => {
    const random = seededRandom(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20000; i++) {
      const k = TRUE_U.map((p) => draw(p, random())).join(',');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    await t.ws.run('CREATE OR REPLACE TEMP TABLE patterns (g_a TINYINT, g_b TINYINT, g_c TINYINT, n DOUBLE)');
    await t.ws.appendRows(
      'patterns',
      ['g_a', 'g_b', 'g_c', 'n'],
      [...counts].map(([k, n]) => [...k.split(',').map(Number), n]),
    );
    const result = await runEm(t.ws, 'patterns', COMPARISONS, TRUE_U, {
      iterations: 50,
      tolerance: 1e-6,
      allPairs: 20000 * 20000,
    });
    expect(result.expectedMatches).toBeLessThan(50);
    // Exact agreement remains the likeliest level for matches.
    for (const c of result.params.comparisons) expect(c.levels[c.levels.length - 1]!.m).toBeGreaterThan(0.5);
  });

  it('takes exact u from frequencies and renormalises the other levels', () => {
    const counts = { c0_0: 900, c0_1: 90, c0_2: 10, c0_n: 1000 };
    const [u] = uFromCounts([cmp('a', 2)], counts, [1e-6]);
    expect(u![2]).toBe(1e-6);
    expect(u!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(u![0]! / u![1]!).toBeCloseTo(900.5 / 90.5, 6);
    const [unseen] = uFromCounts([cmp('b', 1)], { c0_0: 100, c0_n: 100 }, [undefined]);
    expect(unseen![1]).toBeGreaterThan(0);
  });

  it('builds a single-row aggregate per EM step', () => {
    const sql = emStepSql('patterns', COMPARISONS, {
      lambda: 1e-3,
      comparisons: COMPARISONS.map((c, i) => ({
        name: c.name,
        levels: TRUE_M[i]!.map((m, g) => ({ label: `g${g}`, gamma: g, m, u: TRUE_U[i]![g]! })),
      })),
    });
    expect(sql).toContain('c2_3');
    expect(sql).not.toMatch(/NaN|Infinity/);
  });
});

describe('randomPairsSql', () => {
  it('draws the same pairs whatever order the rows were stored in', async () => {
    // The same ids, appended in opposite orders (as two parallel loads of one file may be).
    await t.ws.run('CREATE TABLE s1 AS SELECT range AS eid FROM range(1, 5001)');
    await t.ws.run('CREATE TABLE s2 AS SELECT range AS eid FROM range(5000, 0, -1)');
    await t.ws.run(`CREATE TABLE r1 AS SELECT 'customers' AS tbl, range AS eid FROM range(1, 20001)`);
    await t.ws.run(`CREATE TABLE r2 AS SELECT 'customers' AS tbl, range AS eid FROM range(20000, 0, -1)`);
    const pairs = (sample: string, records: string, seed: number) =>
      t.ws.all<{ s_eid: number; r_eid: number }>(
        `SELECT s_eid, r_eid FROM (${randomPairsSql(sample, records, 900, 5000, seed)}) ORDER BY s_eid, r_eid`,
      );
    const first = await pairs('s1', 'r1', 42);
    expect(first).toHaveLength(900);
    expect(await pairs('s2', 'r2', 42)).toEqual(first);
    // Another seed, other rows: 30 of 5,000 sample rows and 30 of 20,000 records.
    const other = await pairs('s1', 'r1', 7);
    expect(new Set(other.map((p) => p.s_eid))).not.toEqual(new Set(first.map((p) => p.s_eid)));
  });
});
