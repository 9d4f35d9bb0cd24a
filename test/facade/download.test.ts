// client.download: the finished video as a web stream, the way each dialect serves it. Against the
// simulator, every dialect, from a handle and from a task: the bytes are the MP4 it serves, and the
// key goes to the gateway's content endpoint but never to a video URL outside the configured base.
// Against scripted answers: a video URL on another host (or a redirect to one) gets no key, a page
// that is not a video is refused before a byte is delivered, a size limit holds from the declared
// length and while streaming, a reset or an abort mid-stream ends the stream with a typed error that
// carries the handle and no key, and a task that has not succeeded has nothing to download.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/index.ts';
import {
  AbortedError,
  ConnectionError,
  createClient,
  DIALECT_IDS,
  type DialectId,
  NotAVideoError,
  type TaskHandle,
  TaskStateError,
  VideoTooLargeError,
} from '../../src/index.ts';
import { MODELS } from '../support/dialects.ts';
import { fakeClock, json, scriptedFetch, type Step } from '../support/scripted.ts';

const KEY = 'sk-download-0123456789abcdef';
const MP4 = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../mocks/fixtures/sample.mp4')));

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
});
afterAll(() => sim.close());

describe('download against the simulator', () => {
  it.each(DIALECT_IDS)('%s: the video from the handle and from the task, the key only where get sends it', async (dialect) => {
    const sent: Array<{ url: string; authorization: string | null }> = [];
    const client = createClient({
      baseUrl: sim.urls,
      apiKey: KEY,
      fetch: (request) => {
        sent.push({ url: request.url, authorization: request.headers.get('authorization') });
        return fetch(request);
      },
    });
    const handle = await client.submit({ model: MODELS[dialect], prompt: 'A kitten yawns', duration: 5 });
    const task = await client.wait(handle, { pollIntervalMs: 10 });
    sent.length = 0;
    for (const target of [handle, task]) {
      const bytes = await bytesOf(await client.download(target));
      expect(Buffer.from(bytes).equals(Buffer.from(MP4))).toBe(true);
    }
    const downloads = sent.filter((request) => !request.url.startsWith(`${sim.urls[dialect]}/`) || request.url.includes('/content'));
    expect(downloads.length).toBeGreaterThanOrEqual(2);
    for (const request of downloads) {
      const underBase = request.url.startsWith(`${sim.urls[dialect]}/`);
      expect(request.authorization, request.url).toBe(underBase ? `Bearer ${KEY}` : null);
    }
  });
});

const arkHandle: TaskHandle = { v: 1, dialect: 'ark', model: MODELS.ark, taskId: 'cgt-20260101000000-dload', baseUrl: 'http://127.0.0.1:9/ark' };
const cmHandle: TaskHandle = {
  v: 1,
  dialect: 'content-metadata',
  model: MODELS['content-metadata'],
  taskId: 'task_dl',
  baseUrl: 'http://127.0.0.1:9/content-metadata',
};
const arkTask = (videoUrl: string, status = 'succeeded') =>
  json(200, { id: arkHandle.taskId, model: arkHandle.model, status, content: { video_url: videoUrl }, created_at: 1, updated_at: 1 });
const mp4 = (body: BodyInit = MP4, headers: Record<string, string> = {}) =>
  new Response(body, { status: 200, headers: { 'content-type': 'video/mp4', ...headers } });

function scripted(steps: Step[], baseUrl: string | Partial<Record<DialectId, string>> = 'http://127.0.0.1:9/{dialect}') {
  const script = scriptedFetch(steps);
  return { client: createClient({ baseUrl, apiKey: KEY, fetch: script.fetch, clock: fakeClock() }), script };
}

