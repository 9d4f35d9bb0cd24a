// The fail-fast verdict of a schema as one predicate per subschema, for data that is not coerced
// (JSON bodies: the simulator's hot path). Without coercion a keyword has no effect but its answer,
// so the keywords may run in any order and stop at the first failure; the predicates take the data
// alone and are fused where the shape allows, which keeps this as fast as ajv's generated code.
// The schema has already been compiled (and its keywords and formats checked) by engine.ts; the
// verdict knows every format the documents use and compares objects deeply (the server's set).
import { FORMATS } from './formats.ts';
import { scalarRule } from './keywords-scalar.ts';
import type { Site } from './node.ts';
import { deepEqual, type JsonType, typeTest } from './values.ts';

export type Test = (data: unknown) => boolean;
const PASS: Test = () => true;

function all(tests: Test[]): Test {
  if (tests.length === 0) return PASS;
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [first, second] = tests as [Test, Test];
    return (data) => first(data) && second(data);
  }
  return (data) => {
    for (let index = 0; index < tests.length; index++) if (!tests[index]!(data)) return false;
    return true;
  };
}

type Schema = Record<string, unknown>;
const list = (schema: Schema, keyword: string) => (schema[keyword] as unknown[]).map(compileTest);

function oneOf(tests: Test[]): Test {
  return (data) => {
    let found = false;
    for (let index = 0; index < tests.length; index++) {
      if (!tests[index]!(data)) continue;
      if (found) return false;
      found = true;
    }
    return found;
  };
}

function anyOf(tests: Test[]): Test {
  return (data) => {
    for (let index = 0; index < tests.length; index++) if (tests[index]!(data)) return true;
    return false;
  };
}

const isObject = typeTest('object');

/**
 * Branches that each are `type: object`, require a property P and allow it only fixed values (the
 * documents' content items, told apart by `type`): only the branches allowing the value P has can
 * pass, so only those are tried; data that is not an object passes none.
 */
function byDiscriminator(branches: unknown[], combine: (tests: Test[]) => Test): Test | undefined {
  const schemas = branches as Schema[];
  const first = schemas[0];
  if (!first || typeof first !== 'object') return undefined;
  const property = ((first.required ?? []) as string[]).find((name) =>
    schemas.every(
      (branch) =>
        branch.type === 'object' && ((branch.required ?? []) as string[]).includes(name) && constantsOf((branch.properties as Schema | undefined)?.[name]),
    ),
  );
  if (property === undefined) return undefined;
  const tests = schemas.map(compileTest);
  const byValue = new Map<unknown, Test[]>();
  schemas.forEach((branch, index) => {
    for (const value of constantsOf((branch.properties as Schema)[property])!) byValue.set(value, [...(byValue.get(value) ?? []), tests[index]!]);
  });
  const combined = new Map([...byValue].map(([value, list]) => [value, combine(list)]));
  return (data) => {
    if (!isObject(data)) return false;
    const test = combined.get((data as Schema)[property]);
    return test?.(data) ?? false;
  };
}

function conditional(schema: Schema): Test {
  const fused = countRule(schema);
  if (fused) return fused;
  const condition = compileTest(schema.if);
  const then = schema.then === undefined ? PASS : compileTest(schema.then);
  const otherwise = schema.else === undefined ? PASS : compileTest(schema.else);
  return (data) => (condition(data) ? then(data) : otherwise(data));
}

/**
 * The documents' count rule, `if: {type: array, contains: C}, then: {contains: C, maxContains: n}`
 * ("at most n items like C"), in one pass: valid when the data is not an array or at most n items
 * match C. (If none matches, `if` fails and the rule holds; if some do, `then` asks for 1..n.)
 */
