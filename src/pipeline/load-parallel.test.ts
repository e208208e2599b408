import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSample } from '../ingest/index.js';
import { FeatureKeys } from '../match/features.js';
import { featureTableSql } from '../match/schema.js';
import { TEST_KEY } from '../match/test-support/febrl4.js';
import { type TempWorkspace, tempWorkspace } from '../match/test-support/workspace.js';
import { customersTable, generateCompany, writeSample } from '../synth/index.js';
import { loadFeatures } from './load-features.js';
import { startWorker, WORKER_YOUNG_GENERATION_MB } from './parallel.js';
import { KEY_SPACE, type KeepSpec, keepSampleRows } from './sample-reservoir.js';

const tap = <T>(into: T[], value: T): T => {
  into.push(value);
  return value;
};

/**
 * Loading in worker threads over byte ranges must write exactly what one thread writes:
 * the same fingerprints and filters under the same entity ids (file ordinals) and record ids.
 */
describe('loading features in slices', () => {
  let ws: TempWorkspace;
  const keys = new FeatureKeys(TEST_KEY);
  const dir = () => ws.ws.dir;
  beforeAll(async () => {
    ws = await tempWorkspace();
    await writeSample(
      join(dir(), 'customers.csv'),
      customersTable(generateCompany({ seed: 5, customers: 3000 })),
      { format: 'csv' },
    );
  });
  afterAll(async () => ws.dispose());

  async function load(
    file: string,
    table: string,
    parallel: boolean,
    recordKey: { column?: string } | null,
    keep?: ReturnType<typeof keepSampleRows>,
  ) {
    await ws.ws.run(featureTableSql(table));
    return loadFeatures(ws.ws, {
      path: join(dir(), file),
      table,
      keys,
      recordKey,
      chunkRows: 700,
      profileRows: 300,
      ...(parallel ? { parallelMinBytes: 1 } : { parallel: false }),
      ...(keep ? { keep } : {}),
    });
  }

  /** Every row of a file by ordinal, as ingestion reads it. */
  async function rowsOf(file: string): Promise<Map<number, (string | null)[]>> {
    const byOrdinal = new Map<number, (string | null)[]>();
    for await (const batch of (await openSample(join(dir(), file))).batches())
      batch.rows.forEach((row, i) => {
        byOrdinal.set(batch.ordinals[i]!, [...row]);
      });
    return byOrdinal;
  }

  async function differences(a: string, b: string): Promise<number> {
    const [row] = await ws.ws.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ((SELECT * FROM "${a}" EXCEPT ALL SELECT * FROM "${b}")
        UNION ALL (SELECT * FROM "${b}" EXCEPT ALL SELECT * FROM "${a}"))`,
    );
    return row!.n;
  }

  it('writes the rows one thread writes, for records with an id column', async () => {
    const one = await load('customers.csv', 'one', false, {});
    const many = await load('customers.csv', 'many', true, {});
    expect(many.rows).toBe(3000);
    expect([one.mode, many.mode]).toEqual(['sequential', 'parallel']);
    expect(many.keyColumn).toBe(one.keyColumn);
    expect(many.filled).toEqual(one.filled);
    expect(await differences('one', 'many')).toBe(0);
  });

  it('hands an observer of some kinds those cells of every row from the workers', async () => {
    const seen = (parallel: boolean) => {
      const ids: string[] = [];
      const names: (string | null)[] = [];
      return {
        ids,
        names,
        run: async (table: string) => {
          await ws.ws.run(featureTableSql(table));
          return loadFeatures(
            ws.ws,
            {
              path: join(dir(), 'customers.csv'),
              table,
              keys,
              recordKey: {},
              chunkRows: 700,
              profileRows: 300,
              observeKinds: ['internal_id'],
              ...(parallel ? { parallelMinBytes: 1 } : { parallel: false }),
            },
            undefined,
            (profiles, rows) => {
              const id = profiles.find((p) => p.kind === 'internal_id')!;
              const last = profiles.find((p) => p.kind === 'last_name')!;
              for (const row of rows) {
                ids.push(row[id.index]!);
                names.push(row[last.index] ?? null);
              }
            },
          );
        },
      };
    };
    const one = seen(false);
    const many = seen(true);
    const a = await one.run('obs_one');
    const b = await many.run('obs_many');
    expect(b.rows).toBe(a.rows);
    expect(b.filled).toEqual(a.filled);
    expect(many.ids).toHaveLength(3000);
    expect([...many.ids].sort()).toEqual([...one.ids].sort());
    // Only the kinds asked for are forwarded.
    expect(many.names.every((n) => n === null)).toBe(true);
    expect(await differences('obs_one', 'obs_many')).toBe(0);
  });

  it('keeps a uniform subset of whole rows chosen in the workers, the file read once', async () => {
    const sha = 'ab'.repeat(32);
    const keeper = keepSampleRows(600, sha);
    const specs: KeepSpec[] = [];
    const keep = { ...keeper, workerSpec: (rows?: number) => tap(specs, keeper.workerSpec(rows)) };
    const loaded = await load('customers.csv', 'keep_many', true, null, keep);
    expect(loaded.mode).toBe('parallel');
    // The workers got a key limit from the rows the head suggests: they copy few cells.
    expect(specs.length).toBeGreaterThan(1);
    expect(specs.every((s) => s.limit !== undefined && s.limit < KEY_SPACE / 2)).toBe(true);
    const kept = keep.finish();
    expect(kept.seen).toBe(3000);
    expect(kept.ordinals).toHaveLength(600);
    expect(kept.ordinals).toEqual([...kept.ordinals].sort((a, b) => a - b));
    const rows = await rowsOf('customers.csv');
    kept.ordinals.forEach((ordinal, i) => {
      expect(kept.cells.map((column) => column[i])).toEqual(rows.get(ordinal));
    });
    // Both slices contribute, in proportion: each third of the file holds about a third.
    for (let third = 0; third < 3; third++) {
      const n = kept.ordinals.filter((o) => o > third * 1000 && o <= (third + 1) * 1000).length;
      expect(n).toBeGreaterThan(140);
      expect(n).toBeLessThan(260);
    }
    // Below the cap every row is kept, as one thread keeps them.
    const all = keepSampleRows(5000, sha);
    await load('customers.csv', 'keep_all', true, null, all);
    const one = keepSampleRows(5000, sha);
    await load('customers.csv', 'keep_one', false, null, one);
    expect(all.finish()).toEqual(one.finish());
    // Without the limit, the same rows.
    const unlimited = keepSampleRows(600, sha);
    await load('customers.csv', 'keep_unlimited', true, null, {
      ...unlimited,
      workerSpec: () => unlimited.workerSpec(),
    });
    expect(unlimited.finish()).toEqual(kept);
  });

  it('keeps the subset in one more read when the file has far fewer rows than its head suggested', async () => {
    const sha = 'cd'.repeat(32);
    const starved = keepSampleRows(600, sha);
    const loaded = await load('customers.csv', 'keep_starved', true, null, {
      ...starved,
      // A limit for a billion rows keeps a handful of these 3000.
      workerSpec: () => starved.workerSpec(1e9),
    });
    expect(loaded.mode).toBe('parallel');
    expect(loaded.rows).toBe(3000);
    const one = keepSampleRows(600, sha);
    await load('customers.csv', 'keep_starved_one', false, null, one);
    const kept = starved.finish();
    expect(kept.ordinals).toHaveLength(600);
    expect(kept).toEqual(one.finish());
  });

  it('names keyless records and numbers sample rows by their file ordinal', async () => {
    // A rejected line in the second half still takes its ordinal.
    const lines = ['email,first_name,last_name'];
    for (let i = 0; i < 2000; i++) lines.push(`p${i}@example.org,Anna${i % 50},Rossi${i % 70}`);
    lines.splice(1500, 0, 'only-one-field');
    writeFileSync(join(dir(), 'people.csv'), `${lines.join('\n')}\n`);
    await load('people.csv', 'kl_one', false, {});
    expect((await load('people.csv', 'kl_many', true, {})).mode).toBe('parallel');
    expect(await differences('kl_one', 'kl_many')).toBe(0);
    const ids = await ws.ws.all<{ eid: number; record_id: string }>(
      `SELECT eid::INTEGER AS eid, record_id FROM kl_many WHERE eid IN (1, 1998, 2001) ORDER BY eid`,
    );
    expect(ids).toEqual([
      { eid: 1, record_id: '#1' },
      { eid: 1998, record_id: '#1998' },
      { eid: 2001, record_id: '#2001' },
    ]);
    await load('people.csv', 's_one', false, null);
    await load('people.csv', 's_many', true, null);
    expect(await differences('s_one', 's_many')).toBe(0);
  });

  it('falls back to one thread when a cut falls inside a quoted field', async () => {
    const lines = ['email,notes'];
    for (let i = 0; i < 400; i++) lines.push(`q${i}@example.org,plain`);
    // A quoted field of many lines around the middle of the file, where the cut lands.
    lines.push(`q400@example.org,"${Array.from({ length: 400 }, (_, i) => `note line ${i}`).join('\n')}"`);
    for (let i = 401; i < 800; i++) lines.push(`q${i}@example.org,plain`);
    writeFileSync(join(dir(), 'notes.csv'), `${lines.join('\n')}\n`);
    const one = await load('notes.csv', 'n_one', false, null);
    const many = await load('notes.csv', 'n_many', true, null);
    expect(one.rows).toBe(800);
    expect(many.rows).toBe(800);
    expect(many.mode).toBe('sequential');
    expect(await differences('n_one', 'n_many')).toBe(0);
  });
});

describe('load workers', () => {
  it('run with the larger young generation that encoding wants', async () => {
    // The worker fails at once on this empty task; its limits are set from the start.
    const worker = startWorker('load-worker', {});
    await once(worker, 'online');
    expect(worker.resourceLimits?.maxYoungGenerationSizeMb).toBe(WORKER_YOUNG_GENERATION_MB);
    await worker.terminate();
  });
});
