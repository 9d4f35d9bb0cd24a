// createClient takes the base URL in the forms the rest of the toolkit hands out: one URL, the
// `{dialect}` template the CLI and SEEDANCE_BASE_URL accept, and a simulator's `urls` record.
// Checked on the wire against the in-process simulator, one request per dialect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { MODELS } from '../support/dialects.ts';
import { createClient, DIALECT_IDS, expandDialectTemplate, resolveBaseUrls } from '../../src/index.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
});
afterAll(() => sim.close());

function recordingClient(baseUrl: Parameters<typeof createClient>[0]['baseUrl']) {
  const urls: string[] = [];
  const client = createClient({
    baseUrl,
    apiKey: 'sk-base-url-test',
    fetch: (request) => {
      urls.push(request.url);
      return fetch(request);
    },
  });
  return { client, urls };
}

describe('a {dialect} template as baseUrl', () => {
  it.each(DIALECT_IDS)('reaches %s under its own prefix, never sending the placeholder', async (dialect) => {
    const { client, urls } = recordingClient(`${sim.url}/{dialect}`);
    const handle = await client.submit({ model: MODELS[dialect], prompt: 'A kitten yawns', duration: 5, dialect });
    expect(handle.baseUrl).toBe(sim.urls[dialect]);
    const task = await client.get(handle);
    expect(task.id).toBe(handle.taskId);
    expect(urls).toHaveLength(2);
    for (const url of urls) {
      expect(url).not.toMatch(/%7B|\{/i);
      expect(url.startsWith(`${sim.url}/${dialect}/`)).toBe(true);
    }
  });
});

describe("a simulator's urls record as baseUrl", () => {
  it.each(DIALECT_IDS)('reaches %s where the simulator says it is', async (dialect) => {
    const { client, urls } = recordingClient(sim.urls);
    const handle = await client.submit({ model: MODELS[dialect], prompt: 'A kitten yawns', duration: 5, dialect });
    await client.get(handle);
    expect(urls.every((url) => url.startsWith(`${sim.urls[dialect]}/`))).toBe(true);
  });
});

describe('resolveBaseUrls', () => {
  it('expands the template once per dialect and strips trailing slashes in every form', () => {
    expect(resolveBaseUrls('http://127.0.0.1:4010/{dialect}/')).toEqual(Object.fromEntries(DIALECT_IDS.map((id) => [id, `http://127.0.0.1:4010/${id}`])));
    expect(resolveBaseUrls('http://127.0.0.1:4010//')).toEqual(Object.fromEntries(DIALECT_IDS.map((id) => [id, 'http://127.0.0.1:4010'])));
    expect(resolveBaseUrls({ ark: 'http://127.0.0.1:1/ark/' })).toEqual({ ark: 'http://127.0.0.1:1/ark' });
    expect(expandDialectTemplate('http://h/{dialect}/{dialect}', 'ark')).toBe('http://h/ark/ark');
  });
});
