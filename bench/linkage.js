// `node bench/linkage.js`: index N customer records, then verify a sample of M rows against
// them (half copied from the records with a changed name spelling, half other people), both
// through the CLI in fresh processes; prints time, peak RSS and workspace size.
// LINK_RECORDS (default 1,000,000) and LINK_SAMPLE (default 100,000) set the sizes.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateCustomersCsv } from './generate-customers.js';

const records = Number(process.env.LINK_RECORDS ?? 1_000_000);
const sampleRows = Number(process.env.LINK_SAMPLE ?? 100_000);
const dir = 'bench/data';
mkdirSync(dir, { recursive: true });
const recordsCsv = join(dir, `customers-${records}.csv`);
if (!existsSync(recordsCsv)) await generateCustomersCsv(records, recordsCsv);
const othersCsv = join(dir, `others-${sampleRows}.csv`);
const sampleCsv = join(dir, `sample-${records}-${sampleRows}.csv`);
if (!existsSync(sampleCsv)) {
  // "Other people": the same generator shifted past the records' ids, so nobody coincides.
  await generateCustomersCsv(sampleRows + records, othersCsv);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  const half = Math.floor(sampleRows / 2);
  await db.run(`COPY (
    SELECT * FROM (
      SELECT email, upper(first_name) AS first_name, last_name, phone, date_of_birth, street, postcode, city, country
        FROM read_csv('${recordsCsv}', all_varchar = true) USING SAMPLE ${half} ROWS (reservoir, 7)
      UNION ALL
      SELECT 'x' || email, first_name, last_name || 'i', phone || '9', date_of_birth, street, postcode, city, country
        FROM read_csv('${othersCsv}', all_varchar = true) WHERE customer_id > 'SC-${String(records).padStart(8, '0')}' LIMIT ${sampleRows - half}
    ) ORDER BY hash(email)
  ) TO '${sampleCsv}' (HEADER, DELIMITER ',')`);
  db.closeSync();
  instance.closeSync();
}

const ws = join(dir, `ws-${records}`);
rmSync(ws, { recursive: true, force: true });
const env = { ...process.env, LEAKVERIFY_KEY: randomBytes(32).toString('hex') };
/** Runs the CLI in a fresh process under /usr/bin/time; returns wall seconds and peak RSS. */
function run(args) {
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', 'TIME %e %M', process.execPath, 'dist/cli/main.js', ...args],
    {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  const m = /TIME ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  if (result.status !== 0 || !m)
    throw new Error(`leakverify ${args[0]} failed:\n${(result.stderr ?? '').slice(-2000)}`);
  return { seconds: Number(m[1]), rssMB: Math.round(Number(m[2]) / 1024) };
}
const du = (d) =>
  readdirSync(d, { recursive: true }).reduce(
    (n, f) => n + (statSync(join(d, f)).isFile() ? statSync(join(d, f)).size : 0),
    0,
  );
const index = run(['index', '--records', recordsCsv, '--workspace', ws]);
const wsMB = du(ws) / 2 ** 20;
const verify = run(['verify', '--workspace', ws, '--sample', sampleCsv, '--json']);
const date = new Date().toISOString().slice(0, 10);
console.log(
  '| date | records | sample rows | index s | records/s | index peak RSS MB | verify s | verify peak RSS MB | workspace |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
console.log(
  `| ${date} | ${records} | ${sampleRows} | ${index.seconds} | ${Math.round(records / index.seconds)} | ${index.rssMB} | ${verify.seconds} | ${verify.rssMB} | ${wsMB.toFixed(0)} MB (${(wsMB / (records / 1e6)).toFixed(0)} MB per million records) |`,
);
