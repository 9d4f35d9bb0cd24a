// The contracts' own JSON Schema engine (src/schema/) against ajv, the engine it replaced at run
// time and still the oracle here: on bodies generated near the documents' boundaries (their
// examples, enums, ranges and content mixes, mutated: scripts/differential/bodies.ts) for every
// operation with a request schema, and on query strings for every query parameter, both give the
// same verdict, the same errors in the same order, the same coercion of text, and so the same
// worded issues. Keywords the engine does not implement fail when a schema is compiled.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import arkConformance from '../../generated/ark.conformance.json' with { type: 'json' };
import contentMetadataConformance from '../../generated/content-metadata.conformance.json' with { type: 'json' };
import multipartVideosConformance from '../../generated/multipart-videos.conformance.json' with { type: 'json' };
import unifiedJobsConformance from '../../generated/unified-jobs.conformance.json' with { type: 'json' };
import { bodyFacts, wireBodies } from '../../scripts/differential/bodies.ts';
import { dialectContracts } from '../../src/contract.ts';
import { contract as arkClient } from '../../src/contracts/ark.ts';
import { contract as contentMetadataClient } from '../../src/contracts/content-metadata.ts';
import { issuesOf } from '../../src/contracts/issues.ts';
import { contract as multipartVideosClient } from '../../src/contracts/multipart-videos.ts';
import { contract as unifiedJobsClient } from '../../src/contracts/unified-jobs.ts';
import { CLIENT_OPERATIONS, type ContractOperation } from '../../src/contracts/types.ts';
import { DIALECT_IDS } from '../../src/dialects/ids.ts';
import { formDataBody } from '../../src/dialects/raw-client.ts';
import { describeError } from '../../src/messages.ts';
import { dialectContract } from '../../src/contracts/check.ts';
import { coercion } from '../../src/schema/coerce.ts';
import { compileSchema, SchemaCompileError, type SchemaError } from '../../src/schema/compile.ts';
import { compileWith } from '../../src/schema/engine.ts';
import { FORMATS, uri } from '../../src/schema/formats.ts';
import { guardSchema } from '../../src/schema/guard.ts';
import { deepEqual } from '../../src/schema/values.ts';
import { compileTest } from '../../src/schema/verdict.ts';

const SEED = 20261126;
/** What each dialect adapter carries: the client's part of the contract (generated/<dialect>.client.json). */
const CLIENT_CONTRACTS = {
  ark: arkClient,
  'content-metadata': contentMetadataClient,
  'multipart-videos': multipartVideosClient,
  'unified-jobs': unifiedJobsClient,
};
const BODIES_PER_OPERATION = 600;

/** ajv as src/contract.ts configured it before src/schema/ (Prism's tolerance, every error, each with its schema). */
function ajv(allErrors: boolean, coerceTypes: boolean): Ajv2020 {
  const engine = new Ajv2020({ allErrors, strict: false, allowUnionTypes: true, allowMatchingProperties: true, verbose: allErrors, coerceTypes });
  addFormats(engine);
  engine.addFormat('binary', true);
  return engine;
}
const ORACLES = { full: ajv(true, false), fullCoercing: ajv(true, true), verdict: ajv(false, false), verdictCoercing: ajv(false, true) };

/** The fields both engines promise (ajv's `message` and `data` are not read by anything). */
const shapeOf = (errors: ReadonlyArray<ErrorObject | SchemaError>) =>
  errors.map(({ instancePath, schemaPath, keyword, params, schema, parentSchema }) => ({ instancePath, schemaPath, keyword, params, schema, parentSchema }));

/** A multipart body as the gateway parses it: the form the client sends, each file seen by its file name. */
function formFields(body: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of formDataBody(body).entries()) fields[name] = value instanceof File ? value.name : value;
  return fields;
}

interface Outcome {
  valid: boolean;
  errors: unknown[];
  /** The data after validation: coercion rewrites it in place, in both engines. */
  after: unknown;
}

