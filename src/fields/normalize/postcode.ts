import type { Normalized } from '../../core/types.js';
import { clip, clipReason, fail, lookup } from './text.js';

/**
 * One country's postcode system: how to recognise a compact (uppercase, no spaces or dashes)
 * code, how to print it, and how to find one inside a one-line address.
 */
interface PostcodeRule {
  /** Matches the compact form. */
  readonly compact: RegExp;
  /** Digits-only systems whose codes lose leading zeros in spreadsheets: the full length. */
  readonly padTo?: number;
  /** Shortest digit string we still restore by padding (e.g. IT "184" → "00184"). */
  readonly padFrom?: number;
  readonly format?: (compact: string) => string;
  readonly keys?: (canonical: string) => Record<string, string>;
  /** Finds the code inside free text (case-insensitive), for address splitting. */
  readonly find: RegExp;
}

const FIVE = /^\d{5}$/;
const FOUR = /^\d{4}$/;
const FIND_FIVE = /(?<![\d-])\d{5}(?![\d-])/g;
const FIND_FOUR = /(?<![\d-])\d{4}(?![\d-])/g;

const GB_COMPACT = /^(?:([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})|GIR0AA)$/;
const CA_COMPACT = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/;

const splitAt = (at: number, sep: string) => (c: string) => `${c.slice(0, at)}${sep}${c.slice(at)}`;

export const POSTCODE_RULES: Readonly<Record<string, PostcodeRule>> = {
  // Italy: CAP 00010–98168; Rome's 001xx lose two zeros in spreadsheets.
  IT: { compact: FIVE, padTo: 5, padFrom: 2, find: FIND_FIVE },
  // France: 01000–98999 (DOM 97x, Monaco 980xx).
  FR: { compact: /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/, padTo: 5, padFrom: 4, find: FIND_FIVE },
  DE: { compact: /^(?:0[1-9]|[1-9]\d)\d{3}$/, padTo: 5, padFrom: 4, find: FIND_FIVE },
  // Spain: the first two digits are the province, 01–52.
  ES: { compact: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/, padTo: 5, padFrom: 4, find: FIND_FIVE },
  US: {
    compact: /^\d{5}(?:\d{4})?$/,
    padTo: 5,
    padFrom: 3,
    format: (c) => (c.length === 9 ? splitAt(5, '-')(c) : c),
    keys: (c) => ({ zip5: c.slice(0, 5) }),
    find: /(?<![\d-])\d{5}(?:-\d{4})?(?![\d-])/g,
  },
  GB: {
    compact: GB_COMPACT,
    format: (c) => splitAt(c.length - 3, ' ')(c),
    keys: (c) => ({ outward: c.split(' ')[0] ?? c }),
    find: /(?<![A-Z\d])[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![A-Z\d])/gi,
  },
  NL: {
    compact: /^[1-9]\d{3}[A-Z]{2}$/,
    format: splitAt(4, ' '),
    keys: (c) => ({ digits: c.slice(0, 4) }),
    find: /(?<![\dA-Z])[1-9]\d{3} ?[A-Z]{2}(?![A-Z\d])/gi,
  },
  CA: {
    compact: CA_COMPACT,
    format: splitAt(3, ' '),
    keys: (c) => ({ fsa: c.slice(0, 3) }),
    find: /(?<![A-Z\d])[A-Z]\d[A-Z] ?\d[A-Z]\d(?![A-Z\d])/gi,
  },
  // Australia: Northern Territory codes 08xx lose their zero.
  AU: { compact: FOUR, padTo: 4, padFrom: 3, find: FIND_FOUR },
  BE: { compact: /^[1-9]\d{3}$/, find: FIND_FOUR },
  AT: { compact: /^[1-9]\d{3}$/, find: FIND_FOUR },
  CH: { compact: /^[1-9]\d{3}$/, find: FIND_FOUR },
  DK: { compact: /^[1-9]\d{3}$/, find: FIND_FOUR },
  NO: { compact: FOUR, padTo: 4, padFrom: 3, find: FIND_FOUR },
  PT: { compact: /^[1-9]\d{6}$/, format: splitAt(4, '-'), find: /(?<!\d)[1-9]\d{3}-\d{3}(?!\d)/g },
  PL: { compact: /^\d{5}$/, format: splitAt(2, '-'), find: /(?<!\d)\d{2}-\d{3}(?!\d)/g },
  SE: { compact: /^[1-9]\d{4}$/, format: splitAt(3, ' '), find: /(?<!\d)[1-9]\d{2} ?\d{2}(?!\d)/g },
};

