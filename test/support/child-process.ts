/**
 * Runs a TypeScript script of ours in a child process (node with tsx), so a test can kill
 * it with SIGKILL at a moment it chooses. Lines of stdout go to `onLine` as they come.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildRun {
  readonly child: ChildProcess;
  /** Resolves with the exit code, or the signal's name, once the child is gone. */
  readonly exit: Promise<string>;
  readonly lines: string[];
  stderr(): string;
}

export function runTsChild(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  onLine: (line: string, child: ChildProcess) => void = () => {},
): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    buffer += text;
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      lines.push(line);
      onLine(line, child);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    err += text;
  });
  const exit = new Promise<string>((resolveExit) => {
    child.on('close', (code, signal) => resolveExit(String(signal ?? code)));
  });
  return { child, exit, lines, stderr: () => err };
}
