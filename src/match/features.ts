/**
 * From normalised values to the protected feature row both sides of the linkage share
 * (schema.ts): HMAC fingerprints for exact keys, keyed Bloom filters for fuzzy ones. The
 * plaintext only passes through here, in memory; what leaves is bytes.
 */
import type { FieldKind, Normalized } from '../core/types.js';
import { BloomEncoder, type BloomLayout, bloomBytes, fieldLayout, popcount } from '../protect/bloom.js';
import { fingerprintLabel } from '../protect/fingerprint.js';
import { Hmac64 } from '../protect/hmac64.js';
import { deriveSubkey, type SecretKey } from '../protect/key.js';
import type { SqlValue } from '../store/types.js';
import {
  BLOOM_BITS,
  BLOOMS,
  type BloomName,
  bcColumn,
  bloomWordColumns,
  FINGERPRINTS,
  type FingerprintName,
  fpColumn,
} from './schema.js';

/** The canonical values of one entity that features are built from; absent = unknown. */
export interface EntityValues {
  email?: string;
  /** The mailbox the provider delivers to (normalize/email.ts `provider` key). */
  emailProvider?: string;
  /** E.164. */
  phone?: string;
  phoneNational?: string;
  username?: string;
  internalId?: string;
  nationalId?: string;
  orderId?: string;
  firstName?: string;
  lastName?: string;
  /** A name that could not be split into first and last (one word, or no split). */
  fullName?: string;
  /** ISO `YYYY-MM-DD`. */
  dob?: string;
  postcode?: string;
  city?: string;
  /** Street name without the house number. */
  street?: string;
  houseNumber?: string;
}

/**
 * Which HKDF label each fingerprint uses. Derived keys share their field's subkey where the
 * values can coincide (an email and its provider variant), so equal strings give equal
 * fingerprints across the two columns (staged.ts reuses the email's when they are equal).
 */
const FP_LABELS: Readonly<Record<FingerprintName, string>> = {
  email: fingerprintLabel('email'),
  email_provider: fingerprintLabel('email'),
  phone: fingerprintLabel('phone'),
  phone_national: fingerprintLabel('phone', 'national'),
  username: fingerprintLabel('username'),
  internal_id: fingerprintLabel('internal_id'),
  national_id: fingerprintLabel('national_id'),
  order_id: fingerprintLabel('order_id'),
  first_name: fingerprintLabel('first_name'),
  last_name: fingerprintLabel('last_name'),
  name_tokens: fingerprintLabel('full_name', 'sorted'),
  dob: fingerprintLabel('date_of_birth'),
  dob_swapped: fingerprintLabel('date_of_birth'),
  dob_ym: fingerprintLabel('date_of_birth', 'ym'),
  dob_md: fingerprintLabel('date_of_birth', 'md'),
  dob_yd: fingerprintLabel('date_of_birth', 'yd'),
  postcode: fingerprintLabel('postcode'),
  city: fingerprintLabel('city'),
  street: fingerprintLabel('street', 'name'),
  street_number: fingerprintLabel('street'),
};

/** Bloom layouts (lengths in schema.ts BLOOM_BITS): names are short; streets carry more bigrams. */
export const BLOOM_LAYOUTS: Readonly<Record<BloomName, BloomLayout>> = {
  first_name: fieldLayout('first_name', BLOOM_BITS.first_name),
  last_name: fieldLayout('last_name', BLOOM_BITS.last_name),
  name: { ...fieldLayout('full_name', BLOOM_BITS.name), name: 'name' },
  street: fieldLayout('street', BLOOM_BITS.street),
  city: fieldLayout('city', BLOOM_BITS.city),
};

/** Fingerprint sub-keys and Bloom encoders, derived once per run from the master key. */
export class FeatureKeys {
  readonly #subkeys = new Map<string, SecretKey>();
  readonly #hmacs: Record<FingerprintName, Hmac64>;
  readonly #encoders: Record<BloomName, BloomEncoder>;

  constructor(readonly master: SecretKey) {
    for (const label of new Set(Object.values(FP_LABELS)))
      this.#subkeys.set(label, deriveSubkey(master, label));
    this.#hmacs = Object.fromEntries(
      FINGERPRINTS.map((f) => [f, new Hmac64(this.subkeyFor(f).bytes())]),
    ) as Record<FingerprintName, Hmac64>;
    this.#encoders = Object.fromEntries(
      BLOOMS.map((b) => [b, new BloomEncoder(master, BLOOM_LAYOUTS[b])]),
    ) as Record<BloomName, BloomEncoder>;
  }

  /**
   * The stored fingerprint of a value (protect/hmac64.ts), uncached: bulk
   * loads go through staged.ts, which fingerprints each repeating value once.
   */
  fingerprint(name: FingerprintName, value: string): bigint {
    return this.#hmacs[name].digest(value);
  }

  /** Writes the stored fingerprint of a value into `out[at..at + 1]` as a little-endian 64-bit integer (hmac64.ts). */
  fingerprintInto(name: FingerprintName, value: string, out: Uint32Array, at: number): void {
    this.#hmacs[name].digestInto(value, out, at);
  }

  /** The HKDF subkey a fingerprint column is computed under. */
  subkeyFor(name: FingerprintName): SecretKey {
    return this.#subkeys.get(FP_LABELS[name])!;
  }

  bloom(name: BloomName, values: Readonly<Partial<Record<FieldKind, string>>>): Uint32Array {
    return this.#encoders[name].encode(values);
  }

  /** ORs the bits of one value of `field` into `filter`, a filter of `name`'s layout. */
  bloomInto(name: BloomName, field: FieldKind, value: string, filter: Uint32Array): void {
    this.#encoders[name].addValue(field, value, filter);
  }
}