function ajvOutcome(validate: ValidateFunction, data: unknown): Outcome {
  const copy = structuredClone(data);
  const valid = validate(copy);
  return { valid, errors: shapeOf(validate.errors ?? []), after: copy };
}

function engineOutcome(errorsOf: (data: unknown) => SchemaError[], data: unknown): Outcome {
  const copy = structuredClone(data);
  const errors = errorsOf(copy);
  return { valid: errors.length === 0, errors: shapeOf(errors), after: copy };
}

/** A schema without its `default` annotations, which only the simulator reads (written here again, not imported from the generator it checks). */
function withoutDefaults(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDefaults);
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties') copy[key] = Object.fromEntries(Object.entries(value as object).map(([name, schema]) => [name, withoutDefaults(schema)]));
    else if (key !== 'default') copy[key] = withoutDefaults(value);
  }
  return copy;
}

const operationsWithBodies = DIALECT_IDS.flatMap((dialect) =>
  Object.entries(dialectContracts[dialect].operations)
    .filter(([, operation]) => operation.requestSchema)
    .map(([operationId, operation]) => ({ dialect, operationId, operation })),
);

describe('src/schema/ = ajv on every request schema of the documents', () => {
  it('covers every operation with a request body in all four dialects', () => {
    expect(new Set(operationsWithBodies.map(({ dialect }) => dialect))).toEqual(new Set(DIALECT_IDS));
    expect(operationsWithBodies.length).toBeGreaterThanOrEqual(7);
  });

  it("the client's part of each contract keeps the operations the client drives, each body's media type, schema (less defaults) and encoding", () => {
    for (const dialect of DIALECT_IDS) {
      const whole = dialectContracts[dialect].operations;
      const client = CLIENT_CONTRACTS[dialect].operations;
      const driven = Object.keys(whole).filter((operationId) => CLIENT_OPERATIONS.includes(operationId));
      expect(driven).toContain('createTask');
      expect(Object.keys(client)).toEqual(driven);
      for (const operationId of driven) {
        const operation = whole[operationId]!;
        const { method, path, requestMediaType, requestSchema, requestEncoding } = operation;
        expect(client[operationId]).toMatchObject({ method, path });
        expect([client[operationId]?.requestMediaType, client[operationId]?.requestSchema, client[operationId]?.requestEncoding]).toEqual([
          requestMediaType,
          withoutDefaults(requestSchema),
          requestEncoding,
        ]);
      }
    }
  });

  for (const { dialect, operationId, operation } of operationsWithBodies) {
    const multipart = operation.requestMediaType?.startsWith('multipart/') === true;
    const what = `${BODIES_PER_OPERATION} generated ${multipart ? 'forms' : 'bodies'}`;
    it(`${dialect} ${operationId}: same verdict, errors, coercion and worded issues on ${what}`, () => {
      const schema = operation.requestSchema!;
      const mine = compileSchema(schema, { coerceTypes: multipart });
      // The simulator's verdict (the fused predicate) and the client's (the checks, fail-fast).
      const fused = compileSchema(schema, { coerceTypes: multipart, verdict: compileTest });
      const full = (multipart ? ORACLES.fullCoercing : ORACLES.full).compile(schema);
      const verdict = (multipart ? ORACLES.verdictCoercing : ORACLES.verdict).compile(schema);
      const contract = dialectContracts[dialect];
      let accepted = 0;
      fc.assert(
        fc.property(wireBodies(bodyFacts(dialect, operationId)), (body) => {
          const wire = multipart ? formFields(body as Record<string, unknown>) : (JSON.parse(JSON.stringify(body) ?? 'null') as unknown);
          const expected = ajvOutcome(full, wire);
          expect(engineOutcome(mine.errors, wire)).toEqual(expected);
          expect(mine.test(structuredClone(wire))).toBe(verdict(structuredClone(wire)));
          expect(fused.test(structuredClone(wire))).toBe(verdict(structuredClone(wire)));
          const issues = expected.valid ? [] : issuesOf(operation, full.errors as unknown as SchemaError[]);
          expect(contract.checkRequestBody(operationId, wire)).toEqual(issues);
          // The client's part of the contract words every refusal as the whole contract does.
          if (CLIENT_OPERATIONS.includes(operationId)) expect(CLIENT_CONTRACTS[dialect].checkRequestBody(operationId, wire)).toEqual(issues);
          if (expected.valid) accepted++;
        }),
        { numRuns: BODIES_PER_OPERATION, seed: SEED },
      );
      // Both verdicts came up: the generator is not all refusals, nor all acceptances.
      expect(accepted, `${accepted} of ${BODIES_PER_OPERATION} accepted`).toBeGreaterThan(0);
      expect(accepted, `${accepted} of ${BODIES_PER_OPERATION} accepted`).toBeLessThan(BODIES_PER_OPERATION);
    });
  }
});

