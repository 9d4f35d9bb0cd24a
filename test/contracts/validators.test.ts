// The request validators ajv compiled at generate time (generated/<dialect>.validate.ts, written by
// codegen/validators.ts) are ajv's own: on bodies generated near the documents' boundaries
// (scripts/differential/bodies.ts) and on generated query strings, each generated validator gives
// the verdict, errors and coercion that ajv compiling the same schema with the same options gives
// at run time. The client's part of each contract (its schema interpreted by @cfworker/json-schema)
// and the whole contract (ajv's compiled validators) word every refusal alike (compared as sets of
// issues, not in one engine's order); the formats, string lengths and strict
// keywords behave as the contracts promise.
import { format } from '@cfworker/json-schema';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENERATED } from '../../generated/registry.ts';
import { bodyFacts, wireBodies } from '../../scripts/differential/bodies.ts';
import { querySchema, validatorModule } from '../../codegen/validators.ts';
import { contracts } from '../../src/contracts/index.ts';
import { engineOptions, FORMATS, VOCABULARY } from '../../src/contracts/engine.ts';
import { bodyValidator, CLIENT_OPERATIONS, type DialectContract, type Validate, type Validators, queryValidator } from '../../src/contracts/types.ts';
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
import { adapters } from '../../src/dialects/index.ts';
import { formDataBody } from '../../src/http/raw-client.ts';
import type { ValidationIssue } from '../../src/errors.ts';

const SEED = 20261207;
const BODIES_PER_OPERATION = 400;

/** What each dialect adapter carries: the client's part of the contract (generated/<dialect>.client.json). */
const CLIENT_CONTRACTS = Object.fromEntries(DIALECT_IDS.map((id) => [id, adapters[id].contract])) as Record<DialectId, DialectContract>;
const arkClient = adapters.ark.contract;
const VALIDATORS = Object.fromEntries(DIALECT_IDS.map((id) => [id, GENERATED[id].validators as Validators])) as Record<DialectId, Validators>;

/** ajv compiling at run time, configured as the generator configures it: the oracle for the generated code. */
function runtimeEngine(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020(engineOptions(coerceTypes));
  ajv.addVocabulary(VOCABULARY);
  return ajv;
}
const ORACLES = { json: runtimeEngine(false), text: runtimeEngine(true) };

interface Outcome {
  valid: boolean;
  errors: unknown[];
  /** The data after validation: coercion rewrites it in place. */
  after: unknown;
}

function outcome(validate: Validate | ValidateFunction, data: unknown): Outcome {
  const copy = structuredClone(data);
  const valid = validate(copy);
  const errors = (validate.errors ?? []).map(({ instancePath, schemaPath, keyword, params }) => ({ instancePath, schemaPath, keyword, params }));
  return { valid, errors: valid ? [] : errors, after: copy };
}

/** A multipart body as the gateway parses it: the form the client sends, each file seen by its file name. */
function formFields(body: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of formDataBody(body).entries()) fields[name] = value instanceof File ? value.name : value;
  return fields;
}

/** Issues as a set: the same field and rule, worded the same, in whatever order. */
const asSet = (issues: ValidationIssue[]) => issues.map((issue) => JSON.stringify([issue.path, issue.rule, issue.message])).sort();

const operationsWith = (has: (operation: (typeof contracts)['ark']['operations'][string]) => boolean) =>
  DIALECT_IDS.flatMap((dialect) =>
    Object.entries(contracts[dialect].operations)
      .filter(([, operation]) => has(operation))
      .map(([operationId, operation]) => ({ dialect, operationId, operation })),
  );
const operationsWithBodies = operationsWith((operation) => operation.requestSchema !== undefined);
const operationsWithQueries = operationsWith((operation) => operation.parameters.some((parameter) => parameter.in === 'query'));

describe('every request schema of the documents has its generated validator', () => {
  it('a body validator for each operation with a request body, a query validator for each with query parameters, and nothing else', () => {
    for (const dialect of DIALECT_IDS) {
      const expected = [
        ...operationsWithBodies.filter((entry) => entry.dialect === dialect).map((entry) => bodyValidator(entry.operationId)),
        ...operationsWithQueries.filter((entry) => entry.dialect === dialect).map((entry) => queryValidator(entry.operationId)),
      ].sort();
      const exported = Object.entries(VALIDATORS[dialect])
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => name)
        .sort();
      expect(exported, dialect).toEqual(expected);
    }
    expect(operationsWithBodies.length).toBeGreaterThanOrEqual(7);
  });

  it('generated code evaluates nothing from text and requires nothing: it runs wherever the client runs', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const dialect of DIALECT_IDS) {
      const code = await readFile(new URL(`../../generated/${dialect}.validate.ts`, import.meta.url), 'utf8');
      expect(code).not.toMatch(/\brequire\(|\bnew Function\b|\beval\(/);
    }
  });
});

