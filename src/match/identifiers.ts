/**
 * Exact agreement on a unique identifier (email, phone): what makes a pair a link without
 * the model, and what bounds the number of matches from below. Shared by linkSample's
 * estimation and prediction.
 */
import { quoteIdent } from '../store/sql.js';
import { T } from './blocking.js';
import { gammaColumn } from './comparison.js';
import type { Comparison } from './comparison-levels.js';
import type { ModelParams } from './model.js';

/**
 * Chance that a record of another person carries the row's own email (phone): collisions
 * only, a typo or a shared household line, well under one per table. Random (row, record)
 * pairs overestimate it badly when many rows are customers, since their agreements are
 * then true matches; the exact level's u is capped accordingly.
 */
const IDENTIFIER_COLLISIONS: Readonly<Record<string, number>> = { email: 0.001, phone: 0.01 };

export function capIdentifierU<C extends ModelParams['comparisons'][number]>(c: C, records: number): C {
  const collisions = IDENTIFIER_COLLISIONS[c.name];
  if (collisions === undefined) return c;
  const cap = collisions / Math.max(records, 1);
  return { ...c, levels: c.levels.map((l) => (l.label === 'exact' ? { ...l, u: Math.min(l.u, cap) } : l)) };
}

/**
 * SQL condition on a compared pair: it agrees exactly on email, or exactly on phone without
 * both names disagreeing. A phone is shared by a household and passed on to a new owner
 * far more than an address is: on 10M generated customers, phone-only agreements between
 * people with different names were 1% of a 1M-row leak's links, all false.
 */
export function identifierAgreementSql(comparisons: readonly Comparison[]): string {
  // Comparison `name` at its best level (exact) or at 0 (far); null when there is no such comparison.
  const at = (name: string, level: 'exact' | 'far'): string | null => {
    const c = comparisons.find((x) => x.name === name);
    return c ? `${quoteIdent(gammaColumn(c))} = ${level === 'exact' ? c.levels.length : 0}` : null;
  };
  const email = at('email', 'exact');
  const phone = at('phone', 'exact');
  const otherPerson = [at('first_name', 'far'), at('last_name', 'far')].filter(
    (x): x is string => x !== null,
  );
  const phoneOk =
    phone === null
      ? null
      : otherPerson.length === 0
        ? phone
        : `(${phone} AND NOT (${otherPerson.join(' AND ')}))`;
  const parts = [email, phoneOk].filter((x): x is string => x !== null);
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

/** Sample rows with a candidate pair agreeing exactly on email or phone. */
export function identifiedRowsSql(comparisons: readonly Comparison[]): string {
  return `SELECT count(DISTINCT s_eid) AS n FROM ${quoteIdent(T.compared)} WHERE ${identifierAgreementSql(comparisons)}`;
}
