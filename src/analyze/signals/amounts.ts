import type { Signal } from '../../core/report.js';
import type { SampleView } from '../sample-view.js';
import { chiSquareGoodnessOfFit } from '../stats.js';
import { makeSignal, percent } from './common.js';

/**
 * Digit preference in amounts. Shops price at .99, .90, .50, .00, and order totals add up
 * such prices, so the tens-of-cents digit of real amounts is far from uniform; generators
 * draw a random number of cents. Benford's first-digit law is measured too, for the report.
 */

const PRICE_POINTS = new Set(['00', '49', '50', '90', '95', '99']);
const BENFORD = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => Math.log10(1 + 1 / d));
const MIN_AMOUNTS = 100;
/** A p-value above this means the tens of cents are consistent with random draws. */
const UNIFORM_P = 0.01;

export function amountSignals(view: SampleView): Signal[] {
  const column = view.first('amount');
  if (!column) return [];
  const tens = new Array<number>(10).fill(0);
  const first = new Array<number>(9).fill(0);
  let n = 0;
  let points = 0;
  let withCents = 0;
  for (const i of view.signalRows) {
    const v = column.value(i);
    if (v === undefined) continue;
    const m = /^-?(\d+)(?:\.(\d+))?$/.exec(v);
    if (!m) continue;
    n++;
    const lead = m[1]!.replace(/^0+/, '')[0];
    if (lead !== undefined) first[Number(lead) - 1]!++;
    const cents = (m[2] ?? '').padEnd(2, '0').slice(0, 2);
    if (PRICE_POINTS.has(cents)) points++;
    if (m[2] !== undefined) withCents++;
    tens[Number(cents[0])]!++;
  }
  if (n < MIN_AMOUNTS) return [];
  const benfordP = chiSquareGoodnessOfFit(first, BENFORD);
  // Whole amounts (no cents written) say nothing about the cents digit.
  const tensP = withCents >= MIN_AMOUNTS ? chiSquareGoodnessOfFit(tens, new Array(10).fill(0.1)) : 0;
  const random = tensP > UNIFORM_P;
  const benford = benfordP > 0.01 ? 'follow' : 'do not follow';
  return [
    makeSignal(
      'amount-digit-preference',
      'fabrication',
      random ? 1 : 0,
      points / n,
      random
        ? `the cents of amounts are spread at random (only ${percent(points / n)} end in .99, .90, .50 or .00), unlike real prices; leading digits ${benford} Benford's law`
        : `${percent(points / n)} of amounts end in a common price point (.99, .90, .50, .00), as real prices do; leading digits ${benford} Benford's law`,
    ),
  ];
}
