import { stat, statfs } from 'node:fs/promises';
import { LeakverifyError } from '../core/errors.js';
import type { Cell, FieldKind } from '../core/types.js';
import { createRowNormalizer } from '../fields/row-normalizer.js';
import type { ColumnProfile } from '../fields/types.js';
import { isBlank } from './column-stats.js';

/**
 * What a file must satisfy before anything of it is written: an identifying column, a
 * mapping its values agree with, an id column that is not personal data, room on disk.
 * Each refusal names the file and the fix, and leaves the workspace as it was.
 */

/** Kinds that can identify a person or a record: a table needs at least one to be linked. */
const IDENTIFYING: ReadonlySet<FieldKind> = new Set([
  'email',
  'phone',
  'first_name',
  'last_name',
  'full_name',
  'username',
  'internal_id',
  'order_id',
  'date_of_birth',
]);

export function checkUsable(path: string, profiles: readonly ColumnProfile[], option: string): void {
  if (profiles.some((p) => IDENTIFYING.has(p.kind))) return;
  const seen = profiles.map((p) => `${p.name} (${p.kind})`).join(', ');
  throw new LeakverifyError(
    'input.unusable',
    `${path} has no column that identifies a person or a record: ${seen || 'no columns'}`,
    {
      hint: `Give a ${option} file naming its email, phone, name, date-of-birth or id columns, e.g. {"columns": {"mail": "email"}}.`,
    },
  );
}

/** A mapping that contradicts the values would silently link nothing: refuse it. */
export function checkMapping(
  path: string,
  profiles: readonly ColumnProfile[],
  rows: readonly Cell[][],
): void {
  const normalize = createRowNormalizer(profiles);
  const valid = profiles.map(() => 0);
  const filled = profiles.map(() => 0);
  for (const row of rows.slice(0, 2000)) {
    const results = normalize(row);
    profiles.forEach((p, i) => {
      if (isBlank(row[p.index] ?? null)) return;
      filled[i]!++;
      if (results[p.index]?.ok) valid[i]!++;
    });
  }
  profiles.forEach((p, i) => {
    if (p.mapped && filled[i]! >= 20 && valid[i]! / filled[i]! < 0.5) {
      throw new LeakverifyError(
        'fields.mapping',
        `the mapping makes column ${JSON.stringify(p.name)} of ${path} a ${p.kind}, but only ${Math.round((100 * valid[i]!) / filled[i]!)}% of its values are`,
        { hint: 'Fix the mapping file, or leave the column out of it to let leakverify decide.' },
      );
    }
  });
}

/**
 * The record id column: the one named, else the first id-like column whose values in the
 * head are present and unique. Personal data never serves as an id (it would be stored).
 */
export function chooseKey(
  path: string,
  profiles: readonly ColumnProfile[],
  rows: readonly Cell[][],
  named?: string,
): number {
  if (named !== undefined) {
    const p = profiles.find((x) => x.name === named);
    if (!p) {
      throw new LeakverifyError(
        'cli.usage',
        `--key names column ${JSON.stringify(named)}, which ${path} does not have`,
        {
          hint: `Its columns: ${profiles.map((x) => x.name).join(', ')}`,
        },
      );
    }
    if (p.kind !== 'internal_id' && p.kind !== 'order_id' && p.kind !== 'unknown') {
      throw new LeakverifyError(
        'cli.usage',
        `--key column ${JSON.stringify(named)} holds ${p.kind} values, which are personal data`,
        {
          hint: 'Name an internal id column; without one, records are identified by their row number.',
        },
      );
    }
    return p.index;
  }
  for (const p of profiles) {
    if (p.kind !== 'internal_id' && p.kind !== 'order_id') continue;
    const seen = new Set<string>();
    let ok = true;
    for (const row of rows) {
      const v = row[p.index];
      if (v == null || isBlank(v) || seen.has(v)) {
        ok = false;
        break;
      }
      seen.add(v);
    }
    if (ok) return p.index;
  }
  return -1;
}

/** Features take about as many bytes as the text they come from; refuse before writing when the disk is short. */
export async function checkDiskSpace(dir: string, path: string, bytesSoFar: number): Promise<void> {
  const { size } = await stat(path);
  const stats = await statfs(dir);
  const free = stats.bavail * stats.bsize;
  const need = Math.max(size, bytesSoFar) * 1.2;
  if (free < need) {
    throw new LeakverifyError(
      'input.too-large',
      `${path} needs about ${Math.ceil(need / 2 ** 20)} MiB in ${dir}, which has ${Math.floor(free / 2 ** 20)} MiB free`,
      {
        hint: 'Point --workspace at a disk with more room, or free space; nothing was written.',
      },
    );
  }
}
