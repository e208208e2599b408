import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { openWorkspace } from '../store/workspace.js';
import {
  BloomEncoder,
  bloomBytes,
  CLK_LAYOUT,
  dice,
  diceWithCounts,
  fieldLayout,
  popcount,
} from './bloom.js';
import { bloomStepsSql, diceSql } from './bloom-sql.js';
import { hmacSql } from './fingerprint.js';
import { deriveSubkey, generateKey } from './key.js';
import { people } from './test-support/values.js';

const best = (xs: number[]) => Math.round(Math.max(...xs)).toLocaleString('en-US');

it('bench', async () => {
  const recs = people(20000);
  const key = generateKey();
  const clk = new BloomEncoder(key, CLK_LAYOUT);
  const single = new BloomEncoder(key, fieldLayout('last_name'));
  const r1: number[] = [],
    r2: number[] = [],
    r3: number[] = [],
    r4: number[] = [];
  const filters: Uint32Array[] = recs.map((r) =>
    clk.encode({ full_name: r.full_name, street: r.street, city: r.city }),
  );
  const counts = filters.map(popcount);
  for (let rep = 0; rep < 3; rep++) {
    const N = 200000;
    let t = performance.now();
    for (let i = 0; i < N; i++) {
      const r = recs[i % recs.length]!;
      clk.encode({ full_name: r.full_name, street: r.street, city: r.city });
    }
    r1.push(N / ((performance.now() - t) / 1000));
    t = performance.now();
    for (let i = 0; i < N; i++) single.encode({ last_name: recs[i % recs.length]!.last_name });
    r2.push(N / ((performance.now() - t) / 1000));
    const M = 3_000_000;
    let s = 0;
    t = performance.now();
    for (let i = 0; i < M; i++) s += dice(filters[i % 20000]!, filters[(i * 7 + 1) % 20000]!);
    r3.push(M / ((performance.now() - t) / 1000));
    t = performance.now();
    for (let i = 0; i < M; i++) {
      const a = i % 20000,
        b = (i * 7 + 1) % 20000;
      s += diceWithCounts(filters[a]!, counts[a]!, filters[b]!, counts[b]!);
    }
    r4.push(M / ((performance.now() - t) / 1000));
  }
  console.log(
    `JS CLK (name+street+city) encodings/s ${best(r1)}; field(last_name, k=46/512) ${best(r2)}; dice/s 1024b ${best(r3)}; with stored counts ${best(r4)}`,
  );

  const ws = await openWorkspace(join(mkdtempSync(join(tmpdir(), 'lv-bench-')), 'ws'));
  const sub = deriveSubkey(key, 'fp:email');
  await ws.run(`CREATE TEMP TABLE ids AS SELECT 'user' || range || '@example.com' AS v FROM range(1000000)`);
  const h: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    await ws.run(`CREATE OR REPLACE TEMP TABLE fps AS SELECT ${hmacSql(sub, 'v')} AS fp FROM ids`);
    h.push(1e6 / ((performance.now() - t) / 1000));
  }
  console.log(`SQL HMAC on 1M values: ${best(h)} /s`);
  await ws.run('CREATE TEMP TABLE plain (record_id VARCHAR, field VARCHAR, value VARCHAR)');
  const rows: [string, string, string][] = [];
  const N = 200000;
  for (let i = 0; i < N; i++) {
    const r = recs[i % recs.length]!;
    rows.push([`r${i}`, 'full_name', r.full_name], [`r${i}`, 'street', r.street], [`r${i}`, 'city', r.city]);
  }
  await ws.appendRows('plain', ['record_id', 'field', 'value'], rows);
  const e: number[] = [];
  for (let rep = 0; rep < 2; rep++) {
    const t = performance.now();
    await ws.runSteps(bloomStepsSql({ master: key, layout: CLK_LAYOUT, input: 'plain', output: 'clk' }), {
      debug: rep === 1,
    });
    e.push(N / ((performance.now() - t) / 1000));
  }
  console.log(`SQL CLK encodings/s ${best(e)}`);
  await ws.run('CREATE TABLE blooms (id INTEGER, bloom BIT, bits SMALLINT)');
  await ws.appendRows(
    'blooms',
    ['id', 'bloom', 'bits'],
    filters.map((f, i) => [i, bloomBytes(f), counts[i]!]),
  );
  await ws.run(
    `CREATE TEMP TABLE pairs AS SELECT (random() * 19999)::INTEGER AS a, (random() * 19999)::INTEGER AS b FROM range(4000000)`,
  );
  const d: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    await ws.all(
      `SELECT avg(${diceSql('x.bloom', 'y.bloom', 'x.bits', 'y.bits')}) AS d FROM pairs JOIN blooms x ON x.id = pairs.a JOIN blooms y ON y.id = pairs.b`,
    );
    d.push(4e6 / ((performance.now() - t) / 1000));
  }
  console.log(`SQL dice/s (incl. joins to fetch both filters) ${best(d)}`);
  await ws.close();
}, 300000);
