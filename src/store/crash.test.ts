import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileForChild, exited, startChild } from './test-support/child-harness.js';
import { openWorkspace } from './workspace.js';

// The child loads units 0..N-1, skipping those already done. Each unit appends ROWS rows
// and marks itself done in one transaction, then reports `committed <unit>`. A tiny WAL
// autocheckpoint makes kills land during checkpoints too.
const LOADER = `
import { markDone, openWorkspace } from './src/store/index.js';
const [dir, units, rows, hang] = process.argv.slice(2);
const ws = await openWorkspace(dir, { threads: 1 });
await ws.run("SET wal_autocheckpoint = '64KB'");
await ws.run('CREATE TABLE IF NOT EXISTS loaded (unit INTEGER, i INTEGER, payload VARCHAR)');
for (let unit = 0; unit < Number(units); unit++) {
  if (await ws.isDone('load', 'unit-' + unit)) continue;
  await ws.transaction(async (tx) => {
    await tx.appendRows('loaded', ['unit', 'i', 'payload'],
      Array.from({ length: Number(rows) }, (_, i) => [unit, i, 'payload-' + unit + '-' + i]));
    await markDone(tx, 'load', 'unit-' + unit);
    if (hang === 'hang' && unit === 2) {
      console.log('inside ' + unit);
      await new Promise(() => setInterval(() => {}, 1000));
    }
  });
  console.log('committed ' + unit);
}
await ws.close();
console.log('finished');
`;

let root: string;
beforeAll(() => {
  root = compileForChild(['core', 'store']);
});

function runLoader(
  dir: string,
  args: string[],
  killWhen: (line: string) => boolean,
): Promise<{ lines: string[]; exit: string }> {
  const lines: string[] = [];
  let child: ChildProcess | undefined;
  child = startChild(root, LOADER, [dir, ...args], (line) => {
    lines.push(line);
    if (killWhen(line)) child?.kill('SIGKILL');
  });
  return exited(child).then((exit) => ({ lines, exit }));
}

async function readBack(dir: string) {
  const ws = await openWorkspace(dir, { threads: 1 });
  try {
    const perUnit = await ws.all<{ unit: number; n: number; distinct_i: number }>(
      'SELECT unit, count(*) AS n, count(DISTINCT i) AS distinct_i FROM loaded GROUP BY unit ORDER BY unit',
    );
    const done = await ws.all<{ unit: string }>(
      `SELECT unit FROM work_units WHERE job = 'load' ORDER BY unit`,
    );
    return { perUnit, done: done.map((d) => d.unit) };
  } finally {
    await ws.close();
  }
}

describe('crash safety (kill -9)', () => {
  it('a transaction killed before COMMIT leaves no trace; committed units survive', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lv-crash-')), 'ws');
    const run = await runLoader(dir, ['5', '20000', 'hang'], (line) => line === 'inside 2');
    expect(run.exit).toBe('SIGKILL');
    expect(run.lines).toEqual(['committed 0', 'committed 1', 'inside 2']);
    const { perUnit, done } = await readBack(dir);
    expect(perUnit).toEqual([
      { unit: 0, n: 20000, distinct_i: 20000 },
      { unit: 1, n: 20000, distinct_i: 20000 },
    ]);
    expect(done).toEqual(['unit-0', 'unit-1']);
  });

  it('killed at an arbitrary moment while committing, then resumed: every unit exactly once', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lv-crash-')), 'ws');
    const units = 40;
    const target = 3 + Math.floor(Math.random() * 10);
    let committed = -1;
    const first = await runLoader(dir, [String(units), '3000'], (line) => {
      const m = /^committed (\d+)$/.exec(line);
      if (m) committed = Number(m[1]);
      return committed >= target;
    });
    expect(first.exit).toBe('SIGKILL');
    const afterKill = await readBack(dir);
    // Durable: everything reported committed is there; atomic: no unit is partial or unmarked.
    expect(afterKill.perUnit.length).toBeGreaterThanOrEqual(committed + 1);
    for (const row of afterKill.perUnit) expect(row).toEqual({ unit: row.unit, n: 3000, distinct_i: 3000 });
    expect(afterKill.done).toHaveLength(afterKill.perUnit.length);

    const second = await runLoader(dir, [String(units), '3000'], () => false);
    expect(second.exit).toBe('0');
    expect(second.lines.at(-1)).toBe('finished');
    // The resumed run only did what was missing.
    expect(second.lines.filter((l) => l.startsWith('committed'))).toHaveLength(
      units - afterKill.perUnit.length,
    );
    const final = await readBack(dir);
    expect(final.perUnit).toEqual(
      Array.from({ length: units }, (_, unit) => ({ unit, n: 3000, distinct_i: 3000 })),
    );
    expect(final.done).toHaveLength(units);
  });
});
