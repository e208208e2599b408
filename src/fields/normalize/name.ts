import type { Normalized } from '../../core/types.js';
import { clip, clipReason, fail, foldText, wordsOf } from './text.js';

// biome-ignore format: a word list
/**
 * Surname particles in the languages we serve. They stay in the canonical form (they are part
 * of the name) but are dropped from the `bare`, `sorted` and `first` keys, because records and
 * samples disagree on them: "Van der Berg", "Berg", "vanderberg".
 */
const PARTICLES = new Set([
  'de', 'da', 'di', 'del', 'della', 'delle', 'dei', 'degli', 'dello', 'dell', 'dal', 'dalla', 'd', 'l',
  'van', 'von', 'vom', 'zu', 'der', 'den', 'ter', 'te', 'le', 'la', 'du', 'des', 'dos', 'das', 'do',
  'y', 'e', 'bin', 'ibn', 'al', 'el', 'mac',
]);

/** Keys for a name given as its canonical words (and, when already joined, their text). */
export function nameKeys(words: readonly string[], exact = words.join(' ')): Record<string, string> {
  let core = words;
  if (words.some((w) => PARTICLES.has(w))) {
    const kept = words.filter((w) => !PARTICLES.has(w));
    if (kept.length > 0) core = kept;
  }
  const bare = core === words ? exact : core.join(' ');
  const [a = '', b = ''] = core;
  let sorted = bare;
  if (core.length === 2 && b < a) sorted = `${b} ${a}`;
  else if (core.length > 2) sorted = [...core].sort().join(' ');
  return { exact, bare, sorted, first: a, compact: words.join('') };
}

const HAS_LETTER = /\p{L}/u;

/**
 * Canonical personal name: NFKC, no diacritics, lowercase, punctuation (hyphens and
 * apostrophes included) as word separators. Keys: `exact`, `bare` (without particles),
 * `sorted` (bare words sorted), `first` (first bare word), `compact` (words joined).
 * @example normalizeName('Müller-Lüdenscheidt').value === 'muller ludenscheidt'
 */
export function normalizeName(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const words = wordsOf(foldText(clipped));
  const value = words.join(' ');
  if (!HAS_LETTER.test(value)) return fail('no letters');
  return { ok: true, value, keys: nameKeys(words, value) };
}

// Honorifics in en/it/fr/de/es, written without their dots. Weak ones are also first names
// (Don, Lady) or initials (M.), so they are dropped only when two words remain after them.
// biome-ignore format: a word list
const TITLES = new Set([
  'dr', 'dott', 'dottssa', 'dottor', 'dottore', 'dottoressa', 'prof', 'profssa', 'professor',
  'professore', 'mr', 'mrs', 'ms', 'mx', 'sig', 'sigra', 'signa', 'signa', 'signor', 'signora',
  'signorina', 'mme', 'mlle', 'monsieur', 'madame', 'mademoiselle', 'herr', 'frau', 'srta', 'senor',
  'senora', 'senorita', 'ing', 'avv', 'rag', 'geom', 'rev', 'doctor', 'doktor', 'dra', 'mag', 'dipl',
]);
const WEAK_TITLES = new Set(['m', 'miss', 'don', 'dona', 'sir', 'dame', 'lord', 'lady', 'sr', 'sra']);
const SUFFIXES = new Set([
  'jr',
  'junior',
  'sr',
  'senior',
  'ii',
  'iii',
  'iv',
  'phd',
  'md',
  'esq',
  'jun',
  'sen',
]);
const AFFIX_WORDS = new Set([...TITLES, ...WEAK_TITLES]);

/** A whitespace-separated piece of the written name, with its canonical words. */
interface Unit {
  readonly words: string[];
  /** Written in capitals (ROSSI), which in IT/FR/ES lists marks the surname. */
  readonly caps: boolean;
}

const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/gu;

/** Two or more capitals and no lowercase letter; linear, unlike a single regex for it. */
function isCapitalised(piece: string): boolean {
  return piece !== piece.toLowerCase() && !LOWER.test(piece) && (piece.match(UPPER)?.length ?? 0) >= 2;
}

function unitsOf(text: string): Unit[] {
  const units: Unit[] = [];
  for (const piece of text.split(/\s+/)) {
    const words = wordsOf(foldText(piece));
    // Canonical text is lowercase, so it never reads as capitalised surnames.
    if (words.length > 0) units.push({ words, caps: isCapitalised(piece) });
  }
  return units;
}

function tokenOf(u: Unit): string {
  return u.words.join('');
}

function stripAffixes(units: Unit[]): Unit[] {
  let start = 0;
  let end = units.length;
  for (;;) {
    const t = start < end ? tokenOf(units[start]!) : '';
    if (TITLES.has(t) && end - start >= 2) start++;
    else if (WEAK_TITLES.has(t) && end - start >= 3) start++;
    else break;
  }
  while (end - start >= 2 && SUFFIXES.has(tokenOf(units[end - 1]!))) end--;
  return units.slice(start, end);
}

