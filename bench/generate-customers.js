// Writes a customer-like CSV of N rows with DuckDB (seconds for 10M rows), for benchmarks.
// Usage: node bench/generate-customers.js <rows> <out.csv>
import { DuckDBInstance } from '@duckdb/node-api';

const FIRST = [
  'Mario',
  'Giulia',
  'Luca',
  'Francesca',
  'Marco',
  'Chiara',
  'Jean',
  'Camille',
  'Lukas',
  'Anna',
  'Sofía',
  'José',
  'Oliver',
  'Amelia',
  'James',
  'Emily',
  'Hélène',
  'Jürgen',
  'Zoë',
  'Nuria',
];
const LAST = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Martin',
  'Bernard',
  'Dubois',
  'Müller',
  'Schmidt',
  'Schneider',
  'García',
  'Fernández',
  'López',
  'Smith',
  'Jones',
  "O'Brien",
  'De Luca',
  'van der Berg',
  'Lefèvre',
];
// city, postcode, country, mobile prefix, digits after the prefix
const CITY = [
  ['Milano', '20121', 'IT', '+39 3', 9],
  ['Roma', '00184', 'IT', '+39 3', 9],
  ['Paris', '75011', 'FR', '+33 6', 8],
  ['Lyon', '69003', 'FR', '+33 7', 8],
  ['Berlin', '10115', 'DE', '+49 151', 8],
  ['München', '80331', 'DE', '+49 170', 7],
  ['Madrid', '28013', 'ES', '+34 6', 8],
  ['Sevilla', '41001', 'ES', '+34 6', 8],
  ['London', 'SW1A 1AA', 'GB', '+44 7700', 6],
  ['Leeds', 'LS1 4AP', 'GB', '+44 7911', 6],
];
const DOMAINS = ['gmail.com', 'libero.it', 'orange.fr', 'gmx.de', 'yahoo.es', 'hotmail.co.uk', 'outlook.com'];

const sqlList = (xs) => `[${xs.map((x) => `'${String(x).replaceAll("'", "''")}'`).join(', ')}]`;

export async function generateCustomersCsv(rows, out) {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  // Scanning a materialised id table uses both cores; range() as the direct source uses one.
  await db.run(`CREATE TABLE ids AS SELECT range AS i FROM range(${Number(rows)})`);
  await db.run(`COPY (
    WITH p AS (
      SELECT i,
        ${sqlList(FIRST)}[(1 + hash(i, 1) % ${FIRST.length})::BIGINT] AS first_name,
        ${sqlList(LAST)}[(1 + hash(i, 2) % ${LAST.length})::BIGINT] AS last_name,
        ${sqlList(CITY.map((c) => c.join('|')))}[(1 + hash(i, 3) % ${CITY.length})::BIGINT] AS place,
        ${sqlList(DOMAINS)}[(1 + hash(i, 4) % ${DOMAINS.length})::BIGINT] AS domain
      FROM ids)
    SELECT
      'SC-' || lpad(i::VARCHAR, 8, '0') AS customer_id,
      first_name, last_name,
      lower(strip_accents(replace(replace(first_name || '.' || last_name, ' ', ''), '''', ''))) || (i % 997)::VARCHAR || '@' || domain AS email,
      split_part(place, '|', 4) || right(lpad((hash(i, 5) % 1000000000)::VARCHAR, 9, '0'), split_part(place, '|', 5)::INTEGER) AS phone,
      strftime(DATE '1940-01-01' + (hash(i, 6) % 25000)::INTEGER, '%d/%m/%Y') AS date_of_birth,
      'Via ' || last_name || ' ' || (1 + hash(i, 7) % 200)::VARCHAR AS street,
      split_part(place, '|', 2) AS postcode,
      split_part(place, '|', 1) AS city,
      split_part(place, '|', 3) AS country,
      (1 + hash(i, 8) % 223)::VARCHAR || '.' || (hash(i, 9) % 256)::VARCHAR || '.' || (hash(i, 10) % 256)::VARCHAR || '.' || (1 + hash(i, 11) % 254)::VARCHAR AS signup_ip,
      strftime(TIMESTAMP '2015-01-01' + to_seconds((hash(i, 12) % 300000000)::BIGINT), '%Y-%m-%d %H:%M:%S') AS created_at
    FROM p ORDER BY i
  ) TO '${out.replaceAll("'", "''")}' (HEADER, DELIMITER ',')`);
  db.closeSync();
  instance.closeSync();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rows = '1000000', out = 'bench/data/customers.csv'] = process.argv.slice(2);
  const started = performance.now();
  await generateCustomersCsv(Number(rows), out);
  console.error(`wrote ${rows} rows to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
