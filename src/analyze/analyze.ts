import type { Signal } from '../core/report.js';
import { corroborate, estimateShares } from './corroborate.js';
import { createSampleView } from './sample-view.js';
import { amountSignals } from './signals/amounts.js';
import { dateSignals } from './signals/dates.js';
import { duplicateSignals } from './signals/duplicates.js';
import { generatorSignals } from './signals/generator.js';
import { ipSignals } from './signals/ip.js';
import { nameConsistencySignals } from './signals/name-consistency.js';
import { phoneSignals } from './signals/phone.js';
import { postcodeSignals } from './signals/postcode.js';
import { provenanceSignals } from './signals/provenance.js';
import { recyclingSignals } from './signals/recycling.js';
import { parseClaimedRows, sizeSignals } from './signals/size.js';
import type { AnalysisInput, AnalysisResult } from './types.js';
import { decideVerdict } from './verdict.js';

const FAMILY_ORDER: readonly Signal['family'][] = ['provenance', 'fabrication', 'recycling', 'size'];

/**
 * The analysis stage: record corroboration and the shares with their intervals, every
 * signal the sample allows, and the verdict. Pure: same input, same result; no I/O beyond
 * the IP-country table read once from its package.
 * @example const { estimate, signals, verdict } = analyzeSample({ rows, columns, links, records })
 */
export function analyzeSample(input: AnalysisInput): AnalysisResult {
  const options = input.options ?? {};
  const view = createSampleView(input.columns, input.rows, options.maxSignalRows ?? 50_000);
  const corroboration = corroborate(view, input.links, input.records);
  const claimed = input.claimedRows ?? parseClaimedRows(input.notes ?? []);
  const estimate = estimateShares(corroboration, input.records, claimed);
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  const signals = [
    ...provenanceSignals(corroboration),
    ...ipSignals(view),
    ...phoneSignals(view),
    ...postcodeSignals(view),
    ...generatorSignals(view),
    ...nameConsistencySignals(view),
    ...dateSignals(view, referenceYear),
    ...duplicateSignals(view),
    ...amountSignals(view),
    ...recyclingSignals(view, corroboration, input.library),
    ...sizeSignals(estimate, input.records),
  ].sort((a, b) => FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family) || b.weight - a.weight);
  const verdict = decideVerdict({
    estimate,
    corroboration,
    signals,
    sampleKinds: input.columns.map((c) => c.profile.kind),
    recordKinds: input.records.kinds,
    thresholds: {
      ...(options.minRows !== undefined ? { minRows: options.minRows } : {}),
      ...(options.partialFloor !== undefined ? { partialFloor: options.partialFloor } : {}),
      ...(options.authenticShare !== undefined ? { authenticShare: options.authenticShare } : {}),
    },
    ...(options.organisation !== undefined ? { organisation: options.organisation } : {}),
  });
  return { estimate, signals, verdict, corroboration };
}
