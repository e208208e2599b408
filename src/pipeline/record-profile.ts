import { IdFormatLearner } from '../analyze/id-format-learner.js';
import type { RecordProfile } from '../analyze/types.js';
import { learnUsernameProfile, type UsernameEntry } from '../analyze/username-profile.js';
import type { Cell, FieldKind } from '../core/types.js';
import type { ColumnProfile } from '../fields/types.js';
import type { SqlExecutor } from '../store/types.js';
import { isBlank } from './column-stats.js';
import type { RowObserver } from './load-features.js';

/** The columns the learner reads (it ignores row order): a parallel load forwards only these. */
export const PROFILE_KINDS: readonly FieldKind[] = [
  'internal_id',
  'order_id',
  'username',
  'first_name',
  'last_name',
];

/** Usernames kept to learn the house style; the profile needs shapes, not every value. */
const MAX_USERNAMES = 200_000;
const MIN_VALUES = 20;

/**
 * Learns, while a records table streams by, what only our systems produce: the format of
 * its ids and order numbers and its username style. The result holds shapes, ranges and
 * shares, no values, so it is stored in the workspace beside the fingerprints.
 */
export function createProfileLearner(
  table: string,
  keyColumn: string | null,
): {
  observe: RowObserver;
  finish(rows: number): TableProfile;
  reset(): void;
} {
  let ids = new IdFormatLearner();
  let orders = new IdFormatLearner();
  let usernames: UsernameEntry[] = [];
  let kinds: FieldKind[] = [];
  return {
    reset() {
      ids = new IdFormatLearner();
      orders = new IdFormatLearner();
      usernames = [];
    },
    observe(profiles, rows) {
      kinds = profiles.map((p) => p.kind).filter((k) => k !== 'unknown');
      const idColumn =
        profiles.find((p) => p.name === keyColumn && p.kind === 'internal_id') ??
        profiles.find((p) => p.kind === 'internal_id');
      const orderColumn = profiles.find((p) => p.kind === 'order_id');
      const user = profiles.find((p) => p.kind === 'username');
      const first = profiles.find((p) => p.kind === 'first_name');
      const last = profiles.find((p) => p.kind === 'last_name');
      for (const row of rows) {
        addTo(ids, idColumn, row);
        addTo(orders, orderColumn, row);
        if (user && usernames.length < MAX_USERNAMES) {
          const username = row[user.index];
          if (!isBlank(username ?? null)) {
            usernames.push({
              username: username!.trim(),
              ...(first && row[first.index] ? { firstName: row[first.index]! } : {}),
              ...(last && row[last.index] ? { lastName: row[last.index]! } : {}),
            });
          }
        }
      }
    },
    finish(rows) {
      const idFormat = ids.finish();
      const orderFormat = orders.finish();
      const username = usernames.length >= MIN_VALUES ? learnUsernameProfile(usernames) : undefined;
      return {
        table,
        rows,
        kinds,
        ...(idFormat.learnedFrom >= MIN_VALUES ? { internalId: idFormat } : {}),
        ...(orderFormat.learnedFrom >= MIN_VALUES ? { orderId: orderFormat } : {}),
        ...(username && username.learnedFrom >= MIN_VALUES ? { username } : {}),
      };
    },
  };
}

function addTo(learner: IdFormatLearner, column: ColumnProfile | undefined, row: readonly Cell[]): void {
  if (!column) return;
  const v = row[column.index];
  if (v != null && !isBlank(v)) learner.add(v);
}

export interface TableProfile {
  readonly table: string;
  readonly rows: number;
  readonly kinds: readonly FieldKind[];
  readonly internalId?: RecordProfile['internalId'];
  readonly orderId?: RecordProfile['orderId'];
  readonly username?: RecordProfile['username'];
}

const metaKey = (table: string): string => `profile:${table}`;

export async function saveTableProfile(db: SqlExecutor, profile: TableProfile): Promise<void> {
  await db.run('DELETE FROM meta WHERE key = $1', [metaKey(profile.table)]);
  await db.run('INSERT INTO meta VALUES ($1, $2)', [metaKey(profile.table), JSON.stringify(profile)]);
}

/** The profile of all indexed tables together, as the analysis takes it. */
export async function loadRecordProfile(db: SqlExecutor, tables: readonly string[]): Promise<RecordProfile> {
  const rows = await db.all<{ key: string; value: string }>(
    "SELECT key, value FROM meta WHERE key LIKE 'profile:%'",
  );
  const byTable = new Map(
    rows.map((r) => [r.key.slice('profile:'.length), JSON.parse(r.value) as TableProfile]),
  );
  const profiles = tables.map((t) => byTable.get(t)).filter((p): p is TableProfile => p !== undefined);
  const internalId = profiles.find((p) => p.internalId)?.internalId;
  const orderId = profiles.find((p) => p.orderId)?.orderId;
  const username = profiles.find((p) => p.username)?.username;
  return {
    kind: 'record-profile',
    version: 1,
    tables: Object.fromEntries(profiles.map((p) => [p.table, p.rows])),
    kinds: [...new Set(profiles.flatMap((p) => p.kinds))],
    ...(internalId ? { internalId } : {}),
    ...(orderId ? { orderId } : {}),
    ...(username ? { username } : {}),
  };
}
