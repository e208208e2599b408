import type { Cell } from '../core/types.js';
import { profileColumns } from '../fields/index.js';
import { normalizeValue } from '../fields/normalize/index.js';
import type { ColumnProfile } from '../fields/types.js';
import { type OpenSampleOptions, openSample } from '../ingest/index.js';
import { batchesFrom, readHead } from '../pipeline/head.js';
import { canonicalEmail, canonicalPhone, exposureHash } from './exposure.js';

/**
 * The exposure hashes of a sample: every value of its email and phone columns, in the
 * canonical forms of exposure.ts (what the person's browser computes), hashed. Column kinds
 * are decided as `inspect` decides them, from the first rows; columns that first appear
 * later (sparse JSON keys) are decided from the rows that carry them.
 */

export interface CollectOptions {
  /** Region for phone numbers without a country code when neither the row nor the column tells. */
  readonly defaultRegion?: string;
  readonly ingest?: OpenSampleOptions;
  /** Rows read before column kinds are decided (default 20,000). */
  readonly profileRows?: number;
}

const DEFAULT_PROFILE_ROWS = 20_000;

/**
 * The address inside `Name <addr>` or `mailto:addr`. Only the sample side unwraps: the
 * canonical form of the bare address is what the browser computes from what a person types.
 */
function bareAddress(raw: string): string {
  let value = raw.trim();
  const open = value.lastIndexOf('<');
  if (open >= 0 && value.endsWith('>')) value = value.slice(open + 1, -1);
  return value.slice(0, 7).toLowerCase() === 'mailto:' ? value.slice(7) : value;
}

function createCollector(
  profiles: readonly ColumnProfile[],
  defaultRegion: string | undefined,
  into: Set<string>,
) {
  const country = profiles.find((p) => p.kind === 'country');
  const emails = profiles.filter((p) => p.kind === 'email').map((p) => p.index);
  const phones = profiles.filter((p) => p.kind === 'phone');
  /** Adds the hashes of one row's cells in columns `from` and up. */
  return (row: readonly Cell[], from = 0): void => {
    for (const i of emails) {
      const raw = i >= from ? row[i] : null;
      const canonical = raw ? canonicalEmail(bareAddress(raw)) : null;
      if (canonical !== null) into.add(exposureHash('email', canonical));
    }
    if (phones.length === 0) return;
    // A national number takes the region of its own row first, as the verifier does.
    let rowRegion: string | undefined;
    const rawCountry = country ? row[country.index] : null;
    if (country && rawCountry) {
      const c = normalizeValue('country', rawCountry, country.params);
      if (c.ok) rowRegion = c.value;
    }
    for (const p of phones) {
      const raw = p.index >= from ? row[p.index] : null;
      if (!raw) continue;
      const canonical = canonicalPhone(raw, rowRegion ?? p.params.phoneRegion ?? defaultRegion);
      if (canonical !== null) into.add(exposureHash('phone', canonical));
    }
  };
}

/**
 * Streams a sample and returns the distinct exposure hashes of its emails and phones.
 * Memory grows with the distinct values only; the rows themselves stream by.
 * @example const hashes = await collectExposureHashes('leak.csv', { defaultRegion: 'IT' })
 */
export async function collectExposureHashes(
  samplePath: string,
  options: CollectOptions = {},
): Promise<string[]> {
  const limit = options.profileRows ?? DEFAULT_PROFILE_ROWS;
  const profileOptions = options.defaultRegion ? { defaultRegion: options.defaultRegion } : {};
  const stream = await openSample(samplePath, options.ingest ?? {});
  const head = await readHead(stream, limit);
  const hashes = new Set<string>();
  let profiles = profileColumns(head.columns, head.rows, profileOptions);
  let collect = createCollector(profiles, options.defaultRegion, hashes);
  let late: Cell[][] = [];
  let columns = head.columns;
  const decideLate = (): void => {
    const from = profiles.length;
    profiles = [...profiles, ...profileColumns(columns, late, profileOptions).slice(from)];
    collect = createCollector(profiles, options.defaultRegion, hashes);
    for (const row of late) collect(row, from);
    late = [];
  };
  for await (const batch of batchesFrom(head)) {
    columns = batch.columns;
    for (const row of batch.rows) {
      collect(row);
      if (columns.length > profiles.length) late.push(row);
    }
    if (late.length >= limit) decideLate();
  }
  if (late.length > 0) decideLate();
  return [...hashes];
}
