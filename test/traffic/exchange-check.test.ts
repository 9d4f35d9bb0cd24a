// The checks one exchange gets (cli/traffic/exchange-check.ts), the proxy's and drift's alike:
// undocumented fields found by ajv on a strict twin of the schema, schema errors reported once
// each at their own pointer, and the documents' own examples clean.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conformance } from '../../cli/check/bundle.ts';
import { checkExchange, type Exchange, responseSchemaFindings, strictTwin } from '../../cli/traffic/exchange-check.ts';
import type { DIALECT_IDS } from '../../generated/dialects.ts';
import { escapePointerSegment } from '../../src/json-pointer.ts';
import { loadContracts, loadOperations } from '../support/contracts.ts';

const where = (found: Array<{ kind: string; pointer: string }>) => found.map(({ kind, pointer }) => `${kind} ${pointer}`);

describe('fields the document does not name (the strict twin)', () => {
  const task = {
    type: 'object',
    required: ['id'],
    properties: {
      id: { type: 'string' },
      content: { type: 'object', properties: { video_url: { type: 'string' } } },
      items: { type: 'array', items: { type: 'object', properties: { a: { type: 'integer' } } } },
      error: { oneOf: [{ type: 'object', required: ['code'], properties: { code: { type: 'string' }, message: { type: 'string' } } }, { type: 'null' }] },
      both: { allOf: [{ properties: { x: { type: 'string' } } }, { properties: { y: { type: 'string' } } }] },
      metadata: { type: 'object' },
    },
  };

  it('reports a new field at the root, in a nested object and in array items, each at its own pointer', () => {
    const body = { id: 't', billing_units: 3, content: { video_url: 'u', watermark: true }, items: [{ a: 1, b: 2 }, { a: 2 }, { c: 3 }] };
    expect(where(responseSchemaFindings(task, body, 200)).sort()).toEqual([
      'undocumented-field /billing_units',
      'undocumented-field /content/watermark',
      'undocumented-field /items/0/b',
      'undocumented-field /items/2/c',
    ]);
  });

  it('knows the fields every allOf member names, and reports only the one none names', () => {
    expect(where(responseSchemaFindings(task, { id: 't', both: { x: 'a', y: 'b' } }, 200))).toEqual([]);
    expect(where(responseSchemaFindings(task, { id: 't', both: { x: 'a', y: 'b', z: 1 } }, 200))).toEqual(['undocumented-field /both/z']);
  });

  it('knows the fields of the oneOf branch that matched', () => {
    expect(where(responseSchemaFindings(task, { id: 't', error: { code: 'c', message: 'm' } }, 200))).toEqual([]);
    expect(where(responseSchemaFindings(task, { id: 't', error: { code: 'c', retry: true } }, 200))).toEqual(['undocumented-field /error/retry']);
    expect(where(responseSchemaFindings(task, { id: 't', error: null }, 200))).toEqual([]);
  });

  it('leaves an object the document names no field of ({type: object}) open', () => {
    expect(where(responseSchemaFindings(task, { id: 't', metadata: { anything: 1, at: { all: true } } }, 200))).toEqual([]);
  });

  it('escapes a field name into its pointer (RFC 6901)', () => {
    expect(where(responseSchemaFindings(task, { id: 't', 'a/b~c': 1 }, 200))).toEqual(['undocumented-field /a~1b~0c']);
  });

  it('adds the keyword only where an instance value lands, never inside a combinator member', () => {
    const { schema, added } = strictTwin(task);
    expect([...added].sort()).toEqual([
      '#/properties/both/unevaluatedProperties',
      '#/properties/content/unevaluatedProperties',
      '#/properties/error/unevaluatedProperties',
      '#/properties/items/items/unevaluatedProperties',
      '#/unevaluatedProperties',
    ]);
    expect(JSON.stringify((schema.properties as Record<string, { oneOf?: unknown; allOf?: unknown }>).error?.oneOf)).not.toContain('unevaluated');
    expect(JSON.stringify((schema.properties as Record<string, { allOf?: unknown }>).both?.allOf)).not.toContain('unevaluated');
  });
});

describe('schema errors, once each', () => {
  const schema = conformance.ark.operations.getTask!.responses['200']!['application/json'] as object;
  const task = { id: 'cgt-1', model: 'm', status: 'running', created_at: 1, updated_at: 2 };

  it('an unknown status word is one violation at /status, naming the documented words', () => {
    const found = responseSchemaFindings(schema, { ...task, status: 'thinking' }, 200);
    expect(where(found)).toEqual(['schema /status']);
    expect(found[0]?.message).toMatch(/^\/status must be one of "queued", .*"expired"$/);
  });

  it('a missing required field is reported at its own pointer', () => {
    const { id: _, ...withoutId } = task;
    const found = responseSchemaFindings(schema, withoutId, 200);
    expect(where(found)).toEqual(['schema /id']);
    expect(found[0]?.message).toBe('/id is required but missing');
  });

  it('a wrong type is one violation, even under a oneOf: the branch whose type fits says what is wrong', () => {
    expect(where(responseSchemaFindings(schema, { ...task, seed: '42' }, 200))).toEqual(['schema /seed']);
    expect(where(responseSchemaFindings(schema, { ...task, error: { code: 5, message: 'm' } }, 200))).toEqual(['schema /error/code']);
    const fitsNoBranch = responseSchemaFindings(schema, { ...task, error: 'boom' }, 200);
    expect(where(fitsNoBranch)).toEqual(['schema /error']);
    expect(fitsNoBranch[0]?.message).toBe('/error must be an object or null');
  });
});

