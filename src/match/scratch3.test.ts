import { it } from 'vitest';
import { linkSample } from './link.js';
import { comparisonSql } from './comparison.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { generateScaleTables } from './test-support/scale.js';
import { tempWorkspace } from './test-support/workspace.js';

it('cmp', async () => {
  const t = await tempWorkspace();
  await generateScaleTables(t.ws, { records: 1000000, sample: 100000, genuineShare: 0.5 });
  await linkSample(t.ws, { recordTables: [{ name: 'customers', table: 'scale_records' }], sampleTable: 'scale_sample', fetchLinks: false });
  const time = async (label: string, sql: string) => {
    const t0 = performance.now();
    await t.ws.run(`CREATE OR REPLACE TEMP TABLE x AS ${sql}`);
    console.log(label, Math.round(performance.now() - t0));
  };
  const cmp = comparisonSql({ pairs: '__lv_blocked', sample: 'scale_sample', comparisons: DEFAULT_SETTINGS.comparisons, withTf: true });
  await time('full', cmp);
  const J = `FROM __lv_blocked p JOIN scale_sample s ON s.eid = p.s_eid JOIN __lv_r r ON r.tbl = p.tbl AND r.eid = p.r_eid`;
  await time('join1', `SELECT p.s_eid, s.fp_dob = r.fp_dob ${J}`);
  await time('eq', `SELECT p.s_eid, ${['first_name','last_name','dob','dob_ym','dob_md','dob_yd','postcode','city','street','street_number','name_tokens'].map(b => `s.fp_${b} = r.fp_${b} AS e_${b}`).join(',')} ${J}`);
  await time('dice5', `SELECT p.s_eid, ${['first_name','last_name','name','street','city'].map(b => `2.0*bit_count(s.bf_${b} & r.bf_${b})/(s.bc_${b}+r.bc_${b}) AS d_${b}`).join(',')} ${J}`);
  await time('rawcols', `SELECT p.s_eid, s.*, r.* ${J}`);
  await t.ws.run(`CREATE OR REPLACE TEMP TABLE rp AS SELECT p.*, r.* EXCLUDE (tbl, eid) FROM __lv_blocked p JOIN __lv_r r ON r.tbl = p.tbl AND r.eid = p.r_eid`);
  await time('dice5-prejoined', `SELECT p.s_eid, ${['first_name','last_name','name','street','city'].map(b => `2.0*bit_count(s.bf_${b} & p.bf_${b})/(s.bc_${b}+p.bc_${b}) AS d_${b}`).join(',')} FROM rp p JOIN scale_sample s ON s.eid = p.s_eid`);
  const plan = await t.ws.all<any>(`EXPLAIN ANALYZE ${cmp}`);
  console.log(plan.map((r) => r.explain_value).join('\n').slice(-7000));
  await t.dispose();
}, 900000);
