import type { Cell, FieldKind, Normalized, RowContext } from '../core/types.js';
import { normalizeValue } from './normalize/index.js';
import type { ColumnProfile } from './types.js';

/** Normalises one row: `out[i]` is column i's result, or null when the cell is empty or absent. */
export type RowNormalizer = (row: readonly Cell[]) => (Normalized | null)[];

/** Kinds whose value tells us the row's country, in order of trust. */
const COUNTRY_SOURCES: readonly FieldKind[] = ['country'];

/**
 * Builds the normaliser for rows of a sample, given its column profiles. The country column
 * (if any) is normalised first so a phone written without its country code can take the
 * region of its own row, as the issue asks, before falling back to the column's region.
 */
export function createRowNormalizer(profiles: readonly ColumnProfile[]): RowNormalizer {
  const countryColumn = profiles.find((p) => COUNTRY_SOURCES.includes(p.kind));
  const typed = profiles.filter((p) => p.kind !== 'unknown');
  return (row) => {
    const out: (Normalized | null)[] = new Array(profiles.length).fill(null);
    let ctx: RowContext = {};
    if (countryColumn !== undefined) {
      const raw = row[countryColumn.index];
      if (raw != null && raw.trim() !== '') {
        const country = normalizeValue('country', raw, countryColumn.params);
        out[countryColumn.index] = country;
        if (country.ok) ctx = { country: country.value };
      }
    }
    for (const profile of typed) {
      if (profile === countryColumn) continue;
      const raw = row[profile.index];
      if (raw == null || raw === '') continue;
      out[profile.index] = normalizeValue(profile.kind, raw, profile.params, ctx);
    }
    return out;
  };
}
