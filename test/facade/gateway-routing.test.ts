// The gateway decides an ambiguous model: one base URL that names a dialect's gateway (a host only
// its document lists, a native SDK path only it uses, the simulator's `/<dialect>` prefix) sends
// every model there, `doubao-seedance-2-0-*` included; where nothing decides, the documented route
// table does, and a submit the gateway answers 404 names the other dialects that sell the model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../mocks/simulator/index.ts';
import { ApiError, createClient, DIALECT_IDS, routeModel } from '../../src/index.ts';
import { dialectOfBaseUrl } from '../../src/base-url.ts';
import { DIALECT_FACTS, KNOWN_MODELS } from '../../generated/dialects.ts';
import { json, scriptedFetch } from '../support/scripted.ts';

/** A fetch that fails the test if anything is sent: prepare must route without a request. */
const nothingSent = async (): Promise<Response> => {
  throw new Error('prepare sent a request');
};

/** The servers only one document lists, with that dialect: the hosts that name a gateway. */
const OWNED_HOSTS = DIALECT_IDS.flatMap((dialect) =>
  DIALECT_FACTS[dialect].servers
    .filter((server) => !server.includes('{'))
    .filter((server) => DIALECT_IDS.filter((other) => DIALECT_FACTS[other].servers.includes(server)).length === 1)
    .map((server) => [server, dialect] as const),
);

const SEEDANCE_2_ON_VOLCENGINE = 'doubao-seedance-2-0-260128';

describe('a base URL that names a gateway routes every model there', () => {
  it('finds the Volcengine Ark and BytePlus ModelArk hosts and openrouter.ai among the documents', () => {
    const hosts = Object.fromEntries(OWNED_HOSTS);
    expect(hosts['https://ark.cn-beijing.volces.com']).toBe('ark');
    expect(hosts['https://ark.ap-southeast.bytepluses.com']).toBe('ark');
    expect(hosts['https://openrouter.ai']).toBe('openrouter');
  });

  it.each(OWNED_HOSTS)('%s: every known model and doubao-seedance-2-0-* go to %s, without sending anything', async (server, dialect) => {
    const client = createClient({ baseUrl: server, apiKey: 'sk', fetch: nothingSent });
    const models = [SEEDANCE_2_ON_VOLCENGINE, ...KNOWN_MODELS.filter((model) => model.dialect === dialect).map((model) => model.id)];
    for (const model of models) {
      const prepared = await client.prepare({ model, prompt: 'A kitten yawns', duration: 5 });
      expect(prepared.dialect, model).toBe(dialect);
      expect(client.dialectFor(model)).toBe(dialect);
    }
  });

  it('says in the notes when the base URL, not the name, chose the dialect', async () => {
    const client = createClient({ baseUrl: 'https://ark.cn-beijing.volces.com', apiKey: 'sk', fetch: nothingSent });
    const prepared = await client.prepare({ model: SEEDANCE_2_ON_VOLCENGINE, prompt: 'A kitten yawns', duration: 5 });
    expect(prepared.notes).toEqual([
      `${SEEDANCE_2_ON_VOLCENGINE} goes to ark: the base URL names that dialect's gateway by its host, though the name alone routes to content-metadata`,
    ]);
  });

  it.each([
    ['https://reseller.example/seedance/api/v3', 'ark', 'https://reseller.example/seedance/api/v3/contents/generations/tasks'],
    ['https://openrouter.ai/api/v1', 'openrouter', 'https://openrouter.ai/api/v1/videos'],
    ['https://gateway.example/api/v1/', 'openrouter', 'https://gateway.example/api/v1/videos'],
  ] as const)('a native SDK path only one dialect uses: %s is %s, and its documented paths go under it', async (baseUrl, dialect, submitUrl) => {
    const script = scriptedFetch([json(200, { id: 'cgt-20260101000000-abcde', polling_url: '/x', status: 'pending' })]);
    const client = createClient({ baseUrl, apiKey: 'sk', fetch: script.fetch, retry: { maxRetries: 0 } });
    const handle = await client.submit({ model: SEEDANCE_2_ON_VOLCENGINE, prompt: 'A kitten yawns', duration: 5 });
    expect(handle.dialect).toBe(dialect);
    expect(script.requests[0]?.url).toBe(submitUrl);
  });

  it("the simulator's dialect prefix: one URL, every model to that dialect, accepted there", async () => {
    const sim = createSimulator();
    const client = createClient({ baseUrl: sim.urls.ark, apiKey: 'sk', fetch: sim.fetch });
    const handle = await client.submit({ model: SEEDANCE_2_ON_VOLCENGINE, prompt: 'A kitten yawns', duration: 5 });
    expect(handle.dialect).toBe('ark');
    expect(sim.journal.entries().map((entry) => [entry.dialect, entry.verdict.outcome])).toEqual([['ark', 'accepted']]);
  });

  it('a dialect given outright still wins over the base URL', async () => {
    const client = createClient({ baseUrl: 'https://openrouter.ai', apiKey: 'sk', fetch: nothingSent, dialect: 'ark' });
    expect((await client.prepare({ model: SEEDANCE_2_ON_VOLCENGINE, prompt: 'p', duration: 5 })).dialect).toBe('ark');
    const routed = createClient({ baseUrl: 'https://openrouter.ai', apiKey: 'sk', fetch: nothingSent });
    expect((await routed.prepare({ model: SEEDANCE_2_ON_VOLCENGINE, dialect: 'content-metadata', prompt: 'p', duration: 5 })).dialect).toBe('content-metadata');
  });
});

