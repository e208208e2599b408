import { type Cell, type ColumnParams, FIELD_KINDS, type FieldKind } from '../core/types.js';
import { type ColumnValues, detectValues, type ValueEvidence } from './detect.js';
import { countryOf, measurePlaces } from './detect-names.js';
import { dominant, pct } from './evidence.js';
import { type HeaderInfo, matchHeader } from './headers.js';
import { resolveMappingColumns } from './mapping.js';
import { assignCountries, checkPostcodeCountries } from './place-countries.js';
import type { ColumnMapping, ColumnProfile } from './types.js';

export interface ProfileOptions {
  readonly mapping?: ColumnMapping;
  /** Where the mapping came from, to name it in errors (a file path). */
  readonly mappingSource?: string;
  /** ISO alpha-2 used when nothing in the sample tells a phone or postcode's country. */
  readonly defaultRegion?: string;
}

/** Rows looked at, at most: enough for any decision, and a bound on time for huge inputs. */
const MAX_ROWS = 100_000;
/** Values per column the detectors look at; all rows still count for uniqueness. */
const MAX_VALUES = 2000;
/** Longest value a detector sees: real values of every kind are far shorter. */
const MAX_VALUE_CHARS = 1000;
/** How much a header adds to value evidence that is consistent with it. */
const HEADER_WEIGHT = 0.5;
/** The score `unknown` gets, which any other kind must beat. */
const UNKNOWN_SCORE = 0.2;

const SPLITS: Partial<Record<FieldKind, readonly FieldKind[]>> = {
  full_name: ['first_name', 'last_name'],
  address: ['street', 'postcode', 'city'],
};

const GENERIC_KINDS: ReadonlySet<FieldKind> = new Set(['password', 'username', 'text']);
const NAME_KINDS: ReadonlySet<FieldKind> = new Set(['first_name', 'last_name', 'full_name']);

/**
 * Infers each column's kind from its header and a sample of its values (the first 10-20k
 * rows are plenty). Never throws on sample content; throws `fields.mapping` only when the
 * mapping names a column the sample does not have.
 * @example profileColumns(['cellulare'], [['333 123 4567']])[0].kind === 'phone'
 */
export function profileColumns(
  columns: readonly string[],
  rows: readonly Cell[][],
  options: ProfileOptions = {},
): ColumnProfile[] {
  const source = options.mappingSource ?? 'the mapping';
  const mapped = options.mapping
    ? resolveMappingColumns(columns, options.mapping, source)
    : new Map<number, { kind: FieldKind; params?: ColumnParams }>();
  const samples = columns.map((_, c) => sampleColumn(rows, c));
  const headers = columns.map((name) => matchHeader(typeof name === 'string' ? name : ''));
  const countryColumn = findCountryColumn(samples, headers, mapped);
  const rowCountry =
    countryColumn === undefined
      ? undefined
      : (row: number): string | undefined => {
          const cell = rows[row]?.[countryColumn];
          return typeof cell === 'string' && cell.length <= 60 ? countryOf(cell) : undefined;
        };
  const sampleCountry =
    countryColumn === undefined
      ? undefined
      : dominant(samples[countryColumn]!.values.map((v) => countryOf(v)));
  const evidence = samples.map((sample, c) =>
    detectValues(sample, {
      header: headers[c]!.folded,
      ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}),
      ...(rowCountry ? { rowCountry } : {}),
    }),
  );
  const profiles = columns.map((name, c): ColumnProfile => {
    const inferred = decideColumn(c, String(name), headers[c]!, samples[c]!, evidence[c]!);
    const m = mapped.get(c);
    if (m === undefined) return inferred;
    // The user's word is final; what the values imply (date order, phone region) still helps.
    const { splits: _splits, ...rest } = inferred;
    const params = { ...(evidence[c]!.params[m.kind] ?? {}), ...(m.params ?? {}) };
    const splits = SPLITS[m.kind];
    return {
      ...rest,
      kind: m.kind,
      confidence: 1,
      params,
      evidence: `set by ${source}`,
      mapped: true,
      ...(splits ? { splits } : {}),
    };
  });
  const placed = assignCountries(
    resolveNames(profiles, headers, evidence),
    sampleCountry,
    options.defaultRegion,
  );
  return checkPostcodeCountries(placed, samples, sampleCountry, options.defaultRegion);
}

