// The client's request check: @cfworker/json-schema interprets the request schema the client bundle
// ships (generated/<dialect>.client.json), without compiling or evaluating code, so it runs under a
// strict Content-Security-Policy and in edge runtimes. The simulator and the command line run ajv's
// validators compiled at generate time (generated/<dialect>.validate.ts) instead: they are faster,
// but larger than the schema they were compiled from. Both report the same SchemaErrors (the
// keyword, the field, the x-rule it belongs to), so one wording (issues.ts) serves both, and a
// differential test holds their verdicts equal.
import { dereference, format, type OutputUnit, type Schema, validate } from '@cfworker/json-schema';
import { pointerSegments } from '../json-pointer.ts';
import type { DialectId } from '../../generated/dialects.ts';
import { dialectContract } from './check.ts';
import { FORMATS } from './engine.ts';
import { isNode, type Node, traceSchemaPath } from './trace.ts';
import { bodyValidator, type Contract, type DialectContract, type SchemaError, type Validate, type Validators } from './types.ts';

// Units that only say a child failed (`properties`, `allOf`, ...): the child's own units say what.
// `false` is the child of a failed `additionalProperties: false`, which reports the object itself.
const PARENT_KEYWORDS = new Set(['properties', 'patternProperties', 'items', 'prefixItems', 'additionalItems', 'allOf', '$ref', 'false', 'dependentSchemas']);

/** cfworker's instance location (`#/content/0`, segments URI-encoded) as ajv's instance path (`/content/0`). */
function instancePath(location: string): string {
  return location
    .replace(/^#/, '')
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** What a wording reads of a keyword beside the schema: its value, by the name ajv gives it. */
function paramsOf(keyword: string, parent: Node, unit: OutputUnit): Record<string, unknown> {
  switch (keyword) {
    case 'required':
      // One unit per missing property, named only in the unit's text.
      return { missingProperty: /property "(.*)"\.$/s.exec(unit.error)?.[1] };
    case 'type':
      return { type: parent.type };
    case 'enum':
      return { allowedValues: parent.enum };
    case 'const':
      return { allowedValue: parent.const };
    case 'format':
    case 'pattern':
      return { [keyword]: parent[keyword] };
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return { limit: parent[keyword] };
    default:
      return {};
  }
}

/** One cfworker output unit as the SchemaError ajv's validator reports for the same failure. */
function schemaError(schema: Node, unit: OutputUnit): SchemaError | undefined {
  if (PARENT_KEYWORDS.has(unit.keyword)) return undefined;
  // ajv reports a broken `minContains`/`maxContains` as its `contains`.
  const keyword = unit.keyword === 'minContains' || unit.keyword === 'maxContains' ? 'contains' : unit.keyword;
  const schemaPath = keyword === unit.keyword ? unit.keywordLocation : unit.keywordLocation.replace(/\/\w+$/, '/contains');
  const { rule, parent = {} } = traceSchemaPath(schema, schemaPath);
  return {
    instancePath: instancePath(unit.instanceLocation),
    schemaPath,
    keyword,
    params: paramsOf(keyword, parent, unit),
    ...(rule === undefined ? {} : { rule }),
    parentSchema: parent,
  };
}

// The formats as the documents mean them (engine.ts), not cfworker's own patterns; a format it does
// not know (`binary`) it ignores, as ajv is told to.
const OUR_FORMATS = Object.entries(FORMATS).map(([name, check]) => [name, check === true ? () => true : check] as const);

/** Runs `check` with cfworker's formats set to ours, then puts its own back (other users of the library keep theirs). */
function withOurFormats<T>(check: () => T): T {
  const table = format as Record<string, ((value: string) => boolean) | undefined>;
  const saved = OUR_FORMATS.map(([name]) => [name, table[name]] as const);
  for (const [name, ours] of OUR_FORMATS) table[name] = ours;
  try {
    return check();
  } finally {
    for (const [name, theirs] of saved) {
      if (theirs === undefined) delete table[name];
      else table[name] = theirs;
    }
  }
}

const TEXT_TYPES = (type: unknown): string[] => (Array.isArray(type) ? type : type === undefined ? [] : [type]).map(String);

/** One text value as ajv's `coerceTypes` reads it: the first of the schema's types it converts to, or itself. */
function coerceText(value: string, type: unknown): unknown {
  const types = TEXT_TYPES(type);
  if (types.length === 0 || types.includes('string')) return value;
  for (const target of types) {
    const number = Number(value);
    if ((target === 'number' || target === 'integer') && value !== '' && !Number.isNaN(number) && (target === 'number' || !(number % 1))) return number;
    if (target === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
    if (target === 'null' && value === '') return null;
  }
  return value;
}

/**
 * A form's fields (text, as a multipart body arrives) converted to the types the schema's
 * properties declare, as the simulator's validator coerces them (ajv's `coerceTypes`, as Prism does).
 */
function coerceForm(schema: Node, body: unknown): unknown {
  if (!isNode(body) || Array.isArray(body) || !isNode(schema.properties)) return body;
  const properties = schema.properties;
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => {
      const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
      return [name, typeof value === 'string' && isNode(property) ? coerceText(value, property.type) : value];
    }),
  );
}

// ajv's keyword order within one schema object: the keywords of any type, then each type's own
// (only the data's type runs). A failed `if` is reported after its `then` or `else`.
const TYPELESS = ['$ref', 'const', 'enum', 'not', 'anyOf', 'oneOf', 'allOf', 'then', 'else', 'if'];
const TYPE_GROUPS: Record<string, string[]> = {
  number: ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'multipleOf'],
  string: ['maxLength', 'minLength', 'pattern', 'format'],
  array: ['maxItems', 'minItems', 'prefixItems', 'items', 'contains', 'uniqueItems'],
  object: [
    'maxProperties',
    'minProperties',
    'required',
    'propertyNames',
    'additionalProperties',
    'dependencies',
    'properties',
    'patternProperties',
    'dependentRequired',
    'dependentSchemas',
  ],
};
const GROUP_OF = (type: unknown) => (type === 'integer' ? 'number' : String(type));
const KEYWORD_ORDER = [...TYPELESS, ...Object.values(TYPE_GROUPS).flat()];

