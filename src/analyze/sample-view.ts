import type { Cell, FieldKind, Normalized } from '../core/types.js';
import { validatePhone } from '../fields/normalize/index.js';
import { createRowNormalizer } from '../fields/row-normalizer.js';
import type { ColumnProfile } from '../fields/types.js';
import type { SampleColumn } from './types.js';

/** A column of the sample with its normalised values guaranteed. */
export interface ViewColumn {
  readonly profile: ColumnProfile;
  readonly raw: readonly Cell[];
  /** The normalised value of row index i, or null when the cell is empty. */
  normalized(i: number): Normalized | null;
  /** The canonical value of row index i (0-based), or undefined when empty or invalid. */
  value(i: number): string | undefined;
  /** A key of the normalised value (`e164`, `domain`, `class`, ...). */
  key(i: number, name: string): string | undefined;
  /** A part of a composite value (`first_name` of a full name). */
  part(i: number, kind: FieldKind): string | undefined;
}

/** Read access to the sample by field kind, shared by the corroboration and every signal. */
export interface SampleView {
  readonly rows: number;
  readonly columns: readonly ViewColumn[];
  byKind(kind: FieldKind): ViewColumn[];
  first(kind: FieldKind): ViewColumn | undefined;
  /** 0-based row indices the signals look at: all rows, or an even spread of `maxRows`. */
  readonly signalRows: readonly number[];
  /**
   * The row's country (ISO alpha-2): its country column; without one, the sample's single
   * country when its phone numbers show one (or the columns' country when there are no
   * phones); undefined for a mixed-country sample without a country column.
   */
  countryAt(i: number): string | undefined;
  /** The row's first name and surname as written, from name columns or a split full name. */
  namesAt(i: number): { readonly firstName?: string; readonly lastName?: string };
}

/**
 * Each column's normalised value of row i, normalised a row at a time on first use (row by
 * row so each value sees its row's country, as the pipeline does). The signals read an even
 * spread of at most `maxRows` rows: a view of a 200,000-row subset normalises the 50,000
 * they read, not every row.
 */
function lazyNormalized(
  columns: readonly SampleColumn[],
  rows: number,
): (column: number, i: number) => Normalized | null {
  const given = columns.map((c) => c.normalized);
  if (given.every((n) => n !== undefined)) return (c, i) => given[c]![i] ?? null;
  const profiles = columns.map((c, i) => ({ ...c.profile, index: i }));
  const normalize = createRowNormalizer(profiles);
  const out = columns.map((c) => c.normalized ?? new Array<Normalized | null>(rows).fill(null));
  const done = new Uint8Array(rows);
  const row: Cell[] = new Array(columns.length).fill(null);
  return (c, i) => {
    if (given[c] === undefined && i >= 0 && i < rows && done[i] === 0) {
      done[i] = 1;
      for (let k = 0; k < columns.length; k++) row[k] = columns[k]!.raw[i] ?? null;
      const result = normalize(row);
      for (let k = 0; k < columns.length; k++)
        if (given[k] === undefined) (out[k] as (Normalized | null)[])[i] = result[k] ?? null;
    }
    return out[c]![i] ?? null;
  };
}

function viewColumn(column: SampleColumn, normalized: (i: number) => Normalized | null): ViewColumn {
  const ok = (i: number) => {
    const n = normalized(i);
    return n?.ok ? n : undefined;
  };
  return {
    profile: column.profile,
    raw: column.raw,
    normalized,
    value: (i) => ok(i)?.value,
    key: (i, name) => ok(i)?.keys?.[name],
    part: (i, kind) => ok(i)?.parts?.[kind],
  };
}

const COUNTRY_PROBE = 300;

/**
 * The one country of a sample without a country column, if it has one: most numbers with a
 * known country are of that country. A mixed sample gets none, so that no row is judged
 * against another row's country.
 */
function singleCountry(
  phone: ViewColumn | undefined,
  columns: readonly SampleColumn[],
  rows: readonly number[],
): string | undefined {
  const declared = columns.map((c) => c.profile.params.country).find((c) => c !== undefined);
  if (!phone) return declared;
  const counts = new Map<string, number>();
  let known = 0;
  const step = Math.max(1, Math.floor(rows.length / COUNTRY_PROBE));
  for (let k = 0; k < rows.length; k += step) {
    const e164 = phone.value(rows[k]!);
    const c = e164 === undefined ? undefined : validatePhone(e164).country;
    if (c === undefined) continue;
    known++;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  if (known < 20) return declared;
  const [top, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return n >= known * 0.9 ? top : undefined;
}

/** Builds the view, normalising columns that came without normalised values. */
export function createSampleView(
  columns: readonly SampleColumn[],
  rows: number,
  maxRows = 50_000,
): SampleView {
  const normalized = lazyNormalized(columns, rows);
  const view = columns.map((c, k) => viewColumn(c, (i) => normalized(k, i)));
  const byKind = new Map<FieldKind, ViewColumn[]>();
  for (const c of view) {
    const list = byKind.get(c.profile.kind) ?? [];
    list.push(c);
    byKind.set(c.profile.kind, list);
  }
  const signalRows: number[] = [];
  const step = rows > maxRows ? rows / maxRows : 1;
  for (let x = 0; x < rows; x += step) signalRows.push(Math.floor(x));
  const country = byKind.get('country')?.[0];
  const sampleCountry = country ? undefined : singleCountry(byKind.get('phone')?.[0], columns, signalRows);
  const first = byKind.get('first_name')?.[0];
  const last = byKind.get('last_name')?.[0];
  const full = byKind.get('full_name')?.[0];
  const text = (c: ViewColumn | undefined, i: number) => {
    const v = c?.raw[i];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  return {
    rows,
    columns: view,
    byKind: (kind) => byKind.get(kind) ?? [],
    first: (kind) => byKind.get(kind)?.[0],
    signalRows,
    countryAt: (i) => (country ? country.value(i) : sampleCountry),
    namesAt: (i) => {
      const firstName = text(first, i) ?? full?.part(i, 'first_name');
      const lastName = text(last, i) ?? full?.part(i, 'last_name');
      return {
        ...(firstName !== undefined ? { firstName } : {}),
        ...(lastName !== undefined ? { lastName } : {}),
      };
    },
  };
}
