import type { Signal } from '../core/report.js';
import type { FieldKind } from '../core/types.js';
import { count, percent } from './signals/common.js';
import { describeAgreement } from './signals/provenance.js';
import { clopperPearson } from './stats.js';
import type { CorroborationSummary, Estimate, Verdict } from './types.js';

/**
 * The verdict: one SPEC label, a confidence and a paragraph a communications team can read.
 * Linkage evidence outranks heuristics: corroborated rows make a sample authentic (or
 * partly) whatever its names look like; identity overlap without corroboration makes it
 * recycled unless signs of generation are strong; only rows that do not link are judged
 * fabricated or unrelated by the signals; and a sample we cannot compare is inconclusive,
 * never fabricated for want of evidence.
 */

export interface VerdictThresholds {
  readonly minRows: number;
  readonly partialFloor: number;
  readonly authenticShare: number;
  /** Fabrication weight that makes unlinked rows fabricated rather than unrelated. */
  readonly fabricated: number;
  /** Fabrication weight that makes identity-linked, uncorroborated rows fabricated rather than recycled. */
  readonly fabricatedOverIdentity: number;
}

export const DEFAULT_THRESHOLDS: VerdictThresholds = {
  minRows: 30,
  partialFloor: 0.01,
  authenticShare: 0.8,
  fabricated: 3,
  fabricatedOverIdentity: 5,
};

export interface VerdictInput {
  readonly estimate: Estimate;
  readonly corroboration: CorroborationSummary;
  readonly signals: readonly Signal[];
  /** Kinds of the sample's columns and of our records. */
  readonly sampleKinds: readonly FieldKind[];
  readonly recordKinds: readonly FieldKind[];
  readonly thresholds?: Partial<VerdictThresholds>;
  readonly organisation?: string;
}

const STRONG_KEYS: readonly FieldKind[] = [
  'email',
  'phone',
  'username',
  'internal_id',
  'order_id',
  'ip',
  'card_number',
];
const NAME_KINDS: readonly FieldKind[] = ['first_name', 'last_name', 'full_name'];
const NAME_COMPANIONS: readonly FieldKind[] = ['date_of_birth', 'postcode', 'street', 'address', 'city'];

/** The fields a person in the sample can be linked on: kinds both sides hold that identify someone. */
export function comparableFields(sample: readonly FieldKind[], records: readonly FieldKind[]): FieldKind[] {
  const both = sample.filter(
    (k) => records.includes(k) || (k === 'full_name' && records.includes('first_name')),
  );
  const strong = both.filter((k) => STRONG_KEYS.includes(k));
  const names = both.filter((k) => NAME_KINDS.includes(k));
  const companions = both.filter((k) => NAME_COMPANIONS.includes(k));
  return names.length > 0 && companions.length > 0 ? [...strong, ...names, ...companions] : strong;
}

const KIND_WORDS: Partial<Record<FieldKind, string>> = {
  password_hash: 'password hashes',
  password: 'passwords',
  internal_id: 'customer numbers',
  order_id: 'order numbers',
  date_of_birth: 'dates of birth',
  first_name: 'first names',
  last_name: 'surnames',
  full_name: 'full names',
  ip: 'IP addresses',
  card_number: 'card numbers',
  unknown: 'unrecognised columns',
};

