import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import { DEFAULT_EXPOSURE_RATE, DEFAULT_MAX_UPLOAD_BYTES, startServer } from '../server/server.js';
import type { CliIo } from './io.js';
import { keyOptions, readKey } from './key-options.js';

function positiveInt(name: string, text: string, min = 1): number {
  const n = Number(text.replaceAll(/[,_]/g, ''));
  if (!Number.isSafeInteger(n) || n < min)
    throw new LeakverifyError(
      'cli.usage',
      `${name} expects a whole number >= ${min}, got ${JSON.stringify(text)}`,
    );
  return n;
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServe(program: Command, io: CliIo): void {
  const command = program
    .command('serve')
    .summary('run the team server: web UI, JSON API, public exposure check')
    .description(
      'Serves the team web UI and JSON API (cases, encrypted sample uploads, verification\n' +
        'runs with live progress, reports, users and API tokens, audit log) and the public\n' +
        'customer exposure check and suspicious-activity form, from one workspace. State lives\n' +
        'in DIR/server.duckdb beside the index; samples are stored encrypted in DIR/uploads.\n\n' +
        'Index your records first (`leakverify index --workspace DIR --records ...`). On the\n' +
        'first start the server prints a one-time admin token: open /setup and exchange it for\n' +
        'the first admin account. Stop with Ctrl-C.',
    )
    .option('--workspace <dir>', 'workspace directory (index, server state, uploads, reports)', '.leakverify')
    .option('--port <n>', 'TCP port', '8787')
    .option(
      '--host <address>',
      'address to listen on (use HTTPS in front for anything but loopback)',
      '127.0.0.1',
    )
    .option('--max-upload-bytes <n>', 'largest sample upload', String(DEFAULT_MAX_UPLOAD_BYTES))
    .option(
      '--exposure-rate <n>',
      'exposure-check requests per minute per client',
      String(DEFAULT_EXPOSURE_RATE),
    )
    .option('--company <name>', 'how reports and statements name your company', 'our company');
  keyOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n' +
      '  leakverify index --workspace ws --records customers.csv --records orders.csv --key-file leakverify.key\n' +
      '  leakverify serve --workspace ws --key-file leakverify.key --company ShopCo\n',
  );
  command.action(async () => {
    const opts = command.opts<{
      workspace: string;
      port: string;
      host: string;
      maxUploadBytes: string;
      exposureRate: string;
      company: string;
    }>();
    const key = readKey(command, io);
    const server = await startServer({
      workspace: opts.workspace,
      key,
      port: positiveInt('--port', opts.port, 0),
      host: opts.host,
      maxUploadBytes: positiveInt('--max-upload-bytes', opts.maxUploadBytes),
      exposureRate: positiveInt('--exposure-rate', opts.exposureRate),
      company: opts.company,
      log: (line) => io.stderr.write(`${line}\n`),
    });
    io.stdout.write(`leakverify team server on ${server.url} (workspace ${server.ctx.workspace})\n`);
    if (server.bootstrapToken) {
      io.stdout.write(
        `\nNo accounts yet. Open ${server.url}/setup and enter this one-time admin token\n` +
          `(it is stored only hashed and stops working once used; a restart makes a new one):\n\n` +
          `  ${server.bootstrapToken}\n\n`,
      );
    }
    const signal = await stopSignal();
    io.stderr.write(`${signal}: stopping (a running verification is marked interrupted)\n`);
    await server.close();
  });
}