/** Non-empty values of column c, at most MAX_VALUES of them spread over the rows. */
function sampleColumn(rows: readonly Cell[][], c: number): ColumnValues {
  const filledRows: number[] = [];
  const distinct = new Set<string>();
  const end = Math.min(rows.length, MAX_ROWS);
  for (let r = 0; r < end; r++) {
    const cell = rows[r]?.[c];
    if (typeof cell !== 'string') continue;
    const v = cell.length > MAX_VALUE_CHARS ? cell.slice(0, MAX_VALUE_CHARS) : cell.trim();
    if (v === '' || /^(?:null|nil|none|nan|undefined|n\/a|-|\\n)$/i.test(v)) continue;
    filledRows.push(r);
    distinct.add(v);
  }
  const step = Math.max(1, filledRows.length / MAX_VALUES);
  const values: string[] = [];
  const picked: number[] = [];
  for (let k = 0; k < filledRows.length && values.length < MAX_VALUES; k += step) {
    const r = filledRows[Math.floor(k)]!;
    const cell = rows[r]![c] as string;
    values.push(cell.length > MAX_VALUE_CHARS ? cell.slice(0, MAX_VALUE_CHARS) : cell.trim());
    picked.push(r);
  }
  return { values, rows: picked, filled: filledRows.length, distinct: distinct.size };
}

/** The column holding each row's country, if any: named so, or full of country values. */
function findCountryColumn(
  samples: readonly ColumnValues[],
  headers: readonly HeaderInfo[],
  mapped: ReadonlyMap<number, { kind: FieldKind }>,
): number | undefined {
  let best: { c: number; score: number } | undefined;
  samples.forEach((sample, c) => {
    const mappedKind = mapped.get(c)?.kind;
    if (mappedKind !== undefined && mappedKind !== 'country') return;
    const places = measurePlaces(sample.values.slice(0, 200));
    const named = headers[c]!.matches.find((m) => m.kind === 'country')?.strength ?? 0;
    const other = headers[c]!.matches.find((m) => m.kind !== 'country' && m.strength >= 0.9);
    // Two-letter province and state codes are often also country codes (TO, PA, CA).
    const plain = places.country > places.region && !other;
    const score =
      mappedKind === 'country' ? 2 : plain ? places.country + (places.country >= 0.5 ? named * 0.5 : 0) : 0;
    if (score >= 0.8 && (!best || score > best.score)) best = { c, score };
  });
  return best?.c;
}

function headerStrength(header: HeaderInfo, kind: FieldKind): number {
  return header.matches.find((m) => m.kind === kind)?.strength ?? 0;
}

function decideColumn(
  index: number,
  name: string,
  header: HeaderInfo,
  sample: ColumnValues,
  ev: ValueEvidence,
): ColumnProfile {
  const top = header.matches[0];
  const base = { index, name, params: {} as ColumnParams, alternatives: [] as ColumnProfile['alternatives'] };
  if (sample.values.length === 0) {
    // Nothing to look at: a header alone is a hint, not a finding.
    if (!top) return { ...base, kind: 'unknown', confidence: 0, evidence: 'no values and no known header' };
    return {
      ...base,
      kind: top.kind,
      confidence: 0.3 * top.strength,
      evidence: `header '${name}' (${top.lang}) only; the column has no values`,
    };
  }
  if (header.nationalId) {
    // Tax codes, social security and ID-card numbers identify a person, as an email does;
    // they are not values only our systems hold (not an internal_id: no provenance).
    return {
      ...base,
      kind: 'national_id',
      confidence: 0.8,
      evidence: `header '${name}' names a national identifier`,
    };
  }
  // Passwords, handles and free text fit almost anything: values that are clearly of a
  // structured kind (dates, phones, hashes...) are not evidence for them.
  let structured = 0;
  for (const kind of FIELD_KINDS)
    if (!GENERIC_KINDS.has(kind)) structured = Math.max(structured, ev.scores[kind] ?? 0);
  const scored = FIELD_KINDS.map((kind) => {
    const v = (ev.scores[kind] ?? 0) * (GENERIC_KINDS.has(kind) ? 1 - structured : 1);
    const fit = kind === 'text' || kind === 'unknown' ? 1 : (ev.fits[kind] ?? 0);
    const h = headerStrength(header, kind);
    const score = kind === 'unknown' ? UNKNOWN_SCORE : v + HEADER_WEIGHT * h * Math.min(1, fit * 1.6);
    return { kind, score };
  }).sort((a, b) => b.score - a.score);
  const winner = scored[0]!;
  const second = scored[1]!;
  return finish(base, header, sample, ev, winner.kind, winner.score, second.score, scored);
}

