// Generated wire bodies per dialect (createTask, or any operation with a request body), for the
// differential checks (client vs simulator; generated validators vs ajv at run time).
// Nothing here is typed by hand: the starting bodies are the documents' own createTask examples
// (valid and invalid, from generated/<dialect>.conformance.json), the field names, enums and
// ranges come from the request schema in generated/<dialect>.contract.json, and the content items
// mixed around the mode/count rules are the items the examples use, with the roles the schema names.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { GENERATED } from '../../generated/registry.ts';
import { contracts } from '../../src/contracts/index.ts';
import type { DialectId } from '../../generated/dialects.ts';

type Json = unknown;
type Schema = { [key: string]: unknown; properties?: Record<string, Schema>; enum?: unknown[]; const?: unknown };
interface Example {
  location?: string;
  body?: unknown;
}
interface ConformanceBundle {
  operations: Record<string, { requests: Example[]; invalid: Example[] } | undefined>;
}

const conformanceOf = (dialect: DialectId) => GENERATED[dialect].conformance as ConformanceBundle;

/** Every example body of an operation (createTask unless named) in a dialect's document: valid ones first, then the invalid ones. */
function exampleBodies(dialect: DialectId, operationId: string): Array<Record<string, Json>> {
  const operation = conformanceOf(dialect).operations[operationId];
  const all = [...(operation?.requests ?? []), ...(operation?.invalid ?? []).filter((example) => (example.location ?? 'body') === 'body')];
  return all.map((example) => example.body).filter((body): body is Record<string, Json> => typeof body === 'object' && body !== null && !Array.isArray(body));
}

const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every subschema of a schema (through properties, items, allOf, oneOf, ...), depth first. */
function* subschemas(schema: unknown): Generator<Schema> {
  if (Array.isArray(schema)) for (const member of schema) yield* subschemas(member);
  else if (isObject(schema)) {
    yield schema as Schema;
    for (const value of Object.values(schema)) yield* subschemas(value);
  }
}

/** The values worth trying at a field: its enum and const values, and each bound, one step inside and outside. */
function valuesFromSchema(schema: Schema): Json[] {
  const values: Json[] = [...(schema.enum ?? []), ...('const' in schema ? [schema.const] : [])];
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems']) {
    const bound = schema[key];
    if (typeof bound !== 'number') continue;
    if (key.endsWith('Length')) values.push('x'.repeat(Math.max(0, bound - 1)), 'x'.repeat(bound), 'x'.repeat(Math.min(bound + 1, 5_000)));
    else if (key.endsWith('Items'))
      values.push(Array(Math.max(0, bound - 1)).fill('https://example.com/a.png'), Array(bound + 1).fill('https://example.com/a.png'));
    else values.push(bound - 1, bound, bound + 1, bound + 0.5, String(bound));
  }
  return values;
}

/** What the documents know about a dialect's request body: field names and the values worth trying at each. */
export interface BodyFacts {
  dialect: DialectId;
  multipart: boolean;
  examples: Array<Record<string, Json>>;
  /** By field name, at any depth (`duration`, `metadata`, `role`, ...): enum members, bounds, values the examples use. */
  values: Map<string, Json[]>;
  /** Content items the examples use, by role (`text` for text items, `none` for items without a role). */
  items: Map<string, Array<Record<string, Json>>>;
  /** Fields whose schema says binary (multipart file parts). */
  fileFields: string[];
}

function collectExampleValues(value: Json, into: Map<string, Json[]>): void {
  if (Array.isArray(value)) for (const member of value) collectExampleValues(member, into);
  else if (isObject(value)) {
    for (const [key, member] of Object.entries(value)) {
      into.set(key, [...(into.get(key) ?? []), member]);
      collectExampleValues(member, into);
    }
  }
}

function collectItems(examples: Array<Record<string, Json>>, roles: string[]): Map<string, Array<Record<string, Json>>> {
  const items = new Map<string, Array<Record<string, Json>>>();
  const add = (key: string, item: Record<string, Json>) => items.set(key, [...(items.get(key) ?? []), item]);
  const all = examples.flatMap((body) => (Array.isArray(body.content) ? body.content.filter(isObject) : []));
  for (const item of all) add(item.type === 'text' ? 'text' : typeof item.role === 'string' ? item.role : 'none', item);
  // A role the schema names but no example uses: an example's media item of any role, given that role.
  const media = all.find((item) => typeof item.role === 'string');
  for (const role of roles) if (!items.has(role) && media) add(role, { ...media, role });
  return items;
}

