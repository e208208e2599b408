import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { captureIo } from '../src/cli/test-io.js';
import { generateCompany, genuineExport, sampleTable, writeSample } from '../src/synth/index.js';
import { freshKey, makeTempDir, writeRecords } from './support/fixtures.js';
import { snapshotWorkspace, type WorkspaceSnapshot } from './support/workspace-state.js';

/**
 * Bad input (issue 3): each case is a clear error with a stable code, the exit code of
 * SPEC.md, a message naming the file and the fix, and the workspace left as it was
 * (same tables, same row counts, same bookkeeping).
 */

const tmp = makeTempDir('bad-input');
const { hex } = freshKey();
const other = freshKey();
const company = generateCompany({ seed: 13, customers: 2000 });
const ws = join(tmp.dir, 'ws');
const path = (name: string): string => join(tmp.dir, name);
let before: WorkspaceSnapshot;

async function run(argv: string[], env: NodeJS.ProcessEnv = { LEAKVERIFY_KEY: hex }) {
  const io = captureIo(env);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const verify = (...args: string[]) => ['verify', '--signing-key-dir', path('signing'), ...args];

beforeAll(async () => {
  const records = await writeRecords(tmp.dir, company);
  // One copy per case that indexes a new table, so no case sees another's leftovers.
  for (const name of ['people.csv', 'members.csv']) copyFileSync(records.customers, path(name));
  await writeSample(path('sample.csv'), sampleTable(genuineExport(company, { n: 300, seed: 4 })), {
    format: 'csv',
  });
  const amounts = ['amount,currency', ...Array.from({ length: 60 }, (_, i) => `${10 + i}.99,EUR`)];
  for (const name of ['amounts.csv', 'payments.csv']) writeFileSync(path(name), `${amounts.join('\n')}\n`);
  writeFileSync(path('email-as-phone.json'), JSON.stringify({ columns: { email: 'phone' } }));
  writeFileSync(path('header-only.csv'), 'email,first_name,last_name,phone\n');
  writeFileSync(path('zero-bytes.csv'), '');
  writeFileSync(path('other.key'), `${other.hex}\n`);
  const indexed = await run([
    'index',
    '--records',
    records.customers,
    '--records',
    records.orders,
    '--workspace',
    ws,
  ]);
  expect(indexed.code, indexed.err).toBe(0);
  before = await snapshotWorkspace(ws);
}, 60_000);

afterAll(() => tmp.remove());

/** Runs the command, checks the exit code, the error code and the workspace; returns stderr. */
async function expectRefused(
  argv: string[],
  exit: number,
  code: string,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  // Compared with the state just before, so one case's leftovers do not fail the next.
  const previous = await snapshotWorkspace(ws);
  const result = await run(argv, env);
  expect(result.code, result.err).toBe(exit);
  expect(result.err).toContain(`[${code}]`);
  expect(result.err).not.toMatch(/\n\s+at /);
  expect(result.out).toBe('');
  // Soft, so a case that also leaves the workspace changed still reports its message checks.
  expect.soft(await snapshotWorkspace(ws), 'the workspace changed').toEqual(previous);
  return result.err;
}

describe('bad input is a clear error and leaves the workspace as it was', () => {
  it('the workspace indexed customers and orders', () => {
    expect(before.sources).toHaveLength(2);
    expect(Object.keys(before.tables).length).toBeGreaterThan(2);
  });

  it('a records file with no identifying column: exit 3, input.unusable, names the file and --records-mapping', async () => {
    const err = await expectRefused(
      verify('--workspace', ws, '--records', path('amounts.csv'), '--sample', path('sample.csv')),
      3,
      'input.unusable',
    );
    expect(err).toContain('amounts.csv');
    // The fix for a records file is --records-mapping: --mapping types the sample's columns.
    expect(err).toContain('--records-mapping');
  });

  it('the same records file through `leakverify index`', async () => {
    const err = await expectRefused(
      ['index', '--workspace', ws, '--records', path('payments.csv')],
      3,
      'input.unusable',
    );
    expect(err).toContain('payments.csv');
    expect(err).toContain('--records-mapping');
  });

  it('a sample with no identifying column: exit 3, input.unusable, names the file and --mapping', async () => {
    const err = await expectRefused(
      verify('--workspace', ws, '--sample', path('amounts.csv')),
      3,
      'input.unusable',
    );
    expect(err).toContain('amounts.csv');
    expect(err).toContain('--mapping');
  });

  it('a records mapping that contradicts the data (an email column mapped to phone): exit 2, fields.mapping', async () => {
    const err = await expectRefused(
      verify(
        '--workspace',
        ws,
        '--records',
        path('people.csv'),
        '--records-mapping',
        path('email-as-phone.json'),
        '--sample',
        path('sample.csv'),
      ),
      2,
      'fields.mapping',
    );
    expect(err).toContain('people.csv');
    expect(err).toContain('"email"');
  });

  it('the same contradicting mapping for a records file already indexed is refused, not silently ignored', async () => {
    await expectRefused(
      verify(
        '--workspace',
        ws,
        '--records',
        path('customers.csv'),
        '--records-mapping',
        path('email-as-phone.json'),
        '--sample',
        path('sample.csv'),
      ),
      2,
      'fields.mapping',
    );
  });

  it('a sample mapping that contradicts the data: exit 2, fields.mapping', async () => {
    const err = await expectRefused(
      verify('--workspace', ws, '--sample', path('sample.csv'), '--mapping', path('email-as-phone.json')),
      2,
      'fields.mapping',
    );
    expect(err).toContain('sample.csv');
  });

  for (const name of ['header-only.csv', 'zero-bytes.csv']) {
    it(`an empty sample (${name}): exit 3, input.empty, names the file`, async () => {
      const err = await expectRefused(verify('--workspace', ws, '--sample', path(name)), 3, 'input.empty');
      expect(err).toContain(name);
    });
  }

  it('no key: exit 2, protect.key, says how to create one', async () => {
    for (const argv of [
      verify('--workspace', ws, '--sample', path('sample.csv')),
      ['index', '--workspace', ws, '--records', path('customers.csv')],
    ]) {
      const err = await expectRefused(argv, 2, 'protect.key', {});
      expect(err).toContain('LEAKVERIFY_KEY');
      expect(err).toContain('--key-file');
    }
  });

  it('a different key on an existing workspace: exit 2, protect.wrong-key (env and --key-file)', async () => {
    const wrong = 'a wrong key would make every row look unmatched';
    let err = await expectRefused(
      verify('--workspace', ws, '--sample', path('sample.csv')),
      2,
      'protect.wrong-key',
      {
        LEAKVERIFY_KEY: other.hex,
      },
    );
    expect(err).toContain(wrong);
    err = await expectRefused(
      ['index', '--workspace', ws, '--records', path('customers.csv'), '--key-file', path('other.key')],
      2,
      'protect.wrong-key',
    );
    expect(err).toContain(wrong);
  });

  it('personal data as the primary key (--key members=email): exit 2', async () => {
    const err = await expectRefused(
      verify(
        '--workspace',
        ws,
        '--records',
        path('members.csv'),
        '--key',
        'members=email',
        '--sample',
        path('sample.csv'),
      ),
      2,
      'cli.usage',
    );
    expect(err).toContain('personal data');
  });

  it('personal data as the primary key of a table already indexed (--key customers=email): exit 2', async () => {
    const err = await expectRefused(
      verify(
        '--workspace',
        ws,
        '--records',
        path('customers.csv'),
        '--key',
        'customers=email',
        '--sample',
        path('sample.csv'),
      ),
      2,
      'cli.usage',
    );
    expect(err).toContain('personal data');
  });

  it('--key naming a table no --records file is: exit 2, names the table', async () => {
    const err = await expectRefused(
      verify(
        '--workspace',
        ws,
        '--records',
        path('customers.csv'),
        '--key',
        'clients=customer_id',
        '--sample',
        path('sample.csv'),
      ),
      2,
      'cli.usage',
    );
    expect(err).toContain('clients');
    expect(err).toContain('customers');
  });

  it('verify with neither --records nor --workspace: exit 2', async () => {
    const err = await expectRefused(verify('--sample', path('sample.csv')), 2, 'cli.usage');
    expect(err).toContain('--records');
    expect(err).toContain('--workspace');
  });
});