describe('the key scope of a download', () => {
  it('a video URL on another host gets no key; one under the configured base gets it', async () => {
    const foreign = scripted([arkTask('https://cdn.example.com/v.mp4?sig=1'), mp4()]);
    await bytesOf(await foreign.client.download(arkHandle));
    expect(foreign.script.requests.map((request) => request.headers.get('authorization'))).toEqual([`Bearer ${KEY}`, null]);

    const own = scripted([arkTask('http://127.0.0.1:9/ark/files/v.mp4'), mp4()]);
    await bytesOf(await own.client.download(arkHandle));
    expect(own.script.requests.map((request) => request.headers.get('authorization'))).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  it('a redirect from the content endpoint to another host drops the key at the hop', async () => {
    const redirect = new Response(null, { status: 302, headers: { location: 'https://storage.example.com/v.mp4' } });
    const { client, script } = scripted([redirect, mp4()]);
    await bytesOf(await client.download(cmHandle));
    expect(script.requests.map((request) => [request.url, request.headers.get('authorization')])).toEqual([
      ['http://127.0.0.1:9/content-metadata/v1/videos/task_dl/content', `Bearer ${KEY}`],
      ['https://storage.example.com/v.mp4', null],
    ]);
  });

  it('a handle outside the configured base gets no request at all', async () => {
    const { client, script } = scripted([mp4()]);
    await expect(client.download({ ...cmHandle, baseUrl: 'https://evil.example.com' })).rejects.toMatchObject({ name: 'UntrustedBaseUrlError' });
    expect(script.requests).toHaveLength(0);
  });
});

describe('what a download refuses', () => {
  it.each([
    ['an HTML page', '<!doctype html><html><body>Sign in</body></html>', 'text/html'],
    ['a JSON error answered 200', '{"error":{"message":"expired"}}', 'application/json'],
    ['nothing', '', 'video/mp4'],
  ])('%s, before the caller sees a byte', async (_, body, type) => {
    const { client } = scripted([new Response(body, { status: 200, headers: { 'content-type': type } })]);
    const error = await client.download(cmHandle).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotAVideoError);
    expect(error).toMatchObject({ handle: cmHandle, contentType: type });
  });

  it('a declared length over maxBytes, before reading', async () => {
    const { client } = scripted([mp4(MP4, { 'content-length': String(10 * 1024 ** 4) })]);
    await expect(client.download(cmHandle, { maxBytes: 1024 })).rejects.toBeInstanceOf(VideoTooLargeError);
  });

  it('a body that grows past maxBytes: the stream errors there', async () => {
    const { client } = scripted([mp4(new Blob([MP4, new Uint8Array(64 * 1024)]))]);
    const stream = await client.download(cmHandle, { maxBytes: MP4.byteLength });
    await expect(bytesOf(stream)).rejects.toBeInstanceOf(VideoTooLargeError);
  });

  it('a task that has not succeeded has nothing to download', async () => {
    const { client } = scripted([arkTask('', 'running')]);
    const error = await client.download(arkHandle).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskStateError);
    expect(error).toMatchObject({ operation: 'download', handle: arkHandle });
  });
});

/** An MP4 whose body breaks off after its first bytes, with a message that quotes the key. */
function breaksOff(): Response {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sent) {
        sent = true;
        return controller.enqueue(MP4.subarray(0, 4096));
      }
      // Later, as a reset comes: after the caller has the stream and its first bytes.
      await new Promise((resolveLater) => setTimeout(resolveLater, 20));
      controller.error(new TypeError(`terminated: other side closed (Bearer ${KEY})`));
    },
  });
  return mp4(body, { 'content-length': String(MP4.byteLength) });
}

describe('a download that breaks off', () => {
  it('ends the stream with a ConnectionError carrying the handle, and no key', async () => {
    const { client } = scripted([breaksOff()]);
    const stream = await client.download(cmHandle);
    const error = await bytesOf(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ handle: cmHandle });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(KEY);
  });

  it('an abort mid-stream ends it with an AbortedError, not a short video', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(MP4.subarray(0, 1024));
        return new Promise((resolveLater) => setTimeout(resolveLater, 5));
      },
    });
    const controller = new AbortController();
    const { client } = scripted([mp4(body)]);
    const stream = await client.download(cmHandle, { signal: controller.signal });
    const reader = stream.getReader();
    await reader.read();
    controller.abort();
    let error: unknown;
    try {
      for (;;) if ((await reader.read()).done) break;
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AbortedError);
    expect(pulls).toBeLessThan(50);
  });
});