export function bodyFacts(dialect: DialectId, operationId = 'createTask'): BodyFacts {
  const operation = contracts[dialect].operations[operationId];
  const schema = operation?.requestSchema ?? {};
  const examples = exampleBodies(dialect, operationId);
  const values = new Map<string, Json[]>();
  for (const node of subschemas(schema)) {
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      if (isObject(property)) values.set(name, [...(values.get(name) ?? []), ...valuesFromSchema(property as Schema)]);
    }
  }
  collectExampleValues(examples, values);
  for (const [name, list] of values) values.set(name, [...new Map(list.map((value) => [JSON.stringify(value), value])).values()]);
  const roles = [...new Set((values.get('role') ?? []).filter((role): role is string => typeof role === 'string'))];
  const properties = (schema as Schema).properties ?? {};
  const fileFields = Object.keys(properties).filter((name) => properties[name]?.format === 'binary');
  return {
    dialect,
    multipart: operation?.requestMediaType?.startsWith('multipart/') === true,
    examples,
    values,
    items: collectItems(examples, roles),
    fileFields,
  };
}

/** A change to a body (or to an object inside it), applied to a copy. */
type Mutation = (body: Record<string, Json>) => void;

const pick = <T>(list: readonly T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

/** The body and every object inside it (content items, `metadata`, `image_url`, ...), at most three levels down. */
function objectsIn(value: Json, depth = 0): Array<Record<string, Json>> {
  if (depth > 3) return [];
  if (Array.isArray(value)) return value.flatMap((member) => objectsIn(member, depth + 1));
  if (!isObject(value)) return [];
  return [value, ...Object.values(value).flatMap((member) => objectsIn(member, depth + 1))];
}

function valueArbitrary(facts: BodyFacts, name: string): fc.Arbitrary<Json> {
  const known = facts.values.get(name) ?? [];
  const random = fc.jsonValue({ maxDepth: 2 });
  return known.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: random }) : random;
}

function fieldNameArbitrary(facts: BodyFacts): fc.Arbitrary<string> {
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...facts.values.keys()) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
}

/** Content mixed around the mode and count rules: 0..3 text items and 0..12 items of each role. */
function contentMixArbitrary(facts: BodyFacts): fc.Arbitrary<Json[]> {
  const kinds = [...facts.items.keys()];
  const count = (kind: string) =>
    kind === 'text' ? fc.integer({ min: 0, max: 3 }) : fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 12 }));
  return fc.tuple(fc.tuple(...kinds.map(count)), fc.boolean()).map(([counts, reversed]) => {
    const items = kinds.flatMap((kind, index) => Array.from({ length: counts[index] ?? 0 }, (_, n) => structuredClone(pick(facts.items.get(kind) ?? [], n))));
    return reversed ? items.reverse() : items;
  });
}

function jsonMutations(facts: BodyFacts): fc.Arbitrary<Mutation> {
  const drop = fc.tuple(fc.nat(), fc.nat()).map(
    ([target, key]): Mutation =>
      (body) => {
        const object = pick(objectsIn(body), target);
        const name = object && pick(Object.keys(object), key);
        if (object && name !== undefined) delete object[name];
      },
  );
  const set = fc.tuple(
    fc.nat(),
    fieldNameArbitrary(facts).chain((name) => valueArbitrary(facts, name).map((value) => [name, value] as const)),
  );
  const setField = set.map(
    ([target, [name, value]]): Mutation =>
      (body) => {
        const object = pick(objectsIn(body), target) ?? body;
        object[name] = structuredClone(value);
      },
  );
  const mix = contentMixArbitrary(facts).map(
    (content): Mutation =>
      (body) => {
        body.content = content;
      },
  );
  const duplicateItem = fc.nat().map(
    (index): Mutation =>
      (body) => {
        if (Array.isArray(body.content) && body.content.length > 0) body.content.push(structuredClone(pick(body.content, index)));
      },
  );
  const mistypedContent = fc.jsonValue({ maxDepth: 2 }).map(
    (value): Mutation =>
      (body) => {
        body.content = value;
      },
  );
  return fc.oneof(
    { weight: 3, arbitrary: drop },
    { weight: 5, arbitrary: setField },
    { weight: facts.items.size > 0 ? 3 : 0, arbitrary: mix },
    { weight: facts.items.size > 0 ? 1 : 0, arbitrary: duplicateItem },
    { weight: 1, arbitrary: mistypedContent },
  );
}

