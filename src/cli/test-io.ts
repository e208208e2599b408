import type { CliIo } from './io.js';

/** An in-memory CliIo for tests: everything written is collected as text. */
export function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    env,
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}
