import type { Signal } from '../../core/report.js';
import { validatePhone } from '../../fields/normalize/index.js';
import type { SampleView } from '../sample-view.js';
import { excessWeight, MIN_VALUES, makeSignal, percent } from './common.js';

/**
 * Phone numbers: a shop that sends delivery SMS holds numbers that are valid for their
 * country's numbering plan. Generators fill templates (`+39 0## ### ###`) that often fall
 * outside the plan, or produce numbers of a country the row does not live in.
 */

/** Share of invalid or foreign numbers genuine customer data shows (typos, expatriates). */
const BASELINE = 0.06;

export function phoneSignals(view: SampleView): Signal[] {
  const column = view.first('phone');
  if (!column) return [];
  let n = 0;
  let invalid = 0;
  let foreign = 0;
  for (const i of view.signalRows) {
    const raw = column.raw[i];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    n++;
    const e164 = column.value(i);
    const validity = e164 === undefined ? undefined : validatePhone(e164);
    if (!validity?.valid) {
      invalid++;
      continue;
    }
    const country = view.countryAt(i);
    if (country !== undefined && validity.country !== undefined && validity.country !== country) foreign++;
  }
  if (n < MIN_VALUES) return [];
  const bad = invalid + foreign;
  return [
    makeSignal(
      'invalid-phone-numbers',
      'fabrication',
      excessWeight(bad, n, BASELINE),
      bad / n,
      `${percent(invalid / n)} of phone numbers are not valid numbers and ${percent(foreign / n)} belong to another country than the row's address`,
    ),
  ];
}
