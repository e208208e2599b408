/** Links tables for tests, as linkSample's `linksSql` makes them, without running a linkage. */
import type { Link } from '../../match/link.js';
import type { Workspace } from '../../store/types.js';

/** Creates `table` with the rows.csv columns and the links, written in row order. */
export async function writeLinksTable(db: Workspace, table: string, links: readonly Link[]): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TABLE "${table}" ("row" BIGINT, record_table VARCHAR, record_id VARCHAR,
      probability DOUBLE, level VARCHAR, agreeing_fields VARCHAR)`,
  );
  const sorted = [...links].sort((a, b) => a.row - b.row);
  await db.appendRows(
    table,
    ['row', 'record_table', 'record_id', 'probability', 'level', 'agreeing_fields'],
    sorted.map((l) => [
      l.row,
      l.record_table,
      l.record_id,
      l.probability,
      l.level,
      l.agreeing_fields.join(';'),
    ]),
  );
}

const LEVELS = ['exact', 'probable', 'possible'] as const;
const HOSTILE = ['C-1', '=cmd|calc!A0', 'a,"b"\r\nc', '+41 79', '@SUM(A1)', 'Zoë ÿ 𝒳', '', '-1', ' spaced '];
const FIELDS = ['email', 'phone', 'last_name', 'dob', 'order_id'];

/** `n` links on distinct rows in 1..span, seeded, with hostile record ids and every level. */
export function makeLinks(n: number, span: number, seed: number): Link[] {
  if (n > span) throw new RangeError('more links than rows');
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const rows = new Set<number>();
  while (rows.size < n) rows.add(1 + Math.floor(next() * span));
  return [...rows].map((row, i) => ({
    row,
    record_table: i % 7 === 0 ? 'orders' : 'customers',
    record_id: i % 5 === 0 ? `${HOSTILE[i % HOSTILE.length]}${i}` : `C-${row}`,
    probability: i % 11 === 0 ? 1 : next(),
    level: LEVELS[i % 3]!,
    // Field order varies between links, so first appearance decides the summary's order.
    agreeing_fields:
      i % 4 === 0 ? FIELDS.filter((_, k) => (i >> k) & 1).reverse() : FIELDS.filter((_, k) => (i >> k) & 1),
  }));
}
