import type { Normalized } from '../../core/types.js';
import { clip, clipReason, fail, foldText, isAscii, lookup } from './text.js';

/** Usernames: kept as written (trimmed, NFC); key `lower` for case-insensitive platforms. */
export function normalizeUsername(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const value = isAscii(clipped) ? clipped : clipped.normalize('NFC');
  return { ok: true, value, keys: { exact: value, lower: value.toLowerCase() } };
}

/**
 * Internal ids and order numbers: kept as written; key `loose` is uppercase without
 * separators and without leading zeros in digit runs, so "ORD-000123", "ord000123" and
 * "#ORD 123" meet.
 * @example normalizeId('ORD-000123').keys.loose === 'ORD123'
 */
export function normalizeId(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const value = isAscii(clipped) ? clipped : clipped.normalize('NFC');
  const loose = value
    .toUpperCase()
    .replace(/\d+/g, (run) => run.replace(/^0+(?=\d)/, ''))
    .replace(/[\s\-_./#:]+/g, '');
  if (loose === '') return fail('no id characters');
  return { ok: true, value, keys: { exact: value, loose } };
}

// biome-ignore format: a table
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  '€': 'EUR', $: 'USD', us$: 'USD', usd$: 'USD', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '₽': 'RUB',
  'r$': 'BRL', a$: 'AUD', au$: 'AUD', c$: 'CAD', ca$: 'CAD', 'zł': 'PLN', zl: 'PLN', fr: 'CHF',
  'sfr': 'CHF', kr: 'SEK', '₺': 'TRY', '₩': 'KRW', '₪': 'ILS', 'kč': 'CZK', kc: 'CZK', ft: 'HUF',
  euro: 'EUR', euros: 'EUR', dollar: 'USD', dollars: 'USD', dollari: 'USD', dollaro: 'USD',
  dolares: 'USD', dolar: 'USD', pound: 'GBP', pounds: 'GBP', sterling: 'GBP', sterline: 'GBP',
  sterlina: 'GBP', yen: 'JPY', franken: 'CHF', franchi: 'CHF', francs: 'CHF',
};
const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

function currencyCodeOf(text: string): string | undefined {
  const t = text.trim();
  if (/^[A-Za-z]{3}$/.test(t) && ISO_CURRENCIES.has(t.toUpperCase())) return t.toUpperCase();
  const lower = t.toLowerCase().replace(/\.$/, '');
  return lookup(CURRENCY_SYMBOLS, lower) ?? lookup(CURRENCY_SYMBOLS, foldText(lower));
}

/**
 * Currency as its ISO 4217 code, from codes, symbols (€ $ £ ...) and names.
 * `$` alone is read as USD: a sample rarely says which dollar.
 */
export function normalizeCurrency(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  if (clipped.length > 20) return fail('too long');
  const code = currencyCodeOf(clipped);
  return code ? { ok: true, value: code } : fail('unknown currency');
}

/** Digits and one decimal point from "1.234,56", "1,234.56", "1'234.56", "1 234,5". */
function decimalOf(body: string): string | undefined {
  const s = body.replace(/[' \u00a0\u202f]/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart: string;
  let frac = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    intPart = s.slice(0, at).replace(decimal === '.' ? /,/g : /\./g, '');
    frac = s.slice(at + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = s.split(sep);
    const head = parts[0] ?? '';
    // Repeated separators group thousands. One comma before exactly three digits does too
    // ("1,234"); one dot is always a decimal point, as in our own canonical form.
    const grouped = sep === ',' && parts[1]?.length === 3 && head.length <= 3 && head !== '0';
    if (parts.length > 2 || grouped) {
      if (parts.slice(1).some((p) => p.length !== 3)) return undefined;
      intPart = parts.join('');
    } else {
      intPart = head;
      frac = parts[1] ?? '';
    }
  } else {
    intPart = s;
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return undefined;
  intPart = intPart.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  return frac === '' ? intPart : `${intPart}.${frac}`;
}

/** Removes one sign written before or after `text` ("-€", "€-"). */
function takeSign(text: string): { sign: string; rest: string } {
  const t = text.trim();
  if (/^[+-]/.test(t)) return { sign: t[0]!, rest: t.slice(1).trim() };
  if (/[+-]$/.test(t)) return { sign: t[t.length - 1]!, rest: t.slice(0, -1).trim() };
  return { sign: '', rest: t };
}

const AMOUNT = /^([^\d]*?)(\d(?:[\d.,' \u00a0\u202f]*\d)?)([^\d]*)$/;

/**
 * Money amount as a plain decimal string ("1234.5"), reading either decimal convention,
 * signs before or after, and accounting parentheses; a currency symbol or code before or
 * after becomes key `currency`.
 * @example normalizeAmount('€ 1.234,50') → { value: '1234.5', keys: { currency: 'EUR' } }
 */
export function normalizeAmount(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  if (clipped.length > 60) return fail('too long');
  let text = clipped.replace(/\u2212/g, '-');
  let parenthesised = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    parenthesised = true;
    text = text.slice(1, -1);
  }
  const m = AMOUNT.exec(text);
  if (!m) return fail('not an amount');
  const lead = takeSign(m[1]!);
  const tail = takeSign(m[3]!);
  if ((lead.sign && tail.sign) || (lead.rest && tail.rest)) return fail('not an amount');
  const symbol = lead.rest || tail.rest;
  const currency = symbol === '' ? undefined : currencyCodeOf(symbol);
  if (symbol !== '' && !currency) return fail('not an amount');
  const decimal = decimalOf(m[2]!);
  if (decimal === undefined) return fail('not an amount');
  const negative = (parenthesised || lead.sign === '-' || tail.sign === '-') && /[1-9]/.test(decimal);
  const value = negative ? `-${decimal}` : decimal;
  return { ok: true, value, ...(currency ? { keys: { currency } } : {}) };
}

// biome-ignore format: a table
const GENDERS: Readonly<Record<string, string>> = {
  m: 'm', male: 'm', man: 'm', men: 'm', maschio: 'm', maschile: 'm', uomo: 'm', homme: 'm',
  masculin: 'm', h: 'm', mannlich: 'm', mann: 'm', hombre: 'm', masculino: 'm', varon: 'm', mr: 'm',
  f: 'f', female: 'f', woman: 'f', women: 'f', femmina: 'f', femminile: 'f', donna: 'f', femme: 'f',
  feminin: 'f', weiblich: 'f', frau: 'f', w: 'f', mujer: 'f', femenino: 'f', mrs: 'f', ms: 'f',
  x: 'x', other: 'x', altro: 'x', autre: 'x', otro: 'x', divers: 'x', d: 'x', 'non binary': 'x',
  nonbinary: 'x', 'non binaire': 'x', 'no binario': 'x', 'non binario': 'x',
};

/**
 * Gender as 'm' or 'f' from words and initials in en/it/fr/de/es, and 'x' for values that
 * explicitly say neither (other, divers, non-binary).
 */
export function normalizeGender(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  if (clipped.length > 30) return fail('too long');
  const key = foldText(clipped)
    .replace(/[^a-z]+/g, ' ')
    .trim();
  const g = lookup(GENDERS, key);
  return g ? { ok: true, value: g } : fail('unknown gender');
}

/** Passwords: only surrounding whitespace is removed; case and Unicode form are the password's own. */
export function normalizePassword(raw: string): Normalized {
  const clipped = clip(raw);
  return clipped === undefined ? fail(clipReason(raw)) : { ok: true, value: clipped };
}

/** Password hashes: trimmed; hex digests lowercased (they are case-insensitive), others as written. */
export function normalizePasswordHash(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const value = /^[0-9a-fA-F]+$/.test(clipped) ? clipped.toLowerCase() : clipped;
  return { ok: true, value };
}

/** Free text: trimmed, NFC. */
export function normalizeText(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const value = isAscii(clipped) ? clipped : clipped.normalize('NFC').trim();
  return value === '' ? fail('empty') : { ok: true, value };
}
