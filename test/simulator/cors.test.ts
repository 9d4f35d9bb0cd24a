// CORS is opt-in: with `cors: true` a page on another origin can call the simulator (preflights
// answered, the headers clients read exposed); without it, no CORS header is ever sent. The admin
// paths never get CORS headers either way.
import { describe, expect, it } from 'vitest';
import { createSimulator, manualClock, startSimulator } from '../../mocks/simulator/index.ts';
import { MODELS } from './support.ts';

const ORIGIN = 'http://app.example';
const TASKS = '/ark/api/v3/contents/generations/tasks';
const create = (base: string, headers: Record<string, string> = {}) =>
  new Request(`${base}${TASKS}`, {
    method: 'POST',
    headers: { origin: ORIGIN, authorization: 'Bearer sk-cors', 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text: 'x' }] }),
  });
const preflight = (base: string, path = TASKS) =>
  new Request(`${base}${path}`, {
    method: 'OPTIONS',
    headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-mock-scenario' },
  });
const corsHeaders = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('with cors: true', () => {
  const sim = createSimulator({ cors: true, clock: manualClock(), lifecycle: { queuedMs: 0, runningMs: 0 } });

  it('answers a preflight with the origin, the methods and the headers asked for', async () => {
    const response = await sim.fetch(preflight(sim.url));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')?.split(',')).toEqual(expect.arrayContaining(['GET', 'POST', 'DELETE']));
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(['authorization', 'content-type', 'x-mock-scenario']);
  });

  it('exposes Retry-After on a rate limit and Content-Range on a ranged download, beside the gateway answer', async () => {
    const limited = await sim.fetch(create(sim.url, { 'x-mock-scenario': 'rate-limit' }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');
    const exposed = (response: Response) => response.headers.get('access-control-expose-headers')?.toLowerCase().split(',') ?? [];
    expect(exposed(limited)).toEqual(expect.arrayContaining(['retry-after', 'content-range', 'x-request-id']));
    expect(limited.headers.get('retry-after')).toBe('1');
    const created = await sim.fetch(create(sim.url));
    const { id } = (await created.json()) as { id: string };
    expect(created.headers.get('access-control-allow-origin')).toBe('*');
    const range = await sim.fetch(new Request(`${sim.url}/files/${id}.mp4`, { headers: { origin: ORIGIN, range: 'bytes=0-3' } }));
    expect(range.status).toBe(206);
    expect(exposed(range)).toContain('content-range');
  });

  it('gives the admin paths no CORS headers: another origin may not read or clear the journal', async () => {
    expect(corsHeaders(await sim.fetch(new Request(`${sim.url}/__simulator/journal`, { headers: { origin: ORIGIN } })))).toEqual([]);
    expect(corsHeaders(await sim.fetch(preflight(sim.url, '/__simulator/journal')))).toEqual([]);
  });

  it('passes the CORS headers through its port too', async () => {
    const served = await startSimulator({ port: 0, cors: true, clock: manualClock() });
    try {
      const response = await fetch(preflight(served.url));
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await served.close();
    }
  });
});

describe('by default', () => {
  const sim = createSimulator({ clock: manualClock(), lifecycle: { queuedMs: 0, runningMs: 0 } });

  it('sends no CORS header at all, and answers an OPTIONS as the gateway does', async () => {
    const answers = [
      await sim.fetch(preflight(sim.url)),
      await sim.fetch(create(sim.url)),
      await sim.fetch(create(sim.url, { 'x-mock-scenario': 'rate-limit' })),
      await sim.fetch(new Request(`${sim.url}/__simulator/health`, { headers: { origin: ORIGIN } })),
    ];
    expect(answers.map((response) => response.status)).toEqual([404, 200, 429, 200]);
    for (const response of answers) expect(corsHeaders(response)).toEqual([]);
  });
});
