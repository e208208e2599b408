import type { Signal } from '../../core/report.js';
import type { FieldKind } from '../../core/types.js';
import type { SampleView } from '../sample-view.js';
import type { CorroborationSummary, LibraryInput } from '../types.js';
import { count, excessWeight, makeSignal, percent } from './common.js';

/**
 * Signs that rows were recycled from elsewhere: our customers' identities without our
 * platform data, the same people as in samples seen before, the shape of a combolist, or
 * only what public profiles show.
 */

const CREDENTIAL_KINDS: ReadonlySet<FieldKind> = new Set(['email', 'username', 'password', 'password_hash']);
const PUBLIC_KINDS: ReadonlySet<FieldKind> = new Set([
  'first_name',
  'last_name',
  'full_name',
  'username',
  'city',
  'region',
  'country',
  'gender',
  'text',
  'unknown',
]);

export function recyclingSignals(
  view: SampleView,
  summary: CorroborationSummary,
  library: LibraryInput | undefined,
): Signal[] {
  const signals: Signal[] = [];
  const n = view.rows;
  if (n > 0) {
    const notOurs = summary.linked - summary.corroborated;
    signals.push(
      makeSignal(
        'identity-without-corroboration',
        'recycling',
        excessWeight(notOurs, n, 0.01),
        notOurs / n,
        `${count(notOurs)} rows (${percent(notOurs / n)}) are people who are our customers but carry none of the values only our systems hold` +
          (summary.contradicted > 0
            ? `; ${count(summary.contradicted)} carry ids, usernames or order numbers that differ from ours`
            : ''),
      ),
    );
  }
  if (library && library.earlier.length > 0 && library.rowKeys.length > 0) {
    const perSample = library.earlier.map((e) => ({ name: e.name, rows: 0 }));
    let rows = 0;
    for (const keys of library.rowKeys) {
      let hit = false;
      library.earlier.forEach((e, k) => {
        if (keys.some((key) => e.keys.has(key))) {
          perSample[k]!.rows++;
          hit = true;
        }
      });
      if (hit) rows++;
    }
    const top = perSample
      .filter((s) => s.rows > 0)
      .sort((a, b) => b.rows - a.rows)
      .slice(0, 3)
      .map((s) => `${s.name} (${count(s.rows)} rows)`);
    const total = library.rowKeys.length;
    signals.push(
      makeSignal(
        'library-overlap',
        'recycling',
        excessWeight(rows, total, 0.02),
        rows / total,
        `${percent(rows / total)} of rows are people already seen in earlier samples${top.length > 0 ? `: ${top.join(', ')}` : ''}`,
      ),
    );
  }
  const kinds = new Set<FieldKind>(view.columns.map((c) => c.profile.kind).filter((k) => k !== 'unknown'));
  const credentialsOnly =
    kinds.size > 0 &&
    [...kinds].every((k) => CREDENTIAL_KINDS.has(k)) &&
    (kinds.has('password') || kinds.has('password_hash')) &&
    (kinds.has('email') || kinds.has('username'));
  signals.push(
    makeSignal(
      'combolist-shape',
      'recycling',
      credentialsOnly ? 2 : 0,
      credentialsOnly ? 1 : 0,
      credentialsOnly
        ? 'the sample holds only logins and passwords, the shape of a combolist assembled from older breaches'
        : 'the sample holds more than logins and passwords',
    ),
  );
  const publicOnly =
    kinds.size > 0 &&
    [...kinds].every((k) => PUBLIC_KINDS.has(k)) &&
    ['first_name', 'last_name', 'full_name', 'username'].some((k) => kinds.has(k as FieldKind));
  signals.push(
    makeSignal(
      'public-profile-fields-only',
      'recycling',
      publicOnly ? 1.5 : 0,
      publicOnly ? 1 : 0,
      publicOnly
        ? 'the sample holds only what public profiles show (names, usernames, places) and nothing private, as scraped data does'
        : 'the sample holds private fields, not only what public profiles show',
    ),
  );
  return signals;
}
