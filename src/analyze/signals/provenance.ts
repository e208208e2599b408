import type { Signal } from '../../core/report.js';
import { clopperPearson } from '../stats.js';
import type { CorroborationSummary } from '../types.js';
import { count, MAX_WEIGHT, makeSignal, percent } from './common.js';

/**
 * The record-corroboration evidence as report lines: how many rows carry values only our
 * systems hold, how many contradict them, and whether the sample's ids even have our format.
 */

const FIELD_WORDS: Readonly<Record<string, string>> = {
  internal_id: 'customer numbers',
  order_id: 'order numbers',
  username: 'usernames',
  ip: 'signup IP addresses',
  created_at: 'signup dates',
  street: 'street addresses',
  postcode: 'postcodes',
};

const PLATFORM_WORDS = ['internal_id', 'order_id', 'username', 'ip', 'created_at'];

/**
 * `customer numbers on 1,990 rows, usernames on 1,985 rows`: the fields that agreed (or
 * differed). Differences are told for platform values only: an address that differs is
 * a customer who moved, not a contradiction.
 */
export function describeAgreement(summary: CorroborationSummary, outcome: 'agree' | 'disagree'): string {
  return Object.entries(summary.fields)
    .filter(([name, c]) => FIELD_WORDS[name] !== undefined && c[outcome] > 0)
    .filter(([name]) => outcome === 'agree' || PLATFORM_WORDS.includes(name))
    .sort((a, b) => b[1][outcome] - a[1][outcome])
    .map(([name, c]) => `${FIELD_WORDS[name]} on ${count(c[outcome])} rows`)
    .join(', ');
}

export function provenanceSignals(summary: CorroborationSummary): Signal[] {
  const signals: Signal[] = [];
  const n = summary.rows;
  if (n === 0) return signals;
  const [lower] = clopperPearson(summary.corroborated, n);
  const agreed = describeAgreement(summary, 'agree');
  signals.push(
    makeSignal(
      'corroborated-rows',
      'provenance',
      lower > 0.01 ? Math.min(MAX_WEIGHT, Math.log(lower / 0.01)) : 0,
      summary.corroborated / n,
      `${count(summary.corroborated)} of ${count(n)} rows (${percent(summary.corroborated / n)}) carry values only our systems hold` +
        (agreed ? ` (agreeing ${agreed})` : '') +
        (summary.corroboratedByAddressOnly > 0
          ? `; ${count(summary.corroboratedByAddressOnly)} of them only the address as we store it`
          : ''),
    ),
  );
  if (summary.linked > 0) {
    const disagreed = describeAgreement(summary, 'disagree');
    signals.push(
      makeSignal(
        'contradicted-rows',
        'provenance',
        0,
        summary.contradicted / summary.linked,
        `${count(summary.contradicted)} of the ${count(summary.linked)} rows whose person is our customer carry platform values that differ from ours` +
          (disagreed ? ` (differing ${disagreed})` : ''),
      ),
    );
  }
  const columns = Object.entries(summary.formatFit);
  if (columns.length > 0) {
    const parts = columns.map(([name, c]) => `${percent(c.fitting / Math.max(1, c.checked))} of "${name}"`);
    const checked = columns.reduce((s, [, c]) => s + c.checked, 0);
    const fitting = columns.reduce((s, [, c]) => s + c.fitting, 0);
    signals.push(
      makeSignal(
        'id-format-fit',
        'provenance',
        0,
        fitting / Math.max(1, checked),
        `${parts.join(', ')} fit the formats of our ids and usernames (length, prefix, check digit, range)`,
      ),
    );
  }
  if (summary.unlinkedChecked > 0) {
    const share = summary.unlinkedFitting / summary.unlinkedChecked;
    const [fitLower] = clopperPearson(summary.unlinkedFitting, summary.unlinkedChecked);
    signals.push(
      makeSignal(
        'unlinked-rows-fit-our-formats',
        'provenance',
        fitLower > 0.05 ? Math.min(MAX_WEIGHT, Math.log(fitLower / 0.05)) : 0,
        share,
        `${percent(share)} of the ${count(summary.unlinkedChecked)} rows that link to no record carry ids or usernames in our formats`,
      ),
    );
  }
  return signals;
}
