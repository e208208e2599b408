import type { Signal } from '../../core/report.js';
import { foldWord, handleRelatesToName, namePartsOf, otherNameIn } from '../name-derivation.js';
import type { SampleView } from '../sample-view.js';
import { excessWeight, MIN_VALUES, makeSignal, percent } from './common.js';
import { fakerNameWords } from './faker-data.js';

/**
 * People build their email addresses and usernames from their own names. A row whose
 * email or username is built from another person's name (`oscar.perez77` for Lourdes
 * Delapaz) was assembled from parts: fabricators draw the handle from a second generated
 * name, or wrap generated names around real, stolen emails.
 */

/** Rows genuine data shows with a handle of another person's name (a spouse's address). */
const BASELINE = 0.03;

function nameWords(view: SampleView): { first: Set<string>; last: Set<string> } {
  const dictionary = fakerNameWords();
  const first = new Set(dictionary.first);
  const last = new Set(dictionary.last);
  for (const i of view.signalRows) {
    const { firstName, lastName } = view.namesAt(i);
    for (const w of (firstName ?? '').split(/[\s\-']+/))
      if (w.length >= 3 && w.length <= 40) first.add(foldWord(w));
    for (const w of (lastName ?? '').split(/[\s\-']+/))
      if (w.length >= 3 && w.length <= 40) last.add(foldWord(w));
  }
  return { first, last };
}

interface HandleTally {
  n: number;
  other: number;
  unrelated: number;
}

export function nameConsistencySignals(view: SampleView): Signal[] {
  const email = view.first('email');
  const username = view.first('username');
  if (!email && !username) return [];
  const words = nameWords(view);
  const emails: HandleTally = { n: 0, other: 0, unrelated: 0 };
  const users: HandleTally = { n: 0, other: 0, unrelated: 0 };
  const judge = (handle: string | undefined, names: ReturnType<typeof namePartsOf>, tally: HandleTally) => {
    if (handle === undefined || handle.replace(/[^a-z]/gi, '').length < 3) return;
    tally.n++;
    if (!handleRelatesToName(handle, names)) tally.unrelated++;
    if (otherNameIn(handle, names, words.first, words.last) !== null) tally.other++;
  };
  for (const i of view.signalRows) {
    const { firstName, lastName } = view.namesAt(i);
    if (firstName === undefined || lastName === undefined) continue;
    const names = namePartsOf(firstName, lastName);
    judge(email?.key(i, 'local'), names, emails);
    const u = username?.raw[i];
    judge(typeof u === 'string' ? u.trim() : undefined, names, users);
  }
  const signals: Signal[] = [];
  if (emails.n >= MIN_VALUES) {
    signals.push(
      makeSignal(
        'email-name-mismatch',
        'fabrication',
        excessWeight(emails.other, emails.n, BASELINE),
        emails.other / emails.n,
        `${percent(emails.other / emails.n)} of email addresses are built from another person's name than the row's (${percent(emails.unrelated / emails.n)} do not contain the row's name at all)`,
      ),
    );
  }
  if (users.n >= MIN_VALUES) {
    signals.push(
      makeSignal(
        'username-name-mismatch',
        'fabrication',
        excessWeight(users.other, users.n, BASELINE),
        users.other / users.n,
        `${percent(users.other / users.n)} of usernames are built from another person's name than the row's`,
      ),
    );
  }
  return signals;
}
