import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCompany } from './company.js';
import { combolist, fabricated, genuineExport, mix, otherPlatform, unrelated } from './leaks.js';
import { customersTable, ordersTable } from './records.js';
import { sampleTable } from './sample.js';
import type { Table } from './table.js';
import { renderSample } from './write.js';

/**
 * Every byte the generators write, hashed: `leakverify demo` and the benchmarks must be
 * reproducible. Uncompressed only, since another zlib build may deflate differently.
 */
function fingerprint(): Record<string, string> {
  const company = generateCompany({ seed: 'pinned', customers: 800 });
  const hash = (table: Table, format: Parameters<typeof renderSample>[1]) =>
    createHash('sha256').update(renderSample(table, format)).digest('hex').slice(0, 16);
  return {
    customers: hash(customersTable(company), { format: 'csv' }),
    orders: hash(ordersTable(company), { format: 'postgres' }),
    genuine: hash(sampleTable(genuineExport(company, { n: 200, noise: 0.2 })), { format: 'mysql' }),
    fabricated: hash(sampleTable(fabricated(200, { locale: 'DE' })), {
      format: 'jsonl',
      encoding: 'utf-16be',
    }),
    other: hash(sampleTable(otherPlatform(company, { n: 200 })), { format: 'mongo' }),
    combolist: hash(sampleTable(combolist(company, { n: 200 })), { format: 'combolist' }),
    mix: hash(sampleTable(mix(company, { n: 200, genuineShare: 0.2 })), {
      format: 'paste',
      encoding: 'windows-1252',
    }),
    unrelated: hash(sampleTable(unrelated(200, { exclude: company })), { format: 'tsv', bom: true }),
  };
}

describe('determinism', () => {
  it('writes the same bytes from the same seeds, in this process and across runs', () => {
    const first = fingerprint();
    expect(fingerprint()).toEqual(first);
    // Pinned across runs and machines: a clock or Math.random slipping in changes these.
    // Update them only for a deliberate change to the generators.
    expect(first).toMatchInlineSnapshot(`
      {
        "combolist": "7ed95e9f5aea3a9b",
        "customers": "9dff02de51fd6c01",
        "fabricated": "49dbd0b9a14c8dd8",
        "genuine": "1292c4daab8ca195",
        "mix": "8334d9c23221f9f7",
        "orders": "17bf8b7f237d3ef0",
        "other": "663a0365b46d07a1",
        "unrelated": "85c4d0328d6f49d1",
      }
    `);
  });
});
