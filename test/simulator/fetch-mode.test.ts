// The simulator with no port: createSimulator().fetch answers web-standard Requests in process,
// as the client's `fetch` or behind MSW, with the same journal, clock, tasks, links and callbacks
// as the simulator on a port.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, DIALECT_IDS } from '../../src/index.ts';
import { createSimulator, manualClock } from '../../mocks/simulator/index.ts';
import { callbackReceiver, eventually, MODELS } from './support.ts';

const MP4 = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../mocks/fixtures/sample.mp4')));
const KEY = 'sk-fetch-mode';

/** Sockets and servers this process holds open (libuv's names for them start with TCP). */
const tcpHandles = () => process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe('createSimulator().fetch, with no socket', () => {
  it('runs every dialect through the client to a downloaded MP4 without opening a socket', async () => {
    const before = tcpHandles();
    const sim = createSimulator({ clock: manualClock(), lifecycle: { queuedMs: 0, runningMs: 0 } });
    try {
      const client = createClient({ baseUrl: 'http://sim.test/{dialect}', apiKey: KEY, fetch: sim.fetch, pollIntervalMs: 1 });
      for (const dialect of DIALECT_IDS) {
        const task = await client.generate({ model: MODELS[dialect], prompt: 'A kitten yawns', duration: 5, dialect });
        expect(task.status).toBe('succeeded');
        // Links point under the base the simulator was given, and serve the MP4 from the same handler.
        expect(task.videoUrl?.startsWith('http://sim.test/')).toBe(true);
        const video = await sim.fetch(new Request(task.videoUrl ?? ''));
        expect(video.headers.get('content-type')).toBe('video/mp4');
        expect(await bytesOf(video)).toEqual(MP4);
      }
      expect(sim.journal.entries().filter((entry) => entry.operationId === 'createTask')).toHaveLength(DIALECT_IDS.length);
      expect(tcpHandles()).toBe(before);
    } finally {
      await sim.close();
    }
  });

  it('answers a raw fetch Request as the server does: the created task, a refusal in the dialect envelope, a range', async () => {
    const sim = createSimulator({ clock: manualClock(), lifecycle: { queuedMs: 0, runningMs: 0 } });
    const tasks = 'http://sim.test/ark/api/v3/contents/generations/tasks';
    const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
    const created = await sim.fetch(
      new Request(tasks, { method: 'POST', headers, body: JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text: 'x' }] }) }),
    );
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    const refused = await sim.fetch(new Request(tasks, { method: 'POST', headers, body: JSON.stringify({ model: MODELS.ark, content: [], ratio: '2:1' }) }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'InvalidParameter' } });
    const range = await sim.fetch(new Request(`http://sim.test/files/${id}.mp4`, { headers: { range: 'bytes=0-7' } }));
    expect(range.status).toBe(206);
    expect(await bytesOf(range)).toEqual(MP4.subarray(0, 8));
    await sim.close();
  });

  it('serves below a base with a path, and hands out links under it', async () => {
    const sim = createSimulator({ baseUrl: 'http://mock.test/gateway/', clock: manualClock(), lifecycle: { queuedMs: 0, runningMs: 0 } });
    expect(sim.urls.ark).toBe('http://mock.test/gateway/ark');
    const client = createClient({ baseUrl: sim.urls, apiKey: KEY, fetch: sim.fetch, pollIntervalMs: 1 });
    const task = await client.generate({ model: MODELS.ark, prompt: 'A kitten yawns' });
    expect(task.videoUrl).toMatch(/^http:\/\/mock\.test\/gateway\/files\/cgt-[\w-]+\.mp4$/);
    expect((await sim.fetch(new Request(task.videoUrl ?? ''))).status).toBe(200);
    expect((await sim.fetch(new Request('http://mock.test/elsewhere/ark/api/v3/contents/generations/tasks/x'))).status).toBe(404);
    await sim.close();
  });

  it('delivers a callback in fetch mode', async () => {
    const receiver = await callbackReceiver();
    const clock = manualClock();
    const sim = createSimulator({ clock, lifecycle: { queuedMs: 1_000, runningMs: 1_000 }, callbacks: { allow: [receiver.url] } });
    try {
      const response = await sim.fetch(
        new Request('http://sim.test/ark/api/v3/contents/generations/tasks', {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text: 'x' }], callback_url: receiver.url }),
        }),
      );
      expect(response.status).toBe(200);
      clock.advance(5_000);
      await eventually(() => receiver.received.length >= 3, 'the three status callbacks');
      expect(receiver.received.map((delivery) => (delivery.body as { status: string }).status)).toEqual(['queued', 'running', 'succeeded']);
      const done = receiver.received[2]?.body as { content?: { video_url?: string } };
      expect(done.content?.video_url?.startsWith('http://sim.test/files/')).toBe(true);
    } finally {
      await sim.close();
      await receiver.close();
    }
  });
});

describe('behind MSW', () => {
  const sim = createSimulator({ clock: manualClock(), lifecycle: { queuedMs: 0, runningMs: 0 } });
  const server = setupServer(http.all('http://sim.test/*', ({ request }) => sim.fetch(request)));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(async () => {
    server.close();
    await sim.close();
  });

  it('runs a whole job through the client with the global fetch, to a downloaded MP4', async () => {
    const client = createClient({ baseUrl: 'http://sim.test/{dialect}', apiKey: KEY, pollIntervalMs: 1 });
    const task = await client.generate({ model: MODELS['multipart-videos'], prompt: 'A kitten yawns' });
    expect(task.status).toBe('succeeded');
    const video = await fetch(task.videoUrl ?? '');
    expect(await bytesOf(video)).toEqual(MP4);
    expect(sim.journal.entries().map((entry) => entry.operationId)).toContain('createTask');
  });
});
