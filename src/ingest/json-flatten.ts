/**
 * Turns one parsed JSON record into named cells:
 * - nested objects become dotted names: `{"address":{"zip":"20100"}}` → `address.zip`;
 * - arrays of scalars become one cell joined with `; ` (`["a","b"]` → `a; b`; nulls skipped,
 *   an empty array is a null cell);
 * - objects and arrays inside arrays are flattened by index (`phones.0.number`), the first
 *   {@link MAX_ARRAY_ITEMS} positions only; the rest are counted in `droppedItems`;
 * - MongoDB Extended JSON wrappers (`{"$oid":…}`, `{"$date":…}`, `{"$numberLong":…}`, …)
 *   are unwrapped to their text wherever they appear.
 *
 * Recursion here is bounded by the depth limit the parser has already enforced.
 */
import type { Cell } from '../core/types.js';
import { type JsonArray, JsonObject, type JsonValue } from './json-value.js';
import { decodePrintable, millisToIso } from './parser-text.js';

export const MAX_ARRAY_ITEMS = 10;

export interface FlatRecord {
  readonly names: string[];
  readonly cells: Cell[];
  /** Array positions beyond {@link MAX_ARRAY_ITEMS} that were not flattened. */
  droppedItems: number;
}

/** Flattens a record object into parallel name/cell lists, in document order. */
export function flattenRecord(record: JsonObject): FlatRecord {
  const flat: FlatRecord = { names: [], cells: [], droppedItems: 0 };
  visitObject(record, '', flat);
  return flat;
}

function visitObject(object: JsonObject, prefix: string, flat: FlatRecord): void {
  const { keys, values } = object;
  for (let i = 0; i < keys.length; i++) {
    const name = prefix === '' ? keys[i]! : `${prefix}.${keys[i]}`;
    visit(values[i] ?? null, name, flat);
  }
}

function visit(value: JsonValue, name: string, flat: FlatRecord): void {
  if (value === null || typeof value === 'string') {
    flat.names.push(name);
    flat.cells.push(value);
  } else if (value instanceof JsonObject) {
    const unwrapped = unwrapExtended(value);
    if (unwrapped === undefined) visitObject(value, name, flat);
    else {
      flat.names.push(name);
      flat.cells.push(unwrapped);
    }
  } else {
    visitArray(value, name, flat);
  }
}

function visitArray(array: JsonArray, name: string, flat: FlatRecord): void {
  const scalars: string[] = [];
  let nested = 0;
  array.items.forEach((item, index) => {
    let scalar: Cell | undefined = item === null || typeof item === 'string' ? item : undefined;
    if (item instanceof JsonObject) scalar = unwrapExtended(item);
    if (scalar !== undefined) {
      if (scalar !== null) scalars.push(scalar);
      return;
    }
    nested++;
    if (index < MAX_ARRAY_ITEMS) visit(item, `${name}.${index}`, flat);
    else flat.droppedItems++;
  });
  // An array made only of objects has no cell of its own; anything else (scalars, empty) does.
  if (nested > 0 && scalars.length === 0) return;
  flat.names.push(name);
  flat.cells.push(scalars.length === 0 ? null : scalars.join('; '));
}

/**
 * The text of a MongoDB Extended JSON wrapper (canonical or relaxed), or undefined when the
 * object is an ordinary one. Ordinary data never has `$`-prefixed keys, so we always unwrap.
 */
export function unwrapExtended(object: JsonObject): Cell | undefined {
  const { keys, values } = object;
  const key = keys[0];
  if (key === undefined || key.charCodeAt(0) !== 36 || keys.length > 2) return undefined;
  const value = values[0] ?? null;
  const second = keys.length === 2 ? keys[1] : undefined;
  const text = typeof value === 'string' ? value : undefined;
  switch (key) {
    case '$oid':
    case '$numberLong':
    case '$numberInt':
    case '$numberDouble':
    case '$numberDecimal':
    case '$symbol':
    case '$uuid':
      return second === undefined ? text : undefined;
    case '$date':
      return second === undefined ? dateText(value) : undefined;
    case '$code':
      return second === undefined || second === '$scope' ? text : undefined;
    case '$binary':
      if (second === '$type' && text !== undefined) return binaryText(text, stringMember(object, '$type'));
      if (second === undefined && value instanceof JsonObject) {
        const base64 = stringMember(value, 'base64');
        return base64 === undefined ? undefined : binaryText(base64, stringMember(value, 'subType'));
      }
      return undefined;
    case '$timestamp': {
      const seconds = value instanceof JsonObject ? stringMember(value, 't') : undefined;
      return second === undefined && seconds !== undefined ? millisToIso(`${seconds}000`) : undefined;
    }
    case '$regularExpression': {
      const pattern = value instanceof JsonObject ? stringMember(value, 'pattern') : undefined;
      if (second !== undefined || pattern === undefined) return undefined;
      return `/${pattern}/${stringMember(value as JsonObject, 'options') ?? ''}`;
    }
    case '$regex':
      return text !== undefined && (second === undefined || second === '$options')
        ? `/${text}/${stringMember(object, '$options') ?? ''}`
        : undefined;
    case '$minKey':
      return second === undefined ? 'MinKey' : undefined;
    case '$maxKey':
      return second === undefined ? 'MaxKey' : undefined;
    case '$undefined':
      return second === undefined ? null : undefined;
    default:
      return undefined;
  }
}

function stringMember(object: JsonObject, key: string): string | undefined {
  const index = object.keys.indexOf(key);
  const value = index < 0 ? undefined : object.values[index];
  return typeof value === 'string' ? value : undefined;
}

/** `$date` holds an ISO string (relaxed), milliseconds, or `{"$numberLong": "…"}` (canonical). */
function dateText(value: JsonValue): Cell | undefined {
  let text: Cell | undefined = typeof value === 'string' ? value : undefined;
  if (value instanceof JsonObject) text = unwrapExtended(value);
  if (typeof text !== 'string') return undefined;
  return /^-?\d+$/.test(text) ? millisToIso(text) : text;
}

/** UUID subtypes as a dashed UUID, printable bytes as text, anything else as the base64 given. */
function binaryText(base64: string, subType: string | undefined): string {
  const bytes = Buffer.from(base64, 'base64');
  if ((subType === '03' || subType === '04' || subType === '3' || subType === '4') && bytes.length === 16) {
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return decodePrintable(bytes) ?? base64;
}
