// Defects an adversarial run found in the simulator: each test reproduces one as it was reported.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../mocks/simulator/clock.ts';
import { startSimulator, type Simulator } from '../../mocks/simulator/index.ts';
import { firstJsonBody, rawExchange } from '../support/raw-http.ts';
import { eventually, MODELS } from './support.ts';

const auth = { authorization: 'Bearer sk-defects' };
const arkCreate = '/ark/api/v3/contents/generations/tasks';
const arkBody = (text = 'a cat', extra: Record<string, unknown> = {}) => JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text }], ...extra });

let sim: Simulator;
const logged: string[] = [];
const port = () => Number(new URL(sim.url).port);

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    clock: manualClock(),
    lifecycle: { queuedMs: 1_000, runningMs: 3_000 },
    bodyLimitBytes: 64 * 1024,
    log: (line) => logged.push(line),
  });
});
afterAll(() => sim.close());

async function createArk(simulator: Simulator, body: string, headers: Record<string, string> = {}) {
  return fetch(`${simulator.urls.ark}/api/v3/contents/generations/tasks`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', ...headers },
    body,
  });
}

async function stillServing(simulator: Simulator = sim) {
  const response = await createArk(simulator, arkBody());
  expect(response.status).toBe(200);
}

describe('request-targets that are not URLs', () => {
  it('answers `GET http://[/` with a 400 and keeps running (it used to crash the process)', async () => {
    const answer = await rawExchange(port(), 'GET http://[/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { responses: 1 });
    expect(answer.statuses).toEqual([400]);
    await stillServing();
  });

  it('never logs a query string or credentials from a request-target', async () => {
    await rawExchange(port(), `GET ${arkCreate}/cgt-1?api_key=sk-in-query HTTP/1.1\r\nHost: 127.0.0.1\r\n${'authorization: Bearer sk-defects\r\n'}\r\n`, {
      responses: 1,
    });
    await rawExchange(port(), `GET http://user:sk-in-userinfo@127.0.0.1${arkCreate}/cgt-1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, { responses: 1 });
    await eventually(() => logged.some((line) => line.includes('cgt-1')), 'the log lines');
    expect(logged.join('\n')).not.toMatch(/sk-in-query|sk-in-userinfo/);
  });
});

describe('percent-encoding and nesting', () => {
  it('answers a bad percent-encoding in a path id with 401 before auth, and the dialect 404 after', async () => {
    const anonymous = await fetch(`${sim.urls['unified-jobs']}/v1/videos/%`);
    expect(anonymous.status).toBe(401);
    const known = await fetch(`${sim.urls['unified-jobs']}/v1/videos/%E0%A4%A`, { headers: auth });
    expect(known.status).toBe(404);
    // The unified-jobs document's 404 words for an unknown task.
    expect(await known.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'task_not_exist' } });
  });

  it.each([
    ['at the top', (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`],
    ['inside content', (depth: number) => `{"model":"${MODELS.ark}","content":[{"type":"text","text":"x","extra":${'['.repeat(depth)}${']'.repeat(depth)}}]}`],
  ])('refuses JSON nested 20,000 deep %s with a 400 naming the limit (it used to overflow the stack: 500)', async (_, body) => {
    const response = await createArk(sim, body(20_000));
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('InvalidParameter');
    expect(answer.error.message).toMatch(/nested more than \d+ levels/);
  });
});

describe('capacity under a flood', () => {
  it('evicts finished tasks first and refuses new work with the dialect 429 while only live tasks remain', async () => {
    const clock = manualClock();
    const small = await startSimulator({ port: 0, clock, lifecycle: { queuedMs: 1_000, runningMs: 1_000 }, limits: { maxTasks: 4 } });
    try {
      const id = async (response: Response) => ((await response.json()) as { id: string }).id;
      const finished = await id(await createArk(small, arkBody()));
      clock.advance(5_000);
      const live = [];
      for (let i = 0; i < 4; i++) live.push(await id(await createArk(small, arkBody(), { 'x-mock-scenario': 'stay-queued' })));
      const refused = await createArk(small, arkBody());
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      expect(await refused.json()).toMatchObject({ error: { code: 'RateLimitExceeded.EndpointRPMExceeded', type: 'TooManyRequests' } });
      const status = async (taskId: string) => (await fetch(`${small.urls.ark}/api/v3/contents/generations/tasks/${taskId}`, { headers: auth })).status;
      for (const taskId of live) expect(await status(taskId)).toBe(200);
      expect(await status(finished)).toBe(404);
    } finally {
      await small.close();
    }
  });

  it('caps the memory of stored tasks by bytes as well as by count', async () => {
    // A task keeps its 40,000-character prompt: about 81 KB at two bytes a character, so two fit in 200 KB and a third does not.
    const small = await startSimulator({ port: 0, clock: manualClock(), limits: { maxTasks: 1_000, maxBytes: 200_000 } });
    try {
      const big = arkBody('x'.repeat(40_000));
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await createArk(small, big, { 'x-mock-scenario': 'stay-queued' })).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect(small.store.size).toBe(2);
    } finally {
      await small.close();
    }
  });
});

