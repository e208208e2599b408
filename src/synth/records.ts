import { join } from 'node:path';
import { type Company, CUSTOMER_COLUMNS } from './company.js';
import { ORDER_COLUMNS } from './orders.js';
import type { Table } from './table.js';
import { fileNameFor, type WriteOptions, type WriteResult, writeSample } from './write.js';

/**
 * The company's own records as tables, streamed: what `leakverify verify --records` and
 * `leakverify index` read. Rows are generated while the file is written, so a company of
 * millions never sits in memory.
 */

export function customersTable(company: Company): Table {
  return {
    name: 'customers',
    columns: CUSTOMER_COLUMNS,
    types: { date_of_birth: 'date', created_at: 'timestamp' },
    rows: {
      *[Symbol.iterator]() {
        for (const customer of company.customers()) yield CUSTOMER_COLUMNS.map((column) => customer[column]);
      },
    },
  };
}

export function ordersTable(company: Company): Table {
  return {
    name: 'orders',
    columns: ORDER_COLUMNS,
    types: { created_at: 'timestamp', amount: 'decimal' },
    rows: {
      *[Symbol.iterator]() {
        for (const order of company.orders()) yield ORDER_COLUMNS.map((column) => order[column]);
      },
    },
  };
}

/** Writes `customers.csv` and `orders.csv` (or the format asked) into `dir`. */
export async function writeCompany(
  dir: string,
  company: Company,
  options: WriteOptions = { format: 'csv' },
): Promise<{ readonly customers: WriteResult; readonly orders: WriteResult }> {
  const customers = await writeSample(
    join(dir, fileNameFor('customers', options)),
    customersTable(company),
    options,
  );
  const orders = await writeSample(join(dir, fileNameFor('orders', options)), ordersTable(company), options);
  return { customers, orders };
}
