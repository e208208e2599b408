import type { Command } from 'commander';
import { LeakverifyError } from '../core/errors.js';
import { auditKeyOf, verifyAudit } from '../server/audit.js';
import { openServerDb } from '../server/db.js';
import type { CliIo } from './io.js';
import { keyOptions, readKey } from './key-options.js';

export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command('audit').summary("check the team server's audit log");
  const verify = audit
    .command('verify')
    .summary('check that no audit entry was edited or deleted')
    .description(
      "Recomputes the hash chain of the team server's audit log (HMAC-SHA-256 under a key\n" +
        'derived from the workspace key) and compares its end with DIR/audit.head. Prints OK,\n' +
        'or the first entry that was changed, removed or cut off, and exits 1. Stop the server\n' +
        'first (it holds its database), or ask a running one: GET /api/audit/verify (admin).',
    )
    .option('--workspace <dir>', 'workspace directory of the server', '.leakverify');
  keyOptions(verify);
  verify.action(async () => {
    const opts = verify.opts<{ workspace: string }>();
    const key = readKey(verify, io);
    const db = await openServerDb(opts.workspace);
    try {
      const check = await verifyAudit(db, auditKeyOf(key), opts.workspace);
      if (check.kind === 'tampered') {
        throw new LeakverifyError(
          'evidence.invalid',
          `audit log TAMPERED at entry ${check.seq}: ${check.reason}`,
          {
            hint: 'Compare with a backup of server.duckdb and audit.head; entries before this one are intact.',
          },
        );
      }
      io.stdout.write(
        `audit log OK: ${check.entries} entries, chain head ${check.head.slice(0, 16)}…${check.note ? ` (${check.note})` : ''}\n`,
      );
    } finally {
      await db.close();
    }
  });
}