function countRule(schema: Schema): Test | undefined {
  const condition = schema.if as Schema;
  const then = schema.then as Schema | undefined;
  const exactly = (object: Schema | undefined, keys: string[]) => object !== undefined && Object.keys(object).sort().join() === keys.join();
  if (schema.else !== undefined || !exactly(condition, ['contains', 'type']) || condition.type !== 'array') return undefined;
  if (!exactly(then, ['contains', 'maxContains']) || !deepEqual(condition.contains, then!.contains) || typeof then!.maxContains !== 'number') return undefined;
  const item = compileTest(condition.contains);
  const max = then!.maxContains;
  return (data) => {
    if (!Array.isArray(data)) return true;
    let count = 0;
    for (let index = 0; index < data.length; index++) if (item(data[index]) && ++count > max) return false;
    return true;
  };
}

/** Predicates of the keywords that apply to any type. */
function anyTypeTests(schema: Schema, site: Site): Test[] {
  const tests: Test[] = [];
  for (const keyword of ['const', 'enum'] as const) if (schema[keyword] !== undefined) tests.push(scalarRule(keyword, site)!.valid);
  if (schema.not !== undefined) {
    const inner = compileTest(schema.not);
    tests.push((data) => !inner(data));
  }
  if (schema.anyOf !== undefined) tests.push(byDiscriminator(schema.anyOf as unknown[], anyOf) ?? anyOf(list(schema, 'anyOf')));
  if (schema.oneOf !== undefined) tests.push(byDiscriminator(schema.oneOf as unknown[], oneOf) ?? oneOf(list(schema, 'oneOf')));
  if (schema.allOf !== undefined) tests.push(all(list(schema, 'allOf')));
  if (schema.if !== undefined) tests.push(conditional(schema));
  return tests;
}

/** A property schema that is only `{ const: <primitive> }` or `{ enum: [<primitives>] }`: compared in place, without a call. */
function constantsOf(schema: unknown): readonly unknown[] | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const keys = Object.keys(schema).filter((key) => !key.startsWith('x-'));
  const { const: constant, enum: members } = schema as Schema;
  const primitive = (value: unknown) => value === null || (typeof value !== 'object' && !Number.isNaN(value));
  if (keys.length === 1 && keys[0] === 'const' && primitive(constant)) return [constant];
  if (keys.length === 1 && keys[0] === 'enum' && Array.isArray(members) && members.every(primitive)) return members;
  return undefined;
}

/** What one named property must satisfy: be there (`needed`), and when there, pass `test`. */
interface Field {
  name: string;
  needed: boolean;
  test: Test;
}

/** A property's test; a constant or a list of them (`{const}`, `{enum}` of primitives) is compared in place. */
function fieldTest(schema: unknown): Test {
  const constants = constantsOf(schema);
  if (constants?.length === 1) {
    const constant = constants[0];
    return (value) => value === constant;
  }
  return constants ? (value) => constants.includes(value) : compileTest(schema);
}

/**
 * `required` and `properties` in one pass over the names: each value is read once, a required one
 * must be there, and a present one must pass its schema. One field (the documents' role and type
 * tests) gets a closure of its own.
 */
function objectTest(schema: Schema, notObject: boolean): Test | undefined {
  const required = new Set((schema.required ?? []) as string[]);
  const fields: Field[] = Object.entries((schema.properties ?? {}) as Schema)
    .filter(([name]) => name !== '__proto__')
    .map(([name, property]) => ({ name, needed: required.has(name), test: fieldTest(property) }))
    .filter(({ needed, test }) => test !== PASS || needed);
  for (const name of required) if (!fields.some((field) => field.name === name)) fields.push({ name, needed: true, test: PASS });
  if (fields.length === 0) return undefined;
  // Presence first (as ajv checks `required` before `properties`): a rule that needs a field the
  // body lacks is settled before any pattern runs.
  fields.sort((a, b) => Number(b.needed) - Number(a.needed) || Number(b.test === PASS) - Number(a.test === PASS));
  // The object test is folded in (`notObject` is the answer for anything else), saving a call per node.
  if (fields.length === 1) {
    const { name, needed, test } = fields[0]!;
    return (data) => {
      if (!isObject(data)) return notObject;
      const value = (data as Schema)[name];
      return value === undefined ? !needed : test(value);
    };
  }
  return (data) => {
    if (!isObject(data)) return notObject;
    const object = data as Schema;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      const value = object[field.name];
      if (value === undefined ? field.needed : !field.test(value)) return false;
    }
    return true;
  };
}

