// The key goes only to the base URLs the client was configured with. A handle is plain JSON that
// may come from a file, a queue or stdin; one naming another host must get no request at all.
// Two real loopback servers on different ports: the foreign one records everything it receives.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, UntrustedBaseUrlError, type TaskHandle } from '../../src/index.ts';
import { arkHandle } from '../support/dialects.ts';

const KEY = 'sk-live-0b9a8c7d6e5f40312a3b4c5d6e7f8091';
const task = (id: string, status: string) => ({ id, model: 'doubao-seedance-1-5-pro-251215', status, created_at: 1, updated_at: 1 });

interface Recorder {
  url: string;
  seen: Array<{ method: string; url: string; authorization: string | undefined }>;
  server: Server;
}

async function recordingServer(): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server = createServer((request: IncomingMessage, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(request.method === 'DELETE' ? {} : task(request.url?.split('/').pop() ?? 'x', 'queued')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

let home: Recorder;
let foreign: Recorder;
beforeAll(async () => {
  [home, foreign] = await Promise.all([recordingServer(), recordingServer()]);
});
afterAll(async () => {
  await Promise.all([home, foreign].map(({ server }) => new Promise((resolve) => server.close(resolve))));
});

const handleAt = (baseUrl: string): TaskHandle => arkHandle(baseUrl);

describe('a handle naming another host', () => {
  it.each([
    ['get', (client: ReturnType<typeof createClient>, handle: TaskHandle) => client.get(handle)],
    ['wait', (client: ReturnType<typeof createClient>, handle: TaskHandle) => client.wait(handle, { timeoutMs: 1_000, pollIntervalMs: 10 })],
    ['cancel', (client: ReturnType<typeof createClient>, handle: TaskHandle) => client.cancel(handle)],
    ['delete', (client: ReturnType<typeof createClient>, handle: TaskHandle) => client.delete(handle)],
  ])('is refused by %s before any request, and the foreign server receives nothing', async (_, run) => {
    const before = foreign.seen.length;
    const client = createClient({ baseUrl: `${home.url}/ark`, apiKey: KEY });
    const error = await run(client, handleAt(`${foreign.url}/ark`)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UntrustedBaseUrlError);
    expect((error as Error).message).toContain(`${foreign.url}/ark`);
    expect((error as Error).message).toContain('trustHandleBaseUrls');
    expect(foreign.seen.length).toBe(before);
  });

  it.each([
    ['a sibling path', (home: string) => `${home}/arkive`],
    ['a parent path', (home: string) => home],
    ['a path that climbs out with ..', (home: string) => `${home}/ark/../other`],
    ['another scheme', (home: string) => `${home.replace('http:', 'https:')}/ark`],
    ['credentials in the URL', (home: string) => `${home.replace('http://', 'http://user:pw@')}/ark`],
    ['not a URL', () => 'not a url'],
  ])('is refused when it names %s of the configured URL', async (_, make) => {
    const client = createClient({ baseUrl: `${home.url}/ark`, apiKey: KEY });
    await expect(client.get(handleAt(make(home.url)))).rejects.toBeInstanceOf(UntrustedBaseUrlError);
  });

  it('is followed, with the key, only when the caller opts in with trustHandleBaseUrls', async () => {
    const client = createClient({ baseUrl: `${home.url}/ark`, apiKey: KEY, trustHandleBaseUrls: true });
    await client.get(handleAt(`${foreign.url}/ark`));
    expect(foreign.seen.at(-1)).toMatchObject({ method: 'GET', authorization: `Bearer ${KEY}` });
  });
});

describe('a handle under a configured base URL', () => {
  it('is read there, with the key (a trailing slash or a deeper path is still under it)', async () => {
    const client = createClient({ baseUrl: `${home.url}/ark`, apiKey: KEY });
    for (const baseUrl of [`${home.url}/ark`, `${home.url}/ark/`]) {
      const before = home.seen.length;
      await client.get(handleAt(baseUrl));
      expect(home.seen.slice(before)).toEqual([
        { method: 'GET', url: '/ark/api/v3/contents/generations/tasks/cgt-20260101000000-abcde', authorization: `Bearer ${KEY}` },
      ]);
    }
  });

  it('may be under any of the per-dialect URLs', async () => {
    const client = createClient({ baseUrl: { 'content-metadata': `${foreign.url}/cm`, ark: `${home.url}/ark` }, apiKey: KEY });
    await expect(client.get(handleAt(`${home.url}/ark`))).resolves.toMatchObject({ status: 'queued' });
  });
});
