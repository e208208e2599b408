/**
 * Link levels of rows.csv from probabilities: `exact` at or above `levels.exact` (0.999 by
 * default: the evidence leaves about one chance in a thousand of a wrong person), `probable`
 * at or above `levels.probable` (0.95), `possible` at or above the floor (0.5); below the
 * floor a pair is not a link.
 */
import { num } from './model.js';
import type { LevelThresholds } from './settings.js';

export type LinkLevel = 'exact' | 'probable' | 'possible';

export function levelOf(probability: number, t: LevelThresholds): LinkLevel | undefined {
  if (probability >= t.exact) return 'exact';
  if (probability >= t.probable) return 'probable';
  if (probability >= t.possible) return 'possible';
  return undefined;
}

/** The same as SQL over a `probability` column (NULL below the floor). */
export function levelSql(t: LevelThresholds, column = 'probability'): string {
  return `(CASE WHEN ${column} >= ${num(t.exact)} THEN 'exact' WHEN ${column} >= ${num(t.probable)} THEN 'probable'
    WHEN ${column} >= ${num(t.possible)} THEN 'possible' END)`;
}