/** Query-string values near each parameter's schema: its enum, its bounds as text one step either side, and text ajv coerces oddly. */
function parameterValues(schema: Record<string, unknown>): fc.Arbitrary<string> {
  const known = [...((schema.enum as unknown[] | undefined) ?? []), schema.default].filter((value) => value !== undefined).map(String);
  for (const key of ['minimum', 'maximum', 'minLength']) {
    const bound = schema[key];
    if (typeof bound === 'number') known.push(String(bound - 1), String(bound), String(bound + 1), `${bound}.5`, 'x'.repeat(Math.max(0, bound - 1)));
  }
  const odd = ['', ' ', ' 5 ', '5.0', '1e2', '0x10', 'Infinity', '-0', 'true', 'null', 'bytes=0-', 'abc'];
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known, ...odd) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
}

/** The query check as src/contract.ts wrote it over ajv: the first error of the coercing validator, worded. */
function ajvParameterIssues(operation: ContractOperation, query: URLSearchParams): unknown[] {
  const issues: unknown[] = [];
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query')) {
    const values = query.getAll(parameter.name);
    const field = `/query/${parameter.name}`;
    const rule = operation.rules.find((candidate) => candidate.field === field);
    if (values.length === 0) {
      if (parameter.required) issues.push({ path: field, rule: rule?.id ?? 'schema-required', message: `${parameter.name} is required` });
      continue;
    }
    const schema = parameter.schema as { type?: string };
    const validate = ORACLES.fullCoercing.compile(schema);
    if (!validate(schema.type === 'array' ? values : values[0])) {
      const first = validate.errors![0]! as unknown as SchemaError;
      issues.push({ path: field, rule: rule?.id ?? 'schema-parameter', message: describeError(first, '', rule?.description, parameter.name) });
    }
  }
  return issues;
}

const operationsWithQueries = DIALECT_IDS.flatMap((dialect) =>
  Object.entries(dialectContracts[dialect].operations)
    .filter(([, operation]) => operation.parameters.some((parameter) => parameter.in === 'query'))
    .map(([operationId, operation]) => ({ dialect, operationId, operation })),
);

/** The documents' own request examples per dialect and operation: the named valid ones and the negative ones (generated/<dialect>.conformance.json). */
const DOCUMENTED_BODIES = DIALECT_IDS.map((dialect, index) => ({
  dialect,
  operations: (
    [arkConformance, contentMetadataConformance, multipartVideosConformance, unifiedJobsConformance][index] as {
      operations: Record<
        string,
        { requests?: Array<{ name: string; body?: unknown }>; invalid?: Array<{ name: string; body?: unknown; location: string; violates: string }> }
      >;
    }
  ).operations,
}));

