import type { ColumnParams, FieldKind } from '../core/types.js';

/** What the value detectors found, per kind; see detect.ts. */
export interface Evidence {
  scores: Partial<Record<FieldKind, number>>;
  fits: Partial<Record<FieldKind, number>>;
  facts: Partial<Record<FieldKind, string>>;
  params: Partial<Record<FieldKind, ColumnParams>>;
}

export function put(
  ev: Evidence,
  kind: FieldKind,
  score: number,
  fit: number,
  fact?: string,
  params?: ColumnParams,
) {
  if (score <= (ev.scores[kind] ?? 0) && fit <= (ev.fits[kind] ?? 0)) return;
  ev.scores[kind] = Math.max(0, Math.min(1, score));
  ev.fits[kind] = Math.max(0, Math.min(1, fit));
  if (fact !== undefined) ev.facts[kind] = fact;
  if (params !== undefined) ev.params[kind] = params;
}

export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function shareOf(values: readonly string[], test: (v: string) => boolean): number {
  if (values.length === 0) return 0;
  let n = 0;
  for (const v of values) if (test(v)) n++;
  return n / values.length;
}

export function dominant(items: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const x of items) if (x !== undefined) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | undefined;
  let top = 0;
  for (const [k, c] of counts) if (c > top) [best, top] = [k, c];
  return best;
}
