// A small JSON Schema 2020-12 engine for the request schemas of the contracts, compiled once per
// schema into plain closures. It replaces ajv at run time: no `eval` or `new Function`, so the client
// also runs under a strict Content-Security-Policy and on edge runtimes, where ajv's code generation
// is refused; and it weighs a few KiB instead of ajv's ~140 KiB.
//
// It reproduces exactly what the contract checks consumed from ajv 8 (Ajv2020 with allErrors,
// verbose, coerceTypes for text): the verdict, the errors in ajv's order and shape, and ajv's type
// coercion. Keywords run in ajv's order: a group for any type (const, enum, not, anyOf, oneOf,
// allOf, if), then the number, string, array and object groups, each only on data of its type. The
// type check runs first, or (when nothing is coerced and the type has keywords of its own) inside
// that type's group. A differential test holds the two engines together
// (test/contracts/schema-engine.test.ts).
//
// Only the keywords the documents use are implemented. Any other keyword fails when the schema is
// guarded (guard.ts), so a document edit can never be silently ignored: extend the engine and its
// differential test first.
//
// Coercion, the string formats and the guard are plug-ins (EngineOptions): a caller passes only
// what its schemas need, so an app that checks JSON bodies alone ships neither the coercion code
// nor the URI expression, and a client (whose schemas were guarded when generated) not the guard.
// compile.ts is the entry with everything plugged in.
import { containsCheck, itemsCheck, propertiesCheck, requiredCheck } from './keywords-structure.ts';
import { allOfCheck, anyOfCheck, type CompileChild, ifCheck, notCheck, oneOfCheck } from './keywords-applicators.ts';
import { scalarCheck } from './keywords-scalar.ts';
import { type Check, type Holder, report, type Site } from './node.ts';
import type { CompiledSchema, EngineOptions, SchemaError } from './types.ts';
import { type JsonType, typeTest } from './values.ts';
import type { CompiledNode as Node, Group } from './node.ts';

export { SchemaCompileError } from './node.ts';
export type { CompiledSchema, EngineOptions, SchemaError } from './types.ts';

type Build = (site: Site, compile: CompileChild, alwaysValid: (schema: unknown) => boolean) => Check | undefined;
const NOTHING: Build = () => undefined;

/**
 * ajv's keyword groups and, within each, its keyword order (Ajv2020's vocabularies as registered).
 * A bare name is a keyword on the value alone (keywords-scalar.ts).
 */
const GROUP_TABLE: Array<{ type?: JsonType; keywords: Array<string | [string, Build]> }> = [
  {
    keywords: ['const', 'enum', ['not', notCheck], ['anyOf', anyOfCheck], ['oneOf', oneOfCheck], ['allOf', allOfCheck], ['if', ifCheck]],
  },
  {
    type: 'number',
    keywords: ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', ['format', NOTHING]],
  },
  {
    type: 'string',
    keywords: ['maxLength', 'minLength', 'pattern', 'format'],
  },
  {
    type: 'array',
    keywords: ['maxItems', 'minItems', ['items', itemsCheck], ['contains', containsCheck], ['maxContains', NOTHING], ['minContains', NOTHING]],
  },
  {
    type: 'object',
    keywords: [
      ['required', requiredCheck],
      // Only `true` (the documents say so explicitly), which checks nothing; guard.ts refuses any other value.
      ['additionalProperties', NOTHING],
      ['properties', propertiesCheck],
    ],
  },
];
const GROUPS = GROUP_TABLE.map(({ type, keywords }) => ({
  type,
  keywords: keywords.map((entry): [string, Build] => (typeof entry === 'string' ? [entry, scalarCheck(entry)] : entry)),
}));

/** Keywords that validate (ajv's RULES.all, as far as supported): a schema with none of them is always valid. */
export const VALIDATING: ReadonlySet<string> = new Set(['type', 'then', 'else', ...GROUPS.flatMap((group) => group.keywords.map(([keyword]) => keyword))]);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function alwaysValid(schema: unknown): boolean {
  return schema === true || (isObject(schema) && !Object.keys(schema).some((keyword) => VALIDATING.has(keyword)));
}

/** The schema's types (guard.ts has checked that each is a JSON type). */
const typesOf = ({ type }: Record<string, unknown>) => (type === undefined ? [] : Array.isArray(type) ? type : [type]) as JsonType[];

function groupsOf(site: Site, types: JsonType[], coercible: boolean, compile: CompileChild): { groups: Group[]; typeFirst: boolean } {
  const used = GROUPS.filter((group) => group.keywords.some(([keyword]) => site.schema[keyword] !== undefined));
  // ajv's coerceAndCheckDataType: the type is checked before any keyword unless nothing is coerced
  // and the schema's single type has keywords of its own, whose group then reports the type error.
  const typeFirst = types.length > 0 && !(!coercible && types.length === 1 && used.some((group) => group.type === types[0]));
  const groups = used.map((group) => ({
    test: group.type === undefined ? undefined : typeTest(group.type),
    checks: group.keywords
      .filter(([keyword]) => site.schema[keyword] !== undefined)
      .map(([, build]) => build(site, compile, alwaysValid))
      .filter((check): check is Check => check !== undefined),
    typeError: !typeFirst && types.length === 1 && types[0] === group.type,
  }));
  return { groups, typeFirst };
}

