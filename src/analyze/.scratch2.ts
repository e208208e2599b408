import { generateCompany, buildScenarios } from '../synth/index.js';
import { indexCompany, scenarioInput } from './test-support/simulate.js';
import { createSampleView } from './sample-view.js';
import { corroborate } from './corroborate.js';
import { analyzeSample } from './analyze.js';
const company = generateCompany({ seed: 7, customers: 20000 });
const index = indexCompany(company);
const sc = buildScenarios(company, { n: 5000 });
for (const s of [sc[0]!, sc[2]!, sc[0]!]) {
  const input = scenarioInput(s, index);
  const view = createSampleView(input.columns, input.rows);
  const normalized = { ...input, columns: input.columns.map((c, i) => ({ ...c, normalized: view.columns[i]!.normalized })) };
  let t = performance.now();
  corroborate(view, input.links, input.records);
  console.log(s.name, 'corroborate', (performance.now() - t).toFixed(0));
  t = performance.now();
  analyzeSample(normalized);
  console.log(s.name, 'analyze (pre-normalised)', (performance.now() - t).toFixed(0));
}
