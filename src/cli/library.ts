import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import { addToLibrary, listLibrary, removeFromLibrary } from '../pipeline/library.js';
import { openWorkspace } from '../store/index.js';
import type { Workspace } from '../store/types.js';
import type { CliIo } from './io.js';
import { keyOptions, readKey } from './key-options.js';
import { ingestOptions, readIngestOptions, readMapping } from './options.js';
import { formatTable, safeText } from './text.js';

/** `leakverify library add|list|remove`: earlier samples a new one is compared with. */
export function registerLibrary(program: Command, io: CliIo): void {
  const library = program
    .command('library')
    .summary('keep earlier claimed samples, to spot a new one recycling them')
    .description(
      'Registers earlier samples (another platform’s breach, last year’s paste) in the\n' +
        'workspace as keyed fingerprints of their emails and phones. `verify` then reports, as\n' +
        'the library-overlap signal, the share of a new sample’s people already seen in each.',
    );
  const add = library
    .command('add')
    .description('add a sample to the library')
    .argument('<file>', 'the earlier sample')
    .requiredOption('--name <name>', 'a name to report it by, e.g. "otherco-2021"')
    .requiredOption('--workspace <dir>', 'workspace directory');
  ingestOptions(add);
  keyOptions(add);
  add.action(async (file: string) => {
    const opts = add.opts<{ name: string; workspace: string }>();
    const key = readKey(add, io);
    const mapping = readMapping(add.opts());
    await withWorkspace(opts.workspace, async (db) => {
      const entry = await addToLibrary(db, key, {
        path: file,
        name: opts.name,
        ingest: readIngestOptions(add),
        ...(mapping ? { mapping } : {}),
      });
      io.stdout.write(
        `added ${safeText(entry.name)}: ${entry.rows} rows, ${entry.keys} identifying fingerprints\n`,
      );
    });
  });
  const list = library
    .command('list')
    .description('list the library')
    .requiredOption('--workspace <dir>', 'workspace directory');
  list.action(async () => {
    await withWorkspace(list.opts<{ workspace: string }>().workspace, async (db) => {
      const entries = await listLibrary(db);
      io.stdout.write(
        entries.length === 0
          ? 'the library is empty\n'
          : `${formatTable(
              ['name', 'file', 'rows', 'fingerprints', 'sha256'],
              entries.map((e) => [
                safeText(e.name),
                safeText(e.file),
                String(e.rows),
                String(e.keys),
                e.sha256.slice(0, 16),
              ]),
            )}\n`,
      );
    });
  });
  const remove = library
    .command('remove')
    .description('remove a sample from the library')
    .argument('<name>')
    .requiredOption('--workspace <dir>', 'workspace directory');
  remove.action(async (name: string) => {
    await withWorkspace(remove.opts<{ workspace: string }>().workspace, async (db) => {
      if (!(await removeFromLibrary(db, name))) {
        throw new LeakverifyError('cli.usage', `the library has no sample named ${JSON.stringify(name)}`);
      }
      io.stdout.write(`removed ${safeText(name)}\n`);
    });
  });
}

async function withWorkspace(dir: string, fn: (db: Workspace) => Promise<void>): Promise<void> {
  const db = await openWorkspace(dir);
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}
