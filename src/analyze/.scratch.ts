import { generateCompany, buildScenarios } from '../synth/index.js';
import { profileColumns } from '../fields/index.js';
const company = generateCompany({ seed: 7, customers: 20000 });
const sc = buildScenarios(company, { n: 1000 });
for (const s of sc) {
  const t0 = Date.now();
  const p = profileColumns(s.sample.columns, s.sample.rows);
  console.log('==', s.name, Date.now() - t0, 'ms', p.map((c) => `${c.name}:${c.kind}${JSON.stringify(c.params)}`).join(' '));
}
