import type { Signal } from '../../core/report.js';
import { foldWord } from '../name-derivation.js';
import type { SampleView } from '../sample-view.js';
import { chiSquareSurvival } from '../stats.js';
import { excessWeight, MAX_WEIGHT, MIN_VALUES, makeSignal, percent } from './common.js';
import { type FakerLocale, fakerLocale, fakerNameWords, isReservedEmailDomain } from './faker-data.js';

/**
 * Values drawn from a generator's dictionaries and templates. Membership alone proves
 * nothing (Rossi and Smith are in faker's lists because they are common), so names are
 * judged by how they spread over the list: a generator draws every entry equally often,
 * real customers concentrate on common names. Templates that invent places and the
 * capitalised `First.Last12` handles faker builds are judged by their share.
 */

/** Names must be this much in the lists before their spread is looked at. */
const MIN_MEMBERSHIP = 0.85;
/** The alternative to uniform draws: real names collide at least this many times more often. */
const CONCENTRATION = 4;

interface ListTally {
  readonly locale: FakerLocale;
  readonly counts: Map<string, number>;
}

function localesFor(country: string | undefined): FakerLocale[] {
  const own = fakerLocale(country);
  const fallback = fakerLocale(undefined);
  return own === fallback ? [own] : [own, fallback];
}

/**
 * Log-likelihood ratio (nats) of "drawn uniformly from the list" against "concentrated like
 * real names" from the number of equal pairs among the in-list words (Poisson counts).
 */
function spreadEvidence(tallies: Iterable<ListTally>, list: 'firstNames' | 'lastNames'): number {
  let llr = 0;
  for (const { locale, counts } of tallies) {
    let words = 0;
    let pairs = 0;
    for (const c of counts.values()) {
      words += c;
      pairs += (c * (c - 1)) / 2;
    }
    const expected = locale[list].collision * ((words * (words - 1)) / 2);
    llr += (CONCENTRATION - 1) * expected - pairs * Math.log(CONCENTRATION);
  }
  return llr;
}

