// Value tests the keywords share, each written to give exactly ajv 8's answer: its JSON type checks,
// its `coerceTypes: true` conversions, its deep equality for `const`/`enum` and its string length.

export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

export const JSON_TYPES: ReadonlySet<string> = new Set<JsonType>(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);

/** ajv's checkDataType (strictNumbers off): `integer` is a whole number, `object` excludes null and arrays. */
export function typeTest(type: JsonType): (data: unknown) => boolean {
  switch (type) {
    case 'null':
      return (data) => data === null;
    case 'array':
      return Array.isArray;
    case 'object':
      return (data) => typeof data === 'object' && data !== null && !Array.isArray(data);
    case 'integer':
      return (data) => typeof data === 'number' && !(data % 1) && !Number.isNaN(data);
    default:
      return (data) => typeof data === type;
  }
}

/** A value no coercion produces: "left as it was". */
export const NOT_COERCED: unique symbol = Symbol('not coerced');

/** A string that ajv's `data && data == +data` accepts as a number: not empty, and not NaN as a number (so " 5 " and "0x10" pass). */
const numeric = (data: string) => data !== '' && !Number.isNaN(Number(data));

/**
 * ajv's coerceData for one target type (the types are tried in the schema's order; the first that
 * applies wins). Only scalars are coerced; objects and arrays never are.
 */
function coerceTo(type: JsonType, data: unknown): unknown {
  const kind = typeof data;
  switch (type) {
    case 'string':
      if (kind === 'number' || kind === 'boolean') return String(data);
      return data === null ? '' : NOT_COERCED;
    case 'number':
    case 'integer':
      if (kind === 'boolean' || data === null) return Number(data);
      // ajv's `!(data % 1)` lets "Infinity" through as an integer; kept, so verdicts match.
      if (kind === 'string' && numeric(data as string) && (type === 'number' || !(Number(data) % 1))) return Number(data);
      return NOT_COERCED;
    case 'boolean':
      if (data === 'false' || data === 0 || data === null) return false;
      return data === 'true' || data === 1 ? true : NOT_COERCED;
    case 'null':
      return data === '' || data === 0 || data === false ? null : NOT_COERCED;
    default:
      return NOT_COERCED;
  }
}

export function coerced(types: readonly JsonType[], data: unknown): unknown {
  for (const type of types) {
    const value = coerceTo(type, data);
    if (value !== NOT_COERCED) return value;
  }
  return NOT_COERCED;
}

/** Deep equality as ajv's runtime (fast-deep-equal) has it for JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]));
}

/** Length in code points, as ajv's ucs2length counts it (a surrogate pair is one character). */
export function codePointLength(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    length++;
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) index++;
  }
  return length;
}
