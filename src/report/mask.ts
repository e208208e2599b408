/**
 * Masking for display. The report shows a few sample rows so a reader can see what the
 * seller posted, but the people in it may be real: only enough stays visible to recognise
 * the shape of a value (first letters, the email provider's TLD, last digits of a phone).
 * Runs of hidden characters are capped so the mask does not reveal a value's length.
 */
import type { FieldKind } from '../core/types.js';

const MAX_STARS = 8;
const MAX_SHOWN = 60;

const stars = (hidden: number): string => '*'.repeat(Math.max(1, Math.min(hidden, MAX_STARS)));

/** First and last character kept: `mario.rossi` → `m********i`. */
function maskWord(word: string): string {
  const chars = [...word];
  if (chars.length === 0) return '';
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}${stars(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** `maskEmail('mario.rossi@libero.it')` → `m********i@l*****.it`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return maskGeneric(value);
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const hostChars = [...host];
  const maskedHost = hostChars.length === 0 ? '' : `${hostChars[0]}${stars(hostChars.length - 1)}`;
  return `${maskWord(local)}@${maskedHost}${tld}`;
}

/** Every digit but the last two hidden, punctuation kept: `+39 347 123 4567` → `+** *** *** **67`. */
export function maskPhone(value: string): string {
  return keepLastDigits(value, 2);
}

/** Card numbers keep the last four digits, as on a receipt. */
export function maskCard(value: string): string {
  return keepLastDigits(value, 4);
}

// Letters are hidden too: a "phone" column may hold anything the seller put there.
function keepLastDigits(value: string, keep: number): string {
  let digits = (value.match(/\d/g) ?? []).length;
  return value
    .replace(/\d/g, (d) => (digits-- > keep ? '*' : d))
    .replace(/[\p{L}\p{N}]/gu, (c) => (/\d/.test(c) ? c : '*'));
}

/** Initials: `Mario De Rossi` → `M. D. R.`. */
export function maskName(value: string): string {
  return value
    .split(/[\s]+/u)
    .filter((w) => w.length > 0)
    .map((w) => `${[...w][0]}.`)
    .join(' ');
}

/** Only a four-digit year stays: `14.03.1985` → `**.**.1985`. */
export function maskDate(value: string): string {
  const year = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/.exec(value);
  return value.replace(/[\p{L}\p{N}]/gu, (c, offset: number) =>
    year && offset >= year.index && offset < year.index + 4 ? c : '*',
  );
}

/** Network part only: `192.168.1.23` → `192.168.*.*`; IPv6 keeps its first two groups. */
export function maskIp(value: string): string {
  if (/^[0-9a-f:]+$/i.test(value) && value.split(':').length >= 3) {
    const groups = value.split(':');
    return `${groups.slice(0, 2).join(':')}:*`;
  }
  const parts = value.split('.');
  if (parts.length !== 4) return maskGeneric(value);
  return `${parts[0]}.${parts[1]}.*.*`;
}

/** Each word keeps its first character: `Via Roma 12` → `V** R*** 1*`. */
export function maskGeneric(value: string): string {
  return value.replace(/[^\s,.\-/]+/gu, (word) => {
    const chars = [...word];
    return `${chars[0]}${chars.length > 1 ? stars(chars.length - 1) : ''}`;
  });
}

/** Identifiers keep two characters at each end, enough to compare formats: `CU-2024-889123` → `CU********23`. */
export function maskId(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return `${chars[0] ?? ''}${stars(chars.length - 1)}`;
  return `${chars.slice(0, 2).join('')}${stars(chars.length - 4)}${chars.slice(-2).join('')}`;
}

/** Postcodes keep their first two characters (the area), e.g. `20121` → `20***`. */
export function maskPostcode(value: string): string {
  const chars = [...value];
  return chars.map((c, i) => (i < 2 || /\s/.test(c) ? c : '*')).join('');
}

function cut(value: string): string {
  const chars = [...value];
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN - 1).join('')}…` : value;
}

/** Masks one sample value according to its column's kind; null stays null. */
export function maskValue(kind: FieldKind, value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  if (v === '') return '';
  switch (kind) {
    case 'email':
      return cut(maskEmail(v));
    case 'phone':
      return cut(maskPhone(v));
    case 'card_number':
      return cut(maskCard(v));
    case 'first_name':
    case 'last_name':
    case 'full_name':
      return cut(maskName(v));
    case 'username':
      return cut(maskWord(v));
    case 'date_of_birth':
      return cut(maskDate(v));
    case 'ip':
      return cut(maskIp(v));
    case 'postcode':
      return cut(maskPostcode(v));
    case 'internal_id':
    case 'order_id':
      return cut(maskId(v));
    case 'password':
      // A password is never shown, not even its length.
      return '********';
    case 'password_hash':
      // The scheme prefix ($2y$, $argon2id$) is evidence; the digest is not needed to read the report.
      return `${[...v].slice(0, 7).join('')}…`;
    case 'city':
    case 'region':
    case 'country':
    case 'currency':
    case 'gender':
    case 'amount':
    case 'date':
      // Coarse attributes that identify no one alone, and help a reader judge plausibility.
      return cut(v);
    default:
      return cut(maskGeneric(v));
  }
}

/** Masks a row, one kind per column: `maskRow(['email'], ['a@b.it'])` → `['a*@b*.it']`. */
export function maskRow(kinds: readonly FieldKind[], values: readonly (string | null)[]): (string | null)[] {
  return kinds.map((kind, i) => maskValue(kind, values[i] ?? null));
}
