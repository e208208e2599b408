import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { openWorkspace } from '../store/index.js';
import { linkSample } from './link.js';
import { readFebrl, scoreLinks, writeFeatureTable } from './test-support/febrl4.js';
import { logit2 } from './model.js';

it('diag', async () => {
  const ws = await openWorkspace(join(mkdtempSync(join(tmpdir(), 'lv-d-')), 'ws'));
  const records = readFebrl('dataset4a.csv', { ssn: false });
  const sample = readFebrl('dataset4b.csv', { ssn: false });
  await writeFeatureTable(ws, 'rec', records);
  await writeFeatureTable(ws, 'smp', sample, undefined, { recordIds: false });
  const settings = JSON.parse(process.env.LV_SETTINGS ?? '{}');
  const t0 = performance.now();
  const result = await linkSample(ws, { recordTables: [{ name: 'people', table: 'rec' }], sampleTable: 'smp', settings });
  console.log('ms', performance.now() - t0, JSON.stringify(result.timings), JSON.stringify(scoreLinks(sample, result.links)), result.counts);
  await ws.run(`CREATE TEMP TABLE truth AS SELECT * FROM (VALUES ${sample.map((r, i) => `(${i + 1}, '${r.recId.replace(/-dup-\d+$/, '-org')}')`).join(',')}) t(row, rid)`);
  await ws.run(`CREATE TEMP TABLE rids AS SELECT eid, record_id FROM rec`);
  for (const th of [0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]) {
    console.log(th, JSON.stringify(scoreLinks(sample, result.links.filter((l) => l.probability >= th))));
  }
  const miss = await ws.all(`SELECT t.row, l.record_id AS got, l.probability, c.* EXCLUDE (s_eid, tbl, r_eid, rules)
    FROM truth t JOIN rids ON rids.record_id = t.rid
    LEFT JOIN __lv_links l ON l.row = t.row LEFT JOIN __lv_compared c ON c.s_eid = t.row AND c.r_eid = rids.eid
    WHERE l.record_id IS DISTINCT FROM t.rid ORDER BY t.row`);
  console.table(miss.map((m: any) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith('tf_') && !['g_email','g_phone','g_username','g_order_id','g_internal_id'].includes(k)))));
  void logit2;
  await ws.close();
});