describe("the client's part of each contract words the documents' own examples as the whole contract does", () => {
  // The property test above generates bodies; a rule whose refusal only a documented negative
  // example reaches (and whose description a client bundle must keep to word it) is held here.
  it.each(DIALECT_IDS)('%s: every documented request body, valid and invalid, gets the same issues from both', (dialect) => {
    const { operations } = DOCUMENTED_BODIES.find((entry) => entry.dialect === dialect)!;
    let refused = 0;
    for (const operationId of CLIENT_OPERATIONS) {
      const cases = [
        ...(operations[operationId]?.requests ?? []),
        ...(operations[operationId]?.invalid ?? []).filter((example) => example.location === 'body'),
      ];
      for (const example of cases) {
        if (example.body === undefined) continue;
        const whole = dialectContracts[dialect].checkRequestBody(operationId, structuredClone(example.body));
        expect(CLIENT_CONTRACTS[dialect].checkRequestBody(operationId, structuredClone(example.body)), `${operationId} ${example.name}`).toEqual(whole);
        if (whole.length > 0) refused++;
      }
    }
    // The negative examples reach the schema: some are refused by it (others by the file checks).
    expect(refused).toBeGreaterThan(0);
  });
});

describe('src/schema/ = ajv on every query parameter of the documents (text coerced)', () => {
  for (const { dialect, operationId, operation } of operationsWithQueries) {
    it(`${dialect} ${operationId}: same errors, coercion and worded issues on generated query strings`, () => {
      const parameters = operation.parameters.filter((parameter) => parameter.in === 'query');
      const query = fc
        .tuple(...parameters.map((parameter) => fc.array(parameterValues(parameter.schema as Record<string, unknown>), { maxLength: 2 })))
        .map((lists) => new URLSearchParams(parameters.flatMap((parameter, index) => (lists[index] ?? []).map((value) => [parameter.name, value]))));
      let refused = 0;
      fc.assert(
        fc.property(query, (search) => {
          for (const parameter of parameters) {
            const values = search.getAll(parameter.name);
            if (values.length === 0) continue;
            const value = (parameter.schema as { type?: string }).type === 'array' ? values : values[0];
            const mine = compileSchema(parameter.schema, { coerceTypes: true });
            expect(engineOutcome(mine.errors, value)).toEqual(ajvOutcome(ORACLES.fullCoercing.compile(parameter.schema as object), value));
          }
          const issues = dialectContracts[dialect].checkParameters(operationId, search);
          expect(issues).toEqual(ajvParameterIssues(operation, search));
          if (issues.length > 0) refused++;
        }),
        { numRuns: 400, seed: SEED },
      );
      expect(refused).toBeGreaterThan(0);
    });
  }
});

/**
 * A body shaped by a schema: each property present or not, each value one the schema names (const,
 * enum, a bound, a type's usual value) or arbitrary JSON, so both verdicts come up.
 */
function shapedBy(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const node = (typeof schema === 'object' && schema !== null ? schema : {}) as Record<string, unknown>;
  const junk = fc.jsonValue({ maxDepth: 1 });
  if (depth > 4) return junk;
  const branches = ['oneOf', 'anyOf'].flatMap((keyword) => (node[keyword] as unknown[] | undefined) ?? []);
  if (branches.length > 0) return fc.oneof(...branches.map((branch) => shapedBy(branch, depth + 1)), junk);
  const known = [node.const, ...((node.enum as unknown[] | undefined) ?? []), node.minimum, node.maximum].filter((value) => value !== undefined);
  const types = [node.type].flat();
  if (types.includes('object') || node.properties) {
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    const fields = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, shapedBy(property, depth + 1)]));
    const required = ((node.required as string[] | undefined) ?? []).filter((name) => name in fields);
    return fc.oneof(
      { weight: 6, arbitrary: fc.record(fields, { requiredKeys: required }) },
      { weight: 2, arbitrary: fc.record(fields, { requiredKeys: [] }) },
      { weight: 1, arbitrary: junk },
    );
  }
  if (types.includes('array')) return fc.oneof(fc.array(shapedBy(node.items, depth + 1), { maxLength: 3 }), junk);
  const typical: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.constantFrom('text', 'https://a.example/x', ''),
    integer: fc.integer({ min: -2, max: 2 }),
    number: fc.double({ noNaN: true, noDefaultInfinity: true }),
    boolean: fc.boolean(),
    null: fc.constant(null),
  };
  const usual = types.flatMap((type) => (typeof type === 'string' && typical[type] ? [typical[type]] : []));
  const fitting = known.length > 0 ? [fc.constantFrom(...known)] : usual;
  return fitting.length > 0 ? fc.oneof({ weight: 5, arbitrary: fc.oneof(...fitting) }, { weight: 1, arbitrary: junk }) : junk;
}

