import type { FieldKind } from '../core/types.js';
import { IdFormatLearner } from './id-format-learner.js';
import type { RecordProfile } from './types.js';
import { learnUsernameProfile, type UsernameEntry } from './username-profile.js';

/**
 * Builds the non-identifying profile of our records at index time, while the plaintext
 * passes through once: formats of ids and order numbers, the username style, counts and
 * the kinds we hold. Safe to store in the workspace beside the fingerprints.
 */

export interface RecordProfileInput {
  /** Records per table. */
  readonly tables: Readonly<Record<string, number>>;
  readonly kinds: readonly FieldKind[];
  readonly internalIds?: Iterable<string>;
  readonly orderIds?: Iterable<string>;
  readonly usernames?: Iterable<UsernameEntry>;
}

const MIN_VALUES = 20;

function learnIds(values: Iterable<string> | undefined) {
  if (values === undefined) return undefined;
  const learner = new IdFormatLearner();
  for (const v of values) learner.add(v);
  const format = learner.finish();
  return format.learnedFrom >= MIN_VALUES ? format : undefined;
}

/** @example learnRecordProfile({ tables: { customers: n }, kinds, internalIds: ids(), usernames: users() }) */
export function learnRecordProfile(input: RecordProfileInput): RecordProfile {
  const internalId = learnIds(input.internalIds);
  const orderId = learnIds(input.orderIds);
  const username = input.usernames === undefined ? undefined : learnUsernameProfile(input.usernames);
  return {
    kind: 'record-profile',
    version: 1,
    tables: { ...input.tables },
    kinds: [...new Set(input.kinds)],
    ...(internalId ? { internalId } : {}),
    ...(orderId ? { orderId } : {}),
    ...(username && username.learnedFrom >= MIN_VALUES ? { username } : {}),
  };
}