export type FeatureRow = Readonly<Record<string, number | bigint | null>>;

function dateParts(iso: string | undefined): { y: string; m: string; d: string } | undefined {
  const m = iso === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? { y: m[1]!, m: m[2]!, d: m[3]! } : undefined;
}

const words = (s: string | undefined): string[] => (s ?? '').split(' ').filter((w) => w !== '');

/**
 * The plaintext behind each per-person fingerprint column: values a person has alone (an
 * email, an id) or a combination of several fields (sorted name words, number and street).
 */
export function personFingerprintValues(v: EntityValues): Partial<Record<FingerprintName, string>> {
  const tokens = [...words(v.firstName), ...words(v.lastName), ...words(v.fullName)].sort();
  return {
    email: v.email,
    email_provider: v.emailProvider ?? v.email,
    phone: v.phone,
    phone_national: v.phoneNational,
    username: v.username,
    internal_id: v.internalId,
    national_id: v.nationalId,
    order_id: v.orderId,
    name_tokens: tokens.length > 0 ? tokens.join(' ') : undefined,
    street_number: v.street !== undefined && v.houseNumber ? `${v.houseNumber} ${v.street}` : undefined,
  };
}

/** The plaintext behind each fingerprint column (undefined: no fingerprint). */
export function fingerprintValues(v: EntityValues): Partial<Record<FingerprintName, string>> {
  const dob = dateParts(v.dob);
  const swappable = dob !== undefined && dob.m !== dob.d && Number(dob.d) <= 12;
  // Object.assign, not a spread followed by more properties: V8 took ~10 µs a call for that
  // literal (0.8 µs this way), a tenth of the load workers' per-value cache misses.
  return Object.assign(personFingerprintValues(v), {
    first_name: v.firstName,
    last_name: v.lastName,
    dob: dob && `${dob.y}-${dob.m}-${dob.d}`,
    dob_swapped: swappable ? `${dob.y}-${dob.d}-${dob.m}` : undefined,
    dob_ym: dob && `${dob.y}-${dob.m}`,
    dob_md: dob && `${dob.m}-${dob.d}`,
    dob_yd: dob && `${dob.y}-${dob.d}`,
    postcode: v.postcode,
    city: v.city,
    street: v.street,
  });
}

/**
 * The filters of several values joined by spaces: the field each is encoded as, and its
 * values in order. A full name is first and last name (or the name that could not be
 * split); a street is house number and street name.
 */
export const JOINED_BLOOMS = {
  name: { field: 'full_name', parts: ['firstName', 'lastName', 'fullName'] },
  street: { field: 'street', parts: ['houseNumber', 'street'] },
} as const satisfies Partial<
  Record<BloomName, { readonly field: FieldKind; readonly parts: readonly (keyof EntityValues)[] }>
>;

export type JoinedBloom = keyof typeof JOINED_BLOOMS;

/** The text a joined filter encodes ('' when none of its values is known). */
const joinedValue = (v: EntityValues, b: JoinedBloom): string =>
  JOINED_BLOOMS[b].parts
    .map((p) => v[p])
    .filter((x) => x)
    .join(' ');

export function bloomValues(
  v: EntityValues,
): Record<BloomName, Partial<Record<FieldKind, string>> | undefined> {
  const name = joinedValue(v, 'name');
  const street = joinedValue(v, 'street');
  return {
    first_name: v.firstName ? { first_name: v.firstName } : undefined,
    last_name: v.lastName ? { last_name: v.lastName } : undefined,
    name: name ? { full_name: name } : undefined,
    street: street ? { street } : undefined,
    city: v.city ? { city: v.city } : undefined,
  };
}

/** A normalised field of an entity: its kind and the normaliser's result (null: empty). */
export type NormalizedField = readonly [FieldKind, Normalized | null];

/**
 * The feature row of one entity from its normalised fields: every column of
 * FEATURE_COLUMNS, null where unknown.
 * @example buildFeatures([['email', normalizeEmail('a@b.it')], ['last_name', normalizeName('Rossi')]], keys)
 */
export function buildFeatures(fields: Iterable<NormalizedField>, keys: FeatureKeys): FeatureRow {
  return buildFeaturesFromValues(collectValues(fields), keys);
}

