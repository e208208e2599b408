// `node bench/linkage.js`: the index-and-verify cost curve of issues 3 and 6 on generated
// data with known truth (bench/generate-scale.js). For each size `N:M` in LINK_SIZES
// (default "1M:100k"; e.g. "1M:100k,10M:1M"), it generates N customers and an M-row leak
// (half genuine) once into bench/data/scale-N-M/, then, each in a fresh process under
// /usr/bin/time: indexes the customers into a new workspace, verifies the leak against it
// with --timings (each phase's duration on stderr; --debug would materialise every step), and
// runs `verify --quick LINK_QUICK --quick-only` (default 100000, when the leak is larger).
// With LINK_NO_CONTACT=1 it also verifies the leak without its email and phone columns
// (`user_email` and `mobile`, as generate-scale.js names them; leak-no-contact.csv, derived
// once): every row is then "weak" and is searched for on names, birth dates and addresses
// alone, the case the secondary and fallback blocking rules serve.
// It prints one JSON line per size: seconds, rows/s and peak RSS of each command, the
// workspace's bytes per million records, the linkage phases, and per-row precision and
// recall against leak-truth.csv.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateScale, sqlString } from './generate-scale.js';

const SUFFIX = { k: 1e3, M: 1e6, G: 1e9 };
const count = (text) => {
  const m = /^(\d+(?:\.\d+)?)([kMG]?)$/.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  return Math.round(Number(m[1]) * (SUFFIX[m[2]] ?? 1));
};
const sizes = (process.env.LINK_SIZES ?? '1M:100k').split(',').map((pair) => {
  const [n, m] = pair.split(':');
  return { label: pair, customers: count(n), leak: count(m) };
});
const env = { ...process.env };