function nameTest(view: SampleView, part: 'firstName' | 'lastName') {
  const list = part === 'firstName' ? 'firstNames' : 'lastNames';
  const tallies = new Map<FakerLocale, ListTally>();
  let n = 0;
  let inList = 0;
  for (const i of view.signalRows) {
    const name = view.namesAt(i)[part];
    if (name === undefined || name.length > 100) continue;
    const words = name
      .split(/[\s\-'’]+/)
      .map(foldWord)
      .filter((w) => w.length >= 2);
    if (words.length === 0) continue;
    n++;
    const locale = localesFor(view.countryAt(i)).find((l) => words.every((w) => l[list].probability.has(w)));
    if (!locale) continue;
    inList++;
    let tally = tallies.get(locale);
    if (!tally) {
      tally = { locale, counts: new Map() };
      tallies.set(locale, tally);
    }
    for (const w of words) tally.counts.set(w, (tally.counts.get(w) ?? 0) + 1);
  }
  const membership = n === 0 ? 0 : inList / n;
  const llr = membership >= MIN_MEMBERSHIP ? spreadEvidence(tallies.values(), list) : 0;
  return { n, inList, membership, weight: Math.max(0, Math.min(MAX_WEIGHT, llr)) };
}

function nameDictionarySignal(view: SampleView): Signal[] {
  const first = nameTest(view, 'firstName');
  const last = nameTest(view, 'lastName');
  const n = first.n + last.n;
  if (n < MIN_VALUES) return [];
  const membership = (first.inList + last.inList) / n;
  const weight = Math.min(MAX_WEIGHT, first.weight + last.weight);
  const spread =
    weight > 0
      ? 'spread evenly over those lists, as a generator draws them, instead of concentrating on common names as real customers do'
      : 'concentrated on common names as real customers are';
  return [
    makeSignal(
      'generator-name-dictionaries',
      'fabrication',
      weight,
      membership,
      `${percent(membership)} of first names and surnames are in the name lists of the Faker generator, ${spread}`,
    ),
  ];
}

/** Faker picks a free-mail domain uniformly from a short list; real customers concentrate on a few providers. */
function emailDomainSignals(view: SampleView): Signal[] {
  const column = view.first('email');
  if (!column) return [];
  let n = 0;
  let reserved = 0;
  let inList = 0;
  const counts = new Map<FakerLocale, Map<string, number>>();
  for (const i of view.signalRows) {
    const domain = column.key(i, 'domain');
    if (domain === undefined) continue;
    n++;
    if (isReservedEmailDomain(domain)) reserved++;
    const locale = localesFor(view.countryAt(i)).find((l) => l.freeEmail.includes(domain));
    if (!locale) continue;
    inList++;
    const c = counts.get(locale) ?? new Map<string, number>();
    c.set(domain, (c.get(domain) ?? 0) + 1);
    counts.set(locale, c);
  }
  if (n < MIN_VALUES) return [];
  const signals = [
    makeSignal(
      'reserved-email-domains',
      'fabrication',
      excessWeight(reserved, n, 0.002),
      reserved / n,
      `${percent(reserved / n)} of email addresses are at domains reserved for examples and tests (example.com, .test, .invalid)`,
    ),
  ];
  const membership = inList / n;
  // G-test of uniform use of each locale's list: a generator passes it, real providers' market shares do not.
  let g = 0;
  let df = 0;
  for (const [locale, c] of counts) {
    const total = [...c.values()].reduce((s, x) => s + x, 0);
    const expected = total / locale.freeEmail.length;
    for (const d of locale.freeEmail) {
      const o = c.get(d) ?? 0;
      if (o > 0) g += 2 * o * Math.log(o / expected);
    }
    df += locale.freeEmail.length - 1;
  }
  const uniform = df > 0 && inList >= 60 && chiSquareSurvival(g, df) > 0.01;
  const fires = membership >= 0.9 && uniform;
  signals.push(
    makeSignal(
      'generator-email-domains',
      'fabrication',
      fires ? 1.5 : 0,
      membership,
      fires
        ? `${percent(membership)} of email addresses use the free-mail domains of the Faker generator, in equal numbers as it draws them`
        : `${percent(membership)} of email addresses use the free-mail domains of the Faker generator, in the uneven shares of real providers`,
    ),
  );
  return signals;
}

function namedGroupsKnown(match: RegExpExecArray): boolean {
  const words = fakerNameWords();
  for (const [group, value] of Object.entries(match.groups ?? {})) {
    const w = foldWord(value ?? '');
    if (!(group.startsWith('f') ? words.first : words.last).has(w)) return false;
  }
  return true;
}

function matchesTemplate(text: string, templates: readonly RegExp[]): boolean {
  for (const t of templates) {
    const m = t.exec(text);
    if (m && namedGroupsKnown(m)) return true;
  }
  return false;
}

/** Places and streets invented by faker's templates (`Lake Vincentport`, `Contrada Severo`). */
function templateSignals(view: SampleView): Signal[] {
  const city = view.first('city');
  if (!city) return [];
  let n = 0;
  let x = 0;
  for (const i of view.signalRows) {
    const raw = city.raw[i];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    n++;
    const text = raw.trim();
    if (text.length > 100) continue;
    if (localesFor(view.countryAt(i)).some((l) => matchesTemplate(text, l.cityTemplates))) x++;
  }
  if (n < MIN_VALUES) return [];
  return [
    makeSignal(
      'generator-place-templates',
      'fabrication',
      excessWeight(x, n, 0.03),
      x / n,
      `${percent(x / n)} of city names are built the way the Faker generator invents places (a prefix or suffix around a person's name)`,
    ),
  ];
}

const FAKER_HANDLE = /^(?<f>\p{Lu}[\p{L}]*?)(?:[._](?<l>\p{Lu}[\p{L}]*?))?\d{0,2}$/u;

/** Faker's usernames and email local parts keep the names' capitals: `Noemi.Capogna`, `Tito_Riccobono89`. */
function isFakerHandle(handle: string): boolean {
  // Lazy groups backtrack on long input; real handles are short.
  if (handle.length > 64) return false;
  const m = FAKER_HANDLE.exec(handle);
  if (!m?.groups) return false;
  const words = fakerNameWords();
  if (!words.first.has(foldWord(m.groups['f'] ?? ''))) return false;
  const last = m.groups['l'];
  if (last === undefined) return true;
  const folded = foldWord(last);
  if (words.last.has(folded)) return true;
  // Two surnames run together once spaces are dropped: `DelapazPagan`.
  for (let k = 2; k <= folded.length - 2; k++) {
    if (words.last.has(folded.slice(0, k)) && words.last.has(folded.slice(k))) return true;
  }
  return false;
}

function handleSignals(view: SampleView): Signal[] {
  const username = view.first('username');
  const email = view.first('email');
  const users = { n: 0, x: 0 };
  const locals = { n: 0, x: 0 };
  for (const i of view.signalRows) {
    const u = username?.raw[i];
    if (typeof u === 'string' && u.trim() !== '') {
      users.n++;
      if (isFakerHandle(u.trim())) users.x++;
    }
    const e = email?.raw[i];
    if (typeof e === 'string' && e.includes('@')) {
      locals.n++;
      if (isFakerHandle(e.trim().slice(0, e.trim().lastIndexOf('@')))) locals.x++;
    }
  }
  if (users.n + locals.n < MIN_VALUES) return [];
  const weight = Math.max(excessWeight(users.x, users.n, 0.05), excessWeight(locals.x, locals.n, 0.05));
  const parts = [
    users.n > 0 ? `${percent(users.x / users.n)} of usernames` : null,
    locals.n > 0 ? `${percent(locals.x / locals.n)} of email addresses` : null,
  ].filter((p) => p !== null);
  const share = (users.x + locals.x) / (users.n + locals.n);
  return [
    makeSignal(
      'generator-handle-templates',
      'fabrication',
      weight,
      share,
      `${parts.join(' and ')} follow the Faker generator's templates (capitalised First.Last, First_Last or First with up to two digits)`,
    ),
  ];
}

export function generatorSignals(view: SampleView): Signal[] {
  return [
    ...nameDictionarySignal(view),
    ...emailDomainSignals(view),
    ...templateSignals(view),
    ...handleSignals(view),
  ];
}
