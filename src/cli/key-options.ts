import type { Command } from 'commander';
import { loadKey, type SecretKey } from '../protect/index.js';
import type { CliIo } from './io.js';

/** `--key-file`, shared by every command that reads or writes a workspace. */
export function keyOptions(command: Command): Command {
  return command.option(
    '--key-file <file>',
    'file holding the secret key (default: the LEAKVERIFY_KEY environment variable); create one with `openssl rand -hex 32 > leakverify.key`',
  );
}

export function readKey(command: Command, io: CliIo): SecretKey {
  const keyFile = command.opts<{ keyFile?: string }>().keyFile;
  return loadKey({ env: io.env, ...(keyFile ? { keyFile } : {}) });
}
