import type { Signal } from '../../core/report.js';
import type { Estimate, RecordProfile } from '../types.js';
import { count, MAX_WEIGHT, makeSignal, percent } from './common.js';

/**
 * The claimed size of the leak: given on the command line or written in the poster's
 * banner ("Total: 87,000,000 records", "87M users", "87 milioni di record"), measured
 * against how many records we hold and how many of the claim can be ours.
 */

const MULTIPLIERS: readonly (readonly [RegExp, number])[] = [
  [/^(k|thousand|mila|mille|tausend|mil)$/i, 1e3],
  [/^(kk|m|mm|mln|mio|million|millions|milioni|milione|millones|millon|millón|millionen)$/i, 1e6],
  [/^(b|bn|billion|billions|miliardi|miliardo|mrd|milliarden|milliards|milliard|mil millones)$/i, 1e9],
];

const RECORD_WORDS =
  /^\s*(?:de |di |d['’]|of )?(?:records?|rows?|lines?|entries|users?|accounts?|customers?|clients?|members?|people|persons|emails?|leads|clienti|utenti|righe|dati|datens[äa]tze|kunden|nutzer|benutzer|eintr[äa]ge|zeilen|konten|utilisateurs|lignes|comptes|registros|usuarios|clientes|filas|cuentas|personas)\b/i;
const TOTAL_WORDS =
  /(?:total|totale|gesamt|insgesamt|count|size|dump of|leak of|contains|enth[äa]lt|contient|contiene)\W*$/i;

const NUMBER =
  /(\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+|\d+(?:[.,]\d+)?)\s*(kk|k|mm|m|mln|mio\.?|million[s]?|milion[ei]|millones|mill[oó]n|millionen|thousand|mila|mille|mil|tausend|bn|b|billions?|miliard[io]|mrd|milliard[s]?|milliarden)?(?![\p{L}\d])/giu;

function parseNumber(digits: string): number {
  if (/^\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+$/.test(digits)) return Number(digits.replace(/\D/g, ''));
  return Number(digits.replace(',', '.'));
}

/**
 * The largest record count a banner claims, or null: a number followed by a word for
 * records or preceded by a word for a total, with its multiplier.
 * @example parseClaimedRows(['87 milioni di record']) === 87_000_000
 */
export function parseClaimedRows(notes: readonly string[]): number | null {
  let best: number | null = null;
  for (const note of notes) {
    const text = note.slice(0, 2000);
    for (const m of text.matchAll(NUMBER)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      if (!RECORD_WORDS.test(after) && !TOTAL_WORDS.test(before)) continue;
      let value = parseNumber(m[1]!);
      const unit = m[2]?.replace(/\.$/, '');
      if (unit) value *= MULTIPLIERS.find(([re]) => re.test(unit))?.[1] ?? 1;
      value = Math.round(value);
      if (value >= 1 && value <= 1e11 && (best === null || value > best)) best = value;
    }
  }
  return best;
}

export function sizeSignals(estimate: Estimate, records: RecordProfile): Signal[] {
  const claimed = estimate.claimedRows;
  if (claimed === null) return [];
  const tables = Object.entries(records.tables);
  const total = tables.reduce((s, [, n]) => s + n, 0);
  const largest = Math.max(0, ...tables.map(([, n]) => n));
  const ratio = largest > 0 ? claimed / largest : Number.POSITIVE_INFINITY;
  const beyond = claimed > total;
  const held = tables.map(([name, n]) => `${count(n)} ${name}`).join(' and ');
  const signals = [
    makeSignal(
      'claimed-size',
      'size',
      beyond && total > 0 ? Math.min(MAX_WEIGHT, Math.log(claimed / total)) : 0,
      Number.isFinite(ratio) ? ratio : 0,
      beyond
        ? `the poster claims ${count(claimed)} records, more than all our records together (${held}): the claim cannot be only ours`
        : `the poster claims ${count(claimed)} records; we hold ${held}`,
    ),
  ];
  const plausible = estimate.plausibleOurRowsMax;
  if (plausible !== null) {
    signals.push(
      makeSignal(
        'plausible-our-rows',
        'size',
        0,
        plausible,
        `at most ${count(plausible)} of the claimed rows can come from our records (95% upper bound of the share corroborated, ${percent(estimate.fromRecordsShareCi95[1])}, times the claim, capped by our record count)`,
      ),
    );
  }
  return signals;
}