describe('the documents against themselves', () => {
  const examples = loadContracts().flatMap((contract) =>
    loadOperations(contract).flatMap((operation) =>
      operation.responses
        .filter((example) => example.mediaType.includes('json'))
        // Names and values only: fast-check prints a counterexample whole.
        .map((example) => ({ dialect: contract.dialect as (typeof DIALECT_IDS)[number], operation: { operationId: operation.operationId }, example })),
    ),
  );

  it('every documented response example is clean: no schema error, no undocumented field', () => {
    const dirty = examples.flatMap(({ dialect, operation, example }) => {
      const schema = conformance[dialect].operations[operation.operationId]!.responses[example.status]![example.mediaType] as object;
      const found = responseSchemaFindings(schema, example.value, Number(example.status));
      return found.map((finding) => `${dialect} ${operation.operationId} ${example.status} ${example.name}: ${finding.kind} ${finding.pointer}`);
    });
    expect(dirty).toEqual([]);
    expect(examples.length).toBeGreaterThan(100);
  });

  it('a field added to any documented object example is reported exactly once, at its pointer', () => {
    const schemaOf = (dialect: (typeof DIALECT_IDS)[number], operationId: string, status: string, mediaType: string) =>
      conformance[dialect].operations[operationId]!.responses[status]![mediaType] as { properties?: Record<string, unknown> };
    // An object schema that names no field ({type: object}) is open by design: nothing there is undocumented.
    const objects = examples.filter(
      ({ dialect, operation, example }) =>
        typeof example.value === 'object' &&
        example.value !== null &&
        !Array.isArray(example.value) &&
        schemaOf(dialect, operation.operationId, example.status, example.mediaType).properties !== undefined,
    );
    fc.assert(
      fc.property(fc.constantFrom(...objects), fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue(), ({ dialect, operation, example }, name, value) => {
        const schema = schemaOf(dialect, operation.operationId, example.status, example.mediaType);
        fc.pre(!Object.hasOwn(schema.properties ?? {}, name) && !Object.hasOwn(example.value as object, name));
        const found = responseSchemaFindings(schema, { ...(example.value as object), [name]: value }, Number(example.status));
        expect(where(found)).toEqual([`undocumented-field /${escapePointerSegment(name)}`]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('an exchange', () => {
  const exchange = (overrides: Partial<Exchange>): Exchange => ({
    method: 'GET',
    path: '/api/v3/contents/generations/tasks/cgt-1',
    query: '',
    request: {},
    response: { status: 200, contentType: 'application/json', body: { bytes: new TextEncoder().encode('{"id":"x"}'), size: 10 } },
    ...overrides,
  });

  it('on no documented operation is one undocumented-operation violation', async () => {
    const verdict = await checkExchange('ark', exchange({ path: '/api/v3/contents/generations/tasks/cgt-1/cancel', method: 'POST' }));
    expect(verdict.operationId).toBe('(none)');
    expect(where(verdict.violations)).toEqual(['undocumented-operation ']);
  });

  it('with a status the operation does not document is one undocumented-status violation', async () => {
    const verdict = await checkExchange(
      'ark',
      exchange({ response: { status: 418, contentType: 'application/json', body: { bytes: new Uint8Array(), size: 0 } } }),
    );
    expect(where(verdict.violations)).toEqual(['undocumented-status ']);
    expect(verdict.violations[0]?.message).toMatch(/HTTP 418 is not documented for getTask \(documented: 200, 401, 404, 429, 500\)/);
  });

  it('whose JSON answer does not parse is one not-json violation quoting its start', async () => {
    const bytes = new TextEncoder().encode('<html>Bad gateway</html>');
    const verdict = await checkExchange(
      'ark',
      exchange({ response: { status: 200, contentType: 'application/json; charset=utf-8', body: { bytes, size: bytes.length } } }),
    );
    expect(where(verdict.violations)).toEqual(['not-json ']);
    expect(verdict.violations[0]?.message).toContain('"<html>Bad gateway</html>"');
  });

  it('whose JSON body was too large to keep is counted unchecked, not reported', async () => {
    const verdict = await checkExchange('ark', exchange({ response: { status: 200, contentType: 'application/json', body: { size: 9_000_000 } } }));
    expect(verdict).toMatchObject({ violations: [], unchecked: 1 });
  });

  it('with a request breaking a rule names the rule ids the client reports', async () => {
    const invalid = conformance.ark.operations.createTask!.invalid.find((example) => example.name === 'duration-too-long')!;
    const bytes = new TextEncoder().encode(JSON.stringify(invalid.body));
    const verdict = await checkExchange('ark', {
      method: 'POST',
      path: '/api/v3/contents/generations/tasks',
      query: '',
      request: { contentType: 'application/json', body: { bytes, size: bytes.length } },
      response: { status: 400, contentType: 'application/json', body: { bytes: new TextEncoder().encode('{"error":{"code":"x","message":"y"}}'), size: 36 } },
    });
    expect(verdict.violations.map((violation) => violation.rule)).toContain(invalid.violates);
    expect(verdict.violations.every((violation) => violation.kind === 'request-rule' && violation.direction === 'request')).toBe(true);
  });
});
