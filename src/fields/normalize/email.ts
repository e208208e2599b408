import { domainToASCII } from 'node:url';
import type { Normalized } from '../../core/types.js';
import { clip, clipReason, fail, isAscii } from './text.js';

// RFC 5322 dot-atom characters, after lowercasing. Quoted local parts ("a b"@x) are not
// accepted: no consumer provider hands them out and they are a favourite of injection tricks.
const LOCAL_ASCII = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const LOCAL_UNICODE = /^[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~.-]+$/u;
const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

type TagRule = 'gmail' | 'plus' | 'dash';

function familyDomains(brands: readonly string[], tlds: readonly string[]): string[] {
  return brands.flatMap((b) => tlds.map((t) => `${b}.${t}`));
}

// biome-ignore format: a table
const MICROSOFT_TLDS = [
  'com', 'it', 'fr', 'de', 'es', 'co.uk', 'nl', 'be', 'ch', 'at', 'ca', 'com.au', 'ie', 'pt', 'se',
  'dk', 'no', 'fi', 'gr', 'cz', 'sk', 'pl', 'jp', 'com.br', 'com.ar', 'com.mx', 'cl', 'co',
];
// biome-ignore format: a table
const YAHOO_TLDS = [
  'com', 'it', 'fr', 'de', 'es', 'co.uk', 'ca', 'com.au', 'com.br', 'co.jp', 'gr', 'ie', 'in', 'com.mx',
  'com.ar', 'nl', 'se', 'dk', 'no', 'fi', 'pl', 'at', 'be', 'ch',
];

/**
 * How each provider lets one mailbox receive many addresses: Gmail ignores dots and `+tag`,
 * Microsoft, Apple, Fastmail, Proton and others ignore `+tag`, Yahoo's disposable addresses
 * are `base-keyword`. Unknown domains get no rule: merging their addresses would be a guess.
 */
const TAG_RULES: ReadonlyMap<string, TagRule> = new Map<string, TagRule>([
  ['gmail.com', 'gmail'],
  ['googlemail.com', 'gmail'],
  ...familyDomains(['hotmail', 'outlook', 'live'], MICROSOFT_TLDS).map((d): [string, TagRule] => [d, 'plus']),
  ...['msn.com', 'passport.com', 'icloud.com', 'me.com', 'mac.com', 'fastmail.com', 'fastmail.fm']
    .concat(['protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me', 'yandex.ru', 'yandex.com', 'ya.ru'])
    .concat(['zoho.com', 'hey.com', 'posteo.de', 'mailbox.org', 'runbox.com'])
    .map((d): [string, TagRule] => [d, 'plus']),
  ...familyDomains(['yahoo'], YAHOO_TLDS).map((d): [string, TagRule] => [d, 'dash']),
  ['ymail.com', 'dash'],
  ['rocketmail.com', 'dash'],
]);

function cutAt(local: string, separator: string): string {
  const i = local.indexOf(separator);
  return i > 0 ? local.slice(0, i) : local;
}

/** The address a provider actually delivers to, e.g. `m.rossi+shop@googlemail.com` → `mrossi@gmail.com`. */
export function providerVariant(local: string, domain: string): string {
  const rule = TAG_RULES.get(domain);
  if (rule === 'gmail') return `${cutAt(local, '+').replaceAll('.', '') || local}@gmail.com`;
  if (rule === 'plus') return `${cutAt(local, '+')}@${domain}`;
  if (rule === 'dash') return `${cutAt(local, '-')}@${domain}`;
  return `${local}@${domain}`;
}

function unwrap(value: string): string {
  let v = value;
  const open = v.lastIndexOf('<');
  if (open >= 0 && v.endsWith('>')) v = v.slice(open + 1, -1).trim();
  if (v.length > 7 && v.slice(0, 7).toLowerCase() === 'mailto:') v = v.slice(7);
  return v;
}

function canonicalDomain(raw: string): string | undefined {
  const d = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  // domainToASCII also accepts what no mail system does (underscores, bare labels), so the
  // result is checked against the hostname grammar either way.
  const ascii = isAscii(d) ? d.toLowerCase() : domainToASCII(d);
  return DOMAIN.test(ascii) ? ascii : undefined;
}

function canonicalLocal(raw: string): string | undefined {
  if (raw.length === 0 || raw.length > 64) return undefined;
  const ascii = isAscii(raw);
  const local = ascii ? raw.toLowerCase() : raw.normalize('NFC').toLowerCase();
  if (!(ascii ? LOCAL_ASCII : LOCAL_UNICODE).test(local)) return undefined;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  return local;
}

/**
 * Canonical email: trimmed, lowercase, IDN domain in punycode. Keys: `exact`, `provider`
 * (the mailbox the provider delivers to), `local`, `domain`.
 * @example normalizeEmail(' Mario.Rossi+promo@GoogleMail.com ').keys.provider === 'mariorossi@gmail.com'
 */
export function normalizeEmail(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  const value = unwrap(clipped);
  const at = value.lastIndexOf('@');
  if (at < 0) return fail('no @');
  if (/\s/.test(value)) return fail('contains spaces');
  const local = canonicalLocal(value.slice(0, at));
  if (local === undefined) return fail('invalid local part');
  const domain = canonicalDomain(value.slice(at + 1));
  if (domain === undefined) return fail('invalid domain');
  const exact = `${local}@${domain}`;
  return { ok: true, value: exact, keys: { exact, provider: providerVariant(local, domain), local, domain } };
}
