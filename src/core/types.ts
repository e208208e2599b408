/**
 * The shapes that flow between stages. Nothing here imports anything else of ours.
 *
 * A sample is read as a stream of *records*. Each record the parser recognises as data
 * (not a header, banner or comment line) takes the next 1-based ordinal, in file order.
 * A record is then either accepted as a row or rejected with a reason; a rejected record
 * keeps its ordinal, so `row` in rows.csv always points at the same place in the file the
 * attacker posted, whatever we could or could not parse around it.
 */

/** A cell: the raw text as written in the sample, or null when absent (SQL NULL, `\N`, missing key). */
export type Cell = string | null;

export type Compression = 'none' | 'gzip' | 'zip';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type SampleFormat =
  | 'csv'
  | 'json'
  | 'jsonl'
  | 'mongo-json'
  | 'mysql-dump'
  | 'postgres-dump'
  | 'combolist'
  | 'paste';

/** Stable reasons for rejecting a record; counted per reason, never silently dropped. */
export type RejectCode =
  | 'line-too-long'
  | 'field-too-long'
  | 'too-many-fields'
  | 'unterminated-quote'
  | 'nul-bytes'
  | 'invalid-json'
  | 'too-deep'
  | 'not-an-object'
  | 'invalid-sql'
  | 'column-count-mismatch'
  | 'no-separator'
  | 'empty-credential'
  | 'truncated'
  | 'binary';

export interface Rejection {
  /** Ordinal the record would have had as a row. */
  readonly ordinal: number;
  /** 1-based physical line where the record starts in the decoded text (0 when unknown). */
  readonly line: number;
  readonly code: RejectCode;
  /** One line, safe to print: never more than 200 characters of sample text. */
  readonly detail: string;
}

/**
 * What a parser reports as it goes. Parsers are push-style (`feed(text)`, `end()`) so the
 * driver owns I/O, limits and ordinals; a parser never throws on bad records, it calls `reject`.
 */
export interface RecordSink {
  /** Declares a column and returns its index; declaring a known name returns the existing index. */
  column(name: string): number;
  /** An accepted record; `values[i]` belongs to column i, missing trailing values mean absent. */
  row(values: Cell[], line: number): void;
  reject(code: RejectCode, detail: string, line: number): void;
  /** A non-data line kept for context (paste banners, dump comments): claimed counts live here. */
  note(text: string, line: number): void;
}

export interface RecordParser {
  feed(text: string): void;
  /** Flushes what is buffered; a record cut off by the end of input is rejected as `truncated`. */
  end(): void;
}

/** The semantic kinds a column can have. */
export type FieldKind =
  | 'email'
  | 'phone'
  | 'first_name'
  | 'last_name'
  | 'full_name'
  | 'username'
  | 'date_of_birth'
  | 'date'
  | 'street'
  | 'house_number'
  | 'address'
  | 'postcode'
  | 'city'
  | 'region'
  | 'country'
  | 'ip'
  | 'internal_id'
  | 'national_id'
  | 'order_id'
  | 'amount'
  | 'currency'
  | 'password'
  | 'password_hash'
  | 'card_number'
  | 'gender'
  | 'text'
  | 'unknown';

export const FIELD_KINDS: readonly FieldKind[] = [
  'email',
  'phone',
  'first_name',
  'last_name',
  'full_name',
  'username',
  'date_of_birth',
  'date',
  'street',
  'house_number',
  'address',
  'postcode',
  'city',
  'region',
  'country',
  'ip',
  'internal_id',
  'national_id',
  'order_id',
  'amount',
  'currency',
  'password',
  'password_hash',
  'card_number',
  'gender',
  'text',
  'unknown',
];

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

export type HashScheme =
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'sha512'
  | 'ntlm'
  | 'mysql41'
  | 'bcrypt'
  | 'argon2'
  | 'scrypt'
  | 'pbkdf2'
  | 'sha512crypt'
  | 'sha256crypt'
  | 'md5crypt'
  | 'phpass'
  | 'django-pbkdf2'
  | 'unknown';

/** Per-column parameters decided from the values, used by the normalisers. */
export interface ColumnParams {
  /** Day/month order of a date column. */
  readonly dateOrder?: DateOrder;
  /** ISO 3166-1 alpha-2 region used for phone numbers written without a country code. */
  readonly phoneRegion?: string;
  /** ISO 3166-1 alpha-2 country most values of an address-like column belong to. */
  readonly country?: string;
  readonly hashScheme?: HashScheme;
}

/**
 * The result of normalising one value: its canonical form and the keys matching will use
 * (e.g. an email's provider-specific variant), or the reason it is not a value of that kind.
 */
export type Normalized =
  | {
      readonly ok: true;
      readonly value: string;
      readonly keys?: Readonly<Record<string, string>>;
      /** Parts of a composite value (full name → first/last, address → street/postcode/city). */
      readonly parts?: Readonly<Partial<Record<FieldKind, string>>>;
    }
  | { readonly ok: false; readonly reason: string };

/** What normalisation may know about the rest of the row (e.g. its country for a phone). */
export interface RowContext {
  /** ISO 3166-1 alpha-2 of the row, from a country column or an address, if known. */
  readonly country?: string;
}