describe('generated validators = ajv compiling the same schema at run time', () => {
  for (const { dialect, operationId, operation } of operationsWithBodies) {
    const multipart = operation.requestMediaType?.startsWith('multipart/') === true;
    it(`${dialect} ${operationId}: same verdict, errors and coercion on ${BODIES_PER_OPERATION} generated ${multipart ? 'forms' : 'bodies'}`, () => {
      const generated = VALIDATORS[dialect][bodyValidator(operationId)]!;
      const oracle = (multipart ? ORACLES.text : ORACLES.json).compile(operation.requestSchema as object);
      let accepted = 0;
      fc.assert(
        fc.property(wireBodies(bodyFacts(dialect, operationId)), (body) => {
          const wire = multipart ? formFields(body as Record<string, unknown>) : (JSON.parse(JSON.stringify(body) ?? 'null') as unknown);
          const expected = outcome(oracle, wire);
          expect(outcome(generated, wire)).toEqual(expected);
          if (expected.valid) accepted++;
        }),
        { numRuns: BODIES_PER_OPERATION, seed: SEED },
      );
      // Both verdicts came up: the generator is not all refusals, nor all acceptances.
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(BODIES_PER_OPERATION);
    });
  }

  for (const { dialect, operationId, operation } of operationsWithQueries) {
    it(`${dialect} ${operationId}: same verdict, errors and coercion on generated query strings`, () => {
      const generated = VALIDATORS[dialect][queryValidator(operationId)]!;
      const oracle = ORACLES.text.compile(querySchema(operation)!);
      const names = operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
      const odd = fc.constantFrom('', ' ', ' 5 ', '5.0', '1e2', '0x10', 'Infinity', '-0', 'true', 'null', 'abc', '1', '10', '100', '101', '0');
      const query = fc.dictionary(fc.constantFrom(...names), fc.oneof(odd, fc.string({ maxLength: 4 })), { maxKeys: names.length });
      let refused = 0;
      fc.assert(
        fc.property(query, (values) => {
          const expected = outcome(oracle, values);
          expect(outcome(generated, values)).toEqual(expected);
          if (!expected.valid) refused++;
        }),
        { numRuns: 300, seed: SEED },
      );
      expect(refused).toBeGreaterThan(0);
    });
  }
});

describe("the client's part of each contract judges and words every body as the whole contract does", () => {
  for (const dialect of DIALECT_IDS) {
    const multipart = contracts[dialect].operations.createTask?.requestMediaType?.startsWith('multipart/') === true;
    it(`${dialect}: the same set of issues on ${BODIES_PER_OPERATION} generated createTask bodies`, () => {
      fc.assert(
        fc.property(wireBodies(bodyFacts(dialect, 'createTask')), (body) => {
          const wire = multipart ? formFields(body as Record<string, unknown>) : (JSON.parse(JSON.stringify(body) ?? 'null') as unknown);
          const whole = contracts[dialect].checkRequestBody('createTask', wire);
          expect(asSet(CLIENT_CONTRACTS[dialect].checkRequestBody('createTask', wire))).toEqual(asSet(whole));
        }),
        { numRuns: BODIES_PER_OPERATION, seed: SEED },
      );
    });
  }

  // The documents' own request examples, valid and negative: a rule only a documented example reaches is held too.
  const DOCUMENTED = DIALECT_IDS.map((id) => GENERATED[id].conformance) as Array<{
    operations: Record<string, { requests?: Array<{ name: string; body?: unknown }>; invalid?: Array<{ name: string; body?: unknown; location: string }> }>;
  }>;
  it.each(DIALECT_IDS.map((dialect, index) => [dialect, index] as const))(
    '%s: every documented request body gets the same issues from both',
    (dialect, index) => {
      const operations = DOCUMENTED[index]!.operations;
      let refused = 0;
      for (const operationId of CLIENT_OPERATIONS) {
        const cases = [
          ...(operations[operationId]?.requests ?? []),
          ...(operations[operationId]?.invalid ?? []).filter((example) => example.location === 'body'),
        ];
        for (const example of cases) {
          if (example.body === undefined) continue;
          const whole = contracts[dialect].checkRequestBody(operationId, structuredClone(example.body));
          expect(asSet(CLIENT_CONTRACTS[dialect].checkRequestBody(operationId, structuredClone(example.body))), `${operationId} ${example.name}`).toEqual(
            asSet(whole),
          );
          if (whole.length > 0) refused++;
        }
      }
      expect(refused).toBeGreaterThan(0);
    },
  );
});

