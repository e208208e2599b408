/**
 * The linkage settings as data: which keys block, the comparisons (comparison-levels.ts),
 * caps, budgets and thresholds. SQL builders read these; nothing here touches a database.
 */
import { type Comparison, DEFAULT_DICE, defaultComparisons } from './comparison-levels.js';
import { type BloomName, type FingerprintName, LSH_BITS } from './schema.js';

/**
 * A blocking rule on exact keys: pairs whose fingerprints are equal on every listed key.
 * A `fallback` rule runs, like band rules, only for rows the others found no strong
 * candidate for, within a per-row budget (blocking.ts): for keys too common to pair every
 * row on at scale, such as a birth date alone.
 */
export interface ExactRule {
  readonly kind: 'exact';
  readonly name: string;
  readonly keys: readonly FingerprintName[];
  readonly fallback?: boolean;
  /**
   * A `secondary` rule runs only for weak rows too, but without the per-row budget: only
   * its block cap applies. For keys that find the true record of a row with few other keys
   * (a full name, a surname in a postcode) but mostly pair a row that already met its record
   * on several identifiers with other people of the same name or street.
   */
  readonly secondary?: boolean;
}

/**
 * A blocking rule on Bloom-filter bands (LSH for Hamming distance): the filter's 64 sampled
 * bits (`lbColumn`, schema.ts: the first 64-bit word) are cut into `bands` bands of `bits` bits; pairs meet when all
 * bits of some band agree. Half-full filters agree on a bit by chance half the time, so a
 * band alone is weak: `with` names exact keys (a postcode, a surname) the pair must share,
 * which keeps blocks small at scale while the band tolerates typos in the fuzzy field.
 * blocking-bands.ts joins on those keys first and filters by band after.
 */
export interface BandRule {
  readonly kind: 'bands';
  readonly name: string;
  readonly filter: BloomName;
  readonly bands: number;
  readonly bits: number;
  /** Exact keys the pair must share (at least one): the band alone is too weak to block on. */
  readonly with: readonly FingerprintName[];
}

export type BlockingRule = ExactRule | BandRule;

const exact = (...keys: FingerprintName[]): ExactRule => ({ kind: 'exact', name: keys.join('+'), keys });

const secondary = (...keys: FingerprintName[]): ExactRule => ({ ...exact(...keys), secondary: true });

const band = (filter: BloomName, ...keys: FingerprintName[]): BandRule => ({
  kind: 'bands',
  name: `${filter}~${keys.join('+')}`,
  filter,
  bands: 8,
  bits: 8,
  with: keys,
});

export const DEFAULT_BLOCKING: readonly BlockingRule[] = [
  exact('email'),
  exact('email_provider'),
  exact('phone'),
  exact('phone_national'),
  exact('username'),
  exact('internal_id'),
  exact('national_id'),
  exact('order_id'),
  // Common at scale: run for every row of a 1M-row sample against 10M records, the five
  // secondary rules made 10.5M candidate pairs; run for weak rows only, 6.3M and the same
  // links. The others were rows that had met their record on email, phone and postcode,
  // paired with namesakes and neighbours. (Birth date and postcode, and house number and
  // postcode, stay ordinary rules: as secondary ones they left 63k more rows weak and made
  // more pairs in all.)
  secondary('first_name', 'dob'),
  secondary('last_name', 'dob'),
  exact('dob', 'postcode'),
  exact('street_number', 'postcode'),
  secondary('name_tokens'),
  secondary('last_name', 'postcode'),
  secondary('street_number', 'city'),
  // Weaker pairs (a first name or a street in a city, a birth date in a city) reach
  // hundreds of records each at scale: measured on 1M generated customers they tripled the
  // candidate pairs without finding a true pair the rules above and the fallbacks missed.
  { ...exact('dob'), fallback: true },
  // Fuzzy: a misspelt field meets its record through an exact one. Each band rule expands
  // every record into `bands` keys, so only those that found true pairs no other rule found
  // on FEBRL4 are kept; first names are too common to be the exact half at scale.
  band('name', 'postcode'),
  band('name', 'dob'),
  band('name', 'street'),
  band('street', 'postcode'),
  band('street', 'last_name'),
];

