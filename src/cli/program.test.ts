import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './program.js';
import { captureIo } from './test-io.js';

const cases = join(import.meta.dirname, '../../test/cases');

describe('leakverify CLI', () => {
  it('prints help that teaches, with exit 0', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toContain('inspect');
    const sub = captureIo();
    expect(await runCli(['inspect', '--help'], sub)).toBe(0);
    expect(sub.out()).toContain('Examples:');
    const verify = captureIo();
    expect(await runCli(['verify', '--help'], verify)).toBe(0);
    expect(verify.out()).toMatch(/Global Options:[\s\S]*--timings/);
  });

  it('exits 2 on a usage error', async () => {
    const io = captureIo();
    expect(await runCli(['inspect'], io)).toBe(2);
    expect(io.err()).toMatch(/missing required argument/);
    expect(await runCli(['no-such-command'], captureIo())).toBe(2);
    expect(await runCli(['inspect', 'x.csv', '--delimiter', '#'], captureIo())).toBe(2);
    expect(await runCli(['inspect', 'x.csv', '--region', 'Italy'], captureIo())).toBe(2);
  });

  it('exits 3 with a clear message when the input cannot be read', async () => {
    const io = captureIo();
    expect(await runCli(['inspect', '/nonexistent/sample.csv'], io)).toBe(3);
    expect(io.err()).toContain('input.not-found');
    expect(io.err()).not.toContain('    at ');
  });

  it('inspects a sample as text and as JSON', async () => {
    const file = join(cases, 'forum-paste/paste.txt');
    const text = captureIo();
    expect(await runCli(['inspect', file], text)).toBe(0);
    expect(text.out()).toMatch(/format\s+paste/);
    expect(text.out()).toMatch(/phone\s+phone/);
    const json = captureIo();
    expect(await runCli(['inspect', file, '--json'], json)).toBe(0);
    const report = JSON.parse(json.out());
    expect(report.sample.rows).toBe(6);
    expect(report.sample.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never lets sample text drive the terminal', async () => {
    const io = captureIo();
    expect(await runCli(['inspect', join(cases, 'csv-hostile/hostile.csv')], io)).toBe(0);
    expect(io.out()).not.toContain('\x1b[');
  });
});
