import { LeakverifyError } from '../core/errors.js';
import type { SqlExecutor } from '../store/types.js';
import { keyCheckValue, type SecretKey, sameKeyCheck } from './key.js';

const META_KEY = 'key_check';

/**
 * Binds a workspace to its key: the first call stores the key check value, later calls
 * refuse any other key. A wrong key must fail loudly, because with it every fingerprint
 * differs and every row would silently look unmatched.
 */
export async function checkKey(db: SqlExecutor, master: SecretKey): Promise<'recorded' | 'matched'> {
  const expected = keyCheckValue(master);
  const rows = await db.all<{ value: string }>('SELECT value FROM meta WHERE key = $1', [META_KEY]);
  const stored = rows[0]?.value;
  if (stored === undefined) {
    await db.run('INSERT INTO meta VALUES ($1, $2)', [META_KEY, expected]);
    return 'recorded';
  }
  if (!sameKeyCheck(stored, expected)) {
    throw new LeakverifyError(
      'protect.wrong-key',
      'this workspace was built with a different key; a wrong key would make every row look unmatched',
      {
        hint: 'Use the LEAKVERIFY_KEY or --key-file the workspace was indexed with, or index into a new workspace.',
      },
    );
  }
  return 'matched';
}
