import type { Command } from 'commander';
import { loadKey, type SecretKey } from '../protect/index.js';
import type { CliIo } from './io.js';

/**
 * `--key-file`, shared by every command that reads or writes a workspace, with the
 * environment those commands read.
 */
export function keyOptions(command: Command): Command {
  return command
    .option(
      '--key-file <file>',
      'file holding the secret key (default: the LEAKVERIFY_KEY environment variable); create one with `openssl rand -hex 32 > leakverify.key`',
    )
    .addHelpText(
      'after',
      '\nEnvironment:\n' +
        '  LEAKVERIFY_KEY           the secret key, as hex (or use --key-file)\n' +
        "  LEAKVERIFY_MEMORY_LIMIT  DuckDB's memory limit, e.g. 12GB (default: a quarter of RAM, at most 3 GB; beyond it, DuckDB spills to the workspace's tmp/)",
    );
}

export function readKey(command: Command, io: CliIo): SecretKey {
  const keyFile = command.opts<{ keyFile?: string }>().keyFile;
  return loadKey({ env: io.env, ...(keyFile ? { keyFile } : {}) });
}
