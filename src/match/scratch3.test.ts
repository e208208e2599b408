import { it } from 'vitest';
import { linkSample } from './link.js';
import { DEFAULT_BLOCKING } from './settings.js';
import { readFebrl, scoreLinks, writeFeatureTable } from './test-support/febrl4.js';
import { tempWorkspace } from './test-support/workspace.js';

it('ablate', async () => {
  const t = await tempWorkspace();
  const records = readFebrl('dataset4a.csv', { ssn: false });
  const sample = readFebrl('dataset4b.csv', { ssn: false });
  await writeFeatureTable(t.ws, 'rec', records);
  await writeFeatureTable(t.ws, 'smp', sample, undefined, { recordIds: false });
  const run = async (label: string, settings: object) => {
    const r = await linkSample(t.ws, { recordTables: [{ name: 'p', table: 'rec' }], sampleTable: 'smp', settings });
    const s = scoreLinks(sample, r.links);
    console.log(label, s.tp, s.fp, r.counts.candidatePairs, JSON.stringify(r.fallback));
  };
  const keep = (names: string[]) => DEFAULT_BLOCKING.filter((r) => !(r.kind === 'bands' || r.fallback) || names.includes(r.name));
  const sets: Record<string, string[]> = {
    three: ['dob', 'name~street', 'street~postcode'],
    five: ['dob', 'name~street', 'street~postcode', 'name~postcode', 'name~dob'],
    six: ['dob', 'name~street', 'street~postcode', 'name~postcode', 'name~dob', 'street~last_name'],
  };
  for (const [label, names] of Object.entries(sets)) {
    for (const w of [2, 3, 4]) for (const b of [10, 20]) await run(`${label}-w${w}-b${b}`, { blocking: keep(names), weakBelowRules: w, fallbackBudget: b });
  }
  await t.dispose();
}, 300000);
