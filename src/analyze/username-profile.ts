import { handleTemplate, namePartsOf } from './name-derivation.js';

/**
 * Our username style, learned from our records at index time: character-class shapes
 * (`a9` for `mrossi84`), case, digit suffixes and, when names are given, the templates
 * over the customer's name (`{f}{last}##`). Only shares are kept, never a username.
 */

export interface UsernameProfile {
  readonly kind: 'username-profile';
  readonly version: 1;
  readonly learnedFrom: number;
  /** Shortest and longest length, ignoring the 0.5% at each end. */
  readonly length: readonly [number, number];
  readonly lowercaseShare: number;
  /** Share of usernames ending in digits, and the share of each suffix width ('2' → 0.6). */
  readonly digitSuffixShare: number;
  readonly suffixWidths: Readonly<Record<string, number>>;
  /** Shapes covering at least 1% of usernames, most common first. */
  readonly shapes: readonly { readonly pattern: string; readonly share: number }[];
  /** Templates over the person's name covering at least 1% of usernames (null when no names were given). */
  readonly templates: readonly { readonly template: string; readonly share: number }[] | null;
}

export interface UsernameEntry {
  readonly username: string;
  readonly firstName?: string;
  readonly lastName?: string;
}

/** Character-class runs: lower-case `a`, upper-case `A`, digits `9`, other characters as themselves. */
export function usernameShape(username: string): string {
  let out = '';
  let last = '';
  for (const ch of username) {
    const cls = /[a-z]/.test(ch)
      ? 'a'
      : /[A-Z]/.test(ch)
        ? 'A'
        : /[0-9]/.test(ch)
          ? '9'
          : /\p{L}/u.test(ch)
            ? 'a'
            : ch;
    if (cls !== last || !/[aA9]/.test(cls)) out += cls;
    last = cls;
  }
  return out;
}

function digitSuffix(username: string): number {
  const m = /\d+$/.exec(username);
  return m ? m[0].length : 0;
}

const MIN_SHARE = 0.01;

function topShares(counts: Map<string, number>, total: number): { key: string; share: number }[] {
  return [...counts.entries()]
    .map(([key, n]) => ({ key, share: n / total }))
    .filter((e) => e.share >= MIN_SHARE)
    .sort((a, b) => b.share - a.share)
    .slice(0, 30);
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Learns the style of our usernames (with the customers' names when available). */
export function learnUsernameProfile(entries: Iterable<UsernameEntry>): UsernameProfile {
  const shapes = new Map<string, number>();
  const templates = new Map<string, number>();
  const widths = new Map<string, number>();
  // Lengths as a histogram (usernames over 64 characters are skipped), so millions of records fit.
  const lengths = new Array<number>(65).fill(0);
  let lower = 0;
  let suffixed = 0;
  let named = 0;
  let total = 0;
  for (const e of entries) {
    const u = e.username.trim();
    if (u === '' || u.length > 64) continue;
    total++;
    lengths[u.length]!++;
    bump(shapes, usernameShape(u));
    if (u === u.toLowerCase()) lower++;
    const width = digitSuffix(u);
    if (width > 0) suffixed++;
    bump(widths, String(width));
    if (e.firstName !== undefined || e.lastName !== undefined) {
      named++;
      bump(templates, handleTemplate(u, namePartsOf(e.firstName, e.lastName)) ?? 'other');
    }
  }
  const at = (q: number): number => {
    let seen = 0;
    for (let len = 0; len < lengths.length; len++) {
      seen += lengths[len]!;
      if (seen > q * total) return len;
    }
    return 0;
  };
  const widthShares: Record<string, number> = {};
  for (const [w, n] of widths) widthShares[w] = n / Math.max(1, total);
  return {
    kind: 'username-profile',
    version: 1,
    learnedFrom: total,
    length: [at(0.005), at(0.995)],
    lowercaseShare: total === 0 ? 0 : lower / total,
    digitSuffixShare: total === 0 ? 0 : suffixed / total,
    suffixWidths: widthShares,
    shapes: topShares(shapes, Math.max(1, total)).map((e) => ({ pattern: e.key, share: e.share })),
    templates:
      named === 0
        ? null
        : topShares(templates, named)
            .filter((e) => e.key !== 'other')
            .map((e) => ({ template: e.key, share: e.share })),
  };
}

/**
 * Whether a username could have been issued under our style: its shape is one of ours,
 * its length within ours, and, when the profile knows templates and the row's names are
 * given, it reads as one of our templates over that name.
 */
export function fitsUsernameProfile(
  profile: UsernameProfile,
  username: string,
  names?: { readonly firstName?: string; readonly lastName?: string },
): boolean {
  const u = username.trim();
  if (u === '' || u.length < profile.length[0] || u.length > profile.length[1]) return false;
  if (!profile.shapes.some((s) => s.pattern === usernameShape(u))) return false;
  if (profile.templates && profile.templates.length > 0 && names && (names.firstName || names.lastName)) {
    const template = handleTemplate(u, namePartsOf(names.firstName, names.lastName));
    return template !== null && profile.templates.some((t) => t.template === template);
  }
  return true;
}
