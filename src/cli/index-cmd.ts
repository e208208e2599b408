import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import { indexRecords } from '../pipeline/index-records.js';
import { openWorkspace } from '../store/index.js';
import type { CliIo } from './io.js';
import { keyOptions, readKey } from './key-options.js';
import { createProgress, formatCount } from './progress.js';
import { readRecordsFiles, readRecordsMapping, recordsOptions } from './records-options.js';

export function registerIndex(program: Command, io: CliIo): void {
  const command = program
    .command('index')
    .summary('build or update the protected index of your record tables')
    .description(
      'Reads record tables (customers, orders, ...) and stores, in the workspace, only keyed\n' +
        'fingerprints (HMAC-SHA-256) and keyed Bloom filters of their fields: no plaintext\n' +
        'personal data. Re-indexing an unchanged file does nothing; a changed file replaces its\n' +
        'table. An interrupted run resumes where it stopped. Needs the secret key\n' +
        '(LEAKVERIFY_KEY or --key-file); a workspace refuses a different key.',
    );
  recordsOptions(command, true);
  keyOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n' +
      '  openssl rand -hex 32 > leakverify.key     # once; keep it outside the workspace\n' +
      '  leakverify index --records customers.csv --records orders.csv.gz --workspace ws --key-file leakverify.key\n',
  );
  command.action(async () => {
    const opts = command.opts<{ workspace?: string }>();
    const files = readRecordsFiles(command);
    if (files.length === 0) throw new LeakverifyError('cli.usage', 'index needs at least one --records file');
    if (!opts.workspace)
      throw new LeakverifyError('cli.usage', 'index needs --workspace <dir>', {
        hint: 'The index lives in that directory.',
      });
    const key = readKey(command, io);
    const mapping = readRecordsMapping(command);
    const db = await openWorkspace(opts.workspace);
    try {
      let progress = createProgress(io, 'indexing', null, 'rows');
      await indexRecords(db, key, files, mapping ? { mapping } : {}, {
        onProgress: (table, rows, bytes, size) =>
          progress.update(rows, `${table}: ${formatCount(rows)} rows`, size > 0 ? bytes / size : undefined),
        onTable: (t) => {
          progress.finish(
            t.status === 'unchanged'
              ? `${t.name}: unchanged (${t.rows} records already indexed)`
              : `${t.name}: ${t.status}, ${t.rows} records, key ${t.keyColumn ?? 'row number'}`,
          );
          progress = createProgress(io, 'indexing', null, 'rows');
        },
      });
    } finally {
      await db.close();
    }
  });
}
