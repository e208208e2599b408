/**
 * Comparison levels as data: how each field of a (sample row, record) pair is compared, over
 * named per-pair primitives (fingerprint equality, Dice of Bloom filters). comparison.ts
 * turns these into SQL; em.ts and predict.ts give each level its weight.
 */
import {
  BLOOMS,
  type BloomName,
  bcColumn,
  bloomWordColumns,
  FINGERPRINTS,
  type FingerprintName,
  fpColumn,
} from './schema.js';
import type { BlockingRule } from './settings.js';

/** One level of a comparison: it applies when `when` (SQL on `s`, `r`) holds. */
export interface ComparisonLevel {
  readonly label: string;
  readonly when: string;
  /** Whether rows.csv lists the comparison as agreeing at this level (default: exact and close). */
  readonly agrees?: boolean;
}

/**
 * A comparison gives each pair a level: -1 when either side lacks the field, then the index
 * of the first matching level counted from the bottom (levels are listed best first; the
 * implicit lowest level 0 is "far"). `tf` names a fingerprint whose agreement the best level
 * implies: the best level gets the term-frequency adjustment for the agreeing value and,
 * unless `tfIsBest` is false (the best level asks for more, e.g. postcode and city), takes
 * its u exactly from that fingerprint's value frequencies.
 */
export interface Comparison {
  readonly name: string;
  readonly present: string;
  readonly levels: readonly ComparisonLevel[];
  readonly tf?: FingerprintName;
  readonly tfIsBest?: boolean;
}

/**
 * Comparison levels are written over named per-pair primitives, which the comparison step
 * computes once per pair (a Dice coefficient costs a Bloom-filter AND and a popcount):
 * `e_<fp>` fingerprints equal, `n_<fp>` both sides have it, `d_<filter>` Dice of the two
 * filters (NULL when either side lacks it), plus the few below.
 */
export function primitiveSql(name: string): string | undefined {
  const special = SPECIAL_PRIMITIVES[name];
  if (special !== undefined) return special;
  const m = /^([end])_(\w+)$/.exec(name);
  if (!m) return undefined;
  const [, kind, field] = m;
  if (kind === 'd') {
    if (!(BLOOMS as readonly string[]).includes(field!)) return undefined;
    const b = field as BloomName;
    const both = bloomWordColumns(b).map((w) => `bit_count(s.${w} & r.${w})::INTEGER`);
    return `(2.0 * (${both.join(' + ')}) / nullif(s.${bcColumn(b)} + r.${bcColumn(b)}, 0))`;
  }
  if (!(FINGERPRINTS as readonly string[]).includes(field!)) return undefined;
  const c = fpColumn(field as FingerprintName);
  return kind === 'e' ? `(s.${c} = r.${c})` : `(s.${c} IS NOT NULL AND r.${c} IS NOT NULL)`;
}

const SPECIAL_PRIMITIVES: Readonly<Record<string, string>> = {
  // Day and month swapped (the US/EU confusion), either way round.
  e_dob_swapped: '(s.fp_dob_swapped = r.fp_dob OR s.fp_dob = r.fp_dob_swapped)',
  // A phone with or without its country code on either side.
  n_phone_any:
    '(coalesce(s.fp_phone, s.fp_phone_national) IS NOT NULL AND coalesce(r.fp_phone, r.fp_phone_national) IS NOT NULL)',
};

/** The primitives an SQL text uses, in order of first use. */
export function primitivesIn(sql: string): string[] {
  return [...new Set(sql.match(/\b[end]_\w+/g) ?? [])].filter((n) => primitiveSql(n) !== undefined);
}

/** The Bloom filter that encodes the same value as a fingerprint, if any. */
const BLOOM_OF: Readonly<Partial<Record<FingerprintName, BloomName>>> = {
  first_name: 'first_name',
  last_name: 'last_name',
  name_tokens: 'name',
  street: 'street',
  street_number: 'street',
  city: 'city',
};

/**
 * The primitives a blocking rule selects on: a pair found only through this rule agrees on
 * them because of the selection, not necessarily because it is a match (em.ts).
 */
export function rulePrimitives(rule: BlockingRule): string[] {
  const fps = rule.kind === 'exact' ? [...rule.keys] : [...(rule.with ?? [])];
  const out = fps.flatMap((f) => {
    const b = BLOOM_OF[f];
    return [`e_${f}`, `n_${f}`, ...(b ? [`d_${b}`] : [])];
  });
  if (rule.kind === 'bands') {
    out.push(`d_${rule.filter}`);
    for (const [f, b] of Object.entries(BLOOM_OF)) if (b === rule.filter) out.push(`e_${f}`);
    // The whole-name filter is similar when the first and last names are.
    if (rule.filter === 'name') out.push('d_first_name', 'd_last_name', 'e_first_name', 'e_last_name');
  }
  if (fps.includes('name_tokens')) out.push('e_first_name', 'e_last_name', 'd_first_name', 'd_last_name');
  return [...new Set(out)];
}

