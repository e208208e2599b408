import { isIP } from 'node:net';
import type { Normalized } from '../../core/types.js';
import { clip, clipReason, fail } from './text.js';

export type IpClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'cgnat'
  | 'unspecified';

/** 0 to 2^32-1 from a dotted quad already accepted by isIP. */
function v4ToInt(ip: string): number {
  let n = 0;
  for (const part of ip.split('.')) n = n * 256 + Number(part);
  return n;
}

/** Eight 16-bit groups from an address accepted by isIP (with "::" and an embedded IPv4 tail). */
function v6Groups(ip: string): number[] {
  let text = ip;
  if (text.includes('.')) {
    // An embedded IPv4 tail ("::ffff:1.2.3.4") is the last two groups written in decimal.
    const cut = text.lastIndexOf(':');
    const v4 = v4ToInt(text.slice(cut + 1));
    text = `${text.slice(0, cut + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  if (rest === undefined) return left;
  const right = parse(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** RFC 5952 text: lowercase, no leading zeros, the longest run of two or more zero groups as "::". */
function formatV6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

function v4Class(n: number): IpClass {
  const a = Math.floor(n / 16777216);
  const b = Math.floor(n / 65536) % 256;
  const c = Math.floor(n / 256) % 256;
  if (n === 0) return 'unspecified';
  if (a === 0) return 'reserved';
  if (a === 10 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b < 128) return 'cgnat';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  )
    return 'documentation';
  if (a === 192 && b === 0 && c === 0) return 'reserved';
  if (a === 198 && (b === 18 || b === 19)) return 'reserved';
  if (a >= 224 && a < 240) return 'multicast';
  if (a >= 240) return 'reserved';
  return 'public';
}

function v6Class(g: readonly number[]): IpClass {
  const [g0 = 0, g1 = 0] = g;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  if ((g0 & 0xfe00) === 0xfc00) return 'private';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if ((g0 === 0x2001 && g1 === 0x0db8) || (g0 & 0xfff0) === 0x3ff0) return 'documentation';
  // 100::/64 discard-only, 2001::/23 protocol assignments, and anything outside 2000::/3,
  // the only block global unicast is allocated from.
  if (g0 === 0x0100 && g1 === 0 && g[2] === 0 && g[3] === 0) return 'reserved';
  if (g0 === 0x2001 && g1 < 0x0200) return 'reserved';
  if ((g0 & 0xe000) !== 0x2000) return 'reserved';
  return 'public';
}

interface ParsedIp {
  readonly version: 4 | 6;
  readonly text: string;
  readonly v4?: number;
  readonly groups?: readonly number[];
}

/**
 * Dotted quad to its number, without allocating: the common case of an IP column. undefined
 * for anything else, including leading zeros ("010" is octal to some parsers, decimal to others).
 */
function scanV4(t: string): number | undefined {
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return undefined;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else if (c === 46 && digits > 0 && dots < 3) {
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return undefined;
    }
  }
  return dots === 3 && digits > 0 ? n * 256 + octet : undefined;
}

function parseIp(raw: string): ParsedIp | undefined {
  const quick = scanV4(raw);
  if (quick !== undefined) return { version: 4, text: raw, v4: quick };
  let t = raw;
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    if (close < 0) return undefined;
    t = t.slice(1, close);
  } else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(t)) {
    t = t.slice(0, t.indexOf(':'));
  }
  const zone = t.indexOf('%');
  if (zone >= 0) t = t.slice(0, zone);
  const version = isIP(t);
  if (version === 4) return { version: 4, text: t, v4: v4ToInt(t) };
  if (version !== 6) return undefined;
  const groups = v6Groups(t.toLowerCase());
  // IPv4-mapped ::ffff:a.b.c.d is the IPv4 address itself.
  if (groups.slice(0, 5).every((x) => x === 0) && groups[5] === 0xffff) {
    const v4 = (groups[6] ?? 0) * 65536 + (groups[7] ?? 0);
    const text = [v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255].join('.');
    return { version: 4, text, v4 };
  }
  return { version: 6, text: formatV6(groups), groups };
}

/**
 * Class of an address per the IANA special-purpose registries, or undefined if not an address.
 * @example ipClass('100.64.1.1') === 'cgnat'
 */
export function ipClass(ip: string): IpClass | undefined {
  const p = parseIp(ip.trim());
  if (!p) return undefined;
  return p.version === 4 ? v4Class(p.v4 ?? 0) : v6Class(p.groups ?? []);
}

/**
 * Canonical IP address: dotted decimal for IPv4 (leading zeros, ambiguous between octal and
 * decimal, are rejected), RFC 5952 for IPv6, IPv4-mapped IPv6 as the IPv4. Brackets, a port
 * after an IPv4 and a zone index are dropped. Keys: `version`, `class`, `net` (the /24 or /48).
 */
export function normalizeIp(raw: string): Normalized {
  const clipped = clip(raw);
  if (clipped === undefined) return fail(clipReason(raw));
  if (clipped.length > 100) return fail('too long');
  const p = parseIp(clipped);
  if (!p) return fail('not an IP address');
  if (p.version === 4) {
    const net = `${p.text.slice(0, p.text.lastIndexOf('.'))}.0/24`;
    return { ok: true, value: p.text, keys: { version: '4', class: v4Class(p.v4 ?? 0), net } };
  }
  const groups = p.groups ?? [];
  const net = `${formatV6([...groups.slice(0, 3), 0, 0, 0, 0, 0])}/48`;
  return { ok: true, value: p.text, keys: { version: '6', class: v6Class(groups), net } };
}