/**
 * Where ajv reports a keyword among those of its schema object. `type` comes first, unless the
 * schema names one type, coerces none and has keywords of that type: then ajv reports it where that
 * type's keywords run.
 */
function keywordRank(keyword: string, holder: Node, coerces: boolean): number {
  if (keyword !== 'type') {
    const rank = KEYWORD_ORDER.indexOf(keyword);
    return rank === -1 ? KEYWORD_ORDER.length : rank;
  }
  const group = typeof holder.type === 'string' ? TYPE_GROUPS[GROUP_OF(holder.type)] : undefined;
  if (coerces || !group?.some((name) => name in holder)) return -1;
  return KEYWORD_ORDER.indexOf(group[group.length - 1] as string) + 0.5;
}

// Keywords whose subschema applies to a member of the data: the key of an error walks into that member there.
const INTO_MEMBER = new Set(['items', 'contains', 'additionalProperties']);

/** A key step: a keyword of a schema object (ordered by rank), or a name or index (ordered as met). */
type Step = { rank: number } | { name: string };

/**
 * The place of an error in ajv's walk: its schema path, with the data member entered at each
 * keyword that enters one. Errors are ordered as the walk meets them, and a failed keyword after the
 * errors of its own subschemas (ajv reports `anyOf`, `oneOf` and `contains` after their branches').
 */
function walkKey(schema: Node, schemaPath: string, instancePath: string, coerces: boolean): Step[] {
  const parts = pointerSegments(schemaPath);
  const members = instancePath.split('/').slice(1);
  const steps: Step[] = [];
  let node: unknown = schema;
  let depth = 0;
  let isSchema = true;
  for (const [index, part] of parts.entries()) {
    const holder = isNode(node) ? node : {};
    if (isSchema) {
      steps.push({ rank: keywordRank(part, holder, coerces) });
      node = holder[part];
      const last = index === parts.length - 1;
      if (part === 'properties' || part === 'prefixItems' || part === 'patternProperties') {
        isSchema = false; // a name or index comes next, then a schema
        if (part !== 'patternProperties') depth++;
      } else if (part === 'allOf' || part === 'anyOf' || part === 'oneOf') {
        isSchema = false;
      } else if (INTO_MEMBER.has(part) && !last) {
        steps.push({ name: members[depth] ?? '' });
        depth++;
      }
    } else {
      steps.push({ name: part });
      node = isNode(node) ? (node as Node)[part] : undefined;
      isSchema = true;
    }
  }
  return steps;
}

function compareKeys(a: Step[], b: Step[], firstSeen: Map<string, number>): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const left = a[index] as Step;
    const right = b[index] as Step;
    if ('rank' in left && 'rank' in right) {
      if (left.rank !== right.rank) return left.rank - right.rank;
    } else if ('name' in left && 'name' in right && left.name !== right.name) {
      const numeric = /^\d+$/.test(left.name) && /^\d+$/.test(right.name);
      if (numeric) return Number(left.name) - Number(right.name);
      return (firstSeen.get(left.name) ?? 0) - (firstSeen.get(right.name) ?? 0);
    }
  }
  // A keyword's own error comes after those of its subschemas.
  return b.length - a.length;
}

