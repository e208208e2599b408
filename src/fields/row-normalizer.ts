import type { Cell, Normalized, RowContext } from '../core/types.js';
import { normalizeValue } from './normalize/index.js';
import type { ColumnProfile } from './types.js';

/**
 * Normalises one row: `out[i]` is column i's result, or null when the cell is empty or absent.
 * The returned array is reused by the next call: read it before normalising another row.
 */
export type RowNormalizer = (row: readonly Cell[]) => readonly (Normalized | null)[];

/**
 * Builds the normaliser for rows of a sample, given its column profiles. The country column
 * (if any) is normalised first so a phone written without its country code can take the
 * region of its own row, as the issue asks, before falling back to the column's region.
 */
export function createRowNormalizer(profiles: readonly ColumnProfile[]): RowNormalizer {
  const countryColumn = profiles.find((p) => p.kind === 'country');
  const typed = profiles.filter((p) => p.kind !== 'unknown');
  // A house number kept in a column of its own (FEBRL's street_number) belongs to the
  // street: records and samples that split the address differently must still agree.
  const houseNumber = profiles.find((p) => p.kind === 'house_number');
  const streetColumn = houseNumber ? profiles.find((p) => p.kind === 'street') : undefined;
  const width = profiles.reduce((max, p) => Math.max(max, p.index + 1), 0);
  const out: (Normalized | null)[] = new Array(width).fill(null);
  return (row) => {
    out.fill(null);
    let ctx: RowContext = {};
    if (countryColumn !== undefined) {
      const raw = row[countryColumn.index];
      if (raw != null && raw.trim() !== '') {
        const country = normalizeValue('country', raw, countryColumn.params);
        out[countryColumn.index] = country;
        if (country.ok) ctx = { country: country.value };
      }
    }
    for (let i = 0; i < typed.length; i++) {
      const profile = typed[i]!;
      if (profile === countryColumn) continue;
      let raw = row[profile.index];
      if (raw == null || raw === '') continue;
      if (profile === streetColumn) {
        const number = row[houseNumber!.index];
        if (number != null && number.trim() !== '') raw = `${number.trim()} ${raw}`;
      }
      const result = normalizeValue(profile.kind, raw, profile.params, ctx);
      out[profile.index] = result;
    }
    return out;
  };
}
