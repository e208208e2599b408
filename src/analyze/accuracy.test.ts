import { describe, expect, it } from 'vitest';
import { buildScenarios, generateCompany } from '../synth/index.js';
import { analyzeSample } from './analyze.js';
import { indexCompany, scenarioInput } from './test-support/simulate.js';

/**
 * Accuracy on the standard claimed leaks (src/synth/scenarios.ts), whose truth is known:
 * the verdict must be right on each and both shares within 0.05 of the truth. The linkage
 * is simulated from the truth with 97% recall and a few false links (test-support).
 */

const index = indexCompany(generateCompany({ seed: 1, customers: 10_000 }));
const scenarios = buildScenarios(index.company, { n: 1500, seed: 3 });

describe('analyzeSample on the standard scenarios', () => {
  for (const scenario of scenarios) {
    it(`${scenario.name}: ${scenario.expectedLabel}`, () => {
      const result = analyzeSample(scenarioInput(scenario, index));
      const { estimate, verdict } = result;
      expect(verdict.label, verdict.summary).toBe(scenario.expectedLabel);
      expect(Math.abs(estimate.identityShare - scenario.expected.identityShare)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(estimate.fromRecordsShare - scenario.expected.fromRecordsShare)).toBeLessThanOrEqual(
        0.05,
      );
      expect(estimate.identityShareCi95[0]).toBeLessThanOrEqual(estimate.identityShare);
      expect(estimate.fromRecordsShareCi95[1]).toBeGreaterThanOrEqual(estimate.fromRecordsShare);
      expect(verdict.confidence).toBeGreaterThan(0.8);
      expect(verdict.summary.length).toBeGreaterThan(100);
      for (const s of result.signals)
        expect(Number.isFinite(s.weight) && Number.isFinite(s.value)).toBe(true);
    });
  }

  it('parses the claimed size of the paste banner and bounds our share of it', () => {
    const mix = scenarios.find((s) => s.name === 'mix')!;
    const { estimate, signals } = analyzeSample(scenarioInput(mix, index));
    expect(estimate.claimedRows).toBe(87_000_000);
    expect(estimate.plausibleOurRowsMax).toBe(Math.max(...Object.values(index.profile.tables)));
    expect(signals.find((s) => s.id === 'claimed-size')?.weight).toBeGreaterThan(0);
  });
});