/** The feature row of one entity from its canonical values. */
export function buildFeaturesFromValues(values: EntityValues, keys: FeatureKeys): FeatureRow {
  const row: Record<string, number | bigint | null> = {};
  const fps = fingerprintValues(values);
  for (const f of FINGERPRINTS) {
    const v = fps[f];
    row[fpColumn(f)] = v ? keys.fingerprint(f, v) : null;
  }
  const blooms = bloomValues(values);
  for (const b of BLOOMS) {
    const v = blooms[b];
    const filter = v ? keys.bloom(b, v) : undefined;
    const bits = filter ? popcount(filter) : 0;
    const bytes = filter && bits > 0 ? bloomBytes(filter) : null;
    bloomWordColumns(b).forEach((column, i) => {
      row[column] = bytes ? bytes.readBigUInt64BE(8 * i) : null;
    });
    row[bcColumn(b)] = bytes ? bits : null;
  }
  return row;
}

/** A filter's bytes as a feature row holds them in words, or null when it has none. */
export function bloomBytesOf(row: FeatureRow, name: BloomName): Buffer | null {
  const words = bloomWordColumns(name).map((column) => row[column]);
  if (words.some((w) => typeof w !== 'bigint')) return null;
  const bytes = Buffer.alloc(8 * words.length);
  words.forEach((w, i) => {
    bytes.writeBigUInt64BE(w as bigint, 8 * i);
  });
  return bytes;
}

/** The values to append for `FEATURE_TABLE_COLUMNS`. */
export function featureRowValues(eid: number, recordId: string | null, row: FeatureRow): SqlValue[] {
  const out: SqlValue[] = [eid, recordId];
  for (const f of FINGERPRINTS) out.push(row[fpColumn(f)] ?? null);
  for (const b of BLOOMS) {
    for (const column of bloomWordColumns(b)) out.push(row[column] ?? null);
    out.push(row[bcColumn(b)] ?? null);
  }
  return out;
}

/** The first value wins: a second phone column does not overwrite the first. */
function put<K extends keyof EntityValues>(v: EntityValues, key: K, value: string | undefined): void {
  if (value !== undefined && value !== '' && v[key] === undefined) v[key] = value;
}

type Keyed = Readonly<Record<string, string>>;
type Parts = NonNullable<Extract<Normalized, { ok: true }>['parts']>;

/**
 * Per field kind, how its normalised result fills an entity's canonical values, from the
 * keys and parts the normalisers return (fields/normalize/). Kinds without an entry add
 * nothing to the features.
 */
const COLLECT: Partial<
  Record<FieldKind, (v: EntityValues, value: string, keys: Keyed, parts: Parts) => void>
> = {
  email: (v, value, keys) => {
    put(v, 'email', value);
    put(v, 'emailProvider', keys['provider']);
  },
  phone: (v, value, keys) => {
    put(v, 'phone', value);
    put(v, 'phoneNational', keys['national']);
  },
  username: (v, value, keys) => put(v, 'username', keys['lower'] ?? value),
  internal_id: (v, value, keys) => put(v, 'internalId', keys['loose'] ?? value),
  order_id: (v, value, keys) => put(v, 'orderId', keys['loose'] ?? value),
  national_id: (v, value, keys) => put(v, 'nationalId', (keys['loose'] ?? value).toUpperCase()),
  first_name: (v, value, keys) => put(v, 'firstName', keys['bare'] ?? value),
  last_name: (v, value, keys) => put(v, 'lastName', keys['bare'] ?? value),
  full_name: (v, value, keys, parts) => {
    if (parts.first_name !== undefined || parts.last_name !== undefined) {
      put(v, 'firstName', parts.first_name);
      put(v, 'lastName', parts.last_name);
    } else {
      put(v, 'fullName', keys['bare'] ?? value);
    }
  },
  date_of_birth: (v, value, keys) => put(v, 'dob', keys['date'] ?? value.slice(0, 10)),
  street: (v, value, keys) => {
    put(v, 'street', keys['name'] ?? value);
    put(v, 'houseNumber', keys['number']);
  },
  address: (v, _value, keys, parts) => {
    put(v, 'street', keys['street_name'] ?? parts.street);
    put(v, 'houseNumber', keys['street_number']);
    put(v, 'postcode', parts.postcode);
    put(v, 'city', parts.city);
  },
  postcode: (v, value) => put(v, 'postcode', value),
  city: (v, value) => put(v, 'city', value),
};

/**
 * The kinds `collectValues` reads, and those their normalisers need beside them (a row's
 * country gives a phone without a prefix its region; a house number column joins its street).
 * Other columns (dates of sign-up, IPs, amounts) need no normalising to build features.
 */
export const FEATURE_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>([
  ...(Object.keys(COLLECT) as FieldKind[]),
  'country',
  'house_number',
]);

/**
 * Gathers an entity's canonical values from its normalised fields (kind and result per
 * column), using the keys and parts the normalisers return (fields/normalize/).
 */
export function collectValues(fields: Iterable<NormalizedField>): EntityValues {
  const v: EntityValues = {};
  for (const [kind, n] of fields) {
    if (n === null || !n.ok) continue;
    COLLECT[kind]?.(v, n.value, n.keys ?? {}, n.parts ?? {});
  }
  return v;
}
