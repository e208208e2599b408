import type { FieldKind } from '../core/types.js';
import { type Lang, SYNONYMS } from './header-synonyms.js';

/**
 * Matching header names to field kinds (synonyms in header-synonyms.ts). A header that *is*
 * a synonym is an exact match; one that *contains* a synonym's words (or, for German
 * compounds, ends with a long synonym) is a partial match.
 */

/**
 * National identifiers (tax codes, social security numbers) are typed `national_id`:
 * identity evidence for linkage, never a platform-specific value (not internal_id).
 */
const NATIONAL_ID =
  /^(codice fiscale|cf|cod fiscale|ssn|social security number|soc sec id|soc sec|social security|social security no|national insurance number|nino|nin|national id|tax id|nif|nie|dni|steuer id|steuernummer|sozialversicherungsnummer|numero de securite sociale|nir|personalausweis|passport|passaporto)$/;

/** A header that only numbers a column (`col_3`, `field12`) says nothing about it. */
const GENERIC = /^(col|column|field|c|f|v|var|attr|unnamed|x)? ?\d+$/;

/** Tokens that say nothing alone but can qualify their parent in a dotted path (`phone.number`). */
const WEAK_LAST = new Set([
  'number',
  'value',
  'code',
  'no',
  'nr',
  'num',
  'text',
  'raw',
  'str',
  'line',
  'full',
]);

export interface HeaderMatch {
  readonly kind: FieldKind;
  /** 1 for an exact synonym, about 0.4-0.7 for a synonym's words inside the header, 0.5 in a compound word. */
  readonly strength: number;
  /** Languages the synonym belongs to: `it`, or `it/es` for `telefono`. */
  readonly lang: string;
  readonly synonym: string;
}

export interface HeaderInfo {
  /** The folded header as matched, e.g. `date of birth` for `dateOfBirth`. */
  readonly folded: string;
  /** True for empty or numbering-only headers (`col_1`), which carry no evidence. */
  readonly generic: boolean;
  /** True when the header names a national identifier (codice fiscale, SSN, DNI...). */
  readonly nationalId: boolean;
  /** Best match per kind, strongest first. */
  readonly matches: readonly HeaderMatch[];
}

/**
 * Folds a header to lowercase words without diacritics: `dateOfBirth` → `date of birth`,
 * `N° de commande` → `n de commande`, `Straße` → `strasse`.
 */
export function foldHeader(raw: string): string {
  return raw
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface Synonym {
  readonly kind: FieldKind;
  readonly lang: Lang;
  readonly text: string;
  readonly tokens: readonly string[];
  /** Strength of an exact match: 1, or 0.7 for generic words. */
  readonly exact: number;
}

let synonymIndex: { exact: Map<string, Synonym[]>; all: Synonym[] } | undefined;

function indexSynonyms(): { exact: Map<string, Synonym[]>; all: Synonym[] } {
  if (synonymIndex) return synonymIndex;
  const exact = new Map<string, Synonym[]>();
  const all: Synonym[] = [];
  for (const [kind, lang, list] of SYNONYMS) {
    for (const entry of list.split('|')) {
      // A trailing `~` marks a generic word ("date", "data"): exact, yet weak evidence.
      const text = entry.replace(/~$/, '');
      const syn = { kind, lang, text, tokens: text.split(' '), exact: entry.endsWith('~') ? 0.7 : 1 };
      all.push(syn);
      const bucket = exact.get(text) ?? [];
      bucket.push(syn);
      exact.set(text, bucket);
    }
  }
  synonymIndex = { exact, all };
  return synonymIndex;
}

function indexOfTokens(hay: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function matchFolded(folded: string): HeaderMatch[] {
  const { exact, all } = indexSynonyms();
  const best = new Map<FieldKind, HeaderMatch>();
  const offer = (m: HeaderMatch): void => {
    const prev = best.get(m.kind);
    if (!prev || prev.strength < m.strength) best.set(m.kind, m);
    else if (prev.strength === m.strength && prev.synonym === m.synonym && !prev.lang.includes(m.lang)) {
      best.set(m.kind, { ...prev, lang: `${prev.lang}/${m.lang}` });
    }
  };
  for (const syn of exact.get(folded) ?? []) {
    offer({ kind: syn.kind, strength: syn.exact, lang: syn.lang, synonym: syn.text });
  }
  const tokens = folded.split(' ');
  for (const syn of all) {
    if (syn.text === folded) continue;
    const at = indexOfTokens(tokens, syn.tokens);
    if (at >= 0) {
      // The more of the header a synonym covers, the more it says; English puts the head noun
      // last ("first order date" is a date), and very short synonyms are weak on their own.
      const coverage = syn.tokens.length / tokens.length;
      const atEnd = at + syn.tokens.length === tokens.length ? 0.08 : 0;
      const short = syn.text.length <= 3 ? 0.08 : 0;
      offer({
        kind: syn.kind,
        strength: 0.45 + 0.2 * coverage + atEnd - short,
        lang: syn.lang,
        synonym: syn.text,
      });
    } else if (syn.tokens.length === 1 && syn.text.length >= 5) {
      // German and Dutch compounds: "lieferadresse", "kundenemail", "mobiltelefonnummer".
      if (
        tokens.some((t) => t.length > syn.text.length + 2 && (t.endsWith(syn.text) || t.startsWith(syn.text)))
      ) {
        offer({ kind: syn.kind, strength: 0.5, lang: syn.lang, synonym: syn.text });
      }
    }
  }
  return [...best.values()].sort((a, b) => b.strength - a.strength);
}

/**
 * Matches a header against the dictionary. Dotted or slashed paths (`address.zip`,
 * `customer/phone/number`) are matched on their last segment, falling back to the last two
 * segments together and to the parent when the last one is weak.
 */
export function matchHeader(raw: string): HeaderInfo {
  const segments = raw
    .split(/[./>[\]]+/)
    .map(foldHeader)
    .filter((s) => s.length > 0);
  const folded = segments.join(' ');
  const last = segments.at(-1) ?? '';
  if (last === '' || GENERIC.test(last)) return { folded, generic: true, nationalId: false, matches: [] };
  if (NATIONAL_ID.test(last) || NATIONAL_ID.test(folded))
    return { folded, generic: false, nationalId: true, matches: [] };
  let matches = matchFolded(last);
  const parent = segments.at(-2);
  if (parent !== undefined) {
    const joined = matchFolded(`${parent} ${last}`);
    if ((joined[0]?.strength ?? 0) > (matches[0]?.strength ?? 0)) matches = joined;
    if (matches.length === 0 || WEAK_LAST.has(last)) {
      matches = matchFolded(parent).map((m) => ({ ...m, strength: m.strength * 0.8 }));
    }
  }
  return { folded: last, generic: false, nationalId: false, matches };
}
