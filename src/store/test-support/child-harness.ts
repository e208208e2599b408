/**
 * Crash tests need our real store code in a child process that can be killed with SIGKILL.
 * Node 20 cannot run TypeScript, so this transpiles the needed source folders to plain
 * ESM (imports already carry `.js` suffixes) in a temp dir that resolves our node_modules.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Transpiles `src/<folder>/**.ts` (tests excluded) for each folder; returns the output root. */
export function compileForChild(folders: readonly string[]): string {
  const out = mkdtempSync(join(tmpdir(), 'leakverify-child-'));
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module', version: '0.0.0-test' }));
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  for (const folder of folders) {
    for (const file of walk(join(ROOT, 'src', folder))) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const js = ts.transpileModule(readFileSync(file, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const target = join(out, 'src', relative(join(ROOT, 'src'), file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, js);
    }
  }
  return out;
}

/** Starts `node script.mjs` (an ES module written by the test) in `root`; lines of stdout go to `onLine`. */
export function startChild(
  root: string,
  script: string,
  args: readonly string[],
  onLine: (line: string) => void,
): ChildProcess {
  const path = join(root, `child-${Date.now()}-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(path, script);
  const child = spawn(process.execPath, [path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    buffer += text;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  });
  return child;
}

/** Resolves with the exit code or signal once the child is gone. */
export function exited(child: ChildProcess): Promise<string> {
  return new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolveExit(String(child.signalCode ?? child.exitCode));
    child.on('exit', (code, signal) => resolveExit(String(signal ?? code)));
  });
}