function finish(
  base: { index: number; name: string; params: ColumnParams; alternatives: ColumnProfile['alternatives'] },
  header: HeaderInfo,
  sample: ColumnValues,
  ev: ValueEvidence,
  kind: FieldKind,
  score: number,
  runnerUp: number,
  scored: readonly { kind: FieldKind; score: number }[],
): ColumnProfile {
  const margin = Math.min(1, Math.max(0, score - runnerUp) / 0.3);
  let confidence = Math.min(1, score) * (0.55 + 0.45 * margin);
  // A few values prove little, however well they fit.
  if (sample.values.length < 20) confidence *= 0.6 + (0.4 * sample.values.length) / 20;
  const top = header.matches[0];
  const parts: string[] = [];
  const own = header.matches.find((m) => m.kind === kind);
  if (own) parts.push(`header '${base.name}' (${own.lang})`);
  const fact = ev.facts[kind];
  if (fact && (ev.scores[kind] ?? 0) > 0.05) parts.push(fact);
  const nameVariant = top !== undefined && NAME_KINDS.has(top.kind) && NAME_KINDS.has(kind);
  const headerAgrees = (own?.strength ?? 0) >= 0.9;
  if (top && top.strength >= 0.9 && !headerAgrees && kind !== 'unknown' && !nameVariant) {
    confidence *= 0.85;
    parts.push(`although the header suggests ${top.kind}`);
  }
  if (kind === 'unknown') parts.push('no kind fits the values');
  const alternatives = scored
    .filter((s) => s.kind !== kind && s.score > 0.1)
    .slice(0, 3)
    .map((s) => ({ kind: s.kind, score: round(Math.min(1, s.score)) }));
  const splits = SPLITS[kind];
  return {
    ...base,
    kind,
    confidence: round(Math.max(0, Math.min(0.99, confidence))),
    params: ev.params[kind] ?? {},
    evidence: parts.join('; ') || `${pct(ev.fits[kind] ?? 0)} of values fit`,
    alternatives,
    ...(splits ? { splits } : {}),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Name columns the header alone cannot settle: `name` holding single words is a first name,
 * or a surname next to a first-name column (German `Vorname` + `Name`); a first- or
 * last-name header over "First Last" values is a full name.
 */
function resolveNames(
  profiles: readonly ColumnProfile[],
  headers: readonly HeaderInfo[],
  evidence: readonly ValueEvidence[],
): ColumnProfile[] {
  const hasFirst = profiles.some((p) => p.kind === 'first_name');
  return profiles.map((p) => {
    const ev = evidence[p.index]!;
    const words = ev.meanTokens;
    const header = headers[p.index]!;
    const genericName = header.matches[0]?.kind === 'full_name' && header.matches[0].strength >= 0.9;
    const nameLike = NAME_KINDS.has(p.kind) || (p.kind === 'unknown' && (ev.fits.first_name ?? 0) >= 0.8);
    if (genericName && nameLike && words > 0 && words < 1.3 && !p.mapped) {
      const last =
        (hasFirst && p.kind !== 'first_name') ||
        (ev.scores.last_name ?? 0) > (ev.scores.first_name ?? 0) * 1.5;
      const kind: FieldKind = last ? 'last_name' : 'first_name';
      const why = hasFirst && last ? 'single words next to a first-name column' : 'single words';
      const { splits: _splits, ...rest } = p;
      const confidence = round(Math.max(0.5, Math.min(p.confidence, 0.9)));
      const evidence = `header '${p.name}' (${header.matches[0]!.lang}) over ${why}; ${ev.facts[kind] ?? ''}`;
      return { ...rest, kind, evidence: evidence.replace(/; $/, ''), confidence };
    }
    if (
      (p.kind === 'first_name' || p.kind === 'last_name') &&
      words >= 1.8 &&
      (ev.scores.full_name ?? 0) >= 0.4
    ) {
      return {
        ...p,
        kind: 'full_name',
        splits: SPLITS.full_name!,
        evidence: `${p.evidence}; values are first name + surname`,
        confidence: round(Math.min(p.confidence, ev.scores.full_name ?? 0)),
      };
    }
    return p;
  });
}
