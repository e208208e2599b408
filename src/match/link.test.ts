import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeakverifyError } from '../core/errors.js';
import { type Link, type LinkResult, linkSample } from './link.js';
import { readLinks } from './output.js';
import { featureTableSql } from './schema.js';
import { type Company, generateCompany } from './test-support/company.js';
import { type TempWorkspace, tempWorkspace, writeFieldRows } from './test-support/workspace.js';

describe('linkSample on a synthetic company', () => {
  let t: TempWorkspace;
  let company: Company;
  let result: LinkResult;
  /** The links table read whole: a few hundred rows here. */
  let links: Link[];
  const logged: string[] = [];

  beforeAll(async () => {
    t = await tempWorkspace();
    company = generateCompany({ customers: 3000, genuine: 400, orderRows: 100, fabricated: 300, seed: 3 });
    await writeFieldRows(t.ws, 'f_customers', company.customers);
    await writeFieldRows(t.ws, 'f_orders', company.orders);
    await writeFieldRows(t.ws, 'f_sample', company.sample);
    result = await linkSample(t.ws, {
      recordTables: [
        { name: 'customers', table: 'f_customers' },
        { name: 'orders', table: 'f_orders' },
      ],
      sampleTable: 'f_sample',
      debug: true,
      log: (line) => logged.push(line),
    });
    links = await readLinks(t.ws, result.linksTable);
  });
  afterAll(async () => t.dispose());

  it('links genuine rows to the right table and record, and leaves fabricated rows alone', () => {
    let correct = 0;
    for (const link of links) {
      const truth = company.sample[link.row - 1]!.truth;
      if (truth && truth.table === link.record_table && truth.recordId === link.record_id) correct++;
    }
    const genuine = company.sample.filter((r) => r.truth).length;
    const precision = correct / links.length;
    const recall = correct / genuine;
    console.log(JSON.stringify({ precision, recall, links: links.length, timings: result.timings }));
    expect(precision).toBeGreaterThanOrEqual(0.99);
    expect(recall).toBeGreaterThanOrEqual(0.97);
    const orderLinks = links.filter((l) => l.record_table === 'orders');
    expect(orderLinks.length).toBeGreaterThanOrEqual(95);
    expect(orderLinks.every((l) => l.agreeing_fields.includes('order_id'))).toBe(true);
  });

  it('returns rows.csv lines: one per linked row, at most one row per record', () => {
    const rows = links.map((l) => l.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(rows.length);
    expect(new Set(links.map((l) => `${l.record_table}/${l.record_id}`)).size).toBe(rows.length);
    for (const l of links) {
      expect(l.probability).toBeGreaterThanOrEqual(0.5);
      expect(l.probability).toBeLessThanOrEqual(1);
      expect(['exact', 'probable', 'possible']).toContain(l.level);
      expect(l.agreeing_fields.length).toBeGreaterThan(0);
    }
    expect(result.counts.links).toBe(links.length);
  });

  it('reports the model, the blocking and each step', () => {
    const email = result.model.comparisons.find((c) => c.name === 'email')!;
    expect(email.levels.map((l) => l.label)).toEqual(['far', 'close', 'exact']);
    const exact = email.levels[2]!;
    expect(exact.m).toBeGreaterThan(0.5);
    expect(exact.u).toBeLessThan(1e-3);
    // 500 genuine rows; those of customers with an order also match the order as a person.
    expect(result.model.expectedMatches).toBeGreaterThan(450);
    expect(result.model.expectedMatches).toBeLessThan(1000);
    expect(result.blocking.find((b) => b.name === 'email')!.pairs).toBeGreaterThan(0);
    expect(logged.some((l) => /step \d+\/\d+ __lv_blocked: [\d,]+ rows in \d+ ms/.test(l))).toBe(true);
    expect(logged.some((l) => l.startsWith('phase em:'))).toBe(true);
    expect(result.steps.length).toBeGreaterThan(10);
  });

  it('compares in slices of record ids exactly as in one join', async () => {
    // Slices of about 700 records: several joins instead of one, the same links.
    const sliced = await linkSample(t.ws, {
      recordTables: [
        { name: 'customers', table: 'f_customers' },
        { name: 'orders', table: 'f_orders' },
      ],
      sampleTable: 'f_sample',
      settings: { comparisonSliceRecords: 700 },
    });
    const joins = sliced.steps.filter((s) => /^__lv_compared_\d+$/.test(s.outputTable));
    expect(joins).toHaveLength(Math.ceil(sliced.counts.records / 700));
    expect(joins.length).toBeGreaterThan(3);
    expect(sliced.counts.candidatePairs).toBe(result.counts.candidatePairs);
    expect(await readLinks(t.ws, sliced.linksTable)).toEqual(links);
  });

  it('links next to nothing in a sample of fabricated people', async () => {
    const fake = generateCompany({ customers: 3000, genuine: 0, orderRows: 0, fabricated: 400, seed: 3 });
    // Same seed: the same customers; the fabricated people are drawn after them.
    await writeFieldRows(t.ws, 'f_fake', fake.sample);
    const fabricated = await linkSample(t.ws, {
      recordTables: [
        { name: 'customers', table: 'f_customers' },
        { name: 'orders', table: 'f_orders' },
      ],
      sampleTable: 'f_fake',
    });
    expect((await readLinks(t.ws, fabricated.linksTable)).length).toBeLessThanOrEqual(2);
    expect(fabricated.model.expectedMatches).toBeLessThan(10);
  });

  it('refuses a feature table of another schema', async () => {
    await t.ws.run('CREATE TABLE f_old (eid BIGINT, record_id VARCHAR, fp_email BLOB)');
    await t.ws.run(featureTableSql('f_ok'));
    const error = await linkSample(t.ws, {
      recordTables: [{ name: 'x', table: 'f_old' }],
      sampleTable: 'f_ok',
    }).catch((e) => e);
    expect(isLeakverifyError(error, 'store.schema')).toBe(true);
  });
});
