import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSample } from './inspect.js';
import { splitPoints } from './parallel.js';

const dir = mkdtempSync(join(tmpdir(), 'lv-inspect-'));

function customerCsv(rows: number, extra: (i: number) => string = () => ''): string {
  const lines = ['id,first_name,last_name,email,phone,date_of_birth,city,note'];
  const first = ['Mario', 'Giulia', 'Luca', 'Anna', 'Jean', 'Camille'];
  const last = ['Rossi', 'Bianchi', 'Dupont', 'Martin', 'Müller', 'García'];
  for (let i = 1; i <= rows; i++) {
    const f = first[i % first.length]!;
    const l = last[(i * 7) % last.length]!;
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      `${1000 + i},${f},${l},${f.toLowerCase()}.${i}@example.org,+39 347 ${String(1000000 + i).slice(-7)},${day}/0${1 + (i % 9)}/19${50 + (i % 49)},Milano,${extra(i)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('inspectSample in parallel byte ranges', () => {
  it('gives the same result as one sequential pass', async () => {
    const path = join(dir, 'big.csv');
    writeFileSync(
      path,
      customerCsv(30_000, (i) => (i % 5000 === 0 ? 'has\u0000nul' : 'ok')),
    );
    const parallel = await inspectSample(path, { parallelMinBytes: 1, profileRows: 2000 });
    const sequential = await inspectSample(path, { parallel: false, profileRows: 2000 });
    expect(parallel.mode).toBe('parallel');
    expect(sequential.mode).toBe('sequential');
    expect(parallel.sample.rows).toBe(sequential.sample.rows);
    expect(parallel.sample.rejected).toBe(6);
    expect(parallel.sample.rejectedByReason).toEqual(sequential.sample.rejectedByReason);
    // Ordinals of rejections count every record before them, across the cut.
    expect(parallel.sample.rejectionExamples.map((r) => r.ordinal)).toEqual(
      sequential.sample.rejectionExamples.map((r) => r.ordinal),
    );
    expect(parallel.columns.map((c) => [c.name, c.kind, c.filled, c.valid])).toEqual(
      sequential.columns.map((c) => [c.name, c.kind, c.filled, c.valid]),
    );
    expect(parallel.sample.sha256).toBe(sequential.sample.sha256);
  });

  it('falls back to one pass when a quoted field holds a newline at a cut', async () => {
    const path = join(dir, 'quoted.csv');
    // Every row's note spans lines, so any cut lands inside or beside a quoted newline.
    // The first line of each record is long and the second short, so a cut made at the
    // first newline after the middle of the file lands inside a quoted field.
    writeFileSync(
      path,
      customerCsv(20_000, (i) => `"line one of ${i} ${'x'.repeat(300)}\nline two"`),
    );
    const bytes = readFileSync(path);
    const [, cut] = await splitPoints(path, bytes.length, 2);
    // The cut falls after "line one of N xxx\n", inside a quoted field: slices would misread.
    expect(bytes.subarray(0, cut).toString('utf8')).toMatch(/line one of \d+ x+\n$/);
    const result = await inspectSample(path, { parallelMinBytes: 1, profileRows: 2000 });
    expect(result.mode).toBe('sequential');
    expect(result.sample.rows).toBe(20_000);
    expect(result.sample.rejected).toBe(0);
    expect(result.columns.find((c) => c.name === 'email')?.valid).toBe(1);
  });
});