/** Probability thresholds of the link levels (SPEC.md rows.csv `level`). */
export interface LevelThresholds {
  readonly exact: number;
  readonly probable: number;
  /** The floor: pairs below it are not links at all. */
  readonly possible: number;
}

export interface LinkSettings {
  readonly blocking: readonly BlockingRule[];
  readonly comparisons: readonly Comparison[];
  /** Records sharing one blocking key beyond this are not paired on that key (reported). */
  readonly maxBlockSize: number;
  /**
   * The block cap of secondary rules (full name, surname + postcode, house number + city,
   * first or last name + birth date), which run for weak rows; never above `maxBlockSize`. Weak rows are mostly rows that
   * are not our customers, and a key they share with more records than this pairs them with
   * namesakes and neighbours. Measured on 10M generated customers (BENCHMARKS.md, session
   * 11): with the cap at 20 as for other rules, a 1M-row leak made 6.26M candidate pairs and
   * the same leak without emails and phones 10.79M; at 5, 3.22M and 4.70M, with the same true
   * links (P 0.99870 R 0.99995; without emails and phones, R 0.95003 either way).
   */
  readonly secondaryBlockSize: number;
  /** Fallback rules run for sample rows whose best candidate met fewer other rules (blocking.ts). */
  readonly weakBelowRules: number;
  /** Per weak row, most records its fallback keys may reach (blocking.ts). */
  readonly fallbackBudget: number;
  /** Random sample-row × record pairs used to estimate u-probabilities. */
  readonly uPairs: number;
  /**
   * Most records one comparison join reads: beyond it, pairs are compared in slices of
   * record ids, so the join's hash table stays well inside DuckDB's memory limit.
   */
  readonly comparisonSliceRecords: number;
  readonly emIterations: number;
  readonly emTolerance: number;
  readonly levels: LevelThresholds;
  /**
   * Report the row-level probability (predict.ts: this record is the row's one match) rather
   * than the pairwise one.
   */
  readonly rowProbability: boolean;
  /** Seed for random pairs, so runs are reproducible. */
  readonly seed: number;
}

export const DEFAULT_SETTINGS: LinkSettings = {
  blocking: DEFAULT_BLOCKING,
  comparisons: defaultComparisons(DEFAULT_DICE),
  maxBlockSize: 20,
  secondaryBlockSize: 5,
  weakBelowRules: 3,
  fallbackBudget: 20,
  uPairs: 300_000,
  comparisonSliceRecords: 2_500_000,
  emIterations: 30,
  emTolerance: 1e-5,
  levels: { exact: 0.999, probable: 0.95, possible: 0.5 },
  rowProbability: true,
  seed: 42,
};

/** What callers may override; everything else takes DEFAULT_SETTINGS. */
export type LinkSettingsInput = Partial<Omit<LinkSettings, 'levels'>> & {
  readonly levels?: Partial<LevelThresholds>;
};

/** Fills in defaults; rejects settings that would make the SQL meaningless. */
export function resolveSettings(partial: LinkSettingsInput = {}): LinkSettings {
  const s = { ...DEFAULT_SETTINGS, ...partial, levels: { ...DEFAULT_SETTINGS.levels, ...partial.levels } };
  const { exact: e, probable: p, possible: f } = s.levels;
  if (!(f > 0 && f <= p && p <= e && e < 1))
    throw new RangeError('level thresholds must satisfy 0 < possible <= probable <= exact < 1');
  if (
    !(
      s.maxBlockSize >= 1 &&
      s.secondaryBlockSize >= 1 &&
      s.uPairs >= 1 &&
      s.emIterations >= 1 &&
      s.comparisonSliceRecords >= 1
    )
  )
    throw new RangeError(
      'maxBlockSize, secondaryBlockSize, uPairs, comparisonSliceRecords and emIterations must be positive',
    );
  for (const rule of s.blocking) {
    if (rule.kind === 'bands' && !(rule.bits >= 1 && rule.bands >= 1 && rule.bits * rule.bands <= LSH_BITS)) {
      throw new RangeError(
        `blocking rule ${rule.name}: needs bits >= 1, bands >= 1, bits * bands <= ${LSH_BITS}`,
      );
    }
    if (rule.kind === 'bands' && rule.with.length === 0) {
      throw new RangeError(
        `blocking rule ${rule.name}: a band rule needs at least one exact key in \`with\``,
      );
    }
  }
  return s;
}
