// The client built from chosen dialect adapters (seedance-contracts/core): it speaks those dialects
// and no other, routes models among them, checks bodies with each adapter's own contract, and its
// types name the dialects it was built with. Each adapter's wire check gives the verdict the
// dialect-id check of src/contracts/index.ts (what the simulator and the CLI use) gives, body for body.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient } from '../../src/core.ts';
import { ark } from '../../src/dialects/ark.ts';
import { adapters as ADAPTERS } from '../../src/dialects/index.ts';
import { unifiedJobs } from '../../src/dialects/unified-jobs.ts';
import { createClient as createRootClient, DIALECT_IDS, type DialectId, SeedanceError, UnknownModelError, ValidationError } from '../../src/index.ts';
import { checkWireBody } from '../../src/contracts/index.ts';
import { arkHandle, MODELS } from '../support/dialects.ts';
import { json, scriptedFetch } from '../support/scripted.ts';

const png = readFileSync(resolve(import.meta.dirname, '../../mocks/fixtures/first-frame.png'));
const KEY = 'sk-core-client-test';

describe('a client built with [ark]', () => {
  // A base URL that names no dialect, so the model's name routes (test/facade/gateway-routing.test.ts has the rest).
  const baseUrl = 'http://127.0.0.1:9/gateway';

  it('routes every Ark model id to ark, a Seedance 2.0 one included (content-metadata is not among its dialects)', () => {
    const seedance = createClient({ dialects: [ark], baseUrl, apiKey: KEY });
    expect(seedance.dialectFor(MODELS.ark)).toBe('ark');
    expect(seedance.dialectFor('doubao-seedance-2-0-260128')).toBe('ark');
    expect(createRootClient({ baseUrl, apiKey: KEY }).dialectFor('doubao-seedance-2-0-260128')).toBe('content-metadata');
  });

  it('refuses a model only another dialect serves, listing only its own routes', () => {
    const seedance = createClient({ dialects: [ark], baseUrl, apiKey: KEY });
    const error = (() => {
      try {
        seedance.dialectFor(MODELS['unified-jobs']);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnknownModelError);
    expect((error as UnknownModelError).message).toContain('→ ark');
    expect((error as UnknownModelError).message).not.toMatch(/content-metadata|unified-jobs|multipart-videos/);
  });

  it("checks a body against ark's contract before sending anything", async () => {
    const script = scriptedFetch([json(200, { id: 'cgt-1' })]);
    const seedance = createClient({ dialects: [ark], baseUrl, apiKey: KEY, fetch: script.fetch });
    const error = await seedance.submit({ model: MODELS.ark, prompt: 'p', duration: 99 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toContainEqual(expect.objectContaining({ path: '/duration' }));
    expect(script.requests).toHaveLength(0);
  });

  it('refuses a handle of a dialect it was not built with, before any request', async () => {
    const script = scriptedFetch([json(200, {})]);
    const seedance = createClient({ dialects: [ark], baseUrl: 'http://127.0.0.1:9', apiKey: KEY, fetch: script.fetch });
    const handle = { ...arkHandle('http://127.0.0.1:9'), dialect: 'unified-jobs' as const };
    await expect(seedance.get(handle)).rejects.toThrow(/built without the unified-jobs dialect \(it has ark\)/);
    await expect(seedance.submit({ model: MODELS.ark, prompt: 'p', dialect: 'unified-jobs' })).rejects.toBeInstanceOf(SeedanceError);
    expect(script.requests).toHaveLength(0);
  });

  it('submits and reads back through the ark adapter', async () => {
    const task = { id: 'cgt-20260101000000-zzzzz', model: MODELS.ark, status: 'running', created_at: 1, updated_at: 2 };
    const script = scriptedFetch([json(200, { id: task.id }), json(200, task)]);
    const seedance = createClient({ dialects: [ark], baseUrl, apiKey: KEY, fetch: script.fetch });
    const handle = await seedance.submit({ model: MODELS.ark, prompt: 'p', duration: 5 });
    expect(handle).toMatchObject({ dialect: 'ark', taskId: task.id, baseUrl });
    expect(await seedance.get(handle)).toMatchObject({ status: 'running', dialect: 'ark' });
    expect(script.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'POST /gateway/api/v3/contents/generations/tasks',
      `GET /gateway/api/v3/contents/generations/tasks/${task.id}`,
    ]);
  });

  it('names the dialects it speaks in its types', () => {
    const seedance = createClient({ dialects: [ark, unifiedJobs], baseUrl, apiKey: KEY });
    expectTypeOf(seedance.dialectFor).returns.toEqualTypeOf<'ark' | 'unified-jobs'>();
    expectTypeOf(createRootClient({ baseUrl, apiKey: KEY }).dialectFor).returns.toEqualTypeOf<DialectId>();
    // @ts-expect-error content-metadata is not among this client's dialects
    expect(() => createClient({ dialects: [ark], dialect: 'content-metadata', baseUrl, apiKey: KEY })).toThrow(/unknown dialect content-metadata/);
  });
});

describe('building a client', () => {
  it('refuses no dialects, a dialect listed twice, and something that is not an adapter', () => {
    const options = { baseUrl: 'http://127.0.0.1:9', apiKey: KEY };
    expect(() => createClient({ ...options, dialects: [] })).toThrow(/at least one dialect adapter/);
    expect(() => createClient({ ...options, dialects: [ark, ark] })).toThrow(/ark is listed twice/);
    // @ts-expect-error not an adapter
    expect(() => createClient({ ...options, dialects: [{ id: 'sora' }] })).toThrow(/not a dialect adapter: sora/);
  });
});

/** Wire bodies near a valid one: its fields replaced or joined by arbitrary JSON values (as text and files for the multipart dialect). */
async function nearbyBodies(dialect: DialectId): Promise<fc.Arbitrary<Record<string, unknown>>> {
  const images = dialect === 'multipart-videos' ? [{ source: new Blob([png]), role: 'first_frame' as const }] : [];
  const { body } = await createRootClient({ baseUrl: 'http://127.0.0.1:9', apiKey: KEY }).prepare({ model: MODELS[dialect], prompt: 'p', duration: 5, images });
  const schema = ADAPTERS[dialect].contract.operations.createTask?.requestSchema as { properties?: Record<string, unknown> } | undefined;
  const fields = [...Object.keys(schema?.properties ?? {}), 'unknown_field'];
  const value = dialect === 'multipart-videos' ? fc.oneof(fc.jsonValue(), fc.constant(new Blob([png])), fc.constant(new Blob(['%PDF-1.4']))) : fc.jsonValue();
  return fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 3 }).map((changes) => ({ ...body, ...changes }));
}

const bySite = (issues: Array<{ path: string; rule: string; message: string }>) => issues.map((issue) => `${issue.path} ${issue.rule} ${issue.message}`).sort();

describe("each adapter's wire check", () => {
  it.each(DIALECT_IDS)('%s: gives the same issues as checkWireBody by dialect id, body for body', async (dialect) => {
    const adapter = ADAPTERS[dialect];
    await fc.assert(
      fc.asyncProperty(await nearbyBodies(dialect), async (body) => {
        // As sets: the adapter interprets its schema, the whole contract runs ajv's code, and the two report in their own order.
        expect(bySite(await adapter.checkWire(body))).toEqual(bySite(await checkWireBody(dialect, 'createTask', body)));
      }),
      { numRuns: 60, seed: 13 },
    );
  });
});
