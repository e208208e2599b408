// Runs one inspection in this process and prints {rows, seconds, rowsPerSecond, maxRssMB} as JSON.
// Usage: node bench/measure.js <file> [--format F]
import { inspectSample } from '../dist/pipeline/inspect.js';

const [file, ...rest] = process.argv.slice(2);
const options = {};
for (let i = 0; i < rest.length; i += 2) options[rest[i].replace(/^--/, '')] = rest[i + 1];
const started = performance.now();
const cpu0 = process.cpuUsage();
const report = await inspectSample(file, options);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({
    file,
    format: report.sample.info.format,
    rows: report.sample.rows,
    rejected: report.sample.rejected,
    seconds: Number(seconds.toFixed(2)),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    rowsPerSecond: Math.round(report.sample.rows / seconds),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    kinds: report.columns.map((c) => `${c.name}:${c.kind}`).join(' '),
  })}\n`,
);