function kindWords(kinds: readonly FieldKind[]): string {
  const words = [...new Set(kinds.map((k) => KIND_WORDS[k] ?? `${k.replace('_', ' ')}s`))];
  if (words.length <= 1) return words[0] ?? 'nothing';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function clamp(x: number, lo = 0.5, hi = 0.99): number {
  return Math.round(Math.min(hi, Math.max(lo, x)) * 100) / 100;
}

function share(x: number, ci: readonly [number, number]): string {
  return `${percent(x)} (95% confidence: ${percent(ci[0])} to ${percent(ci[1])})`;
}

function topSignals(signals: readonly Signal[], family: Signal['family'], k = 3): Signal[] {
  return signals
    .filter((s) => s.family === family && s.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, k);
}

function sentenceOf(details: readonly Signal[]): string {
  return details.map((s) => s.detail).join('; ');
}

function claimSentence(e: Estimate): string {
  if (e.claimedRows === null || e.plausibleOurRowsMax === null) return '';
  return ` The poster claims ${count(e.claimedRows)} records; given this sample, at most ${count(e.plausibleOurRowsMax)} of them can come from our records.`;
}

/** Decides the label, its confidence and the summary. */
export function decideVerdict(input: VerdictInput): Verdict {
  const t = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const { estimate: e, corroboration: c, signals } = input;
  const ours = input.organisation ? `${input.organisation}'s` : 'our';
  const n = c.rows;
  if (n < t.minRows) {
    return {
      label: 'inconclusive',
      confidence: 0,
      summary: `The sample has only ${count(n)} usable rows; at least ${t.minRows} are needed to measure how many could come from ${ours} records. A larger sample is needed before anything can be said.`,
    };
  }
  const comparable = comparableFields(input.sampleKinds, input.recordKinds);
  if (comparable.length === 0) {
    const held = input.sampleKinds.filter((k) => k !== 'unknown');
    return {
      label: 'inconclusive',
      confidence: 0,
      summary: `The sample cannot be compared with ${ours} records: it holds ${kindWords(held.length > 0 ? held : ['unknown'])}, none of which identifies a person in ${ours} records. To compare it we would need at least one of: email addresses, phone numbers, usernames, customer or order numbers, or names together with a date of birth or an address. This is not evidence that the sample is genuine or fake.`,
    };
  }
  const fabrication = signals.filter((s) => s.family === 'fabrication').reduce((s, x) => s + x.weight, 0);
  const fabricationSigns = topSignals(signals, 'fabrication');
  const [idLo, idHi] = e.identityShareCi95;
  const [recLo, recHi] = e.fromRecordsShareCi95;
  const facts = `Of its ${count(n)} rows, ${share(e.identityShare, e.identityShareCi95)} are people who are ${ours} customers, and ${share(e.fromRecordsShare, e.fromRecordsShareCi95)} carry values only ${ours} systems hold.`;
  const agreed = describeAgreement(c, 'agree');
  const disagreed = describeAgreement(c, 'disagree');
  const addressOnly = c.corroborated > 0 && c.corroboratedByAddressOnly > c.corroborated / 2;
  const addressCaveat = addressOnly
    ? ' Most of the corroboration rests on addresses as we store them, which another company could also hold; the sample has no customer numbers, usernames or order numbers to confirm it.'
    : '';

  if (e.fromRecordsShare >= t.authenticShare && recLo >= 0.5) {
    return {
      label: 'authentic',
      confidence: clamp((0.5 + (recLo - 0.5) * 1.1) * (addressOnly ? 0.8 : 1)),
      summary: `The sample is consistent with an export of ${ours} records. ${facts} These rows match ${ours} records on data that only ${ours} systems hold${agreed ? ` (${agreed})` : ''}, so the linkage to ${ours} records decided this verdict, not the look of the data.${addressCaveat}${claimSentence(e)}`,
    };
  }
  if (recLo > t.partialFloor) {
    const rest =
      fabricationSigns.length > 0
        ? ` The other rows show signs of generation: ${sentenceOf(fabricationSigns)}.`
        : '';
    return {
      label: 'partially-authentic',
      confidence: clamp(
        0.6 +
          0.39 *
            Math.min(1, (recLo - t.partialFloor) / 0.05) *
            Math.min(1, (t.authenticShare - e.fromRecordsShare) / 0.2),
      ),
      summary: `Part of the sample comes from ${ours} records and the rest does not. ${facts} The corroborated rows match ${ours} records on data only ${ours} systems hold${agreed ? ` (${agreed})` : ''}; they are a statistically clear subset, so some genuine data has leaked, padded with rows from elsewhere.${rest}${addressCaveat}${claimSentence(e)}`,
    };
  }
  if (idLo > t.partialFloor) {
    const notOurs = disagreed
      ? ` Where they can be compared, their platform data differs from ours (${disagreed}).`
      : ' They carry no customer numbers, usernames or order numbers of ours.';
    if (fabrication >= t.fabricatedOverIdentity) {
      return {
        label: 'fabricated',
        confidence: clamp((1 - Math.exp(-fabrication / 3)) * (1 - recHi)),
        summary: `The sample is fabricated around real identities: it uses some of ${ours} customers' details, but the rows themselves were generated. ${facts}${notOurs} The rows show strong signs of generation: ${sentenceOf(fabricationSigns)}. The identities may come from an older breach elsewhere; the rows do not come from ${ours} systems.${claimSentence(e)}`,
      };
    }
    const recyclingSigns = topSignals(signals, 'recycling').filter(
      (s) => s.id !== 'identity-without-corroboration',
    );
    const more = recyclingSigns.length > 0 ? ` Also: ${sentenceOf(recyclingSigns)}.` : '';
    return {
      label: 'recycled',
      confidence: clamp(
        (0.5 + 0.49 * Math.min(1, (idLo - t.partialFloor) / 0.05) * Math.max(0, 1 - recHi / idLo)) *
          (1 - 0.15 * Math.min(1, fabrication / t.fabricatedOverIdentity)),
      ),
      summary: `The sample does not come from ${ours} systems, although it names some of ${ours} customers. ${facts}${notOurs} Being our customer is not proof that a row came from us: large platforms share customers, so these people most likely appear in another company's breach, a combolist or compiled data.${more}${claimSentence(e)}`,
    };
  }
  const fit = c.unlinkedChecked >= t.minRows ? clopperPearson(c.unlinkedFitting, c.unlinkedChecked) : null;
  if (fit && fit[0] > 0.5) {
    return {
      label: 'inconclusive',
      confidence: 0,
      summary: `The rows link to none of ${ours} current records, yet ${percent(c.unlinkedFitting / c.unlinkedChecked)} of them carry ids or usernames in ${ours} exact formats (check digits included). They may come from records ${ours} systems no longer hold (deleted or archived customers), or from someone who knows ${ours} formats well. Compare the sample with archived records before concluding.`,
    };
  }
  if (fabrication >= t.fabricated) {
    return {
      label: 'fabricated',
      confidence: clamp((1 - Math.exp(-fabrication / 3)) * (1 - idHi)),
      summary: `The sample is fabricated: its rows do not come from ${ours} records and show signs of having been generated. ${facts} Signs of generation: ${sentenceOf(fabricationSigns)}.${claimSentence(e)}`,
    };
  }
  return {
    label: 'unrelated',
    confidence: clamp(
      0.5 + 0.49 * Math.max(0, 1 - idHi / 0.05) * Math.max(0, 1 - fabrication / t.fabricated),
    ),
    summary: `The sample does not come from ${ours} records: its rows do not match ${ours} customers, and it looks like real data from somewhere else (no strong sign of generation). ${facts}${claimSentence(e)}`,
  };
}
