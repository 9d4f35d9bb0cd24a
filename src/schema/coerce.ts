// ajv 8's `coerceTypes: true` as a plug-in of the engine (EngineOptions.coercion): its conversions
// of text (and other scalars) to a schema's type, and the compiled node that follows ajv's order
// step by step. Multipart bodies and query strings arrive as text and need it; a client that sends
// JSON alone never imports this module, so its bundle does not carry it.
import type { Check, Coercion, CompiledNode } from './node.ts';
import { report } from './node.ts';
import type { JsonType } from './values.ts';

const COERCIBLE = new Set<JsonType>(['string', 'number', 'integer', 'boolean', 'null']);

/** A value no coercion produces: "left as it was". */
const NOT_COERCED: unique symbol = Symbol('not coerced');

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

function coerced(types: readonly JsonType[], data: unknown): unknown {
  for (const type of types) {
    const value = coerceTo(type, data);
    if (value !== NOT_COERCED) return value;
  }
  return NOT_COERCED;
}

/**
 * With coercion, ajv's evaluation order is followed step by step, since what runs decides what is
 * coerced: a coerced value is written back where it sits and every later keyword sees it, and
 * fail-fast (inside `not` and `if`) stops only after the group with the first failure, the first
 * group running even after a failed type check.
 */
function coercingNode({ site, groups, typeFirst, hasType, typeParams }: CompiledNode, coerceTo: JsonType[]): Check {
  return (data, holder, key, path, errors) => {
    let ok = true;
    if (typeFirst && !hasType(data)) {
      const value = coerceTo.length > 0 ? coerced(coerceTo, data) : NOT_COERCED;
      if (value === NOT_COERCED) ok = report(errors, site, 'type', path, typeParams);
      else holder[key] = data = value;
    }
    for (const group of groups) {
      if (group.test === undefined || group.test(data)) {
        for (const check of group.checks) {
          if (!check(data, holder, key, path, errors)) {
            ok = false;
            if (!errors) break;
          }
          data = holder[key];
        }
      } else if (group.typeError) ok = report(errors, site, 'type', path, typeParams);
      if (!ok && !errors) return false;
    }
    return ok;
  };
}

/** The plug-in: pass it as `coercion` to coerce as ajv's `coerceTypes: true` does. */
export const coercion: Coercion = {
  targets: (types) => types.filter((type) => COERCIBLE.has(type)),
  node: coercingNode,
};
