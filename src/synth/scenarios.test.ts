import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSample } from '../ingest/index.js';
import { generateCompany } from './company.js';
import { buildScenarios, writeScenarios } from './scenarios.js';

const dir = mkdtempSync(join(tmpdir(), 'synth-scenarios-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('standard scenarios', () => {
  const company = generateCompany({ seed: 'scenarios', customers: 3000 });
  const scenarios = buildScenarios(company, { n: 300 });

  it('covers every story in a different format, with the true shares', () => {
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
    expect(new Set(scenarios.map((s) => JSON.stringify(s.write))).size).toBe(scenarios.length);
    const labels = new Set(scenarios.map((s) => s.expectedLabel));
    for (const label of ['authentic', 'partially-authentic', 'recycled', 'fabricated', 'unrelated']) {
      expect(labels).toContain(label);
    }
    const shares = Object.fromEntries(
      scenarios.map((s) => [s.name, [s.expected.identityShare, s.expected.fromRecordsShare]]),
    );
    expect(shares).toEqual({
      'genuine-export': [1, 1],
      'genuine-export-legacy': [1, 1],
      fabricated: [0, 0],
      'other-platform': [100 / 300, 0],
      combolist: [0.5, 0],
      'fakes-around-real-emails': [1, 0],
      mix: [0.1, 0.1],
      unrelated: [0, 0],
    });
  });

  it('writes files the ingestion reads in full, with their truth beside them', async () => {
    const written = await writeScenarios(dir, scenarios);
    for (const { scenario, file, truthFile } of written) {
      const stream = await openSample(file.path);
      let rows = 0;
      for await (const batch of stream.batches()) rows += batch.rows.length;
      expect(rows, scenario.name).toBe(300);
      expect(stream.summary().rejected, scenario.name).toBe(0);
      const truth = JSON.parse(readFileSync(truthFile, 'utf8'));
      expect(truth.expectedLabel).toBe(scenario.expectedLabel);
      expect(truth.rows).toHaveLength(300);
    }
  });
});
