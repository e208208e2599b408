import { Command, CommanderError } from 'commander';
import { exitCodeFor, LeakverifyError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { registerAudit } from './audit.js';
import { registerDemo } from './demo.js';
import { registerEvidence } from './evidence.js';
import { registerIndex } from './index-cmd.js';
import { registerInspect } from './inspect.js';
import { type CliIo, processIo } from './io.js';
import { registerLibrary } from './library.js';
import { registerServe } from './serve.js';
import { registerVerify } from './verify.js';

/** Builds the command tree; `io` is the seam tests use to capture output. */
export function createProgram(io: CliIo): Command {
  const program = new Command('leakverify')
    .description(
      'Tell, with evidence, whether a "leaked customer database" really comes from your systems. ' +
        'Start with `leakverify demo`, then `leakverify inspect <sample>`.',
    )
    .version(VERSION)
    .option('--debug', 'print stack traces and step timings (every linkage step materialised)')
    .option(
      '--timings',
      'verify: print how long each phase and materialised linkage step took, and the candidate pairs of each blocking rule (unlike --debug, changes nothing in how it runs)',
    )
    // `verify --help` lists --debug and --timings too, not only `leakverify --help`.
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  registerDemo(program, io);
  registerInspect(program, io);
  registerIndex(program, io);
  registerVerify(program, io);
  registerLibrary(program, io);
  registerEvidence(program, io);
  registerServe(program, io);
  registerAudit(program, io);
  for (const command of allCommands(program)) {
    command.exitOverride();
    // Descriptions are written as lines of source; commander wraps to the terminal itself.
    command.description(reflow(command.description()));
  }
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** Joins the lines of each paragraph: single newlines become spaces, blank lines stay. */
function reflow(text: string): string {
  return text.replace(/([^\n])\n(?!\n)/g, '$1 ');
}

/**
 * Runs the CLI and returns the exit code of SPEC.md (0 ok, 2 usage, 3 unreadable input,
 * 1 other). Errors are mapped here and only here.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : 2;
    }
    const debug = program.opts().debug === true || argv.includes('--debug');
    io.stderr.write(describeError(error, debug));
    return exitCodeFor(error);
  }
}

function describeError(error: unknown, debug: boolean): string {
  if (error instanceof LeakverifyError) {
    const lines = [`leakverify: ${error.message} [${error.code}]`];
    if (error.hint) lines.push(`  ${error.hint}`);
    if (debug && error.stack) lines.push(error.stack);
    if (debug && error.cause instanceof Error && error.cause.stack)
      lines.push(`caused by: ${error.cause.stack}`);
    return `${lines.join('\n')}\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack =
    debug && error instanceof Error && error.stack
      ? `\n${error.stack}`
      : '\n  (run with --debug for details)';
  return `leakverify: internal error: ${message}${stack}\n`;
}