const CONFORMANCE = [arkConformance, contentMetadataConformance, multipartVideosConformance, unifiedJobsConformance] as Array<{
  operations: Record<string, { responses?: Record<string, Record<string, unknown>> }>;
}>;
const responseSchemas = CONFORMANCE.flatMap((bundle) =>
  Object.values(bundle.operations).flatMap((operation) =>
    Object.values(operation.responses ?? {}).flatMap((media) =>
      Object.entries(media)
        .filter(([type]) => type.includes('json'))
        .map(([, schema]) => schema),
    ),
  ),
);

describe('src/schema/ = ajv on every JSON response schema `seedance check` reads', () => {
  it(`same verdict and errors on bodies shaped by each of the ${responseSchemas.length} schemas`, () => {
    // As cli/check/verdict.ts configured ajv before: every error, formats checked, no coercion.
    const oracle = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
    addFormats(oracle);
    oracle.addFormat('binary', true);
    let accepted = 0;
    let refused = 0;
    for (const schema of responseSchemas) {
      const mine = compileSchema(schema);
      const full = oracle.compile(schema as object);
      fc.assert(
        fc.property(shapedBy(schema), (body) => {
          const expected = ajvOutcome(full, body);
          expect(engineOutcome(mine.errors, body)).toEqual(expected);
          if (expected.valid) accepted++;
          else refused++;
        }),
        { numRuns: 60, seed: SEED },
      );
    }
    // Both verdicts came up often, for the schemas taken together.
    expect(accepted, `${accepted} accepted`).toBeGreaterThan(responseSchemas.length * 5);
    expect(refused, `${refused} refused`).toBeGreaterThan(responseSchemas.length * 5);
  });
});

/**
 * Small schemas for what the documents use only in a few places or not yet (type lists, null,
 * exclusive bounds, contains counts, a coercion that a later keyword sees, three passing oneOf
 * branches), against arbitrary JSON and odd text, with and without coercion.
 */
