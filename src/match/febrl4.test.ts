import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import { linkSample } from './link.js';
import { readLinks } from './output.js';
import { readFebrl, scoreLinks, writeFeatureTable } from './test-support/febrl4.js';

describe('FEBRL4 linkage, privacy-preserving (fingerprints and Bloom filters only)', () => {
  let dir: string;
  let ws: Workspace;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lv-febrl4-'));
    ws = await openWorkspace(join(dir, 'ws'));
  });
  afterAll(async () => {
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const ssn of [false, true]) {
    it(`links ${ssn ? 'with' : 'without'} soc_sec_id`, async () => {
      const started = performance.now();
      const records = readFebrl('dataset4a.csv', { ssn });
      const sample = readFebrl('dataset4b.csv', { ssn });
      const suffix = ssn ? 'ssn' : 'nossn';
      await writeFeatureTable(ws, `rec_${suffix}`, records);
      await writeFeatureTable(ws, `smp_${suffix}`, sample, undefined, { recordIds: false });
      const built = performance.now();
      const result = await linkSample(ws, {
        recordTables: [{ name: 'people', table: `rec_${suffix}` }],
        sampleTable: `smp_${suffix}`,
      });
      const linked = performance.now();
      const score = scoreLinks(sample, await readLinks(ws, result.linksTable));
      console.log(
        JSON.stringify({
          ssn,
          ...score,
          featuresMs: Math.round(built - started),
          linkMs: Math.round(linked - built),
          counts: result.counts,
          timings: result.timings,
          em: { it: result.model.iterations, expected: result.model.expectedMatches },
        }),
      );
      expect(score.f1).toBeGreaterThanOrEqual(ssn ? 0.999 : 0.998);
    });
  }
});
