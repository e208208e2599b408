import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlockingInput, blockingReportSql, blockingSteps, recordsUnionSql, T } from './blocking.js';
import { recordKeysTable } from './blocking-sql.js';
import { FEATURE_TABLE_COLUMNS } from './schema.js';
import type { BlockingRule } from './settings.js';
import { type TempWorkspace, tempWorkspace, writeEntities } from './test-support/workspace.js';

const RULES: BlockingRule[] = [
  { kind: 'exact', name: 'email', keys: ['email'] },
  { kind: 'exact', name: 'dob+postcode', keys: ['dob', 'postcode'] },
  { kind: 'bands', name: 'name~postcode', filter: 'name', bands: 16, bits: 4, with: ['postcode'] },
];

describe('blocking', () => {
  let t: TempWorkspace;
  beforeAll(async () => {
    t = await tempWorkspace();
    const common = { dob: '1970-01-01', postcode: '99999' };
    await writeEntities(t.ws, 'customers', [
      {
        recordId: 'C1',
        values: { email: 'anna@example.org', firstName: 'anna', lastName: 'rossi', postcode: '00100' },
      },
      ...['a', 'b', 'c', 'd'].map((x, i) => ({
        recordId: `C${i + 2}`,
        values: { ...common, lastName: `lee${x}` },
      })),
      {
        recordId: 'C9',
        values: { firstName: 'marco', lastName: 'bianchi', dob: '1990-05-05', postcode: '20100' },
      },
    ]);
    await writeEntities(t.ws, 'orders', [{ recordId: 'O1', values: { email: 'anna@example.org' } }]);
    await writeEntities(t.ws, 'sample', [
      { values: { email: 'anna@example.org' } },
      { values: { ...common, lastName: 'nobody' } },
      // Misspelt, and no exact key in common: only the band rule can find it.
      { values: { firstName: 'marko', lastName: 'bianchy', postcode: '20100' } },
      { values: { firstName: 'marco', lastName: 'bianchi', dob: '1990-05-05', postcode: '20100' } },
      // Nothing but a surname: only a secondary rule on it finds a candidate.
      { values: { lastName: 'rossi' } },
    ]);
    await t.ws.runSteps([
      { outputTable: T.records, sql: recordsUnionSql(['customers', 'orders'], FEATURE_TABLE_COLUMNS) },
    ]);
  });
  afterAll(async () => t.dispose());

  async function block(input: Partial<BlockingInput> = {}) {
    const full: BlockingInput = {
      sample: 'sample',
      rules: RULES,
      maxBlockSize: 3,
      weakBelowRules: 1,
      fallbackBudget: 100,
      ...input,
    };
    await t.ws.runSteps(blockingSteps(full));
    const pairs = await t.ws.all<{ s_eid: number; tbl: number; r_eid: number; rules: number }>(
      `SELECT * FROM ${T.blocked} ORDER BY s_eid, tbl, r_eid`,
    );
    const report = await t.ws.all<Record<string, number | string>>(blockingReportSql(full));
    return { pairs, report };
  }

  it('pairs on exact keys across record tables, once per pair, with the rules that found it', async () => {
    const { pairs } = await block();
    const fromEmail = pairs.filter((p) => p.s_eid === 1);
    expect(fromEmail.map((p) => [p.tbl, p.r_eid])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(fromEmail.every((p) => p.rules === 1)).toBe(true);
    const exactRow4 = pairs.filter((p) => p.s_eid === 4);
    expect(exactRow4).toEqual([{ s_eid: 4, tbl: 0, r_eid: 6, rules: 2 }]);
    expect(new Set(pairs.map((p) => `${p.s_eid}/${p.tbl}/${p.r_eid}`)).size).toBe(pairs.length);
  });

  it('skips keys shared by more records than the cap, and says so', async () => {
    const capped = await block();
    expect(capped.pairs.filter((p) => p.s_eid === 2 && (p.rules & 2) !== 0)).toEqual([]);
    const rule = capped.report.find((r) => r['name'] === 'dob+postcode')!;
    expect(rule).toMatchObject({ capped_keys: 1, capped_rows: 1, largest_block: 4 });
    const uncapped = await block({ maxBlockSize: 10 });
    expect(uncapped.pairs.filter((p) => p.s_eid === 2 && (p.rules & 2) !== 0)).toHaveLength(4);
  });

  it('finds misspelt rows through Bloom bands, only for rows without strong exact candidates', async () => {
    const { pairs } = await block();
    expect(pairs.filter((p) => p.s_eid === 3)).toEqual([{ s_eid: 3, tbl: 0, r_eid: 6, rules: 4 }]);
    // Row 4 already met its record through an exact rule: no band pairs for it.
    expect(pairs.filter((p) => p.s_eid === 4).every((p) => p.rules === 2)).toBe(true);
    const off = await block({ weakBelowRules: 0 });
    expect(off.pairs.filter((p) => p.s_eid === 3)).toEqual([]);
  });

  it('runs secondary rules for weak rows only, and for every row when no row is weak', async () => {
    const rules: BlockingRule[] = [
      ...RULES,
      { kind: 'exact', name: 'last_name', keys: ['last_name'], secondary: true },
    ];
    const { pairs } = await block({ rules });
    expect(pairs.filter((p) => p.s_eid === 5)).toEqual([{ s_eid: 5, tbl: 0, r_eid: 1, rules: 8 }]);
    // Row 4 met its record on birth date and postcode: its surname is not paired again.
    expect(pairs.filter((p) => p.s_eid === 4)).toEqual([{ s_eid: 4, tbl: 0, r_eid: 6, rules: 2 }]);
    const everyRow = await block({ rules, weakBelowRules: 0 });
    expect(everyRow.pairs.filter((p) => p.s_eid === 4)).toEqual([
      { s_eid: 4, tbl: 0, r_eid: 6, rules: 2 | 8 },
    ]);
    expect(everyRow.pairs.filter((p) => p.s_eid === 5)).toEqual([{ s_eid: 5, tbl: 0, r_eid: 1, rules: 8 }]);
  });

  it("keeps a weak rule's records only for keys within the cap, which still pair up to it", async () => {
    // Row 2 shares birth date and postcode with four records; weak below two rules, it stays weak.
    const rules: BlockingRule[] = [
      ...RULES,
      { kind: 'exact', name: 'postcode', keys: ['postcode'], secondary: true },
    ];
    const postcodePairs = (pairs: { s_eid: number; rules: number }[]) =>
      pairs.filter((p) => p.s_eid === 2 && (p.rules & 8) !== 0).length;
    const atCap = await block({ rules, maxBlockSize: 4, weakBelowRules: 2 });
    expect(postcodePairs(atCap.pairs)).toBe(4);
    expect(atCap.report.find((r) => r['name'] === 'postcode')).toMatchObject({
      capped_keys: 0,
      largest_block: 4,
    });
    const [kept] = await t.ws.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${recordKeysTable(3)}`);
    // The four records of 99999, and marco's 20100 for row 3.
    expect(kept?.n).toBe(5);
    const overCap = await block({ rules, maxBlockSize: 3, weakBelowRules: 2 });
    expect(postcodePairs(overCap.pairs)).toBe(0);
    expect(overCap.report.find((r) => r['name'] === 'postcode')).toMatchObject({
      capped_keys: 1,
      capped_rows: 1,
      largest_block: 4,
    });
    const [left] = await t.ws.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${recordKeysTable(3)}`);
    expect(left?.n).toBe(1);
  });

  it('caps secondary rules at their own block size, below that of the other rules', async () => {
    // Row 2 shares its postcode with four records: within the cap of 4 for every rule, over a
    // secondary cap of 3; an ordinary rule on the same key still pairs all four.
    const secondary: BlockingRule = { kind: 'exact', name: 'postcode', keys: ['postcode'], secondary: true };
    const ordinary: BlockingRule = { kind: 'exact', name: 'postcode', keys: ['postcode'] };
    const pairsOf = (pairs: { s_eid: number; rules: number }[]) =>
      pairs.filter((p) => p.s_eid === 2 && (p.rules & 8) !== 0).length;
    const base = { maxBlockSize: 4, weakBelowRules: 2 };
    const capped = await block({ ...base, rules: [...RULES, secondary], secondaryBlockSize: 3 });
    expect(pairsOf(capped.pairs)).toBe(0);
    expect(capped.report.find((r) => r['name'] === 'postcode')).toMatchObject({
      capped_keys: 1,
      capped_rows: 1,
    });
    // Marco's postcode (one record) stays within it: row 3 still meets him on it.
    expect(capped.pairs.filter((p) => p.s_eid === 3 && (p.rules & 8) !== 0)).toHaveLength(1);
    const plain = await block({ ...base, rules: [...RULES, ordinary], secondaryBlockSize: 3 });
    expect(pairsOf(plain.pairs)).toBe(4);
    // Never above the cap of the other rules.
    const above = await block({
      ...base,
      maxBlockSize: 3,
      rules: [...RULES, secondary],
      secondaryBlockSize: 10,
    });
    expect(pairsOf(above.pairs)).toBe(0);
  });
});
