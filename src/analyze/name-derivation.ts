/**
 * How handles (usernames, email local parts) are built from names: `mrossi84` is first
 * initial, surname and two digits of Mario Rossi. Used to learn our username style, to
 * judge whether a row's email and username belong to the row's own name, and to spot
 * handles built from another person's name (a fabricator's tell).
 */

const MARKS = /[\u0300-\u036f]/g;

/** Lower-case ASCII letters of a name word: `Müller` → `muller` (and `mueller`, see nameVariants). */
export function foldWord(word: string): string {
  const cached = foldCache.get(word);
  if (cached !== undefined) return cached;
  const folded = computeFold(word);
  if (foldCache.size >= VARIANT_CACHE) foldCache.clear();
  foldCache.set(word, folded);
  return folded;
}

const foldCache = new Map<string, string>();

function computeFold(word: string): string {
  return word
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[^a-z]/g, '');
}

function germanFold(word: string): string {
  return foldWord(word.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue'));
}

/**
 * The ways a name appears in a handle, longest first: the whole name folded, without
 * spaces, each word alone (two first names or two surnames), with German umlauts written
 * out. Words under two letters are dropped.
 */
export function nameVariants(name: string | undefined): readonly string[] {
  if (!name) return [];
  const cached = variantCache.get(name);
  if (cached) return cached;
  const variants = computeVariants(name);
  // Names repeat across millions of rows; the cache is cleared rather than grown past its bound.
  if (variantCache.size >= VARIANT_CACHE) variantCache.clear();
  variantCache.set(name, variants);
  return variants;
}

const VARIANT_CACHE = 50_000;
const variantCache = new Map<string, readonly string[]>();

function computeVariants(name: string): readonly string[] {
  // Attacker-written cells can be long; no real name is.
  if (name.length > MAX_NAME) return [];
  const words = name.split(/[\s\-']+/).filter((w) => w !== '');
  const out = new Set<string>();
  for (const fold of [foldWord, germanFold]) {
    const whole = words.map(fold).join('');
    if (whole.length >= 2) out.add(whole);
    for (const w of words) {
      const f = fold(w);
      if (f.length >= 2) out.add(f);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

export interface NameParts {
  readonly first: readonly string[];
  readonly last: readonly string[];
}

export function namePartsOf(firstName: string | undefined, lastName: string | undefined): NameParts {
  return { first: nameVariants(firstName), last: nameVariants(lastName) };
}

const SEPARATORS = new Set(['.', '_', '-']);
/** Longest handle and name looked at: real ones are far shorter, and the searches are quadratic. */
const MAX_HANDLE = 64;
const MAX_NAME = 100;
const MIN_TRUNCATED = 4;

interface Parse {
  readonly parts: string[];
  /** Letters covered by whole names (not initials): higher is a better reading. */
  readonly named: number;
}

function better(a: Parse | undefined, b: Parse): Parse {
  return a === undefined || b.named > a.named || (b.named === a.named && b.parts.length < a.parts.length)
    ? b
    : a;
}

/**
 * Reads a handle as a template over the person's name: `{f}{last}##` for `mrossi84`,
 * `{first}.{last}` for `mario.rossi`, `{last-}` for a surname cut short. Returns null when
 * no whole first name or surname appears in it. Case is ignored.
 * @example handleTemplate('mrossi84', namePartsOf('Mario', 'Rossi')) === '{f}{last}##'
 */
export function handleTemplate(handle: string, names: NameParts): string | null {
  const h = handle.toLowerCase();
  if (h.length === 0 || h.length > MAX_HANDLE || (names.first.length === 0 && names.last.length === 0))
    return null;
  const memo = new Map<number, Parse | null>();
  const walk = (i: number): Parse | null => {
    if (i === h.length) return { parts: [], named: 0 };
    const known = memo.get(i);
    if (known !== undefined) return known;
    let best: Parse | undefined;
    const follow = (token: string, width: number, named: number) => {
      const rest = walk(i + width);
      if (rest) best = better(best, { parts: [token, ...rest.parts], named: rest.named + named });
    };
    const c = h[i]!;
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < h.length && h[j]! >= '0' && h[j]! <= '9') j++;
      follow('#'.repeat(j - i), j - i, 0);
    } else if (SEPARATORS.has(c)) {
      follow(c, 1, 0);
    } else {
      for (const [tag, variants] of [
        ['first', names.first],
        ['last', names.last],
      ] as const) {
        for (const v of variants) {
          if (h.startsWith(v, i)) follow(`{${tag}}`, v.length, v.length);
          // A surname cut to fit a length limit: `mschneide` for Schneider.
          for (let len = v.length - 1; tag === 'last' && len >= MIN_TRUNCATED; len--) {
            if (h.startsWith(v.slice(0, len), i) && !/[a-z]/.test(h[i + len] ?? ''))
              follow('{last-}', len, len);
          }
        }
        if (variants.some((v) => v[0] === c)) follow(tag === 'first' ? '{f}' : '{l}', 1, 0);
      }
    }
    memo.set(i, best ?? null);
    return best ?? null;
  };
  const parse = walk(0);
  return parse && parse.named > 0 ? parse.parts.join('') : null;
}

/** Damerau–Levenshtein distance of two short strings, stopping early past 1. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length || i === b.length) return Math.abs(a.length - b.length) <= 1;
  const restA = a.slice(i + 1);
  const restB = b.slice(i + 1);
  return (
    restA === restB || // substitution
    a.slice(i) === b.slice(i + 1) || // insertion in b
    a.slice(i + 1) === b.slice(i) || // deletion from b
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) // transposition
  );
}

/** Whether `text` contains `word` or a string one typo away from it (for words of 5 letters or more). */
function containsNearly(text: string, word: string): boolean {
  if (text.includes(word)) return true;
  if (word.length < 5) return false;
  for (let len = word.length - 1; len <= word.length + 1; len++) {
    for (let at = 0; at + len <= text.length; at++)
      if (withinOneEdit(text.slice(at, at + len), word)) return true;
  }
  return false;
}

/**
 * Whether a handle contains the person's first name or surname, allowing one typo on
 * either side: a re-keyed `Rosis` still owns the handle `mrossi84`.
 */
export function handleRelatesToName(handle: string, names: NameParts): boolean {
  if (handle.length > MAX_HANDLE) return false;
  const h = handle.toLowerCase().replace(/[^a-z]/g, '');
  if (h === '') return false;
  for (const v of names.last)
    if (v.length >= 3 && containsNearly(h, v.length > 6 ? v.slice(0, 5) : v)) return true;
  for (const v of names.first) if (v.length >= 3 && containsNearly(h, v)) return true;
  return false;
}

/**
 * A person name other than the row's that the handle is built from, given the first names
 * and surnames known (the sample's own name columns and generator dictionaries):
 * `oscar.perez77` in a row of Lourdes Delapaz is built from Oscar Perez. Returns the
 * reading (`{first}.{last}`) or null.
 */
export function otherNameIn(
  handle: string,
  own: NameParts,
  firstNames: ReadonlySet<string>,
  lastNames: ReadonlySet<string>,
): string | null {
  if (handle.length > MAX_HANDLE) return null;
  const h = handle.toLowerCase();
  const letters = h.replace(/[^a-z]/g, '');
  if (letters.length < 5 || handleRelatesToName(handle, own)) return null;
  const words = h.split(/[^a-z]+/).filter((w) => w.length > 0);
  const isFirst = (w: string) => w.length >= 3 && firstNames.has(w);
  const isLast = (w: string) => w.length >= 3 && lastNames.has(w);
  // Separated words: `oscar.perez`, `perez_oscar`.
  if (words.length >= 2) {
    const [a, b] = [words[0]!, words[words.length - 1]!];
    if (isFirst(a) && isLast(b)) return '{first}.{last}';
    if (isLast(a) && isFirst(b)) return '{last}.{first}';
    return null;
  }
  // Run together: `oscarperez`, `operez`.
  for (let k = 3; k <= letters.length - 3; k++) {
    const a = letters.slice(0, k);
    const b = letters.slice(k);
    if (isFirst(a) && isLast(b)) return '{first}{last}';
    if (isLast(a) && isFirst(b)) return '{last}{first}';
  }
  const tail = letters.slice(1);
  if (tail.length >= 5 && isLast(tail)) return '{f}{last}';
  return null;
}
