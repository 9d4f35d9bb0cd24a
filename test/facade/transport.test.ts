// How a call goes out: every attempt sends the same bytes without reading anything twice, a caller's
// own fetch gets a real Request carrying the key, and a finished call leaves no timer and no
// listener behind (a long-lived signal passed to many calls must not collect one per call).
import { getEventListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.ts';
import { arkHandle, MODELS } from '../support/dialects.ts';
import { fakeClock, json } from '../support/scripted.ts';

const png = readFileSync(resolve(import.meta.dirname, '../../mocks/fixtures/first-frame.png'));
const handle = arkHandle();
const arkTask = () => json(200, { id: handle.taskId, model: handle.model, status: 'running', created_at: 1, updated_at: 2 });

/** A fetch that reads each request's body itself (no clone), as a proxy or a recording fetch does. */
function consumingFetch(answers: Response[]) {
  const seen: Array<{ request: Request; text?: string; form?: FormData }> = [];
  const fetch = async (request: Request): Promise<Response> => {
    const multipart = request.headers.get('content-type')?.startsWith('multipart/') === true;
    if (request.body === null) seen.push({ request });
    else if (multipart) seen.push({ request, form: await request.formData() });
    else seen.push({ request, text: await request.text() });
    return answers[Math.min(seen.length - 1, answers.length - 1)]!.clone();
  };
  return { fetch, seen };
}

const rateLimited = () => json(429, { error: { code: 'RateLimitExceeded', message: 'slow down' } }, { 'retry-after': '1' });

describe('a retried submit', () => {
  it('sends the identical JSON body on every attempt, even when each attempt read its body to the end', async () => {
    const transport = consumingFetch([rateLimited(), rateLimited(), json(200, { id: 'cgt-20260101000000-zzzzz' })]);
    const seedance = createClient({ baseUrl: handle.baseUrl, apiKey: 'sk-test', fetch: transport.fetch, clock: fakeClock() });
    await seedance.submit({ model: MODELS.ark, prompt: 'A kitten yawns', duration: 5 });
    expect(transport.seen).toHaveLength(3);
    const bodies = transport.seen.map((attempt) => attempt.text);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ model: MODELS.ark, content: [{ type: 'text', text: 'A kitten yawns' }], duration: 5 });
    expect(new Set(bodies).size).toBe(1);
  });

  it('sends the same multipart fields and file bytes on every attempt', async () => {
    const transport = consumingFetch([rateLimited(), json(200, { id: 'video_1', object: 'video', status: 'queued' })]);
    const seedance = createClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'sk-test', fetch: transport.fetch, clock: fakeClock() });
    await seedance.submit({ model: MODELS['multipart-videos'], prompt: 'Walk forward', images: [{ source: new Blob([png]), role: 'first_frame' }] });
    expect(transport.seen).toHaveLength(2);
    const [first, second] = await Promise.all(
      transport.seen.map(async ({ form }) =>
        Promise.all(
          [...form!.entries()].map(async ([name, value]) => [
            name,
            typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer()).toString('base64'),
          ]),
        ),
      ),
    );
    expect(first).toContainEqual(['first_frame_image', png.toString('base64')]);
    expect(second).toEqual(first);
  });
});

describe("a caller's own fetch", () => {
  it('gets a fresh, unread Request on each attempt, with the key and the JSON content type', async () => {
    const transport = consumingFetch([rateLimited(), arkTask()]);
    const seedance = createClient({ baseUrl: handle.baseUrl, apiKey: 'sk-own-fetch', fetch: transport.fetch, clock: fakeClock() });
    await seedance.get(handle);
    expect(transport.seen).toHaveLength(2);
    const [first, second] = transport.seen.map(({ request }) => request);
    expect(first).toBeInstanceOf(Request);
    expect(second).not.toBe(first);
    expect(second!.bodyUsed).toBe(false);
    for (const { request } of transport.seen) {
      expect(request.method).toBe('GET');
      expect(request.url).toBe(`${handle.baseUrl}/api/v3/contents/generations/tasks/${handle.taskId}`);
      expect(request.headers.get('authorization')).toBe('Bearer sk-own-fetch');
    }
  });
});

describe('a finished call', () => {
  it('is not aborted later by its request timeout: the timer ends with the call', async () => {
    const signals: AbortSignal[] = [];
    const fetch = async (request: Request) => {
      signals.push(request.signal);
      return arkTask();
    };
    const seedance = createClient({ baseUrl: handle.baseUrl, apiKey: 'sk-test', fetch, requestTimeoutMs: 20 });
    await seedance.get(handle);
    await setTimeout(80);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
  });

  it("leaves no listener on the caller's signal, however many calls it served", async () => {
    const controller = new AbortController();
    const seedance = createClient({ baseUrl: handle.baseUrl, apiKey: 'sk-test', fetch: async () => arkTask() });
    for (let i = 0; i < 20; i++) await seedance.get(handle, { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
