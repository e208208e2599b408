import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { captureIo } from '../src/cli/test-io.js';
import { indexRecords } from '../src/pipeline/index-records.js';
import { openWorkspace } from '../src/store/index.js';
import {
  formatPhone,
  generateCompany,
  genuineExport,
  LOCALES,
  sampleTable,
  writeSample,
} from '../src/synth/index.js';
import { findNeedles, readTree } from './support/byte-search.js';
import { freshKey, makeTempDir, writeRecords } from './support/fixtures.js';

/**
 * Privacy by construction (SPEC, issue 3): after indexing a company's records and verifying
 * a sample against the workspace, no file of the workspace holds a plaintext value of the
 * records or of the sample, in UTF-8, as written or lowercased. Record ids (customer_id,
 * order_id) are stored on purpose: they are what rows.csv reports, not personal data.
 * A control value planted on purpose must be found, or the search proves nothing.
 */

const MIN_CHARS = 6;
const company = generateCompany({ seed: 11, customers: 2500 });
const tmp = makeTempDir('privacy');
const { hex, key } = freshKey();
const workspace = join(tmp.dir, 'ws');
let needles: Set<string>;
let verifyExit: number;
let verifyErr: string;

/** The personal values of the company's records and of the sample, as written and lowercased. */
function personalValues(sampleCells: readonly (string | null)[]): Set<string> {
  const values: string[] = [...sampleCells.filter((v): v is string => v !== null)];
  for (const c of company.customers()) {
    values.push(
      c.email,
      c.phone,
      formatPhone(c.phoneNumber, 'e164'),
      c.first_name,
      c.last_name,
      `${c.first_name} ${c.last_name}`,
      c.username,
      c.date_of_birth,
      c.street,
      LOCALES[c.country].addressLine(c.street, c.house_number),
      c.postcode,
      c.signup_ip,
    );
    for (const order of company.ordersOf(c)) values.push(order.ship_street, order.ship_postcode);
  }
  const out = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if ([...trimmed].length < MIN_CHARS) continue;
    out.add(trimmed);
    out.add(trimmed.toLowerCase());
  }
  return out;
}

function scanWorkspace(): { files: string[]; found: Set<string> } {
  const files = readTree(workspace);
  const found = new Set<string>();
  for (const file of files) for (const hit of findNeedles(file.bytes, needles)) found.add(hit);
  return { files: files.map((f) => f.path.slice(workspace.length + 1)), found };
}

/** Every distinct value of every VARCHAR column of every table, read through DuckDB (decompressed). */
async function textValues(): Promise<string[]> {
  const db = await openWorkspace(workspace, { readOnly: true, threads: 1 });
  const texts: string[] = [];
  try {
    const columns = await db.all<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM duckdb_columns()
       WHERE database_name = current_database() AND data_type = 'VARCHAR'`,
    );
    expect(columns.length).toBeGreaterThan(0);
    const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;
    for (const { table_name, column_name } of columns) {
      const rows = await db.all<{ v: string | null }>(
        `SELECT DISTINCT ${q(column_name)} AS v FROM ${q(table_name)}`,
      );
      for (const { v } of rows) if (v !== null) texts.push(v);
    }
  } finally {
    await db.close();
  }
  return texts;
}

beforeAll(async () => {
  const records = await writeRecords(join(tmp.dir), company);
  const db = await openWorkspace(workspace);
  try {
    const tables = await indexRecords(db, key, [
      { path: records.customers, table: 'customers' },
      { path: records.orders, table: 'orders' },
    ]);
    expect(tables.map((t) => t.rows)).toEqual([company.size, records.orderOwner.size]);
  } finally {
    await db.close();
  }
  // A genuine sample (noisy copies of our values, every personal column) verified against
  // the index through the CLI, as `leakverify verify --workspace` does.
  const sample = genuineExport(company, { n: 800, noise: 0.15, seed: 3 });
  const samplePath = join(tmp.dir, 'sample.csv');
  await writeSample(samplePath, sampleTable(sample), { format: 'csv' });
  const personal = sample.fields.flatMap((field, i) =>
    field === 'customer_id' || field === 'order_id' || field === 'amount' ? [] : [i],
  );
  needles = personalValues(sample.rows.flatMap((row) => personal.map((i) => row[i] ?? null)));
  const io = captureIo({ LEAKVERIFY_KEY: hex });
  verifyExit = await runCli(
    [
      'verify',
      '--workspace',
      workspace,
      '--sample',
      samplePath,
      '--out',
      join(tmp.dir, 'out'),
      '--signing-key-dir',
      join(tmp.dir, 'signing'),
      '--json',
    ],
    io,
  );
  verifyErr = io.err();
}, 120_000);

afterAll(() => tmp.remove());

describe('the workspace holds no plaintext personal data', () => {
  it('verified a sample against the workspace', () => {
    expect(verifyExit, verifyErr).toBe(0);
    expect(needles.size).toBeGreaterThan(20_000);
  });

  it('no file of the workspace contains a record or sample value, as written or lowercased', () => {
    const { files, found } = scanWorkspace();
    expect(files.length).toBeGreaterThan(0);
    expect([...found].slice(0, 20)).toEqual([]);
  });

  it('no text column of any table holds a personal value (what compression could hide from a byte scan)', async () => {
    const found = findNeedles(Buffer.from((await textValues()).join('\n'), 'utf8'), needles);
    expect([...found].slice(0, 20)).toEqual([]);
  });

  it('finds values planted on purpose (the searches work on these files)', async () => {
    const [first, second] = company.customersAt([5, 17]);
    const planted = [first!.email, `${second!.first_name} ${second!.last_name}`.toLowerCase(), second!.phone];
    // A bulk-loaded column is compressed (FSST) on disk, out of reach of the byte scan: only
    // the column check sees it, which is why both checks run.
    const bulk = [...company.customers()].map((c) => c.email);
    const db = await openWorkspace(workspace);
    try {
      await db.run('CREATE TABLE planted_control (v VARCHAR)');
      for (const value of planted) await db.run('INSERT INTO planted_control VALUES ($1)', [value]);
      await db.run('CREATE TABLE planted_bulk (v VARCHAR)');
      await db.appendRows(
        'planted_bulk',
        ['v'],
        bulk.map((e) => [e]),
      );
      await db.checkpoint();
    } finally {
      await db.close();
    }
    const { found } = scanWorkspace();
    for (const value of planted) expect(found, value).toContain(value);
    const inColumns = findNeedles(Buffer.from((await textValues()).join('\n'), 'utf8'), needles);
    for (const value of [...planted, ...bulk]) expect(inColumns.has(value), value).toBe(true);
  });
});
