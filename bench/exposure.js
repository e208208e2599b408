// The exposure range endpoint under load: this process serves the public routes over an
// index of --hashes random hashes spread over --cases cases, with the rate limiter in the
// path (configured high), and a SECOND process drives GET /api/exposure/range/<random
// prefix>?case=<random case> with autocannon for --duration seconds. Prints one JSON line.
//
// Usage: node bench/exposure.js [--hashes 1000000] [--cases 4] [--duration 10]
//          [--connections 16] [--load none|busy|verify] [--src]
//   --load busy    a niced (10) busy loop per core while measuring
//   --load verify  `leakverify demo` (index + verify of several samples) looping at nice 10,
//                  needs a build (npm run build)
//   --src          import the TypeScript sources through tsx instead of dist/ (for
//                  development: run as `node --import tsx bench/exposure.js --src`)
// The target: >= 5,000 requests/s with p99 < 20 ms while a verification job runs.
import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};

if (flag('client')) await runClient();
else await runServer();

/** The load generator, in its own process so it does not share the server's event loop. */
async function runClient() {
  const { default: autocannon } = await import('autocannon');
  const url = option('url');
  const cases = option('case-ids').split(',');
  const result = await autocannon({
    url,
    connections: Number(option('connections', '16')),
    duration: Number(option('duration', '10')),
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const prefix = randomInt(0, 1 << 20)
            .toString(16)
            .padStart(5, '0');
          const id = cases[randomInt(0, cases.length)];
          return { ...request, path: `/api/exposure/range/${prefix}?case=${encodeURIComponent(id)}` };
        },
      },
    ],
  });
  process.stdout.write(
    `${JSON.stringify({
      requestsPerSecond: Math.round(result.requests.average),
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      throughputMBps: Number((result.throughput.average / 1e6).toFixed(1)),
    })}\n`,
  );
}

async function importServer(src) {
  const base = src ? '../src/server/' : '../dist/server/';
  const ext = src ? '.ts' : '.js';
  const [{ ExposureIndex }, { createPublicRoutes }, { createRateLimiter }] = await Promise.all([
    import(`${base}exposure${ext}`),
    import(`${base}public-routes${ext}`),
    import(`${base}rate-limit${ext}`),
  ]);
  return { ExposureIndex, createPublicRoutes, createRateLimiter };
}

function startLoad(kind) {
  if (kind === 'none') return () => ({ launches: 0, running: 0 });
  const children = new Set();
  let launches = 0;
  let stopped = false;
  const dir = mkdtempSync(join(tmpdir(), 'leakverify-bench-load-'));
  const launch = () => {
    if (stopped) return;
    const command =
      kind === 'busy'
        ? [process.execPath, '-e', 'for (;;) {}']
        : [
            process.execPath,
            fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)),
            'demo',
            '--dir',
            join(dir, String(Date.now())),
            '--customers',
            '20000',
            '--rows',
            '3000',
          ];
    const child = spawn('nice', ['-n', '10', ...command], { stdio: 'ignore' });
    const spawned = Date.now();
    children.add(child);
    launches++;
    child.on('exit', (code) => {
      children.delete(child);
      if (stopped) return;
      // A load that dies at once is broken (no build?): say so rather than respawn it forever.
      if (code !== 0 && Date.now() - spawned < 2000) {
        process.stderr.write(`background load failed (exit ${code}): ${command.join(' ')}\n`);
        return;
      }
      // The demo ends after a while; a verification job keeps running for the whole measure.
      if (kind === 'verify') launch();
    });
  };
  const count = kind === 'busy' ? availableParallelism() : 1;
  for (let i = 0; i < count; i++) launch();
  return () => {
    stopped = true;
    const running = children.size;
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    return { launches, running };
  };
}

/** Idle and total CPU time of the whole machine, all cores, in ms. */
function machineTimes() {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}

async function runServer() {
  const hashes = Number(option('hashes', '1000000'));
  const caseCount = Number(option('cases', '4'));
  const duration = Number(option('duration', '10'));
  const connections = Number(option('connections', '16'));
  const load = option('load', 'none');
  if (!['none', 'busy', 'verify'].includes(load)) throw new Error(`--load ${load}: none, busy or verify`);
  const { ExposureIndex, createPublicRoutes, createRateLimiter } = await importServer(flag('src'));
  const { serve } = await import('@hono/node-server');
  const { getConnInfo } = await import('@hono/node-server/conninfo');

  let started = performance.now();
  const caseIds = Array.from({ length: caseCount }, (_, i) => `case-${i + 1}`);
  const cases = caseIds.map((caseId, i) => {
    const n = Math.floor(hashes / caseCount) + (i < hashes % caseCount ? 1 : 0);
    const bytes = randomBytes(32 * n).toString('hex');
    return { caseId, hashes: Array.from({ length: n }, (_, k) => bytes.slice(k * 64, k * 64 + 64)) };
  });
  const index = new ExposureIndex(cases, { secret: randomBytes(32) });
  const buildSeconds = (performance.now() - started) / 1000;

  const app = createPublicRoutes({
    exposure: () => index,
    publicCase: async (id) => (caseIds.includes(id) ? { id, title: id } : null),
    listPublicCases: async () => caseIds.map((id) => ({ id, title: id })),
    submitSuspiciousReport: async () => {},
    // In the path, as in production, but high enough never to refuse the benchmark.
    rateLimiter: createRateLimiter({ capacity: 1e9, refillPerSecond: 1e9, maxClients: 100_000 }),
    clientKey: (c) => getConnInfo(c).remote.address ?? 'unknown',
  });
  const server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  const stopLoad = startLoad(load);
  if (load !== 'none') await new Promise((r) => setTimeout(r, 2000));

  started = performance.now();
  const cpu0 = process.cpuUsage();
  const machine0 = machineTimes();
  const client = spawn(
    process.execPath,
    [
      fileURLToPath(import.meta.url),
      '--client',
      '--url',
      url,
      '--case-ids',
      caseIds.join(','),
      '--duration',
      String(duration),
      '--connections',
      String(connections),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  client.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise((resolve) => client.on('exit', resolve));
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - started) / 1000;
  const machine1 = machineTimes();
  const loadState = stopLoad();
  server.close();
  server.closeAllConnections?.();
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  const result = JSON.parse(out.trim().split('\n').pop());
  process.stdout.write(
    `${JSON.stringify({
      bench: 'exposure-range',
      hashes,
      cases: caseCount,
      bucket: index.bucketSize(caseIds[0]),
      buildSeconds: Number(buildSeconds.toFixed(2)),
      load,
      loadProcesses: loadState,
      connections,
      duration,
      ...result,
      serverCpuShare: Number(((cpu.user + cpu.system) / 1e6 / wall).toFixed(2)),
      machineBusyShare: Number(
        (1 - (machine1.idle - machine0.idle) / (machine1.total - machine0.total)).toFixed(2),
      ),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      cores: availableParallelism(),
      node: process.version,
    })}\n`,
  );
  process.exit(0);
}
