import { fitsIdFormat } from './id-format.js';
import type { SampleView } from './sample-view.js';
import { clopperPearson } from './stats.js';
import type {
  Agreement,
  CorroborationSummary,
  Estimate,
  LinkedRow,
  RecordProfile,
  RowProvenance,
} from './types.js';
import { fitsUsernameProfile } from './username-profile.js';

/**
 * Record corroboration (SPEC "Identity is not provenance"): a linked row's person is our
 * customer, but the row came from our systems only if it carries what only our systems
 * hold. Our ids, order numbers, usernames and signup IPs are such values; the address as
 * we store it is weaker (another platform may hold the same address) and counts only where
 * no platform value is there to compare.
 */

/** Values only our systems issue or record. */
export const PLATFORM_FIELDS = ['internal_id', 'order_id', 'username', 'ip', 'created_at'] as const;

export interface RowJudgement {
  readonly provenance: RowProvenance;
  /** What decided a corroboration: platform values, or the stored address alone. */
  readonly basis: 'platform' | 'address' | null;
}

/**
 * Judges one linked row from its comparison outcomes.
 * - corroborated: at least one platform value agrees, and no more disagree than agree
 *   (a username reused on two platforms does not outvote a wrong id, order and IP);
 * - contradicted: platform values disagree and none agrees;
 * - with no platform value on both sides, the exact stored address corroborates, and
 *   anything else leaves the row uncorroborated (people move; a missing field is no evidence).
 */
export function judgeRow(fields: Readonly<Record<string, Agreement>>): RowJudgement {
  let agree = 0;
  let disagree = 0;
  for (const f of PLATFORM_FIELDS) {
    if (fields[f] === 'agree') agree++;
    else if (fields[f] === 'disagree') disagree++;
  }
  if (agree > 0 && agree >= disagree) return { provenance: 'corroborated', basis: 'platform' };
  if (disagree > 0) return { provenance: 'contradicted', basis: null };
  const street = fields['street'];
  const postcode = fields['postcode'];
  if (street === 'agree' && postcode !== 'disagree') return { provenance: 'corroborated', basis: 'address' };
  return { provenance: 'uncorroborated', basis: null };
}

/** Whether a sample value in an id-like column fits any of our id formats (ids and order numbers get mixed up in exports). */
function idFits(records: RecordProfile, value: string): boolean {
  return (
    (records.internalId !== undefined && fitsIdFormat(records.internalId, value)) ||
    (records.orderId !== undefined && fitsIdFormat(records.orderId, value))
  );
}

interface FitCheck {
  readonly name: string;
  test(i: number): boolean | undefined;
}

/** The format checks the sample's id and username columns allow, given our profiles. */
function fitChecks(view: SampleView, records: RecordProfile): FitCheck[] {
  const checks: FitCheck[] = [];
  if (records.internalId || records.orderId) {
    for (const c of [...view.byKind('internal_id'), ...view.byKind('order_id')]) {
      checks.push({
        name: c.profile.name,
        test: (i) => {
          const raw = c.raw[i];
          return typeof raw === 'string' && raw.trim() !== '' ? idFits(records, raw) : undefined;
        },
      });
    }
  }
  const usernames = records.username;
  if (usernames) {
    for (const c of view.byKind('username')) {
      checks.push({
        name: c.profile.name,
        test: (i) => {
          const raw = c.raw[i];
          return typeof raw === 'string' && raw.trim() !== ''
            ? fitsUsernameProfile(usernames, raw, view.namesAt(i))
            : undefined;
        },
      });
    }
  }
  return checks;
}

/** Judges every linked row and checks the formats of every row's ids. */
export function corroborate(
  view: SampleView,
  links: readonly LinkedRow[],
  records: RecordProfile,
): CorroborationSummary {
  const byRow = new Map<number, RowProvenance>();
  const fields: Record<string, { agree: number; disagree: number }> = {};
  let corroborated = 0;
  let byAddress = 0;
  let contradicted = 0;
  for (const link of links) {
    if (!(link.row >= 1 && link.row <= view.rows) || byRow.has(link.row)) continue;
    const judgement = judgeRow(link.fields);
    byRow.set(link.row, judgement.provenance);
    if (judgement.provenance === 'corroborated') {
      corroborated++;
      if (judgement.basis === 'address') byAddress++;
    } else if (judgement.provenance === 'contradicted') contradicted++;
    for (const [name, outcome] of Object.entries(link.fields)) {
      if (outcome === 'absent') continue;
      const counts = fields[name] ?? { agree: 0, disagree: 0 };
      counts[outcome]++;
      fields[name] = counts;
    }
  }
  const checks = fitChecks(view, records);
  const formatFit: Record<string, { checked: number; fitting: number }> = {};
  let unlinkedChecked = 0;
  let unlinkedFitting = 0;
  for (const i of view.signalRows) {
    let checked = false;
    let allFit = true;
    for (const check of checks) {
      const fit = check.test(i);
      if (fit === undefined) continue;
      const counts = formatFit[check.name] ?? { checked: 0, fitting: 0 };
      counts.checked++;
      if (fit) counts.fitting++;
      formatFit[check.name] = counts;
      checked = true;
      allFit &&= fit;
    }
    if (checked && !byRow.has(i + 1)) {
      unlinkedChecked++;
      if (allFit) unlinkedFitting++;
    }
  }
  return {
    rows: view.rows,
    linked: byRow.size,
    corroborated,
    corroboratedByAddressOnly: byAddress,
    contradicted,
    uncorroborated: byRow.size - corroborated - contradicted,
    fields,
    byRow,
    unlinkedChecked,
    unlinkedFitting,
    formatFit,
  };
}

/** The largest table we hold: what a claimed count is measured against. */
export function ourRecordCount(records: RecordProfile): number {
  return Math.max(0, ...Object.values(records.tables));
}

/**
 * identityShare and fromRecordsShare with exact 95% intervals, and the most of our rows the
 * claim can hold: the upper bound of fromRecordsShare times the claimed count, capped by
 * the size of our largest table.
 */
export function estimateShares(
  summary: CorroborationSummary,
  records: RecordProfile,
  claimedRows: number | null,
): Estimate {
  const n = summary.rows;
  const identity = clopperPearson(summary.linked, n);
  const fromRecords = clopperPearson(summary.corroborated, n);
  const plausible =
    claimedRows === null ? null : Math.min(ourRecordCount(records), Math.ceil(fromRecords[1] * claimedRows));
  return {
    identityShare: n === 0 ? 0 : summary.linked / n,
    identityShareCi95: identity,
    fromRecordsShare: n === 0 ? 0 : summary.corroborated / n,
    fromRecordsShareCi95: fromRecords,
    claimedRows,
    plausibleOurRowsMax: plausible,
  };
}