/** Runs the CLI in a fresh process under /usr/bin/time; wall seconds, peak RSS and stderr. */
function run(args) {
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', 'TIME %e %M', process.execPath, 'dist/cli/main.js', ...args],
    {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  const m = /TIME ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  if (result.status !== 0 || !m)
    throw new Error(`leakverify ${args[0]} failed:\n${(result.stderr ?? '').slice(-2000)}`);
  return { seconds: Number(m[1]), rssMB: Math.round(Number(m[2]) / 1024), stderr: result.stderr };
}

const du = (d) =>
  readdirSync(d, { recursive: true }).reduce((n, f) => {
    const s = statSync(join(d, f));
    return n + (s.isFile() ? s.size : 0);
  }, 0);

/** Rows of a small CSV of plain fields (the truth and rows.csv files), as objects. */
function readCsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

function accuracy(truthCsv, rowsCsv) {
  const truth = new Map(readCsv(truthCsv).map((r) => [r.row, r.customer_id]));
  const links = new Map(
    readCsv(rowsCsv)
      .filter((r) => r.record_id)
      .map((r) => [r.row, r.record_id]),
  );
  let tp = 0;
  for (const [row, id] of links) if (truth.get(row) === id) tp++;
  const genuine = [...truth.values()].filter((id) => id !== '').length;
  return { precision: tp / Math.max(1, links.size), recall: tp / Math.max(1, genuine) };
}

/** Verifies the leak without its email and phone columns: seconds, peak RSS, blocked pairs, precision and recall. */
async function verifyWithoutContact(dir, ws) {
  const sample = join(dir, 'leak-no-contact.csv');
  if (!existsSync(sample)) {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(
      `COPY (SELECT * EXCLUDE (user_email, mobile) FROM read_csv(${sqlString(join(dir, 'leak.csv'))}, all_varchar = true, header = true))
       TO ${sqlString(`${sample}.part`)} (HEADER, DELIMITER ',')`,
    );
    c.closeSync();
    db.closeSync();
    renameSync(`${sample}.part`, sample);
  }
  const out = join(dir, 'report-no-contact');
  rmSync(out, { recursive: true, force: true });
  const verify = run(['verify', '--workspace', ws, '--sample', sample, '--out', out, '--timings']);
  const blocked = /__lv_blocked: ([\d,]+) rows/.exec(verify.stderr);
  return {
    seconds: verify.seconds,
    peakRssMB: verify.rssMB,
    blockedPairs: blocked ? Number(blocked[1].replaceAll(',', '')) : null,
    ...accuracy(join(dir, 'leak-truth.csv'), join(out, 'rows.csv')),
  };
}

for (const size of sizes) {
  const dir = join('bench/data', `scale-${size.label.replace(':', '-')}`);
  if (!existsSync(join(dir, 'generate.json'))) {
    const parameters = {
      customers: size.customers,
      leak: size.leak,
      genuineShare: 0.5,
      ordersPerCustomer: 0,
    };
    await generateScale({ ...parameters, out: dir, force: true, log: () => {} });
    rmSync(join(dir, '.generate-tmp'), { recursive: true, force: true });
    // Written last, as the generator's command line does: the set is complete.
    writeFileSync(join(dir, 'generate.json'), `${JSON.stringify({ parameters }, null, 2)}\n`);
  }
  const ws = join(dir, 'ws');
  const out = join(dir, 'report');
  // The key stays beside the data (bench/data is not committed), so LINK_REUSE=1 can verify
  // again against the workspace of an earlier run without indexing anew.
  const keyFile = join(dir, 'key.hex');
  const reuse = process.env.LINK_REUSE === '1' && existsSync(keyFile) && existsSync(ws);
  if (!reuse) {
    writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    rmSync(ws, { recursive: true, force: true });
  }
  env.LEAKVERIFY_KEY = readFileSync(keyFile, 'utf8').trim();
  rmSync(out, { recursive: true, force: true });
  const index = reuse
    ? { seconds: null, rssMB: null }
    : run(['index', '--records', join(dir, 'customers.csv'), '--workspace', ws]);
  const workspaceBytes = du(ws);
  const verify = run([
    'verify',
    '--workspace',
    ws,
    '--sample',
    join(dir, 'leak.csv'),
    '--out',
    out,
    '--timings',
  ]);
  // Issue 6: `--quick N` must give its early verdict in under a minute on the same data.
  const quickRows = Number(process.env.LINK_QUICK ?? 100_000);
  const quick =
    quickRows < size.leak
      ? run([
          'verify',
          '--workspace',
          ws,
          '--sample',
          join(dir, 'leak.csv'),
          '--quick',
          String(quickRows),
          '--quick-only',
          '--out',
          join(dir, 'report-quick'),
        ])
      : null;
  const noContact = process.env.LINK_NO_CONTACT === '1' ? await verifyWithoutContact(dir, ws) : undefined;
  const phases = Object.fromEntries(
    [...verify.stderr.matchAll(/^phase ([\w-]+): (\d+) ms$/gm)].map((m) => [m[1], Number(m[2]) / 1000]),
  );
  // Each compared pair is scored on the five Bloom filters (Dice) among its other fields. A
  // comparison sliced by record ids (link.ts) logs its slices, then their union (a copy).
  const steps = (pattern) =>
    [...verify.stderr.matchAll(pattern)].map((m) => ({
      rows: Number(m[1].replaceAll(',', '')),
      ms: Number(m[2]),
    }));
  const slices = steps(/__lv_compared_\d+: ([\d,]+) rows in (\d+) ms/g);
  const compared = slices.length > 0 ? slices : steps(/__lv_compared: ([\d,]+) rows in (\d+) ms/g);
  const pairs = compared.reduce((a, c) => a + c.rows, 0);
  const comparedMs = compared.reduce((a, c) => a + c.ms, 0);
  const bloomComparisonsPerSecond = comparedMs > 0 ? Math.round((pairs * 5) / (comparedMs / 1000)) : null;
  console.log(
    JSON.stringify({
      date: new Date().toISOString().slice(0, 10),
      customers: size.customers,
      sampleRows: size.leak,
      index: {
        seconds: index.seconds,
        rowsPerSecond: index.seconds && Math.round(size.customers / index.seconds),
        peakRssMB: index.rssMB,
      },
      verify: {
        seconds: verify.seconds,
        rowsPerSecond: Math.round(size.leak / verify.seconds),
        peakRssMB: verify.rssMB,
        linkagePhases: phases,
      },
      quick: quick && { rows: quickRows, seconds: quick.seconds, peakRssMB: quick.rssMB },
      candidatePairs: pairs,
      bloomComparisonsPerSecond,
      workspaceMBPerMillionRecords: Math.round(workspaceBytes / 2 ** 20 / (size.customers / 1e6)),
      ...accuracy(join(dir, 'leak-truth.csv'), join(out, 'rows.csv')),
      ...(noContact ? { noContact } : {}),
    }),
  );
}
