// Derives the same customer rows in every sample format, with DuckDB, for per-format benchmarks.
import { appendFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const q = (path) => `'${path.replaceAll("'", "''")}'`;
const COLUMNS = `customer_id, first_name, last_name, email, phone, date_of_birth, street, postcode, city, country, signup_ip, created_at`;

/** Writes `<dir>/<name>` for each format from a customer CSV; returns [{format, path}]. */
export async function writeFormats(csv, dir) {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  await db.run(`CREATE TABLE c AS SELECT * FROM read_csv(${q(csv)}, all_varchar = true)`);
  const out = [];
  const copy = async (name, select, options) => {
    const path = `${dir}/${name}`;
    await db.run(`COPY (${select}) TO ${q(path)} (${options})`);
    out.push({ name, path });
    return path;
  };
  await copy('customers.csv.gz', 'SELECT * FROM c', "HEADER, DELIMITER ',', COMPRESSION gzip");
  await copy('customers.tsv', 'SELECT * FROM c', "HEADER, DELIMITER '\t'");
  await copy('customers-semicolon-quoted.csv', 'SELECT * FROM c', "HEADER, DELIMITER ';', FORCE_QUOTE *");
  await copy(
    'customers.jsonl',
    `SELECT customer_id, first_name, last_name, email, phone, date_of_birth,
      {'street': street, 'postcode': postcode, 'city': city, 'country': country} AS address, signup_ip, created_at FROM c`,
    'FORMAT JSON',
  );
  await copy('customers.json', 'SELECT * FROM c', 'FORMAT JSON, ARRAY true');
  await copy(
    'customers-mongo.jsonl',
    `SELECT {'$oid': md5(customer_id)[1:24]} AS _id, email, first_name, last_name, phone,
      {'$date': strftime(created_at::TIMESTAMP, '%Y-%m-%dT%H:%M:%SZ')} AS created_at FROM c`,
    'FORMAT JSON',
  );
  await copy(
    'combolist.txt',
    `SELECT email || ':' || md5(customer_id)[1:10] FROM c`,
    "HEADER false, QUOTE '', DELIMITER '\x01'",
  );
  // PostgreSQL dump: banner + COPY block (tab-separated body) + terminator.
  const pg = `${dir}/customers-pg.sql`;
  writeFileSync(
    pg,
    `--\n-- PostgreSQL database dump\n--\nSET client_encoding = 'UTF8';\n\nCOPY public.customers (${COLUMNS}) FROM stdin;\n`,
  );
  await db.run(`COPY (SELECT * FROM c) TO ${q(`${pg}.body`)} (HEADER false, DELIMITER '\t', QUOTE '')`);
  out.push({ name: 'customers-pg.sql', path: pg, append: `${pg}.body`, tail: '\\.\n' });
  // MySQL dump: extended INSERTs of 1000 tuples each.
  const my = `${dir}/customers-mysql.sql`;
  writeFileSync(
    my,
    `-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE \`customers\` (\n${COLUMNS.split(', ')
      .map((c) => `  \`${c}\` varchar(255) DEFAULT NULL`)
      .join(',\n')}\n);\nLOCK TABLES \`customers\` WRITE;\n`,
  );
  const tuple = COLUMNS.split(', ')
    .map((c) => `'''' || replace(replace(${c}, '\\', '\\\\'), '''', '\\''') || ''''`)
    .join(" || ',' || ");
  await db.run(`COPY (SELECT 'INSERT INTO \`customers\` VALUES ' || string_agg('(' || ${tuple} || ')', ',' ORDER BY customer_id) || ';'
      FROM (SELECT *, (row_number() OVER (ORDER BY customer_id) - 1) // 1000 AS g FROM c) GROUP BY g ORDER BY g)
      TO ${q(`${my}.body`)} (HEADER false, QUOTE '', DELIMITER '\x01')`);
  out.push({ name: 'customers-mysql.sql', path: my, append: `${my}.body`, tail: 'UNLOCK TABLES;\n' });
  db.closeSync();
  instance.closeSync();
  for (const f of out) {
    if (!f.append) continue;
    const { readFileSync, rmSync } = await import('node:fs');
    appendFileSync(f.path, readFileSync(f.append));
    appendFileSync(f.path, f.tail);
    rmSync(f.append);
  }
  return out;
}
