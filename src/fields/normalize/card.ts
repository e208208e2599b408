import type { Normalized } from '../../core/types.js';
import { clip, clipReason, fail } from './text.js';

export type CardBrand =
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'discover'
  | 'jcb'
  | 'diners'
  | 'maestro'
  | 'unionpay'
  | 'unknown';

function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const inRange = (prefix: string, len: number, lo: number, hi: number): boolean => {
  if (prefix.length < len) return false;
  const n = Number(prefix.slice(0, len));
  return n >= lo && n <= hi;
};

/**
 * Brand from the issuer identification number (leading digits), per the networks' published
 * ranges. Order matters where ranges nest: Discover's 622126–622925 inside UnionPay's 62.
 */
export function cardBrand(prefix: string): CardBrand {
  if (inRange(prefix, 2, 34, 34) || inRange(prefix, 2, 37, 37)) return 'amex';
  if (prefix.startsWith('4')) return 'visa';
  if (inRange(prefix, 2, 51, 55) || inRange(prefix, 4, 2221, 2720)) return 'mastercard';
  if (prefix.startsWith('6011') || inRange(prefix, 3, 644, 649) || prefix.startsWith('65')) return 'discover';
  if (inRange(prefix, 6, 622126, 622925)) return 'discover';
  if (inRange(prefix, 4, 3528, 3589)) return 'jcb';
  if (inRange(prefix, 3, 300, 305) || prefix.startsWith('3095') || prefix.startsWith('36')) return 'diners';
  if (prefix.startsWith('38') || prefix.startsWith('39')) return 'diners';
  if (prefix.startsWith('62') || prefix.startsWith('81')) return 'unionpay';
  if (prefix.startsWith('50') || inRange(prefix, 2, 56, 58) || prefix.startsWith('6')) return 'maestro';
  return 'unknown';
}

// Masked numbers as printed on receipts and in exports: "**** **** **** 1234", "411111******1234".
const MASKED = /^(\d{0,8})[*xX•#]{2,15}(\d{4})$/;

/**
 * A payment card number reduced to what may be kept: the value is `****` and the last four
 * digits, never the number. Keys: `last4`, `brand`, and `hash` when `keyedHash` is given (it
 * receives the full digits and must be a keyed one-way function). Masked numbers are accepted
 * and keep what they show.
 * @example normalizeCard('4111 1111 1111 1111').value === '****1111'
 */
export function normalizeCard(raw: string, keyedHash?: (digits: string) => string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  if (clipped.length > 40) return fail('too long');
  const compact = clipped.replace(/[\s-]+/g, '');
  const masked = MASKED.exec(compact);
  if (masked) {
    const shown = masked[1]!;
    const last4 = masked[2]!;
    const brand = shown.length >= 6 ? cardBrand(shown) : 'unknown';
    return { ok: true, value: `****${last4}`, keys: { last4, brand } };
  }
  // Reasons never quote the value: it may be a real card number.
  if (!/^\d+$/.test(compact)) return fail('not a card number');
  if (compact.length < 12 || compact.length > 19) return fail('wrong length for a card number');
  if (!luhnValid(compact)) return fail('fails the Luhn check');
  const last4 = compact.slice(-4);
  const keys: Record<string, string> = { last4, brand: cardBrand(compact) };
  if (keyedHash) keys.hash = keyedHash(compact);
  return { ok: true, value: `****${last4}`, keys };
}