/** The primitives a comparison reads. */
export function comparisonPrimitives(c: Comparison): string[] {
  return primitivesIn([c.present, ...c.levels.map((l) => l.when)].join(' '));
}

const exactOnly = (f: FingerprintName): Comparison => ({
  name: f,
  present: `n_${f}`,
  levels: [{ label: 'exact', when: `e_${f}` }],
  tf: f,
});

/**
 * Dice thresholds of the fuzzy levels, best first. Filters are about half full (the privacy
 * setting of protect/bloom.ts), so two unrelated values already share about half their
 * bits: unrelated names score 0.4–0.6, and only the upper range carries evidence.
 */
export interface DiceThresholds {
  readonly name: readonly number[];
  readonly street: readonly number[];
  readonly city: readonly number[];
  /** Swapped first and last name: the whole-name filter at least this similar. */
  readonly swap: readonly number[];
}

const FUZZY_LABELS = ['close', 'similar', 'weak', 'faint'];

function diceLevels(filter: BloomName, thresholds: readonly number[]): ComparisonLevel[] {
  return thresholds.map((t, i) => ({ label: FUZZY_LABELS[i] ?? `dice${t}`, when: `d_${filter} >= ${t}` }));
}

function nameComparison(field: 'first_name' | 'last_name', t: DiceThresholds): Comparison {
  return {
    name: field,
    present: `d_${field} IS NOT NULL`,
    levels: [
      // Equal sorted name words also cover first and last name written the other way round.
      { label: 'exact', when: `e_${field} OR e_name_tokens` },
      ...diceLevels(field, t.name),
    ],
    tf: field,
  };
}

export function defaultComparisons(t: DiceThresholds): Comparison[] {
  const low = t.name[t.name.length - 1] ?? 0.7;
  return [
    {
      name: 'email',
      present: 'n_email',
      levels: [
        { label: 'exact', when: 'e_email' },
        { label: 'close', when: 'e_email_provider' },
      ],
      // No term-frequency adjustment on emails and phones: a value belongs to one person, so
      // its frequency among records (an email repeated on that person's orders) says nothing
      // about two different people sharing it, which is what u must measure.
    },
    {
      name: 'phone',
      present: 'n_phone_any',
      levels: [
        { label: 'exact', when: 'e_phone' },
        { label: 'close', when: 'e_phone_national' },
      ],
    },
    exactOnly('username'),
    exactOnly('internal_id'),
    exactOnly('national_id'),
    exactOnly('order_id'),
    nameComparison('first_name', t),
    nameComparison('last_name', t),
    {
      // First and last name swapped and misspelt: each alone looks unrelated, the whole name
      // does not. A separate comparison so that the evidence counts once, not per field.
      name: 'name_swap',
      present: 'd_first_name IS NOT NULL AND d_last_name IS NOT NULL',
      levels: t.swap.map((threshold, i) => ({
        label: FUZZY_LABELS[i] ?? `dice${threshold}`,
        when: `NOT coalesce(e_name_tokens, false) AND d_first_name < ${low} AND d_last_name < ${low} AND d_name >= ${threshold}`,
      })),
    },
    {
      name: 'dob',
      present: 'n_dob',
      levels: [
        { label: 'exact', when: 'e_dob' },
        // One wrong digit leaves two of year, month and day.
        { label: 'close', when: 'e_dob_swapped OR e_dob_ym' },
        { label: 'similar', when: 'e_dob_md OR e_dob_yd' },
      ],
      tf: 'dob',
    },
    {
      // Postcode and city in one comparison: where the postcode decides the city, two
      // comparisons would count one agreement twice (and let a fabricated row that shares a
      // postcode with a record look like it); where they are independent (FEBRL4), the
      // joint levels' u, estimated from random pairs, keeps their evidence apart.
      name: 'place',
      present: '(n_postcode OR d_city IS NOT NULL)',
      levels: [
        { label: 'exact', when: 'e_postcode AND e_city' },
        { label: 'close', when: `e_postcode AND d_city >= ${t.city[0] ?? 0.85}` },
        { label: 'similar', when: 'e_postcode', agrees: true },
        { label: 'weak', when: 'e_city', agrees: true },
        { label: 'faint', when: `d_city >= ${t.city[0] ?? 0.85}` },
      ],
      tf: 'postcode',
      tfIsBest: false,
    },
    {
      name: 'street',
      present: 'd_street IS NOT NULL',
      levels: [
        { label: 'exact', when: 'e_street_number' },
        { label: 'close', when: `e_street OR d_street >= ${t.street[0] ?? 0.85}` },
        ...diceLevels('street', t.street.slice(1)).map((l, i) => ({
          ...l,
          label: FUZZY_LABELS[i + 1] ?? l.label,
        })),
      ],
      tf: 'street_number',
    },
  ];
}

export const DEFAULT_DICE: DiceThresholds = {
  name: [0.85, 0.75, 0.65],
  street: [0.85, 0.75],
  city: [0.85, 0.75],
  swap: [0.75, 0.65],
};
