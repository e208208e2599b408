import type { Signal } from '../../core/report.js';
import type { SampleView } from '../sample-view.js';
import { excessWeight, MIN_VALUES, makeSignal, percent } from './common.js';

/**
 * Dates of birth: customers are adults and rarely over a hundred; real birthdays spread over
 * the year with a small excess on 1 January (a default some registries use); ages follow
 * the population's shape. Generators draw ages uniformly between two bounds, hand-made fakes
 * pile on 01/01, careless ones produce impossible ages.
 */

const MIN_AGE = 14;
const MAX_AGE = 110;
/** Below this Kolmogorov distance from a uniform spread of ages, the ages look drawn uniformly. */
const UNIFORM_DISTANCE = 0.035;
const MIN_AGES_FOR_SHAPE = 300;

/** Largest gap between the ages' distribution and the uniform one over their 1st–99th percentile. */
export function distanceFromUniform(ages: readonly number[]): number {
  const sorted = [...ages].sort((a, b) => a - b);
  const lo = sorted[Math.floor(sorted.length * 0.01)] ?? 0;
  const hi = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
  const inside = sorted.filter((a) => a >= lo && a <= hi);
  if (hi <= lo || inside.length === 0) return 1;
  let d = 0;
  for (let k = 0; k < inside.length; k++) {
    const f = (inside[k]! - lo) / (hi - lo);
    d = Math.max(d, Math.abs((k + 1) / inside.length - f), Math.abs(k / inside.length - f));
  }
  return d;
}

export function dateSignals(view: SampleView, referenceYear: number): Signal[] {
  const column = view.first('date_of_birth');
  if (!column) return [];
  const ages: number[] = [];
  let impossible = 0;
  let newYear = 0;
  for (const i of view.signalRows) {
    const result = column.normalized(i);
    // The normaliser refuses birth dates in the future or over 120 years ago: impossible ones.
    if (result && !result.ok && result.reason === 'implausible birth date') {
      impossible++;
      continue;
    }
    const v = column.value(i);
    if (v === undefined || !/^\d{4}-\d{2}-\d{2}/.test(v)) continue;
    const year = Number(v.slice(0, 4));
    const dayOfYear = (Number(v.slice(5, 7)) - 1) / 12 + (Number(v.slice(8, 10)) - 1) / 365;
    const age = referenceYear - year - dayOfYear + 0.5;
    if (age < MIN_AGE || age > MAX_AGE) impossible++;
    else ages.push(age);
    if (v.slice(5, 10) === '01-01') newYear++;
  }
  const n = ages.length + impossible;
  if (n < MIN_VALUES) return [];
  const signals = [
    makeSignal(
      'impossible-birth-dates',
      'fabrication',
      excessWeight(impossible, n, 0.005),
      impossible / n,
      `${percent(impossible / n)} of dates of birth give an age under ${MIN_AGE} or over ${MAX_AGE}`,
    ),
    makeSignal(
      'birth-date-new-year-spike',
      'fabrication',
      excessWeight(newYear, n, 0.01),
      newYear / n,
      `${percent(newYear / n)} of dates of birth fall on 1 January (one day in 365 is 0.3%)`,
    ),
  ];
  if (ages.length >= MIN_AGES_FOR_SHAPE) {
    const d = distanceFromUniform(ages);
    const uniform = d < UNIFORM_DISTANCE;
    signals.push(
      makeSignal(
        'uniform-ages',
        'fabrication',
        uniform ? 1 : 0,
        d,
        uniform
          ? `ages are spread evenly between ${Math.round(Math.min(...ages))} and ${Math.round(Math.max(...ages))}, as a generator draws them (distance from uniform ${d.toFixed(3)}); real customers' ages are not`
          : `ages have the uneven shape of a real population (distance from uniform ${d.toFixed(3)})`,
      ),
    );
  }
  return signals;
}