/** A JSON value at a JSON pointer (ajv's instance path). */
function memberAt(data: unknown, path: string): unknown {
  return path
    .split('/')
    .slice(1)
    .reduce<unknown>((value, part) => (isNode(value) ? value[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), data);
}

/**
 * The units of the members a failed `contains` judged, as ajv reports them: every member that
 * fails its subschema until ajv's count settles the verdict (cfworker keeps none, or all).
 */
function containsUnits(data: unknown, unit: OutputUnit, holder: Node, lookup: Lookup): OutputUnit[] {
  const array = memberAt(data, instancePath(unit.instanceLocation));
  if (!Array.isArray(array) || holder.contains === undefined) return [];
  const min = typeof holder.minContains === 'number' ? holder.minContains : 1;
  const max = typeof holder.maxContains === 'number' ? holder.maxContains : undefined;
  const location = unit.keywordLocation.replace(/\/\w+$/, '/contains');
  const units: OutputUnit[] = [];
  let count = 0;
  for (const [index, member] of array.entries()) {
    const result = validate(member, holder.contains as Schema, '2020-12', lookup, false, null, `${unit.instanceLocation}/${index}`, location);
    if (!result.valid) units.push(...result.errors);
    else if (++count > (max ?? Number.POSITIVE_INFINITY) || (max === undefined && count >= min)) break;
  }
  return units;
}

type Lookup = ReturnType<typeof dereference>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The data with each lone surrogate in an object key replaced by U+FFFD: the interpreter URI-encodes
 * the keys it walks into, which throws on one (JSON.parse makes them from `"\ud800"`). Values keep theirs.
 */
function wellFormedKeys(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(wellFormedKeys);
  if (!isNode(data)) return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key.replace(LONE_SURROGATE, '\uFFFD'), wellFormedKeys(value)]));
}

/** A validator for one schema with ajv's interface: true when valid, else `errors` say why. */
function interpreted(schema: Node, text: boolean): Validate {
  let lookup: Lookup | undefined;
  const validate_: Validate = (input) => {
    lookup ??= dereference(schema as Schema);
    const known = lookup;
    const data = wellFormedKeys(text ? coerceForm(schema, input) : input);
    const result = withOurFormats(() => validate(data, schema as Schema, '2020-12', known, false));
    if (result.valid) {
      validate_.errors = null;
      return true;
    }
    // A `contains` unit's member units are cfworker's; they are judged again as ajv counts them.
    const containers = result.errors.filter((unit) => /^(contains|minContains|maxContains)$/.test(unit.keyword));
    const inContains = (unit: OutputUnit) =>
      containers.some(
        (owner) =>
          unit.keywordLocation.startsWith(owner.keywordLocation.replace(/\/\w+$/, '/contains/')) &&
          unit.instanceLocation.startsWith(`${owner.instanceLocation}/`),
      );
    const units = withOurFormats(() =>
      result.errors.flatMap((unit) => {
        if (inContains(unit)) return [];
        if (!containers.includes(unit)) return [unit];
        const { parent = {} } = traceSchemaPath(schema, unit.keywordLocation);
        return [...containsUnits(data, unit, parent, known), unit];
      }),
    );
    const errors = units.flatMap((unit) => schemaError(schema, unit) ?? []);
    const firstSeen = new Map<string, number>();
    for (const error of errors) for (const part of pointerSegments(error.schemaPath)) if (!firstSeen.has(part)) firstSeen.set(part, firstSeen.size);
    for (const error of errors) for (const part of error.instancePath.split('/')) if (!firstSeen.has(part)) firstSeen.set(part, firstSeen.size);
    const keyed = errors.map((error) => ({ error, key: walkKey(schema, error.schemaPath, error.instancePath, text) }));
    keyed.sort((a, b) => compareKeys(a.key, b.key, firstSeen));
    validate_.errors = keyed.map(({ error }) => error);
    return false;
  };
  return validate_;
}

/** Every request body's validator of a client bundle, by the names the generated validators use. */
function interpretedValidators(bundle: Contract): Validators {
  return Object.fromEntries(
    Object.entries(bundle.operations).flatMap(([operationId, operation]) =>
      operation.requestSchema
        ? [[bodyValidator(operationId), interpreted(operation.requestSchema, operation.requestMediaType?.startsWith('multipart/') === true)]]
        : [],
    ),
  );
}

/** A dialect's contract as a client checks it: its client bundle, each request schema interpreted. */
export function clientContract(dialect: DialectId, bundle: Contract): DialectContract {
  return dialectContract(dialect, bundle, interpretedValidators(bundle));
}
