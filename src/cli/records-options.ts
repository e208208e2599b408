import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import type { ColumnMapping } from '../fields/types.js';
import { type RecordsFile, tableNameOf } from '../pipeline/index-records.js';
import { readMappingFile } from './options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--records` (repeatable), `--key table=column` (repeatable), `--records-mapping`, `--workspace`. */
export function recordsOptions(command: Command, required: boolean): Command {
  return command
    .option(
      '--records <file>',
      `a records table (customers, orders, ...); repeat for several${required ? '' : ' (optional with --workspace)'}`,
      collect,
    )
    .option(
      '--key <table=column>',
      'primary key column of a records table, e.g. customers=customer_id (default: inferred)',
      collect,
    )
    .option('--records-mapping <file>', 'JSON file fixing column types of the records files')
    .option('--workspace <dir>', 'workspace directory holding the protected index');
}

/** The records files of the command line, with their table names and key columns. */
export function readRecordsFiles(command: Command): RecordsFile[] {
  const opts = command.opts<{ records?: string[]; key?: string[] }>();
  const keys = new Map<string, string>();
  for (const spec of opts.key ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) {
      throw new LeakverifyError('cli.usage', `--key expects table=column, got ${JSON.stringify(spec)}`);
    }
    keys.set(spec.slice(0, eq), spec.slice(eq + 1));
  }
  const files = (opts.records ?? []).map((path) => {
    const table = tableNameOf(path);
    const key = keys.get(table);
    keys.delete(table);
    return { path, table, ...(key ? { key } : {}) };
  });
  if (keys.size > 0) {
    throw new LeakverifyError(
      'cli.usage',
      `--key names table ${JSON.stringify([...keys.keys()][0])}, which no --records file is`,
      {
        hint: `Tables are named after their files: ${files.map((f) => f.table).join(', ') || '(none given)'}`,
      },
    );
  }
  return files;
}

export function readRecordsMapping(command: Command): ColumnMapping | undefined {
  const file = command.opts<{ recordsMapping?: string }>().recordsMapping;
  return file ? readMappingFile(file) : undefined;
}