/** `contains` with minContains/maxContains, counted as ajv counts (see keywords-structure.ts). */
function contains(schema: Schema): Test | undefined {
  const min = (schema.minContains ?? 1) as number;
  const max = schema.maxContains as number | undefined;
  if (max === undefined && min === 0) return undefined;
  if (max !== undefined && min > max) return () => false;
  const item = compileTest(schema.contains);
  if (item === PASS) return (data) => (data as unknown[]).length >= min && (max === undefined || (data as unknown[]).length <= max);
  return (data) => {
    const items = data as unknown[];
    let count = 0;
    for (let index = 0; index < items.length; index++) {
      if (!item(items[index]) || ++count < min) continue;
      if (max === undefined) return true;
      if (count > max) return false;
    }
    return count >= min;
  };
}

function items(schema: Schema): Test | undefined {
  const item = compileTest(schema.items);
  if (item === PASS) return undefined;
  return (data) => {
    const list = data as unknown[];
    for (let index = 0; index < list.length; index++) if (!item(list[index])) return false;
    return true;
  };
}

/** Predicates of the keywords for one type, applied only to data of that type. */
function typedTests(schema: Schema, site: Site, type: JsonType): Test[] {
  const scalar = (keywords: string[]) =>
    keywords.filter((keyword) => schema[keyword] !== undefined).flatMap((keyword) => scalarRule(keyword, site)?.valid ?? []);
  if (type === 'number') return scalar(['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum']);
  if (type === 'string') return scalar(['maxLength', 'minLength', 'pattern', 'format']);
  if (type === 'array')
    return [
      ...scalar(['maxItems', 'minItems']),
      schema.items === undefined ? undefined : items(schema),
      schema.contains === undefined ? undefined : contains(schema),
    ].filter(isTest);
  return [];
}

const isTest = (test: Test | undefined): test is Test => test !== undefined;
const TYPED_GROUPS: JsonType[] = ['number', 'string', 'array'];

export function compileTest(schema: unknown): Test {
  if (schema === true) return PASS;
  const object = schema as Schema;
  const site: Site = { schema: object, at: '#', coerce: false, formats: FORMATS, deepEqual };
  const types = (object.type === undefined ? [] : Array.isArray(object.type) ? object.type : [object.type]) as JsonType[];
  const typeTests = types.map(typeTest);
  const tests: Test[] = types.length === 0 ? [] : [typeTests.length === 1 ? typeTests[0]! : (data) => typeTests.some((test) => test(data))];
  // The object keywords test the type themselves: for `type: object` theirs replaces the type test.
  const onlyObjects = types.length === 1 && types[0] === 'object';
  const fields = types.length === 0 || types.includes('object') ? objectTest(object, !onlyObjects) : undefined;
  if (fields) tests.splice(0, onlyObjects ? 1 : 0, fields);
  tests.push(...anyTypeTests(object, site));
  for (const group of TYPED_GROUPS) {
    const groupTests = typedTests(object, site, group);
    if (groupTests.length === 0) continue;
    // Data of the declared type only: a group no declared type can reach is dropped, and the group
    // of the one declared type needs no second type test.
    if (types.length > 0 && !types.some((type) => type === group || (group === 'number' && type === 'integer'))) continue;
    if (types.length === 1 && types[0] === group) tests.push(...groupTests);
    else {
      const inGroup = typeTest(group);
      const checks = all(groupTests);
      tests.push((data) => !inGroup(data) || checks(data));
    }
  }
  return all(tests);
}
