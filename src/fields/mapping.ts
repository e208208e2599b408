import { LeakverifyError } from '../core/errors.js';
import {
  type ColumnParams,
  type DateOrder,
  FIELD_KINDS,
  type FieldKind,
  type HashScheme,
} from '../core/types.js';
import type { ColumnMapping } from './types.js';

const DATE_ORDERS: readonly DateOrder[] = ['ymd', 'dmy', 'mdy'];
const HASH_SCHEMES: readonly HashScheme[] = [
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'ntlm',
  'mysql41',
  'bcrypt',
  'argon2',
  'scrypt',
  'pbkdf2',
  'sha512crypt',
  'sha256crypt',
  'md5crypt',
  'phpass',
  'django-pbkdf2',
  'unknown',
];
const PARAM_KEYS = ['dateOrder', 'phoneRegion', 'country', 'hashScheme'] as const;

/**
 * Parses a user's column mapping file:
 * `{ "columns": { "tel": "phone", "dob": { "kind": "date_of_birth", "params": { "dateOrder": "mdy" } } } }`.
 * Anything else is a `fields.mapping` error naming `source` and the bad entry. Whether the
 * columns exist is checked against the sample by profileColumns.
 */
export function loadMapping(text: string, source: string): ColumnMapping {
  const fail = (message: string, hint?: string): never => {
    throw new LeakverifyError('fields.mapping', `${source}: ${message}`, hint ? { hint } : {});
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new LeakverifyError('fields.mapping', `${source}: not valid JSON (${(cause as Error).message})`, {
      cause,
    });
  }
  if (!isObject(doc) || !isObject(doc['columns'])) {
    return fail('expected an object with a "columns" object', 'Example: { "columns": { "tel": "phone" } }');
  }
  const kindsHint = `Valid kinds: ${FIELD_KINDS.join(', ')}.`;
  const out: Record<string, FieldKind | { kind: FieldKind; params?: ColumnParams }> = {};
  for (const [column, entry] of Object.entries(doc['columns'])) {
    if (column.trim() === '') fail('a column name is empty');
    if (typeof entry === 'string') {
      if (!isKind(entry)) fail(`column '${column}': unknown kind '${entry}'`, kindsHint);
      out[column] = entry as FieldKind;
      continue;
    }
    if (!isObject(entry))
      fail(`column '${column}': expected a kind name or { "kind": ..., "params": ... }`, kindsHint);
    const obj = entry as Record<string, unknown>;
    const kind = obj['kind'];
    if (typeof kind !== 'string' || !isKind(kind))
      fail(`column '${column}': unknown kind '${String(kind)}'`, kindsHint);
    for (const key of Object.keys(obj)) {
      if (key !== 'kind' && key !== 'params')
        fail(`column '${column}': unknown key '${key}' (use "kind" and "params")`);
    }
    const params = obj['params'] === undefined ? undefined : parseParams(obj['params'], column, fail);
    out[column] = params ? { kind: kind as FieldKind, params } : { kind: kind as FieldKind };
  }
  return out;
}

function parseParams(raw: unknown, column: string, fail: (m: string, h?: string) => never): ColumnParams {
  if (!isObject(raw)) return fail(`column '${column}': "params" must be an object`);
  const params: { -readonly [K in keyof ColumnParams]: ColumnParams[K] } = {};
  for (const [key, value] of Object.entries(raw)) {
    const bad = (what: string) => fail(`column '${column}': params.${key} ${what}`);
    if (key === 'dateOrder') {
      if (!DATE_ORDERS.includes(value as DateOrder)) bad(`must be one of ${DATE_ORDERS.join(', ')}`);
      params.dateOrder = value as DateOrder;
    } else if (key === 'phoneRegion' || key === 'country') {
      if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value))
        bad('must be an ISO 3166-1 alpha-2 code such as IT');
      params[key] = (value as string).toUpperCase();
    } else if (key === 'hashScheme') {
      if (!HASH_SCHEMES.includes(value as HashScheme)) bad(`must be one of ${HASH_SCHEMES.join(', ')}`);
      params.hashScheme = value as HashScheme;
    } else {
      fail(`column '${column}': unknown parameter '${key}'`, `Parameters: ${PARAM_KEYS.join(', ')}.`);
    }
  }
  return params;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isKind(x: string): boolean {
  return (FIELD_KINDS as readonly string[]).includes(x);
}

/**
 * Finds each mapped column in the sample: by exact name, else by a unique case-insensitive
 * match. A name the sample lacks is a `fields.mapping` error listing the sample's columns.
 */
export function resolveMappingColumns(
  columns: readonly string[],
  mapping: ColumnMapping,
  source: string,
): Map<number, { kind: FieldKind; params?: ColumnParams }> {
  const out = new Map<number, { kind: FieldKind; params?: ColumnParams }>();
  for (const [name, entry] of Object.entries(mapping)) {
    let c = columns.indexOf(name);
    if (c < 0) {
      const key = name.trim().toLowerCase();
      const matches = columns.flatMap((col, i) => (String(col).trim().toLowerCase() === key ? [i] : []));
      if (matches.length === 1) c = matches[0]!;
    }
    if (c < 0) {
      const shown = columns.slice(0, 50).map((x) => `'${x}'`);
      const more = columns.length > 50 ? `, and ${columns.length - 50} more` : '';
      throw new LeakverifyError('fields.mapping', `${source}: column '${name}' is not in the sample`, {
        hint: `The sample's columns are: ${shown.join(', ')}${more}.`,
      });
    }
    const kind = typeof entry === 'string' ? entry : entry.kind;
    const params = typeof entry === 'string' ? undefined : entry.params;
    out.set(c, params ? { kind, params } : { kind });
  }
  return out;
}