/** An example body with 0..4 mutations applied to a copy. */
function mutatedExample(seeds: Array<Record<string, Json>>, mutations: fc.Arbitrary<Mutation>): fc.Arbitrary<Record<string, Json>> {
  return fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutations, { maxLength: 4 })).map(([index, changes]) => {
    const body = structuredClone(seeds[index] ?? {});
    for (const change of changes) change(body);
    return body;
  });
}

/** JSON wire bodies: near-valid (mutated examples), the examples themselves, and fully random JSON. */
function jsonBodies(facts: BodyFacts): fc.Arbitrary<Json> {
  const randomObject = fc.dictionary(fieldNameArbitrary(facts), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...facts.examples) },
    { weight: 12, arbitrary: mutatedExample(facts.examples, jsonMutations(facts)) },
    { weight: 1, arbitrary: randomObject },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

const FIXTURES = resolve(import.meta.dirname, '../../mocks/fixtures');
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(FIXTURES, name)));

/** Files a form may carry: the PNG, MP4 and PDF fixtures and arbitrary bytes, under fitting and misleading names and types. */
function fileArbitrary(): fc.Arbitrary<File> {
  const contents = fc.oneof(
    fc.constantFrom(fixture('first-frame.png'), fixture('last-frame.png'), fixture('sample.mp4'), fixture('document.pdf')),
    fc.uint8Array({ maxLength: 64 }),
  );
  const names = fc.constantFrom('first-frame.png', 'last-frame.png', 'frame.jpg', 'clip.mp4', 'document.pdf', 'upload', '');
  const types = fc.constantFrom('image/png', 'image/jpeg', 'application/pdf', 'video/mp4', '');
  return fc.tuple(contents, names, types).map(([bytes, name, type]) => new File([new Uint8Array(bytes)], name, { type }));
}

/** A multipart value: a text part from the documents' values, a number as the client's adapter holds it, or a file. */
function formValueArbitrary(facts: BodyFacts, name: string): fc.Arbitrary<unknown> {
  const text = valueArbitrary(facts, name).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  const raw = valueArbitrary(facts, name);
  return fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: raw }, { weight: 2, arbitrary: fileArbitrary() });
}

/** Multipart bodies as the client holds them before serialising (text fields, numbers, Files): mutated examples and random forms. */
function formBodies(facts: BodyFacts): fc.Arbitrary<Record<string, unknown>> {
  const seeds = facts.examples.map((body) =>
    Object.fromEntries(
      Object.entries(body).map(([name, value]) => [
        name,
        facts.fileFields.includes(name) && typeof value === 'string' ? new File([fixture('first-frame.png')], value, { type: 'image/png' }) : value,
      ]),
    ),
  );
  const drop = fc.nat().map(
    (key): Mutation =>
      (body) => {
        const name = pick(Object.keys(body), key);
        if (name !== undefined) delete body[name];
      },
  );
  const set = fieldNameArbitrary(facts).chain((name) =>
    formValueArbitrary(facts, name).map(
      (value): Mutation =>
        (body) => {
          body[name] = value;
        },
    ),
  );
  const mutated = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(fc.oneof(drop, set, set), { maxLength: 4 })).map(([index, changes]) => {
    // Files are immutable, so a shallow copy is enough.
    const body: Record<string, unknown> = { ...seeds[index] };
    for (const change of changes) change(body);
    return body;
  });
  const random = fc.dictionary(fieldNameArbitrary(facts), fc.oneof(fc.string({ maxLength: 12 }), fileArbitrary()), { maxKeys: 6 });
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...seeds) }, { weight: 12, arbitrary: mutated }, { weight: 1, arbitrary: random });
}

/** The wire bodies the differential check sends for a dialect. */
export function wireBodies(facts: BodyFacts): fc.Arbitrary<unknown> {
  return facts.multipart ? formBodies(facts) : jsonBodies(facts);
}
