import type { Signal } from '../../core/report.js';
import type { SampleView } from '../sample-view.js';
import { excessWeight, MIN_VALUES, makeSignal, percent } from './common.js';
import { postcodeFitsCity, zipFitsState } from './postcode-regions.js';

/**
 * Postcodes against cities and states: a shop ships parcels, so its addresses are
 * deliverable; a generator draws postcode and city independently. Only rows whose city
 * (or US state) is in the hand-written table are judged.
 */

/** Mismatches genuine addresses show (suburbs written as the big city, typos). */
const BASELINE = 0.05;

export function postcodeSignals(view: SampleView): Signal[] {
  const postcode = view.first('postcode');
  const address = view.first('address');
  const city = view.first('city');
  const region = view.first('region');
  if (!postcode && !address) return [];
  let n = 0;
  let x = 0;
  for (const i of view.signalRows) {
    const code = postcode?.value(i) ?? address?.part(i, 'postcode');
    const country = view.countryAt(i);
    if (code === undefined || country === undefined) continue;
    const place = city?.value(i) ?? address?.part(i, 'city');
    let fits = place === undefined ? undefined : postcodeFitsCity(country, code, place);
    if (fits === undefined && country === 'US') {
      const state = region?.raw[i];
      if (typeof state === 'string') fits = zipFitsState(code, state);
    }
    if (fits === undefined) continue;
    n++;
    if (!fits) x++;
  }
  if (n < MIN_VALUES) return [];
  return [
    makeSignal(
      'postcode-city-mismatch',
      'fabrication',
      excessWeight(x, n, BASELINE),
      x / n,
      `${percent(x / n)} of the ${n} addresses we could check have a postcode that does not belong to their city or state`,
    ),
  ];
}
