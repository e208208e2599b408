import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell } from '../core/types.js';
import { type Customer, formatPhone, generateCompany, type Table, writeSample } from '../synth/index.js';
import { exposureHash, exposureOf } from './exposure.js';
import { collectExposureHashes } from './exposure-collect.js';

const dir = mkdtempSync(join(tmpdir(), 'lv-collect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const company = generateCompany({ seed: 7, customers: 300, countries: ['IT', 'FR', 'US', 'DE'] });
const customers: Customer[] = [...company.customers()];
const e164 = (c: Customer): string => formatPhone(c.phoneNumber, 'e164');

/** A sample whose phones are written nationally, so each needs the row's country. */
function table(extra: Cell[][] = []): Table {
  return {
    name: 'clienti',
    columns: ['email', 'telefono', 'paese', 'note'],
    rows: [
      ...customers.map((c): Cell[] => [
        c.index % 3 === 0 ? ` ${c.email.toUpperCase()} ` : c.email,
        formatPhone(c.phoneNumber, c.index % 2 === 0 ? 'national' : 'international'),
        c.country,
        'call back later',
      ]),
      ...extra,
    ],
  };
}

describe('collectExposureHashes', () => {
  it('finds every email and phone of a CSV sample, as the browser would hash them', async () => {
    const path = join(dir, 'clienti.csv');
    await writeSample(
      path,
      table([['"Mario Rossi" <Mario.Rossi@Example.com>', '', 'IT', 'other@example.org']]),
      {
        format: 'csv',
      },
    );
    const hashes = new Set(await collectExposureHashes(path));
    for (const c of customers) {
      expect(hashes.has(exposureOf(c.email)!.hash)).toBe(true);
      // What a person types: their number with the country chosen on the page.
      expect(hashes.has(exposureOf(formatPhone(c.phoneNumber, 'national'), c.country)!.hash)).toBe(true);
      expect(hashes.has(exposureHash('phone', e164(c)))).toBe(true);
    }
    expect(hashes.has(exposureOf('mario.rossi@example.com')!.hash)).toBe(true);
    // Only email and phone columns are read.
    expect(hashes.has(exposureOf('other@example.org')!.hash)).toBe(false);
    expect(hashes.size).toBe(2 * customers.length + 1);
  });

  it('reads compressed JSON lines, and columns that appear only late', async () => {
    const rows = customers.map((c) => ({ contact: { mail: c.email }, id: c.customer_id }));
    const late = { contact: { mail: 'late@example.com' }, id: 'x', mobile: '+33 6 12 34 56 78' };
    const path = join(dir, 'users.jsonl.gz');
    writeFileSync(path, gzipSync([...rows, late].map((r) => `${JSON.stringify(r)}\n`).join('')));
    const hashes = new Set(await collectExposureHashes(path, { profileRows: 50, ingest: { batchSize: 10 } }));
    for (const c of customers) expect(hashes.has(exposureOf(c.email)!.hash)).toBe(true);
    expect(hashes.has(exposureOf('late@example.com')!.hash)).toBe(true);
    expect(hashes.has(exposureHash('phone', '+33612345678'))).toBe(true);
  });

  it('uses the default region for national numbers when nothing in the sample tells', async () => {
    const path = join(dir, 'phones.csv');
    const numbers = ['333 123 4567', '347 765 4321', '320 111 2222', '328 999 0000', '339 555 6666'];
    await writeSample(
      path,
      { name: 'p', columns: ['cellulare'], rows: numbers.map((n) => [n]) },
      { format: 'csv' },
    );
    const hashes = new Set(await collectExposureHashes(path, { defaultRegion: 'IT' }));
    for (const n of numbers) expect(hashes.has(exposureOf(n, 'IT')!.hash)).toBe(true);
  });
});