const PROBES: Array<Record<string, unknown>> = [
  { type: 'integer', minimum: 4, maximum: 15 },
  { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
  { type: ['string', 'null'], minLength: 2 },
  { type: ['integer', 'boolean'] },
  { type: 'null' },
  { type: 'boolean', enum: [true] },
  { type: 'string', format: 'uri' },
  { type: 'string', pattern: '^[a-z]+$', maxLength: 3 },
  { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 3 },
  { type: 'array', contains: { const: 1 }, minContains: 2, maxContains: 3 },
  { contains: { type: 'string' }, minContains: 0, maxContains: 1 },
  { contains: {}, maxContains: 2 },
  { oneOf: [{}, {}, {}] },
  { oneOf: [{ type: 'integer' }, { minimum: 2 }, { type: 'string' }] },
  { anyOf: [{ type: 'integer' }, { type: 'string', minLength: 2 }] },
  { not: { type: 'integer' } },
  { const: { a: [1, 'x'] } },
  { enum: [1, 'a', null, [1], { b: 2 }] },
  {
    type: 'object',
    required: ['n', 'm'],
    properties: { n: { type: 'integer' }, 'a/b~c': { type: 'string' } },
    allOf: [
      { properties: { n: { minimum: 3 } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword under test
      { if: { properties: { n: { const: 5 } } }, then: { required: ['k'] }, else: { required: ['j'] } },
    ],
  },
  { type: 'object', allOf: [{ not: { properties: { flag: { type: 'boolean', const: true } } } }], properties: { flag: { type: 'boolean' } } },
];

describe('src/schema/ = ajv on probe schemas beyond what the documents use today', () => {
  const text = fc.constantFrom('', ' ', ' 5 ', '5', '5.5', '1e2', '0x10', 'Infinity', 'true', 'false', 'null', '0', '1', 'ab', 'https://a.example/x', 'a:b');
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, fc.array(fc.oneof(text, fc.constantFrom(1, 2, 'x')), { maxLength: 5 }));
  const objects = fc.dictionary(fc.constantFrom('n', 'm', 'k', 'j', 'a/b~c', 'flag'), fc.oneof(text, fc.constantFrom(5, 3, true, null)), { maxKeys: 5 });
  for (const coerceTypes of [false, true]) {
    it(`same verdict, errors and coercion${coerceTypes ? ' (text coerced)' : ''}`, () => {
      for (const schema of PROBES) {
        const mine = compileSchema(schema, { coerceTypes });
        const fused = compileSchema(schema, { coerceTypes, verdict: compileTest });
        const full = (coerceTypes ? ORACLES.fullCoercing : ORACLES.full).compile(schema);
        const verdict = (coerceTypes ? ORACLES.verdictCoercing : ORACLES.verdict).compile(schema);
        fc.assert(
          fc.property(fc.oneof(value, objects), (data) => {
            expect(engineOutcome(mine.errors, data), JSON.stringify(schema)).toEqual(ajvOutcome(full, data));
            expect(mine.test(structuredClone(data))).toBe(verdict(structuredClone(data)));
            expect(fused.test(structuredClone(data))).toBe(verdict(structuredClone(data)));
          }),
          { numRuns: 300, seed: SEED },
        );
      }
    });
  }
});

describe('src/schema/ refuses what it does not implement, when compiling', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['an unknown keyword', { type: 'object', propertyNames: { maxLength: 3 } }, /"propertyNames" at #/],
    [
      'a keyword deep inside',
      { properties: { content: { items: { contains: { uniqueItems: true } } } } },
      /"uniqueItems" at #\/properties\/content\/items\/contains/,
    ],
    ['a $ref left unbundled', { allOf: [{ $ref: '#/components/schemas/Task' }] }, /"\$ref" at #\/allOf\/0/],
    ['multipleOf', { type: 'integer', multipleOf: 2 }, /"multipleOf"/],
    ['a format it does not know', { type: 'string', format: 'email' }, /unknown format "email"/],
    ['additionalProperties other than true', { type: 'object', additionalProperties: false }, /additionalProperties/],
    ['a false schema', { not: false }, /must be an object or true at #\/not/],
    ['an unknown type', { type: 'float' }, /unknown type "float"/],
    ['a bound that is not a number', { properties: { n: { maximum: '5' } } }, /maximum must be a number at #\/properties\/n/],
    ['an enum that is not a list', { enum: 'a' }, /enum must be an array/],
    ['required that does not list names', { required: [1] }, /required must list names/],
    ['an empty oneOf', { items: { oneOf: [] } }, /oneOf must be a non-empty array at #\/items/],
  ];
  for (const [what, schema, message] of cases) {
    it(`throws on ${what}`, () => {
      expect(() => compileSchema(schema)).toThrow(SchemaCompileError);
      expect(() => compileSchema(schema)).toThrow(message);
    });
  }

  it('accepts annotations and x- extensions without effect', () => {
    const schema = { type: 'string', default: 'a', description: 'd', title: 't', examples: ['a'], contentMediaType: 'image/png', 'x-rule': 'r' };
    expect(compileSchema(schema).test('b')).toBe(true);
    expect(compileSchema(schema).test(1)).toBe(false);
  });
});

describe('the engine and the contracts take the guard, coercion, formats and the query check as plug-ins, and refuse what they were not given', () => {
  it('every schema a client compiles without the guard (generated/<dialect>.client.json) passes it: the generator guarded them', () => {
    for (const dialect of DIALECT_IDS) {
      for (const operation of Object.values(CLIENT_CONTRACTS[dialect].operations)) expect(() => guardSchema(operation.requestSchema ?? {})).not.toThrow();
    }
  });

  it('unguarded, the engine compiles what it is given; the guard is what refuses the unsupported', () => {
    const schema = { type: 'object', propertyNames: { maxLength: 3 } };
    expect(() => compileWith(schema, { guard: guardSchema })).toThrow(SchemaCompileError);
    expect(compileWith(schema).test({ abcd: 1 })).toBe(true);
  });

  it('a format the engine was not given fails at compile time, as an unknown one does', () => {
    expect(() => compileWith({ type: 'string', format: 'uri' })).toThrow(/unknown format "uri"/);
    expect(compileWith({ type: 'string', format: 'uri' }, { formats: { uri } }).test('a:b')).toBe(true);
  });

  it('an object or array in const or enum needs the deepEqual plug-in; primitives are compared without it', () => {
    expect(() => compileWith({ enum: ['a', { b: 2 }] })).toThrow(/deepEqual/);
    expect(() => compileWith({ const: [1] })).toThrow(/deepEqual/);
    expect(compileWith({ enum: ['a', { b: 2 }] }, { deepEqual }).test({ b: 2 })).toBe(true);
    expect(compileWith({ enum: ['a', null, 3] }).test(null)).toBe(true);
  });

  it('without the coercion plug-in nothing is coerced; with it, text is coerced as ajv does', () => {
    expect(
      compileWith({ type: 'integer' })
        .errors('5')
        .map((error) => error.keyword),
    ).toEqual(['type']);
    const holder = { n: '5' };
    expect(compileWith({ properties: { n: { type: 'integer' } } }, { coercion }).errors(holder)).toEqual([]);
    expect(holder.n).toBe(5);
  });

  it('a contract built without coercion refuses to check a multipart body, and one without the query check refuses query parameters', () => {
    const multipart = Object.entries(dialectContracts['multipart-videos'].operations).find(([, operation]) =>
      operation.requestMediaType?.startsWith('multipart/'),
    );
    const withQuery = DIALECT_IDS.flatMap((dialect) =>
      Object.entries(dialectContracts[dialect].operations)
        .filter(([, operation]) => operation.parameters.some((parameter) => parameter.in === 'query'))
        .map(([operationId, operation]) => ({ dialect, operationId, operation })),
    )[0];
    expect(multipart && withQuery).toBeTruthy();
    const [operationId, operation] = multipart!;
    const bare = dialectContract('multipart-videos', { dialect: 'multipart-videos', operations: { [operationId]: operation } }, { formats: FORMATS });
    expect(() => bare.checkRequestBody(operationId, {})).toThrow(/without coercion/);
    const noQueries = dialectContract(withQuery!.dialect, { dialect: withQuery!.dialect, operations: { [withQuery!.operationId]: withQuery!.operation } });
    expect(() => noQueries.checkParameters(withQuery!.operationId, new URLSearchParams())).toThrow(/without the query check/);
  });

  it("a client's contract carries no defaults (the simulator's contract does), and says so rather than answer undefined", () => {
    expect(dialectContracts.ark.requestDefault('createTask', 'service_tier')).toBe('default');
    expect(() => arkClient.requestDefault('createTask', 'service_tier')).toThrow(/without its defaults/);
  });
});
