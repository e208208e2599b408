// `npm run bench`: generates data (cached in bench/data), runs each measurement in a fresh
// process (so peak RSS is per run) and prints a Markdown table to paste into BENCHMARKS.md.
// BENCH_ROWS sets the size of the big CSV (default 10,000,000); BENCH_FORMAT_ROWS the size of
// the per-format files (default 1,000,000).
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { writeFormats } from './formats.js';
import { generateCustomersCsv } from './generate-customers.js';

const bigRows = Number(process.env.BENCH_ROWS ?? 10_000_000);
const formatRows = Number(process.env.BENCH_FORMAT_ROWS ?? 1_000_000);
const dir = 'bench/data';
mkdirSync(dir, { recursive: true });

async function ensureCsv(rows) {
  const path = `${dir}/customers-${rows}.csv`;
  if (!existsSync(path)) {
    const started = performance.now();
    await generateCustomersCsv(rows, path);
    console.error(`generated ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return path;
}

function measure(file) {
  const out = execFileSync(process.execPath, ['bench/measure.js', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

const small = await ensureCsv(formatRows);
const formatDir = `${dir}/formats-${formatRows}`;
if (!existsSync(`${formatDir}/customers-mysql.sql`)) {
  mkdirSync(formatDir, { recursive: true });
  await writeFormats(small, formatDir);
  copyFileSync(small, `${formatDir}/customers.csv`);
  writeFileSync(
    `${formatDir}/paste.txt`,
    '==== ShopCo FULL DB 2024 ====\nTotal: 87,000,000 records\nSample below, contact on forum\n\n',
  );
  appendFileSync(`${formatDir}/paste.txt`, readFileSync(small));
  appendFileSync(`${formatDir}/paste.txt`, '\n==== end of sample ====\n');
}
const files = [
  'customers.csv',
  'customers.csv.gz',
  'customers.tsv',
  'customers-semicolon-quoted.csv',
  'paste.txt',
  'customers.json',
  'customers.jsonl',
  'customers-mongo.jsonl',
  'customers-mysql.sql',
  'customers-pg.sql',
  'combolist.txt',
];
const results = [];
for (const name of files) {
  const r = measure(`${formatDir}/${name}`);
  results.push({ ...r, name, mb: statSync(`${formatDir}/${name}`).size / 1e6 });
  console.error(`${name}: ${r.rowsPerSecond} rows/s, ${r.maxRssMB} MB`);
}
const big = await ensureCsv(bigRows);
const r = measure(big);
results.push({ ...r, name: `customers-${bigRows}.csv`, mb: statSync(big).size / 1e6 });

const date = new Date().toISOString().slice(0, 10);
const lines = [
  `### inspect (sniff + parse + type + normalise), ${date}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  '',
  '| file | format | MB | rows | rejected | seconds | rows/s | peak RSS MB |',
  '|---|---|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (x) =>
      `| ${x.name} | ${x.format} | ${x.mb.toFixed(0)} | ${x.rows} | ${x.rejected} | ${x.seconds} | ${x.rowsPerSecond} | ${x.maxRssMB} |`,
  ),
];
console.log(lines.join('\n'));
