/**
 * A small JSON Schema (draft 2020-12) validator for the keywords schema/report.schema.json
 * uses. It refuses a schema with any other keyword rather than silently ignoring it, so the
 * schema cannot grow a rule this validator would skip.
 */

type Schema = boolean | { readonly [keyword: string]: unknown };

/** Keywords checked here; `format` is an annotation in 2020-12 (patterns do the checking). */
export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  '$defs',
  '$ref',
  'title',
  'description',
  'format',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
]);

/** Keywords whose value is a map of subschemas, a subschema, or a list of subschemas. */
const SCHEMA_MAPS = ['properties', '$defs'];
const SCHEMA_VALUES = ['items', 'additionalProperties'];
const SCHEMA_LISTS = ['prefixItems'];

/** Lists every keyword of `schema` (recursively) that this validator does not implement. */
export function unsupportedKeywords(schema: Schema, at = '#'): string[] {
  if (typeof schema === 'boolean') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (!SUPPORTED_KEYWORDS.has(key)) out.push(`${at}/${key}`);
    if (SCHEMA_MAPS.includes(key) && isObject(value)) {
      for (const [name, sub] of Object.entries(value))
        out.push(...unsupportedKeywords(sub as Schema, `${at}/${key}/${name}`));
    } else if (SCHEMA_VALUES.includes(key)) {
      out.push(...unsupportedKeywords(value as Schema, `${at}/${key}`));
    } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      value.forEach((sub, i) => {
        out.push(...unsupportedKeywords(sub as Schema, `${at}/${key}/${i}`));
      });
    }
  }
  return out;
}

/** Validates `value` against `root`; returns messages like `/estimate/identityShare: must be <= 1`. */
export function validateAgainst(root: Schema, value: unknown): string[] {
  const unsupported = unsupportedKeywords(root);
  if (unsupported.length > 0) throw new Error(`schema uses unsupported keywords: ${unsupported.join(', ')}`);
  const errors: string[] = [];
  check(root, root, value, '', errors, 0);
  return errors;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function hasType(v: unknown, type: string): boolean {
  const actual = typeOf(v);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

/** JSON equality for enum/const (key order does not matter). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref is supported: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isObject(node) ? node[key] : undefined;
  }
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

const pointer = (path: string, key: string | number): string =>
  `${path}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;

function check(
  root: Schema,
  schema: Schema,
  v: unknown,
  path: string,
  errors: string[],
  depth: number,
): void {
  // A report is shallow; this only stops a cyclic $ref from recursing forever.
  if (depth > 64) throw new Error('schema nesting too deep (cyclic $ref?)');
  const at = path || '/';
  if (schema === true) return;
  if (schema === false) {
    errors.push(`${at}: is not allowed`);
    return;
  }
  if (typeof schema.$ref === 'string') check(root, resolveRef(root, schema.$ref), v, path, errors, depth + 1);

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => hasType(v, t))) {
      errors.push(`${at}: must be ${types.join(' or ')}, got ${typeOf(v)}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => jsonEqual(e, v))) {
    errors.push(`${at}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if ('const' in schema && !jsonEqual(schema.const, v))
    errors.push(`${at}: must be ${JSON.stringify(schema.const)}`);

  if (typeof v === 'number') {
    if (!Number.isFinite(v)) errors.push(`${at}: must be a finite number`);
    if (typeof schema.minimum === 'number' && v < schema.minimum)
      errors.push(`${at}: must be >= ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && v > schema.maximum)
      errors.push(`${at}: must be <= ${schema.maximum}`);
  }
  if (typeof v === 'string') {
    // Lengths count code points, as JSON Schema says.
    const length = [...v].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      errors.push(`${at}: must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      errors.push(`${at}: must have at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v))
      errors.push(`${at}: must match ${schema.pattern}`);
  }
  if (Array.isArray(v)) checkArray(root, schema, v, path, errors, depth);
  if (isObject(v)) checkObject(root, schema, v, path, errors, depth);
}

function checkArray(
  root: Schema,
  schema: Exclude<Schema, boolean>,
  v: unknown[],
  path: string,
  errors: string[],
  depth: number,
): void {
  const at = path || '/';
  if (typeof schema.minItems === 'number' && v.length < schema.minItems)
    errors.push(`${at}: must have at least ${schema.minItems} items`);
  if (typeof schema.maxItems === 'number' && v.length > schema.maxItems)
    errors.push(`${at}: must have at most ${schema.maxItems} items`);
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
  v.forEach((item, i) => {
    const sub = i < prefix.length ? prefix[i] : (schema.items as Schema | undefined);
    if (sub !== undefined) check(root, sub, item, pointer(path, i), errors, depth + 1);
  });
}

function checkObject(
  root: Schema,
  schema: Exclude<Schema, boolean>,
  v: Record<string, unknown>,
  path: string,
  errors: string[],
  depth: number,
): void {
  const at = path || '/';
  for (const key of (schema.required as string[] | undefined) ?? []) {
    if (!Object.hasOwn(v, key)) errors.push(`${at}: missing required property "${key}"`);
  }
  const properties = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  for (const [key, item] of Object.entries(v)) {
    const sub = Object.hasOwn(properties, key)
      ? properties[key]
      : (schema.additionalProperties as Schema | undefined);
    if (sub !== undefined) check(root, sub, item, pointer(path, key), errors, depth + 1);
  }
}
