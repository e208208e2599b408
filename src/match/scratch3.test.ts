import { it } from 'vitest';
import { linkSample } from './link.js';
import { DEFAULT_SETTINGS, type Comparison } from './settings.js';
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
    console.log(label, s.tp, s.fp, r.model.expectedMatches.toFixed(0), JSON.stringify(r.model.comparisons.filter((c) => ['place', 'postcode', 'city', 'dob', 'last_name'].includes(c.name)).map((c) => [c.name, c.levels.map((l) => `${l.label}:${l.m.toFixed(3)}/${l.u.toExponential(1)}`).join(' ')])));
  };
  const old: Comparison[] = DEFAULT_SETTINGS.comparisons.flatMap((c) => c.name !== 'place' ? [c] : [
    { name: 'postcode', present: 'n_postcode', levels: [{ label: 'exact', when: 'e_postcode' }], tf: 'postcode' },
    { name: 'city', present: 'd_city IS NOT NULL', levels: [{ label: 'exact', when: 'e_city' }, { label: 'close', when: 'd_city >= 0.85' }, { label: 'similar', when: 'd_city >= 0.75' }], tf: 'city' },
  ]);
  await run('place+mask', {});
  await run('place-nomask', { noMask: true });
  await run('old+mask', { comparisons: old });
  await run('old-nomask', { comparisons: old, noMask: true });
  await t.dispose();
}, 300000);
