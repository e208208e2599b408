/**
 * Shared set-up for the end-to-end tests: temp directories, a fresh key per file, a
 * synthetic company's records on disk, and readers for what the pipeline writes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretKey } from '../../src/protect/index.js';
import { type Company, writeCompany } from '../../src/synth/index.js';

export function makeTempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `lv-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh random key, as hex (for `LEAKVERIFY_KEY` or a key file) and as a SecretKey. */
export function freshKey(): { hex: string; key: SecretKey } {
  const bytes = randomBytes(32);
  return { hex: bytes.toString('hex'), key: new SecretKey(bytes, 'test') };
}

export interface RecordsOnDisk {
  readonly customers: string;
  readonly orders: string;
  /** Which customer placed each order: rows linked to `orders` are judged through it. */
  readonly orderOwner: ReadonlyMap<string, string>;
}

/** Writes `customers.csv` and `orders.csv` of the company into `dir`. */
export async function writeRecords(dir: string, company: Company): Promise<RecordsOnDisk> {
  const written = await writeCompany(dir, company);
  const orderOwner = new Map<string, string>();
  for (const order of company.orders()) orderOwner.set(order.order_id, order.customer_id);
  return { customers: written.customers.path, orders: written.orders.path, orderOwner };
}

/** One line of rows.csv, parsed. */
export interface RowsCsvLine {
  readonly row: number;
  readonly record_table: string;
  readonly record_id: string;
  readonly probability: number;
  readonly level: string;
  readonly agreeing_fields: readonly string[];
}

/** Parses rows.csv (our ids and field lists hold no commas or quotes, so a split is enough). */
export function parseRowsCsv(text: string): { header: string; lines: RowsCsvLine[] } {
  const [header = '', ...rest] = text.split(/\r?\n/).filter((l) => l !== '');
  const lines = rest.map((line): RowsCsvLine => {
    const [row, record_table, record_id, probability, level, agreeing] = line.split(',');
    return {
      row: Number(row),
      record_table: record_table ?? '',
      record_id: record_id ?? '',
      probability: Number(probability),
      level: level ?? '',
      agreeing_fields: agreeing ? agreeing.split(';') : [],
    };
  });
  return { header, lines };
}

export interface LinkScore {
  readonly linked: number;
  readonly correct: number;
  /** Rows whose person is one of our customers. */
  readonly expected: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Per-row identity linkage quality: `truth[i]` is the customer of sample row i+1 (or
 * undefined); a link is right when it names that customer or one of that customer's orders.
 */
export function scoreLinks(
  truth: readonly (string | undefined)[],
  links: readonly { row: number; record_table: string; record_id: string }[],
  orderOwner: ReadonlyMap<string, string>,
): LinkScore {
  let correct = 0;
  for (const link of links) {
    const customer = link.record_table === 'orders' ? orderOwner.get(link.record_id) : link.record_id;
    if (customer !== undefined && customer === truth[link.row - 1]) correct++;
  }
  const expected = truth.filter((t) => t !== undefined).length;
  const precision = links.length === 0 ? 1 : correct / links.length;
  const recall = expected === 0 ? 1 : correct / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { linked: links.length, correct, expected, precision, recall, f1 };
}