describe('callbacks', () => {
  /** A loopback server that accepts connections and never answers, counting sockets open at once. */
  async function blackHole() {
    const sockets = new Set<Socket>();
    let peak = 0;
    const server: Server = createServer(() => undefined);
    server.on('connection', (socket) => {
      sockets.add(socket);
      peak = Math.max(peak, sockets.size);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      peak: () => peak,
      open: () => sockets.size,
      close: () => {
        for (const socket of sockets) socket.destroy();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  it('delivers to a callback_url that never answers with bounded concurrency, and keeps answering health checks', async () => {
    const hole = await blackHole();
    // No delivery may end during the test (the black hole never answers): a deadline that expired on a slow machine
    // would start the next delivery before the hole saw the old socket close, and count one socket too many.
    const flood = await startSimulator({ port: 0, clock: manualClock(), callbacks: { concurrency: 4, timeoutMs: 600_000, allow: [hole.url] } });
    try {
      const creates = Array.from({ length: 300 }, () => createArk(flood, arkBody('flood', { callback_url: hole.url })).then((r) => r.status));
      expect(new Set(await Promise.all(creates))).toEqual(new Set([200]));
      await eventually(() => hole.peak() >= 4, 'the first deliveries to connect');
      for (let i = 0; i < 5; i++) await stillServing(flood);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(hole.peak()).toBeLessThanOrEqual(4);
    } finally {
      await flood.close();
      await hole.close();
    }
  });

  it('never follows a redirect from a callback_url', async () => {
    const hits: string[] = [];
    const target = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const redirector = createServer((_, response) =>
      response.writeHead(307, { location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/elsewhere` }).end(),
    );
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook`;
    const simulator = await startSimulator({ port: 0, clock: manualClock(), callbacks: { retries: 0, allow: [hook] } });
    try {
      await createArk(simulator, arkBody('redirect', { callback_url: hook }));
      await eventually(() => simulator.callbacks.length > 0, 'the first delivery attempt');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(hits).toEqual([]);
      expect(simulator.callbacks[0]).toMatchObject({ outcome: 'failed', httpStatus: 307 });
    } finally {
      await simulator.close();
      await new Promise((resolve) => target.close(resolve));
      await new Promise((resolve) => redirector.close(resolve));
    }
  });

  it('checks loopback on the address a callback host resolves to, not on its name', async () => {
    const hits: string[] = [];
    const receiver = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    // `localhost` made to resolve elsewhere (as a hosts file or resolver can): the name alone says loopback.
    const lookup = (_host: string, _options: unknown, callback: (error: null, address: string, family: number) => void) => callback(null, '10.0.0.1', 4);
    const hook = `http://localhost:${(receiver.address() as AddressInfo).port}/hook`;
    const simulator = await startSimulator({ port: 0, clock: manualClock(), callbacks: { lookup, allow: [hook] } });
    try {
      await createArk(simulator, arkBody('rebound', { callback_url: hook }));
      await eventually(() => simulator.callbacks.length > 0, 'the delivery decision');
      expect(simulator.callbacks[0]?.outcome).toBe('skipped-remote');
      expect(hits).toEqual([]);
    } finally {
      await simulator.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe('URLs handed out', () => {
  const videoUrlOf = async (simulator: Simulator, headers: Record<string, string>) => {
    const clock = manualClock();
    void clock;
    const created = (await (await createArk(simulator, arkBody(), headers)).json()) as { id: string };
    return created.id;
  };

  it('come from the bound address, never from the Host header', async () => {
    const clock = manualClock();
    // A Host the simulator answers to (it refuses others), but not the one its links name.
    const simulator = await startSimulator({ port: 0, clock, lifecycle: { queuedMs: 0, runningMs: 0 }, allowedHosts: ['evil.example'] });
    try {
      const id = await videoUrlOf(simulator, {});
      const path = `/ark/api/v3/contents/generations/tasks/${id}`;
      const port = Number(new URL(simulator.url).port);
      const evil = await rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer k\r\n\r\n`, { responses: 1 });
      expect((firstJsonBody(evil.text) as { content: { video_url: string } }).content.video_url.startsWith(`${simulator.url}/files/`)).toBe(true);
      const old = await rawExchange(port, `GET ${path} HTTP/1.0\r\nAuthorization: Bearer k\r\n\r\n`, { responses: 1 });
      expect((firstJsonBody(old.text) as { content: { video_url: string } }).content.video_url.startsWith(`${simulator.url}/files/`)).toBe(true);
    } finally {
      await simulator.close();
    }
  });

  it('come from publicUrl when one is given', async () => {
    const simulator = await startSimulator({ port: 0, clock: manualClock(), lifecycle: { queuedMs: 0, runningMs: 0 }, publicUrl: 'http://sim.test:8080' });
    try {
      const id = await videoUrlOf(simulator, {});
      const task = (await (await fetch(`${simulator.urls.ark}/api/v3/contents/generations/tasks/${id}`, { headers: auth })).json()) as {
        content: { video_url: string };
      };
      expect(task.content.video_url).toBe(`http://sim.test:8080/files/${id}.mp4`);
    } finally {
      await simulator.close();
    }
  });
});

describe('pipelining and the body limit', () => {
  it('answers a pipelined good request before refusing the over-limit one after it, in the dialect envelope', async () => {
    const good = arkBody();
    const request =
      `POST ${arkCreate} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(good)}\r\n\r\n${good}` +
      `POST ${arkCreate} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n{"model":`;
    const answer = await rawExchange(port(), request, { deadlineMs: 5_000 });
    expect(answer.statuses).toEqual([200, 413]);
    const second = answer.text.slice(answer.text.indexOf('HTTP/1.1 413'));
    expect(second.toLowerCase()).toContain('connection: close');
    expect(firstJsonBody(second)).toMatchObject({ error: { code: 'RequestEntityTooLarge', type: 'RequestEntityTooLarge' } });
    expect(answer.closed).toBe(true);
  });
});

describe('bodies that are not what they claim', () => {
  it('refuses invalid UTF-8 inside a JSON body with a 400 that says so', async () => {
    const body = Buffer.concat([
      Buffer.from(`{"model":"${MODELS.ark}","content":[{"type":"text","text":"`),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}]}'),
    ]);
    const response = await fetch(`${sim.urls.ark}/api/v3/contents/generations/tasks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/UTF-8/);
  });

  it('refuses a multipart body that repeats a field with a 400 naming the field', async () => {
    const form = new FormData();
    form.append('model', MODELS['multipart-videos']);
    form.append('prompt', 'one');
    form.append('prompt', 'two');
    const response = await fetch(`${sim.urls['multipart-videos']}/v1/videos`, { method: 'POST', headers: auth, body: form });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: 'prompt', type: 'invalid_request_error' } });
  });
});
