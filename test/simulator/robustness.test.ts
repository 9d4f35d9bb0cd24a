// Malformed input never crashes the simulator or makes it hold memory, and no task is lost.
import { Agent, request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../mocks/simulator/clock.ts';
import { startSimulator } from '../../mocks/simulator/server.ts';
import { useSimulator } from './support.ts';

const harness = useSimulator({ bodyLimitBytes: 1024 * 1024 });
const auth = { authorization: 'Bearer sk-robustness' };
const arkTasks = () => `${harness.sim.urls.ark}/api/v3/contents/generations/tasks`;

/** Sends a raw request and resolves with the status as soon as the answer's head arrives. */
function raw(
  url: string,
  options: { method: string; headers: Record<string, string | number>; body?: Buffer | string; stream?: { chunk: Buffer; count: number } },
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: options.method, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => (['ECONNRESET', 'EPIPE'].includes(error.code ?? '') ? undefined : reject(error)));
    if (options.stream) {
      let sent = 0;
      const pump = () => {
        while (sent < options.stream!.count && req.write(options.stream!.chunk)) sent++;
        if (sent < options.stream!.count && !req.destroyed) req.once('drain', pump);
        else req.end();
      };
      pump();
    } else req.end(options.body);
  });
}

async function stillServing() {
  const response = await fetch(arkTasks(), {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'ok' }] }),
  });
  expect(response.status).toBe(200);
}

describe('malformed input', () => {
  it('answers invalid JSON with a 400 in the dialect envelope, and keeps serving', async () => {
    const response = await raw(arkTasks(), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"model": "m", "content": [' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'InvalidParameter', type: 'BadRequest' } });
    expect(response.body).toContain('not valid JSON');
    await stillServing();
  });

  it('answers a wrong content type with a 400 that names the expected one', async () => {
    const response = await raw(arkTasks(), { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'model=m' });
    expect(response.status).toBe(400);
    expect(response.body).toContain('Content-Type must be application/json');
    const multipart = await raw(`${harness.sim.urls['multipart-videos']}/v1/videos`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(multipart.status).toBe(400);
    expect(JSON.parse(multipart.body)).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('refuses a declared 100 MB body with 413 before reading it', async () => {
    const before = harness.sim.bytesRead();
    const response = await raw(arkTasks(), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'content-length': 100 * 1024 * 1024 },
      stream: { chunk: Buffer.alloc(64 * 1024, 0x20), count: 1600 },
    });
    expect(response.status).toBe(413);
    expect(harness.sim.bytesRead() - before).toBe(0);
    await stillServing();
  });

  it('stops reading a chunked 100 MB body at the limit, with 413', async () => {
    const before = harness.sim.bytesRead();
    const response = await raw(arkTasks(), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      stream: { chunk: Buffer.alloc(64 * 1024, 0x20), count: 1600 },
    });
    expect(response.status).toBe(413);
    // Reading stops at the chunk that crosses the limit: at most one 64 KiB chunk past it.
    expect(harness.sim.bytesRead() - before).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
    await stillServing();
  });

  it('answers broken multipart with a 400, and keeps serving', async () => {
    const response = await raw(`${harness.sim.urls['multipart-videos']}/v1/videos`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="model"\r\n\r\ndoubao-seedance-1-5-pro_720p\r\n--xyz\r\nContent-Disposition: form-da',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: { type: 'invalid_request_error' } });
    await stillServing();
  });

  it.each(['/', '/nope', '/ark/nope', '/ark/api/v3/contents/generations', '/multipart-videos/v1/videos/x/remix', '/files/nope.mp4'])(
    'answers the unknown path %s with 404',
    async (path) => {
      const response = await fetch(`${harness.sim.url}${path}`, { headers: auth });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: unknown }).error).toBeDefined();
    },
  );

  it('answers a missing or malformed Authorization with the dialect 401', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer' }] as Array<Record<string, string>>) {
      const response = await fetch(`${arkTasks()}/cgt-1`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'AuthenticationError' } });
    }
  });
});

describe('capacity', () => {
  it('creates 10,000 tasks concurrently and loses none', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const body = JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'load' }] });
    const post = () =>
      new Promise<string>((resolve, reject) => {
        const req = httpRequest(
          arkTasks(),
          { method: 'POST', agent, headers: { ...auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              response.statusCode === 200
                ? resolve((JSON.parse(Buffer.concat(chunks).toString()) as { id: string }).id)
                : reject(new Error(`HTTP ${response.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const before = harness.sim.store.size;
    const ids = await Promise.all(Array.from({ length: 10_000 }, post));
    agent.destroy();
    expect(new Set(ids).size).toBe(10_000);
    expect(harness.sim.store.size - before).toBe(10_000);
    for (const id of ids) expect(harness.sim.store.get(id, harness.clock.now())?.id).toBe(id);
  }, 120_000);

  it('forgets the oldest finished tasks past its count and age limits, and only those', async () => {
    const clock = manualClock();
    // Tasks finish at once, so each is evictable when the next arrives (live ones never are: see defects.test.ts).
    const sim = await startSimulator({ port: 0, clock, lifecycle: { queuedMs: 0, runningMs: 0 }, limits: { maxTasks: 100, maxAgeMs: 60_000 } });
    try {
      const create = async () => {
        const response = await fetch(`${sim.urls.ark}/api/v3/contents/generations/tasks`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'm', content: [{ type: 'text', text: 't' }] }),
        });
        return ((await response.json()) as { id: string }).id;
      };
      const ids: string[] = [];
      for (let i = 0; i < 150; i++) ids.push(await create());
      expect(sim.store.size).toBe(100);
      const status = async (id: string) => (await fetch(`${sim.urls.ark}/api/v3/contents/generations/tasks/${id}`, { headers: auth })).status;
      expect(await status(ids[0]!)).toBe(404);
      expect(await status(ids[49]!)).toBe(404);
      expect(await status(ids[50]!)).toBe(200);
      clock.advance(60_001);
      expect(await status(ids[149]!)).toBe(404);
    } finally {
      await sim.close();
    }
  });
});
