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
    console.log(label, s.tp, s.fp, r.model.expectedMatches.toFixed(0), JSON.stringify(r.model.comparisons.filter((c) => ['place'].includes(c.name)).map((c) => [c.name, c.levels.map((l) => `${l.label}:${l.m.toFixed(3)}/${l.u.toExponential(1)}`).join(' ')])));
  };
  const withPlace = (levels: { label: string; when: string }[]): Comparison[] => DEFAULT_SETTINGS.comparisons.map((c) => c.name !== 'place' ? c : { ...c, levels });
  await run('default', {});
  await run('plus75', { comparisons: withPlace([
    { label: 'exact', when: 'e_postcode AND e_city' },
    { label: 'close', when: 'e_postcode AND d_city >= 0.85' },
    { label: 'similar', when: 'e_postcode' },
    { label: 'weak', when: 'e_city' },
    { label: 'faint', when: 'd_city >= 0.85' },
    { label: 'f2', when: 'd_city >= 0.75' },
  ]) });
  await run('pc75', { comparisons: withPlace([
    { label: 'exact', when: 'e_postcode AND e_city' },
    { label: 'close', when: 'e_postcode AND d_city >= 0.75' },
    { label: 'similar', when: 'e_postcode' },
    { label: 'weak', when: 'e_city' },
    { label: 'faint', when: 'd_city >= 0.85' },
    { label: 'f2', when: 'd_city >= 0.75' },
  ]) });
  await run('u1m', { uPairs: 1000000 });
  await run('u3m', { uPairs: 3000000 });
  await t.dispose();
}, 300000);
