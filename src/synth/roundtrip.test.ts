import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell, SampleFormat, TextEncoding } from '../core/types.js';
import { openSample } from '../ingest/index.js';
import { generateCompany } from './company.js';
import { combolist, genuineExport } from './leaks.js';
import { type LeakSample, sampleTable } from './sample.js';
import { fileNameFor, type WriteOptions, writeSample } from './write.js';

/**
 * Every writer, read back by the product's own ingestion: what the generator writes is what
 * the verifier will see, so each format × encoding × compression must come back row for row.
 */

const dir = mkdtempSync(join(tmpdir(), 'synth-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const company = generateCompany({ seed: 'roundtrip', customers: 3000 });
const exported = genuineExport(company, { n: 250, noise: 0.2, headers: 'it', seed: 1 });
// Values an exporter must quote or escape, all within windows-1252 so every encoding can carry them.
const TRICKY = [
  'say "hi", then; leave',
  'two\nlines',
  'tab\there|pipe',
  'back\\slash',
  '5 € “cité” — Œuvre',
  "D'Angelo",
];
const flat: LeakSample = {
  ...exported,
  rows: exported.rows.map((row, i) =>
    i < TRICKY.length ? row.map((v, j) => (j === 7 ? TRICKY[i]! : v)) : row,
  ),
};
const nested = genuineExport(company, { n: 250, noise: 0.2, headers: 'nested', seed: 2 });
const combo = combolist(company, { n: 250, share: 0.5 });

interface Case {
  readonly name: string;
  readonly sample: LeakSample;
  readonly options: WriteOptions;
  readonly format: SampleFormat;
  /** Compare by position rather than by column name (no header to name the columns). */
  readonly positional?: boolean;
}

const cases: Case[] = [
  { name: 'csv', sample: flat, options: { format: 'csv' }, format: 'csv' },
  {
    name: 'csv-bom-crlf',
    sample: flat,
    options: { format: { kind: 'csv', lineEnding: '\r\n' }, bom: true },
    format: 'csv',
  },
  {
    name: 'semicolon-quoted',
    sample: flat,
    options: { format: { kind: 'csv', delimiter: ';', quoting: 'all' } },
    format: 'csv',
  },
  { name: 'tsv-utf16le', sample: flat, options: { format: 'tsv', encoding: 'utf-16le' }, format: 'csv' },
  { name: 'pipe-utf16be', sample: flat, options: { format: 'pipe', encoding: 'utf-16be' }, format: 'csv' },
  { name: 'csv-cp1252', sample: flat, options: { format: 'csv', encoding: 'windows-1252' }, format: 'csv' },
  { name: 'headerless', sample: flat, options: { format: 'headerless' }, format: 'csv', positional: true },
  { name: 'json', sample: flat, options: { format: 'json' }, format: 'json' },
  {
    name: 'json-nested-gzip',
    sample: nested,
    options: { format: { kind: 'json', nested: true, pretty: true }, compression: 'gzip' },
    format: 'json',
  },
  { name: 'jsonl-nested', sample: nested, options: { format: 'jsonl' }, format: 'jsonl' },
  { name: 'mongo', sample: nested, options: { format: 'mongo' }, format: 'mongo-json' },
  { name: 'mysql-zip', sample: flat, options: { format: 'mysql', compression: 'zip' }, format: 'mysql-dump' },
  {
    name: 'postgres-gzip',
    sample: flat,
    options: { format: 'postgres', compression: 'gzip' },
    format: 'postgres-dump',
  },
  {
    name: 'combolist',
    sample: combo,
    options: { format: 'combolist' },
    format: 'combolist',
    positional: true,
  },
  {
    name: 'paste',
    sample: flat,
    options: { format: { kind: 'paste', claimed: 87_000_000 } },
    format: 'paste',
  },
];

const empty = (v: Cell | undefined): Cell => (v === undefined || v === '' ? null : v);

async function readBack(path: string) {
  const stream = await openSample(path);
  const rows: Cell[][] = [];
  let columns: readonly string[] = [];
  for await (const batch of stream.batches()) {
    columns = batch.columns;
    rows.push(...batch.rows);
  }
  return { info: stream.info, summary: stream.summary(), columns, rows };
}

describe('writers read back through openSample', () => {
  it.each(cases)('$name', async ({ name, sample, options, format, positional }) => {
    const path = join(dir, fileNameFor(name, options));
    await writeSample(path, sampleTable(sample), options);
    const { info, summary, columns, rows } = await readBack(path);
    expect(info.format).toBe(format);
    expect(info.encoding).toBe<TextEncoding>(options.encoding ?? 'utf-8');
    expect(info.compression).toBe(options.compression ?? 'none');
    expect(summary.rejected).toBe(0);
    expect(summary.rows).toBe(sample.rows.length);
    const expected = sample.rows.map((row) => row.map(empty));
    const actual = rows.map((row) =>
      positional
        ? sample.columns.map((_, i) => empty(row[i]))
        : sample.columns.map((column) => empty(row[columns.indexOf(column)])),
    );
    if (!positional) expect(columns).toEqual(expect.arrayContaining([...sample.columns]));
    expect(actual).toEqual(expected);
    if (format === 'paste') expect(summary.notes.join('\n')).toContain('87,000,000');
  });
});
