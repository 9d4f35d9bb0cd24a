// Value tests the keywords share, each written to give exactly ajv 8's answer: its JSON type checks,
// its deep equality for `const`/`enum` and its string length. (Its `coerceTypes: true` conversions
// are in coerce.ts, a plug-in.)

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

/**
 * Length in code points, as ajv's ucs2length counts it: a surrogate pair is one character, a lone
 * surrogate one too, which is how a string iterates.
 */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _character of text) length++;
  return length;
}