function isParticle(u: Unit): boolean {
  return u.words.length === 1 && PARTICLES.has(u.words[0]!);
}

function isInitial(u: Unit): boolean {
  return u.words.length === 1 && u.words[0]!.length === 1 && !isParticle(u);
}

interface Split {
  first: Unit[];
  middle: Unit[];
  last: Unit[];
}

/** Splits units written first-name-first (or with capitalised surnames anywhere at an end). */
function splitUnits(all: Unit[]): Split {
  const n = all.length;
  let capsCount = 0;
  for (const u of all) if (u.caps) capsCount++;
  if (capsCount > 0 && capsCount < n) {
    const atStart = all.slice(0, capsCount).every((u) => u.caps);
    if (atStart || all.slice(n - capsCount).every((u) => u.caps)) {
      const last = atStart ? all.slice(0, capsCount) : all.slice(n - capsCount);
      const given = atStart ? all.slice(capsCount) : all.slice(0, n - capsCount);
      const middle = given.filter((u, i) => i > 0 && isInitial(u));
      return { first: given.filter((u) => !middle.includes(u)), middle, last };
    }
  }
  // Initials between the first word and the surname are middle initials ("John Q. Public").
  const middle: Unit[] = [];
  for (let i = 1; i < n - 1; i++) if (isInitial(all[i]!)) middle.push(all[i]!);
  const units = middle.length === 0 ? all : all.filter((u) => !middle.includes(u));
  const m = units.length;
  const particle = units.findIndex((u, i) => i >= 1 && i < m - 1 && isParticle(u));
  if (particle > 0) return { first: units.slice(0, particle), middle, last: units.slice(particle) };
  if (m <= 1) return { first: [], middle, last: units };
  if (m === 2) return { first: units.slice(0, 1), middle, last: units.slice(1) };
  if (m === 3) return { first: units.slice(0, 1), middle: [...middle, units[1]!], last: units.slice(2) };
  return { first: units.slice(0, m - 2), middle, last: units.slice(m - 2) };
}

function splitWithComma(text: string): Split | undefined {
  const pieces = text.split(',').filter((p) => {
    const t = wordsOf(foldText(p)).join('');
    return t !== '' && !SUFFIXES.has(t);
  });
  if (pieces.length !== 2) return undefined;
  const last = stripAffixes(unitsOf(pieces[0]!));
  const rest = stripAffixes(unitsOf(pieces[1]!));
  if (last.length === 0 || rest.length === 0) return undefined;
  const middle = rest.filter((u, i) => i > 0 && isInitial(u));
  return { first: rest.filter((u) => !middle.includes(u)), middle, last };
}

function wordsOfUnits(units: readonly Unit[]): string[] {
  const words: string[] = [];
  for (const u of units) for (const w of u.words) words.push(w);
  return words;
}

/**
 * What reading the canonical text again would drop (titles, suffixes and middle initials that
 * capitals or a comma had placed elsewhere), dropped now, so that the value is a fixpoint.
 */
function settle(words: string[]): string[] {
  const n = words.length;
  let unsettled = n > 1 && (AFFIX_WORDS.has(words[0]!) || SUFFIXES.has(words[n - 1]!));
  for (let i = 1; i < n - 1 && !unsettled; i++)
    unsettled = words[i]!.length === 1 && !PARTICLES.has(words[i]!);
  if (!unsettled) return words;
  let current = words;
  for (;;) {
    const units = stripAffixes(current.map((w) => ({ words: [w], caps: false })));
    const kept = units.filter((u, i) => !(i > 0 && i < units.length - 1 && isInitial(u)));
    const next = wordsOfUnits(kept);
    if (next.length === current.length) return current;
    current = next;
  }
}

/**
 * Splits a full name into first and last name: "Rossi, Mario", "ROSSI Mario", "Dr. Mario
 * Rossi Jr.", "Maria de la Cruz", "John Q. Public". The value is the canonical name, first
 * name first, without titles, suffixes and middle initials (kept in the `middle` key).
 * Three plain words are read as first, middle, last; four or more as two surnames.
 */
export function splitFullName(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const split =
    (clipped.includes(',') ? splitWithComma(clipped) : undefined) ??
    splitUnits(stripAffixes(unitsOf(clipped)));
  const first = wordsOfUnits(split.first);
  const last = wordsOfUnits(split.last);
  const middleNames: string[] = [];
  const initials: string[] = [];
  for (const u of split.middle) for (const w of u.words) (isInitial(u) ? initials : middleNames).push(w);
  const words = settle(first.concat(middleNames, last));
  const value = words.join(' ');
  if (!HAS_LETTER.test(value)) return fail('no letters');
  const keys = nameKeys(words, value);
  if (first.length === 0) return { ok: true, value, keys };
  const parts = { first_name: first.join(' '), last_name: last.join(' ') };
  keys.first_name = parts.first_name;
  keys.last_name = parts.last_name;
  const middle = middleNames.concat(initials).join(' ');
  if (middle) keys.middle = middle;
  return { ok: true, value, keys, parts };
}