describe('what the validators promise beyond the verdict', () => {
  const validBody = { model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'a fox' }] };

  it('format uri in generated code is the same judge as FORMATS.uri (the WHATWG URL parser)', () => {
    const strings = fc.oneof(
      fc.webUrl(),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('http://', 'a:b', 'https://a b', 'mailto:x@y', '//x', 'https://[::1]/'),
    );
    fc.assert(
      fc.property(strings, (url) => {
        expect(GENERATED.ark.validators.createTaskBody({ ...validBody, callback_url: url })).toBe(FORMATS.uri(url));
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it("the client's check reads format uri as FORMATS.uri too, not by the interpreter's own pattern, which it leaves as it found it", () => {
    const strings = fc.oneof(
      fc.webUrl(),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('http://', 'https://例え.jp/cb', 'https://example.com/a b', 'https://example.com/%zz', 'https://a b', 'mailto:x@y'),
    );
    fc.assert(
      fc.property(strings, (url) => {
        const issues = arkClient.checkRequestBody('createTask', { ...validBody, callback_url: url });
        expect(issues.length === 0, url).toBe(FORMATS.uri(url));
      }),
      { numRuns: 500, seed: SEED },
    );
    // An IDN host the URL parser takes and the interpreter's pattern refuses: its table is its own again.
    expect(format.uri?.('https://例え.jp/cb')).toBe(false);
  });

  it('a key with a lone surrogate (JSON.parse makes one from "\\ud800") is judged by the client as by the simulator, not thrown on', () => {
    for (const dialect of DIALECT_IDS) {
      const body = JSON.parse('{"\\ud800":1,"content":[{"type":"text","text":"a","\\udc00x":2}],"model":{"\\ud800":3}}') as unknown;
      // The client names such a key with U+FFFD in its place; otherwise the issues are the same.
      const masked = (issues: ValidationIssue[]) => asSet(issues.map((issue) => ({ ...issue, path: issue.path.replace(/[\uD800-\uDFFF\uFFFD]/g, '?') })));
      const whole = contracts[dialect].checkRequestBody('createTask', structuredClone(body));
      expect(whole.length, dialect).toBeGreaterThan(0);
      expect(masked(CLIENT_CONTRACTS[dialect].checkRequestBody('createTask', body)), dialect).toEqual(masked(whole));
    }
  });

  it('string lengths count code points, not UTF-16 units (64 emoji fit a 64-character limit)', () => {
    const emoji = '\u{1F98A}';
    expect(contracts.ark.checkRequestBody('createTask', { ...validBody, safety_identifier: emoji.repeat(64) })).toEqual([]);
    expect(contracts.ark.checkRequestBody('createTask', { ...validBody, safety_identifier: emoji.repeat(65) }).map((issue) => issue.rule)).toEqual([
      'safety-identifier-length',
    ]);
  });

  it('query values are text coerced to the parameter types; a bad one is named at /query/<name>', () => {
    const { operationId, operation } = operationsWithQueries.find((entry) => entry.dialect === 'ark')!;
    const numeric = operation.parameters.find((parameter) => (parameter.schema as { type?: string }).type === 'integer');
    expect(numeric, 'an integer query parameter in the ark document').toBeDefined();
    const bounds = numeric!.schema as { minimum?: number };
    expect(contracts.ark.checkParameters(operationId, new URLSearchParams({ [numeric!.name]: String(bounds.minimum ?? 1) }))).toEqual([]);
    const issues = contracts.ark.checkParameters(operationId, new URLSearchParams({ [numeric!.name]: 'abc' }));
    expect(issues.map((issue) => issue.path)).toEqual([`/query/${numeric!.name}`]);
    expect(issues[0]!.message).toMatch(new RegExp(`^${numeric!.name} must be an integer`));
  });

  it('a keyword the engine does not know stops generation (a document edit is never silently ignored)', () => {
    expect(() => validatorModule({ createTask: { requestSchema: { type: 'object', exclusiveMaximumm: 3 }, parameters: [] } })).toThrow(/unknown keyword/);
    expect(() => validatorModule({ createTask: { requestSchema: { type: 'object', 'x-rule': 'a' }, parameters: [] } })).not.toThrow();
  });

  it("a client's contract carries no defaults (the simulator's contract does), and says so rather than answer undefined", () => {
    expect(contracts.ark.requestDefault('createTask', 'service_tier')).toBe('default');
    expect(() => arkClient.requestDefault('createTask', 'service_tier')).toThrow(/without its defaults/);
  });
});
