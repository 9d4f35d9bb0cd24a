// The facade's wire client (src/http/wire-client.ts) against openapi-fetch, differentially:
// every call every adapter makes (submit, get, deleteTask) goes out with the same method, URL,
// headers and body through both, and every kind of answer (JSON, chunked JSON, empty, 204, JSON
// and text errors) comes back as the same { data } or { error }.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallOptions } from '../../src/dialects/shared/adapter.ts';
import { createWireClient } from '../../src/http/wire-client.ts';
import { createClient, DIALECT_IDS, type DialectId, dialects } from '../../src/index.ts';
import { OutgoingRequest } from '../../src/http/outgoing-request.ts';
import { MODELS } from '../support/dialects.ts';

const png = readFileSync(resolve(import.meta.dirname, '../../mocks/fixtures/first-frame.png'));
const KEY = 'sk-wire-client-test';
const baseUrl = 'http://127.0.0.1:9/gw/';

interface Sent {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: unknown;
}

/** What went out, whichever client sent it: a multipart body as its parts (boundaries differ), any other as text. */
async function sentOf(input: Request | OutgoingRequest): Promise<Sent> {
  const request = input instanceof OutgoingRequest ? new Request(input.url, input.init) : input;
  const type = request.headers.get('content-type') ?? '';
  const body = request.body === null ? undefined : type.startsWith('multipart/') ? await partsOf(await request.formData()) : await request.text();
  const headers = [...request.headers].filter(([name]) => name !== 'content-type' || !type.startsWith('multipart/'));
  return { method: request.method, url: request.url, headers, body };
}

async function partsOf(form: FormData) {
  return Promise.all(
    [...form.entries()].map(async ([name, value]) => [name, typeof value === 'string' ? value : [value.name, value.type, await value.text()]]),
  );
}

const ANSWERS: Record<string, () => Response> = {
  'JSON with a length': () => Response.json({ id: 'task-1', status: 'queued' }, { headers: { 'content-length': '32' } }),
  'JSON without a length (chunked)': () => new Response(new Blob(['{"id":"task-2"}']).stream(), { headers: { 'content-type': 'application/json' } }),
  'an empty 200': () => new Response('', { status: 200, headers: { 'content-length': '0' } }),
  'a 204': () => new Response(null, { status: 204 }),
  'a JSON error': () => Response.json({ error: { code: 'InvalidParameter', message: 'bad' } }, { status: 400 }),
  'a text error': () => new Response('upstream timed out', { status: 504 }),
  'an empty error': () => new Response('', { status: 502, headers: { 'content-length': '0' } }),
};

/** One adapter call through the wire client and through openapi-fetch, with the same answer. */
async function bothWays(dialect: DialectId, call: (client: unknown, options: CallOptions) => Promise<unknown>, answer: () => Response) {
  const outcomes: Array<{ sent: Sent; result: unknown }> = [];
  const multipart = dialects[dialect].adapter.contract.operations.createTask?.requestMediaType?.startsWith('multipart/') === true;
  const clients = [
    createWireClient({ baseUrl, apiKey: KEY, multipart, headers: { 'x-app': 'test' } }),
    dialects[dialect].createRawClient({ baseUrl, apiKey: KEY, headers: { 'x-app': 'test' } }),
  ];
  for (const client of clients) {
    let sent: Sent | undefined;
    const fetch = async (request: Request | OutgoingRequest) => {
      sent = await sentOf(request);
      return answer();
    };
    const { response: _, ...result } = (await call(client, { signal: new AbortController().signal, fetch })) as { response: Response };
    outcomes.push({ sent: sent!, result });
  }
  return outcomes;
}

async function createBody(dialect: DialectId): Promise<Record<string, unknown>> {
  const images = dialect === 'multipart-videos' ? [{ source: new Blob([png]), role: 'first_frame' as const }] : [];
  return (await createClient({ baseUrl, apiKey: KEY }).prepare({ model: MODELS[dialect], prompt: 'A kitten yawns', duration: 5, images })).body;
}

describe('the wire client and openapi-fetch', () => {
  it.each(DIALECT_IDS)('%s: send the same requests and read every kind of answer alike', async (dialect) => {
    const adapter = dialects[dialect].adapter;
    const body = await createBody(dialect);
    const calls: Array<(client: unknown, options: CallOptions) => Promise<unknown>> = [
      (client, options) => adapter.submit(client as never, body as never, options),
      (client, options) => adapter.get(client as never, 'task 1/ü?', options),
    ];
    if (adapter.deleteTask) calls.push((client, options) => adapter.deleteTask!(client as never, 'task-1', options));
    for (const call of calls) {
      for (const answer of Object.values(ANSWERS)) {
        const [wire, reference] = await bothWays(dialect, call, answer);
        expect(wire).toEqual(reference);
      }
    }
  });

  it('agree on any task id in the path', async () => {
    const adapter = dialects.ark.adapter;
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }), async (id) => {
        const [wire, reference] = await bothWays('ark', (client, options) => adapter.get(client as never, id, options), ANSWERS['JSON with a length']!);
        expect(wire!.sent.url).toBe(reference!.sent.url);
      }),
      { numRuns: 100, seed: 13 },
    );
  });
});
