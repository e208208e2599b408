import { it } from 'vitest';
import { linkSample } from './link.js';
import { DEFAULT_SETTINGS, type Comparison } from './settings.js';
const old: Comparison[] = DEFAULT_SETTINGS.comparisons.flatMap((c) => c.name !== 'place' ? [c] : [
  { name: 'postcode', present: 'n_postcode', levels: [{ label: 'exact', when: 'e_postcode' }], tf: 'postcode' },
  { name: 'city', present: 'd_city IS NOT NULL', levels: [{ label: 'exact', when: 'e_city' }, { label: 'close', when: 'd_city >= 0.85' }, { label: 'similar', when: 'd_city >= 0.75' }], tf: 'city' },
]);
import { generateScaleTables } from './test-support/scale.js';
import { tempWorkspace } from './test-support/workspace.js';

it('scale', async () => {
  const R = Number(process.env.LV_R ?? 100000), S = Number(process.env.LV_S ?? 10000);
  const t = await tempWorkspace();
  let t0 = performance.now();
  await generateScaleTables(t.ws, { records: R, sample: S, genuineShare: Number(process.env.LV_G ?? 0.5) });
  console.log('generate', Math.round(performance.now() - t0));
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await linkSample(t.ws, { recordTables: [{ name: 'customers', table: 'scale_records' }], sampleTable: 'scale_sample', fetchLinks: false, settings: process.env.LV_OLD ? { comparisons: old } : {}, debug: process.env.LV_DEBUG === '1', log: (l) => { if (!/ 0 rows/.test(l)) console.log(l); } });
  const cpu = process.cpuUsage(cpu0);
  console.log('link', Math.round(performance.now() - t0), 'cpu(js)', Math.round((cpu.user + cpu.system) / 1000), JSON.stringify(result.timings), JSON.stringify(result.counts));
  const [score] = await t.ws.all<any>(`SELECT count(*) AS links, count(*) FILTER (WHERE t.r_eid = replace(l.record_id, 'C', '')::BIGINT) AS tp, (SELECT count(*) FROM scale_truth) AS truth FROM __lv_links l LEFT JOIN scale_truth t ON t.s_eid = l.row`);
  console.log('score', JSON.stringify(score), 'P', score.tp / score.links, 'R', score.tp / score.truth, 'maxRSS MB', Math.round(process.resourceUsage().maxRSS / 1024));
  console.log(JSON.stringify(result.blocking.filter((b) => b.capped_keys > 0 || b.pairs > 0).map((b) => [b.name, b.pairs, b.capped_keys, b.capped_rows, b.largest_block])));
  console.log('fallback', JSON.stringify(result.fallback));
  console.log('model', result.model.lambda, result.model.expectedMatches, result.model.iterations, JSON.stringify(result.model.comparisons.map((c) => [c.name, c.levels.map((l) => `${l.label}:${l.m.toFixed(3)}/${l.u.toExponential(1)}`).join(' ')])));
  const dist = await t.ws.all<any>(`SELECT l.level, (t.s_eid IS NOT NULL) AS genuine, count(*) n, round(avg(probability),3) p FROM __lv_links l LEFT JOIN scale_truth t ON t.s_eid = l.row GROUP BY ALL ORDER BY ALL`);
  console.log(JSON.stringify(dist));
  await t.dispose();
}, 600000);
