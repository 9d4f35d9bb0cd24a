// A gateway's documented model list is what it is known to sell, not a rule: a model id no document
// names passes every check (the gateway judges it), the client notes it in `prepare`'s result, and
// the simulator accepts it. Rules keyed on named models (4k only on some, 12 s on 1.x, ...) refuse
// only the families they name: each negative example of such a rule, with its model moved to a
// version no document names, must pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../mocks/simulator/index.ts';
import { checkRequestBody, contracts } from '../../src/contracts/index.ts';
import { createClient, type DialectId } from '../../src/index.ts';
import { KNOWN_MODELS } from '../../generated/dialects.ts';
import { loadContracts, loadOperations } from '../support/contracts.ts';
import { DIALECTS, MODELS } from '../support/dialects.ts';

type Schema = Record<string, unknown>;

/** Every subschema, depth first. */
function* subschemas(node: unknown): Generator<Schema> {
  if (Array.isArray(node)) for (const item of node) yield* subschemas(item);
  else if (typeof node === 'object' && node !== null) {
    yield node as Schema;
    for (const value of Object.values(node)) yield* subschemas(value);
  }
}

/** The rules whose marked subschema names models: a pattern, enum or const on a `model` property. */
function modelKeyedRules(dialect: DialectId): Set<string> {
  const keyed = new Set<string>();
  for (const schema of subschemas(contracts[dialect].operations.createTask?.requestSchema)) {
    const rule = schema['x-rule'];
    if (typeof rule !== 'string') continue;
    const namesModels = [...subschemas(schema)].some((inner) => {
      const model = (inner.properties as Record<string, Schema> | undefined)?.model;
      return model !== undefined && [...subschemas(model)].some((part) => 'pattern' in part || 'enum' in part || 'const' in part);
    });
    if (namesModels) keyed.add(rule);
  }
  return keyed;
}

/** The model id with its version (the first `<n>-<n>` or `<n>.<n>`) replaced: the same naming, a family no document names. */
function unnamedVersion(model: string, major: number, minor: number): string {
  return model.replace(/(\d+)([-.])(\d+)/, (_, __, separator: string) => `${major}${separator}${minor}`);
}

const version = fc.record({ major: fc.integer({ min: 3, max: 99 }), minor: fc.integer({ min: 0, max: 9 }) });

describe('rules keyed on named models refuse only those models', () => {
  const cases = loadContracts().flatMap((contract) => {
    const dialect = contract.dialect as DialectId;
    const keyed = modelKeyedRules(dialect);
    const createTask = loadOperations(contract).find((operation) => operation.operationId === 'createTask');
    return (createTask?.invalid ?? [])
      .filter((example) => example.location === 'body' && keyed.has(example.violates))
      .map((example) => [dialect, example.name, example.violates, example.body as Record<string, unknown>] as const);
  });

  it('finds such rules in the documents (ark, openrouter, unified-jobs)', () => {
    expect(new Set(cases.map(([dialect]) => dialect))).toEqual(new Set(['ark', 'openrouter', 'unified-jobs']));
  });

  it.each(cases)('%s "%s" (%s): the same body on a Seedance version no document names is not refused', (dialect, _, rule, body) => {
    expect(checkRequestBody(dialect, 'createTask', body).map((issue) => issue.rule)).toContain(rule);
    fc.assert(
      fc.property(version, ({ major, minor }) => {
        const model = unnamedVersion(String(body.model), major, minor);
        expect(model).not.toBe(body.model);
        expect(checkRequestBody(dialect, 'createTask', { ...body, model })).toEqual([]);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});

describe('a model no document lists', () => {
  it.each(DIALECTS)('%s: passes the client, is noted in prepare, and the simulator accepts it', async (dialect) => {
    const sim = createSimulator();
    const client = createClient({ baseUrl: sim.urls, apiKey: 'sk-open-models', fetch: sim.fetch, dialect });
    await fc.assert(
      fc.asyncProperty(version, async ({ major, minor }) => {
        const model = unnamedVersion(MODELS[dialect], major, minor);
        const prepared = await client.prepare({ model, prompt: 'A kitten yawns', duration: 5 });
        expect(prepared.model).toBe(model);
        const listed = KNOWN_MODELS.some((known) => known.dialect === dialect);
        if (listed) expect(prepared.notes?.[0]).toContain(`${model} is not among the models openapi/${dialect}.yaml lists`);
        const handle = await client.submit({ model, prompt: 'A kitten yawns', duration: 5 });
        expect(handle.model).toBe(model);
      }),
      { numRuns: 5, seed: 11 },
    );
    expect(sim.journal.entries().every((entry) => entry.verdict.outcome === 'accepted')).toBe(true);
  });

  it('a documented model gets no note', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9/{dialect}', apiKey: 'sk' });
    for (const dialect of DIALECTS) {
      const prepared = await client.prepare({ model: MODELS[dialect], dialect, prompt: 'A kitten yawns', duration: 5 });
      expect(prepared.notes, dialect).toBeUndefined();
    }
  });
});
