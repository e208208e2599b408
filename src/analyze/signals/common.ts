import type { Signal } from '../../core/report.js';
import { clopperPearson } from '../stats.js';

/**
 * Shared scale of signal weights. A weight is a bounded evidence score on a
 * log-likelihood-ratio scale: ln of how many times the measured rate (its lower 95% bound,
 * so small samples count for less) exceeds the rate genuine customer data shows, capped at
 * MAX_WEIGHT so that no single signal decides alone. 0 means "measured, nothing unusual".
 */
export const MAX_WEIGHT = 3;

/** Weight of x events in n against a genuine-data baseline rate. */
export function excessWeight(x: number, n: number, baseline: number, cap = MAX_WEIGHT): number {
  if (n === 0 || x === 0) return 0;
  const [lower] = clopperPearson(x, n);
  if (lower <= baseline) return 0;
  return round2(Math.min(cap, Math.log(lower / baseline)));
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** `0.1346` → `13%`, `0.004` → `0.4%`, `0` → `0%`. */
export function percent(share: number): string {
  const p = share * 100;
  if (p === 0) return '0%';
  if (p < 1) return `${p.toFixed(1).replace(/\.0$/, '')}%`;
  return `${Math.round(p)}%`;
}

/** `87000000` → `87,000,000`. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function makeSignal(
  id: string,
  family: Signal['family'],
  weight: number,
  value: number,
  detail: string,
): Signal {
  return { id, family, weight: round2(Math.max(0, weight)), value: round4(value), detail };
}

/** Counts of events among rows, with the rows skipped when the value is undefined. */
export function tally<T>(
  rows: readonly number[],
  read: (i: number) => T | undefined,
  test: (v: T, i: number) => boolean,
): { n: number; x: number } {
  let n = 0;
  let x = 0;
  for (const i of rows) {
    const v = read(i);
    if (v === undefined) continue;
    n++;
    if (test(v, i)) x++;
  }
  return { n, x };
}

/** Fewest values a share-based signal is computed on; below it the signal is not reported. */
export const MIN_VALUES = 20;
