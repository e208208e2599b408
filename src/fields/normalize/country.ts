import type { Normalized } from '../../core/types.js';
import { ALPHA2_CODES, ALPHA3_TO_ALPHA2, COUNTRY_ALIASES } from './country-codes.js';
import { clip, clipReason, fail, foldText, lookup, wordsOf } from './text.js';

const LANGUAGES = ['en', 'it', 'fr', 'de', 'es'] as const;

// Joining words that appear in some languages' forms of a name and not in others
// ("Bosnia & Herzegovina", "Côte d'Ivoire", "Trinidad e Tobago").
const GLUE = new Set(['and', 'e', 'et', 'und', 'y', 'the', 'of', 'd', 'l']);

/** The lookup form of a country name: folded words without joining words. */
function countryKey(text: string): string {
  return wordsOf(foldText(text))
    .filter((w) => !GLUE.has(w))
    .join(' ');
}

const ALPHA2 = new Set(ALPHA2_CODES);
const ALPHA2_TO_ALPHA3 = new Map([...ALPHA3_TO_ALPHA2].map(([a3, a2]) => [a2, a3]));
// Codes in use that are not ISO alpha-2: UK for GB, EL (the EU's code) for GR.
const CODE_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/** Country names in en/it/fr/de/es from ICU (Node ships full ICU), built once at load. */
function buildNames(): Map<string, string> {
  const names = new Map<string, string>();
  const add = (name: string | undefined, code: string): void => {
    if (!name) return;
    for (const form of [name, name.replace(/\s*\([^)]*\)/g, '')]) {
      const k = countryKey(form);
      if (k !== '' && !names.has(k)) names.set(k, code);
    }
  };
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) add(alias, code);
  for (const lang of LANGUAGES) {
    for (const style of ['long', 'short'] as const) {
      const display = new Intl.DisplayNames([lang], { type: 'region', style, fallback: 'none' });
      for (const code of ALPHA2_CODES) add(display.of(code), code);
    }
  }
  return names;
}

const NAMES = buildNames();

// Country columns repeat a handful of spellings millions of times.
const MEMO = new Map<string, string | undefined>();
const MEMO_MAX = 10_000;

/** ISO alpha-2 for a code or name, or undefined. */
export function countryCodeOf(raw: string): string | undefined {
  if (MEMO.has(raw)) return MEMO.get(raw);
  const code = lookUpCountry(raw);
  if (MEMO.size < MEMO_MAX && raw.length <= 100) MEMO.set(raw, code);
  return code;
}

function lookUpCountry(raw: string): string | undefined {
  const t = raw.trim();
  if (t.length === 2 || t.length === 3) {
    const upper = t.toUpperCase();
    if (ALPHA2.has(upper)) return upper;
    const aliased = lookup(CODE_ALIASES, upper) ?? ALPHA3_TO_ALPHA2.get(upper);
    if (aliased) return aliased;
  }
  return NAMES.get(countryKey(t));
}

/**
 * Canonical country: ISO 3166-1 alpha-2 from alpha-2/alpha-3 codes or names in en/it/fr/de/es
 * ("Italia", "Allemagne", "España", "Regno Unito", "UK", "USA"). Key: `alpha3`.
 * @example normalizeCountry('Allemagne').value === 'DE'
 */
export function normalizeCountry(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  if (clipped.length > 100) return fail('too long');
  const code = countryCodeOf(clipped);
  if (!code) return fail('unknown country');
  return { ok: true, value: code, keys: { alpha3: ALPHA2_TO_ALPHA3.get(code) ?? code } };
}
