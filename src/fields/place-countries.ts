import type { FieldKind } from '../core/types.js';
import type { ColumnValues } from './detect.js';
import { matchHeader } from './headers.js';
import { normalizeValue } from './normalize/index.js';
import type { ColumnProfile } from './types.js';

/**
 * Which country the place columns of a sample belong to: postcodes, streets and addresses
 * normalise differently per country, so getting it wrong makes every value "invalid".
 */

/** Languages whose postcode header implies a country: `cap` is Italian, `plz` German. */
const POSTCODE_HEADER_COUNTRY: Readonly<Record<string, string>> = {
  cap: 'IT',
  'codice postale': 'IT',
  plz: 'DE',
  postleitzahl: 'DE',
  'code postal': 'FR',
  'codigo postal': 'ES',
  zip: 'US',
  'zip code': 'US',
  zipcode: 'US',
  postcode: 'GB',
};

const PLACE_KINDS: ReadonlySet<FieldKind> = new Set(['postcode', 'address', 'street', 'city', 'region']);

/**
 * A postcode column's country decides how its values normalise: when most values do not fit
 * the country picked so far (4-digit Australian postcodes read as British), the country of
 * the sample's region or country column, of its phones, or the default is tried instead, and
 * the one most values fit wins; with none fitting, the generic form is used.
 */
export function checkPostcodeCountries(
  profiles: readonly ColumnProfile[],
  samples: readonly ColumnValues[],
  sampleCountry: string | undefined,
  defaultRegion: string | undefined,
): ColumnProfile[] {
  const regionCountry = profiles.find((p) => p.kind === 'region' && p.params.country)?.params.country;
  const phoneRegion = profiles.find((p) => p.kind === 'phone')?.params.phoneRegion;
  return profiles.map((p) => {
    if (p.kind !== 'postcode' || p.mapped) return p;
    const values = samples[p.index]?.values.slice(0, 300) ?? [];
    if (values.length === 0) return p;
    const fitShare = (country: string | undefined): number =>
      values.filter((v) => country !== undefined && normalizeValue('postcode', v, { country }).ok).length /
      values.length;
    if (fitShare(p.params.country) >= 0.5) return p;
    const candidates = [sampleCountry, regionCountry, phoneRegion, defaultRegion].filter(
      (c): c is string => c !== undefined,
    );
    let best: string | undefined;
    let bestFit = fitShare(p.params.country);
    for (const c of candidates) {
      const f = fitShare(c);
      if (f > bestFit) [best, bestFit] = [c, f];
    }
    const { country: _dropped, ...rest } = p.params;
    if (best !== undefined && bestFit >= 0.5) return { ...p, params: { ...rest, country: best } };
    return { ...p, params: rest };
  });
}

/** Country for place columns: the country column's, else the values', else the header's, else the default. */
export function assignCountries(
  profiles: readonly ColumnProfile[],
  sampleCountry: string | undefined,
  defaultRegion: string | undefined,
): ColumnProfile[] {
  const phoneRegion = profiles.find((p) => p.kind === 'phone')?.params.phoneRegion;
  return profiles.map((p) => {
    if (!PLACE_KINDS.has(p.kind) || p.params.country !== undefined) return p;
    const fromHeader =
      p.kind === 'postcode' ? POSTCODE_HEADER_COUNTRY[matchHeader(p.name).folded] : undefined;
    const country = sampleCountry ?? fromHeader ?? phoneRegion ?? defaultRegion;
    return country ? { ...p, params: { ...p.params, country } } : p;
  });
}