describe('where nothing decides between dialects, the documented route table does', () => {
  it('a host two documents list (OctopusX serves two dialects) decides nothing: doubao-seedance-2-0-* goes to content-metadata', async () => {
    expect(dialectOfBaseUrl('https://octopusx.ai')).toBeUndefined();
    const client = createClient({ baseUrl: 'https://octopusx.ai', apiKey: 'sk', fetch: nothingSent });
    expect((await client.prepare({ model: SEEDANCE_2_ON_VOLCENGINE, prompt: 'p', duration: 5 })).dialect).toBe('content-metadata');
  });

  it('any other host and path routes by the model name alone', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
    const host = fc.tuple(label, label).map(([name, tld]) => `${name}.${tld}x`);
    const path = fc.array(
      label.filter((segment) => !(DIALECT_IDS as readonly string[]).includes(segment) && segment !== 'api'),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(host, path, fc.constantFrom(...KNOWN_MODELS.map((model) => model.id)), (name, segments, model) => {
        const baseUrl = `https://${name}/${segments.join('/')}`;
        expect(dialectOfBaseUrl(baseUrl)).toBeUndefined();
        expect(createClient({ baseUrl, apiKey: 'sk' }).dialectFor(model)).toBe(routeModel(model));
      }),
      { numRuns: 200, seed: 21 },
    );
  });
});

describe('a submit answered 404 names the other dialects that sell the model', () => {
  it('in the library words: which dialects, and { dialect }', async () => {
    const script = scriptedFetch([json(404, { error: { message: 'Invalid URL (POST /v1/video/generations)', type: 'invalid_request_error' } })]);
    const client = createClient({ baseUrl: 'https://gateway.example', apiKey: 'sk', fetch: script.fetch, retry: { maxRetries: 0 } });
    const error = await client.submit({ model: SEEDANCE_2_ON_VOLCENGINE, prompt: 'p', duration: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).otherDialects).toEqual({ model: SEEDANCE_2_ON_VOLCENGINE, dialects: ['ark'] });
    expect((error as ApiError).message).toContain(`${SEEDANCE_2_ON_VOLCENGINE} is also sold by ark; if so, choose it with createClient({ dialect: 'ark' })`);
  });

  it('says nothing of other dialects for a model only one sells, or for a read answered 404', async () => {
    const script = scriptedFetch([json(404, { error: { message: 'no such path', type: 'invalid_request_error' } })]);
    const client = createClient({ baseUrl: 'https://gateway.example', apiKey: 'sk', fetch: script.fetch, retry: { maxRetries: 0 } });
    // bytedance/seedance-* is sold by openrouter alone.
    const error = await client.submit({ model: 'bytedance/seedance-2.0', prompt: 'p', duration: 5 }).catch((caught: unknown) => caught);
    expect((error as ApiError).otherDialects).toBeUndefined();
    const read = await client
      .get({ v: 1, dialect: 'content-metadata', model: SEEDANCE_2_ON_VOLCENGINE, taskId: 't', baseUrl: 'https://gateway.example' })
      .catch((caught: unknown) => caught);
    expect((read as ApiError).otherDialects).toBeUndefined();
  });
});
