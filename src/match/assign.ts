/**
 * One-to-one assignment: a record is claimed by at most one sample row and a sample row
 * claims at most one record, the greedy way (pairs by descending match weight, each taken
 * unless one of its ends is already taken).
 *
 * In SQL, greedy is computed in rounds: each round takes every pair that is the best
 * remaining pair of both its sample row and its record, then drops the pairs those ends
 * are in. With a strict total order on pairs (weight, then ids) these "locally dominant"
 * pairs are exactly greedy's choices, and a round takes at least the best remaining pair.
 * Real data needs a handful of rounds; crafted chains could need many, so after
 * `maxRounds` the (by then few) remaining pairs finish greedily in JS.
 */
import { quoteIdent as q } from '../store/sql.js';
import type { SqlExecutor } from '../store/types.js';

export interface AssignInput {
  /** Pairs with s_eid, tbl, r_eid, match_weight (and anything else, carried along). */
  readonly pairs: string;
  readonly output: string;
  readonly maxRounds?: number;
}

const WORK = '__lv_assign_work';
const ROUND = '__lv_assign_round';

/** The greedy order, restricted to one sample row / one record: weight, then ids. */
const ORDER_S = 'match_weight DESC, tbl, r_eid';
const ORDER_R = 'match_weight DESC, s_eid';

export interface AssignReport {
  readonly rounds: number;
  readonly assigned: number;
  /** Pairs finished in JS after maxRounds (0 on real data). */
  readonly finishedInJs: number;
}

/** Greedy one-to-one assignment of `input.pairs` into `input.output` (same columns). */
export async function assignOneToOne(
  db: Pick<SqlExecutor, 'run' | 'all'>,
  input: AssignInput,
): Promise<AssignReport> {
  const maxRounds = input.maxRounds ?? 50;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${q(WORK)} AS SELECT * FROM ${q(input.pairs)}`);
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${q(input.output)} AS SELECT * FROM ${q(input.pairs)} WHERE false`,
  );
  let rounds = 0;
  let assigned = 0;
  try {
    for (;;) {
      const [left] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${q(WORK)}`);
      if ((left?.n ?? 0) === 0) return { rounds, assigned, finishedInJs: 0 };
      if (rounds >= maxRounds) break;
      rounds++;
      await db.run(`CREATE OR REPLACE TEMP TABLE ${q(ROUND)} AS SELECT * FROM ${q(WORK)}
        QUALIFY row_number() OVER (PARTITION BY s_eid ORDER BY ${ORDER_S}) = 1
            AND row_number() OVER (PARTITION BY tbl, r_eid ORDER BY ${ORDER_R}) = 1`);
      assigned += await db.run(`INSERT INTO ${q(input.output)} SELECT * FROM ${q(ROUND)}`);
      await db.run(`DELETE FROM ${q(WORK)} w WHERE w.s_eid IN (SELECT s_eid FROM ${q(ROUND)})
        OR EXISTS (SELECT 1 FROM ${q(ROUND)} x WHERE x.tbl = w.tbl AND x.r_eid = w.r_eid)`);
    }
    // Past maxRounds: greedy in JS over what is left, then insert the chosen pairs.
    const rest = await db.all<{ s_eid: number; tbl: number; r_eid: number }>(
      `SELECT s_eid, tbl, r_eid FROM ${q(WORK)} ORDER BY ${ORDER_S}, s_eid`,
    );
    const chosen = greedyAssign(rest);
    if (chosen.length > 0) {
      await db.run(
        `CREATE OR REPLACE TEMP TABLE ${q(ROUND)} AS SELECT * FROM (VALUES ${chosen
          .map((p) => `(${Number(p.s_eid)}, ${Number(p.tbl)}, ${Number(p.r_eid)})`)
          .join(', ')}) t(s_eid, tbl, r_eid)`,
      );
      assigned += await db.run(`INSERT INTO ${q(input.output)} SELECT w.* FROM ${q(WORK)} w
        SEMI JOIN ${q(ROUND)} x ON x.s_eid = w.s_eid AND x.tbl = w.tbl AND x.r_eid = w.r_eid`);
    }
    return { rounds, assigned, finishedInJs: chosen.length };
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${q(WORK)}`);
    await db.run(`DROP TABLE IF EXISTS ${q(ROUND)}`);
  }
}

/** Greedy one-to-one over pairs already sorted best first (the reference the SQL matches). */
export function greedyAssign<P extends { s_eid: number; tbl: number; r_eid: number }>(
  sorted: readonly P[],
): P[] {
  const takenS = new Set<number>();
  const takenR = new Set<string>();
  const out: P[] = [];
  for (const p of sorted) {
    const r = `${p.tbl}:${p.r_eid}`;
    if (takenS.has(p.s_eid) || takenR.has(r)) continue;
    takenS.add(p.s_eid);
    takenR.add(r);
    out.push(p);
  }
  return out;
}
