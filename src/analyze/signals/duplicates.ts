import type { Signal } from '../../core/report.js';
import type { SampleView } from '../sample-view.js';
import { excessWeight, MIN_VALUES, makeSignal, percent } from './common.js';

/**
 * Duplicate patterns: an export of a customer table holds each customer once; padded fakes
 * repeat rows to reach a claimed count, and generators reuse a handful of phone numbers or
 * emails under different names.
 */

function nameKey(view: SampleView, i: number): string {
  const { firstName, lastName } = view.namesAt(i);
  return `${firstName ?? ''}|${lastName ?? ''}`.toLowerCase();
}

export function duplicateSignals(view: SampleView): Signal[] {
  if (view.signalRows.length < MIN_VALUES) return [];
  const seen = new Set<string>();
  let duplicates = 0;
  let filled = 0;
  for (const i of view.signalRows) {
    const cells = view.columns.map((c) => c.raw[i] ?? '');
    if (cells.every((c) => c === '')) continue;
    filled++;
    const key = cells.join('\u0000');
    if (seen.has(key)) duplicates++;
    else seen.add(key);
  }
  const signals = [
    makeSignal(
      'duplicate-rows',
      'fabrication',
      excessWeight(duplicates, filled, 0.01),
      filled === 0 ? 0 : duplicates / filled,
      `${percent(filled === 0 ? 0 : duplicates / filled)} of rows repeat an earlier row exactly`,
    ),
  ];
  const hasNames = view.first('first_name') || view.first('last_name') || view.first('full_name');
  const contacts = [view.first('phone'), view.first('email')].filter((c) => c !== undefined);
  if (!hasNames || contacts.length === 0) return signals;
  // Rows whose phone or email also appears under a different name elsewhere in the sample.
  const owners = new Map<string, Set<string>>();
  for (const c of contacts) {
    for (const i of view.signalRows) {
      const v = c.value(i);
      if (v === undefined) continue;
      const key = `${c.profile.kind}:${v}`;
      const set = owners.get(key) ?? new Set<string>();
      set.add(nameKey(view, i));
      owners.set(key, set);
    }
  }
  let n = 0;
  let shared = 0;
  for (const i of view.signalRows) {
    let any = false;
    let sharedHere = false;
    for (const c of contacts) {
      const v = c.value(i);
      if (v === undefined) continue;
      any = true;
      if ((owners.get(`${c.profile.kind}:${v}`)?.size ?? 0) > 1) sharedHere = true;
    }
    if (any) n++;
    if (sharedHere) shared++;
  }
  if (n >= MIN_VALUES) {
    signals.push(
      makeSignal(
        'shared-contacts',
        'fabrication',
        excessWeight(shared, n, 0.02),
        shared / n,
        `${percent(shared / n)} of rows share their phone number or email with a row of another name`,
      ),
    );
  }
  return signals;
}