// "I-00184", "D-10115", "F-75001", "NL-1012 AB": the country prefixes of European mail.
const PREFIX = /^(I|IT|D|DE|F|FR|E|ES|A|AT|B|BE|CH|NL|L|DK|N|NO|P|PT|PL|S|SE|GB|UK|US|CA|AU)[-\s]+(?=\d)/;
// biome-ignore format: a table
const PREFIX_COUNTRY: Readonly<Record<string, string>> = {
  I: 'IT', D: 'DE', F: 'FR', E: 'ES', A: 'AT', B: 'BE', L: 'LU', N: 'NO', P: 'PT', S: 'SE', UK: 'GB',
};

/** The compact form of a value under a rule (padding lost zeros), or undefined if it is not one. */
function compactFor(rule: PostcodeRule, compact: string): string | undefined {
  if (rule.compact.test(compact)) return compact;
  if (rule.padTo && rule.padFrom && /^\d+$/.test(compact)) {
    if (compact.length >= rule.padFrom && compact.length < rule.padTo) {
      const padded = compact.padStart(rule.padTo, '0');
      if (rule.compact.test(padded)) return padded;
    }
  }
  return undefined;
}

function result(rule: PostcodeRule, compact: string, country: string): Normalized {
  const value = rule.format ? rule.format(compact) : compact;
  return { ok: true, value, keys: { exact: value, country, ...(rule.keys ? rule.keys(value) : {}) } };
}

// Without a country, only the systems whose shape names them are recognised (letters in fixed places).
const SELF_EVIDENT = ['GB', 'CA', 'NL'] as const;
const GENERIC = /^(?=.*\d)[A-Z\d]{2,10}$/;

/**
 * Canonical postcode for a country (IT/FR/DE/ES 5 digits with lost leading zeros restored,
 * GB "SW1A 1AA", US "12345" or "12345-6789", NL "1234 AB", AU 4 digits, CA "A1A 1A1", ...);
 * other countries and unknown ones: uppercase without spaces. Keys: `exact`, `country` when
 * known, and per country the coarser part (`zip5`, `outward`, `digits`, `fsa`).
 * @example normalizePostcode('184', 'IT').value === '00184'
 */
export function normalizePostcode(raw: string, country?: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  if (clipped.length > 20) return fail('too long');
  let upper = clipped.toUpperCase();
  let target = country?.toUpperCase();
  const prefix = PREFIX.exec(upper);
  if (prefix) {
    const named = PREFIX_COUNTRY[prefix[1]!] ?? prefix[1]!;
    if (target === undefined || target === named) {
      target = named;
      upper = upper.slice(prefix[0].length);
    }
  }
  const compact = upper.replace(/[\s\-.]+/g, '');
  const rule = target === undefined ? undefined : lookup(POSTCODE_RULES, target);
  if (rule && target) {
    const c = compactFor(rule, compact);
    return c === undefined ? fail(`not a ${target} postcode`) : result(rule, c, target);
  }
  if (target === undefined) {
    for (const code of SELF_EVIDENT) {
      const r = POSTCODE_RULES[code]!;
      if (r.compact.test(compact)) return result(r, compact, code);
    }
  }
  if (!GENERIC.test(compact)) return fail('not a postcode');
  return { ok: true, value: compact, keys: { exact: compact, ...(target ? { country: target } : {}) } };
}
