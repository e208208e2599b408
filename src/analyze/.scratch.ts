import { generateCompany, buildScenarios, truthShares } from '../synth/index.js';
import { analyzeSample } from './analyze.js';
import { indexCompany, scenarioInput } from './test-support/simulate.js';
let t = performance.now();
const company = generateCompany({ seed: 7, customers: 20000 });
const index = indexCompany(company);
console.log('index', performance.now() - t); t = performance.now();
const sc = buildScenarios(company, { n: Number(process.argv[2] ?? 2000) });
console.log('scenarios', performance.now() - t);
for (const s of sc) {
  t = performance.now();
  const input = scenarioInput(s, index);
  const t1 = performance.now();
  const r = analyzeSample(input);
  const t2 = performance.now();
  const e = r.estimate;
  console.log(`== ${s.name} expect ${s.expectedLabel} got ${r.verdict.label} (${r.verdict.confidence}) id ${e.identityShare.toFixed(3)}/${s.expected.identityShare.toFixed(3)} rec ${e.fromRecordsShare.toFixed(3)}/${s.expected.fromRecordsShare.toFixed(3)} input ${(t1-t).toFixed(0)}ms analyze ${(t2-t1).toFixed(0)}ms`);
  for (const sig of r.signals) console.log(`   ${sig.family.padEnd(11)} ${sig.id.padEnd(32)} w=${sig.weight} v=${sig.value}  ${sig.detail.slice(0, 150)}`);
  if (process.argv[3]) console.log('   SUMMARY:', r.verdict.summary);
}