function compileNode(schema: unknown, at: string, options: EngineOptions): Check {
  const { formats = {}, coercion, deepEqual, shapes } = options;
  // `true` (guard.ts refuses any other schema that is not an object).
  if (!isObject(schema)) return () => true;
  const site: Site = { schema, at, coerce: coercion !== undefined, formats, deepEqual };
  const types = typesOf(schema);
  const coerceTo = coercion?.targets(types) ?? [];
  const { groups, typeFirst } = groupsOf(site, types, coerceTo.length > 0, (child, childAt) => compileNode(child, childAt, options));
  const tests = types.map(typeTest);
  const hasType =
    tests.length === 1
      ? tests[0]!
      : (data: unknown) => {
          for (let index = 0; index < tests.length; index++) if (tests[index]!(data)) return true;
          return false;
        };
  const node: Node = { site, groups, typeFirst, hasType, typeParams: { type: schema.type } };
  if (coercion) return coercion.node(node, coerceTo);
  return shapes?.(node) ?? plainNode(node);
}

/** The checks of one group in order; fail-fast returns at the first failure (safe without coercion: nothing else happens). */
function sequence(checks: Check[]): Check {
  if (checks.length === 1) return checks[0]!;
  return (data, holder, key, path, errors) => {
    let ok = true;
    for (let index = 0; index < checks.length; index++) {
      if (checks[index]!(data, holder, key, path, errors)) continue;
      if (!errors) return false;
      ok = false;
    }
    return ok;
  };
}

/** Without coercion a check has no effect but its answer, so fail-fast may stop at the first failure. */
function plainNode({ site, groups, typeFirst, hasType, typeParams }: Node): Check {
  const typeError = (path: string, errors: SchemaError[] | undefined) => report(errors, site, 'type', path, typeParams);
  const runs = groups.map((group) => ({ test: group.test, checks: sequence(group.checks), empty: group.checks.length === 0, typeError: group.typeError }));
  return (data, holder, key, path, errors) => {
    let ok = true;
    if (typeFirst && !hasType(data)) {
      if (!errors) return false;
      ok = typeError(path, errors);
    }
    for (let index = 0; index < runs.length; index++) {
      const run = runs[index]!;
      if (run.test === undefined || run.test(data)) {
        if (run.empty || run.checks(data, holder, key, path, errors)) continue;
      } else if (!run.typeError) continue;
      else typeError(path, errors);
      if (!errors) return false;
      ok = false;
    }
    return ok;
  };
}

/**
 * The plug-in (EngineOptions.shapes) that gives the common shapes (no keyword, a bare type, one
 * group) a closure of their own, which keeps the simulator's every-error pass on refused bodies
 * fast; any other shape is left to plainNode. A client checks one body per submit and leaves it out.
 */
export function shapedNode({ site, groups, typeFirst, hasType, typeParams }: Node): Check | undefined {
  const typeError = (path: string, errors: SchemaError[] | undefined) => report(errors, site, 'type', path, typeParams);
  if (groups.length === 0) return typeFirst ? (data, _holder, _key, path, errors) => hasType(data) || typeError(path, errors) : () => true;
  const only = groups[0]!;
  if (groups.length > 1 || typeFirst) return undefined;
  const checks = sequence(only.checks);
  const test = only.test;
  if (test === undefined) return only.checks.length === 0 ? () => true : checks;
  if (only.typeError) return (data, holder, key, path, errors) => (test(data) ? checks(data, holder, key, path, errors) : typeError(path, errors));
  return (data, holder, key, path, errors) => !test(data) || checks(data, holder, key, path, errors);
}

/**
 * Compiles a schema once with the plug-ins given; `test` and `errors` may then be called any number
 * of times. Throws SchemaCompileError on a format not in `formats`, and (with `guard`) on anything unsupported.
 */
export function compileWith(schema: unknown, options: EngineOptions = {}): CompiledSchema {
  const { coercion, guard, verdict: verdictOf } = options;
  guard?.(schema);
  const check = compileNode(schema, '#', options);
  // Without coercion the verdict may be a predicate of its own (options.verdict); with it, the
  // checks run fail-fast in ajv's order, since that order decides what is coerced.
  const verdict = coercion ? undefined : verdictOf?.(schema);
  // The root's holder: a coercion of the root value lands here, as ajv reassigns its data variable.
  const root = (data: unknown): Holder => ({ value: data });
  const unused: Holder = {};
  return {
    test: verdict ?? ((data) => check(data, root(data), 'value', '', undefined)),
    errors: (data) => {
      const errors: SchemaError[] = [];
      check(data, coercion ? root(data) : unused, 'value', '', errors);
      return errors;
    },
  };
}
