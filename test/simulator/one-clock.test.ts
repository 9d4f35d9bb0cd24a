// One clock for the simulator and the client: a manual clock is also the client's `clock`, whose
// sleep steps simulated time. A client waiting through a whole task life, after honouring a long
// Retry-After, takes no real time, and the simulated time it spent is exactly what it waited.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.ts';
import { createSimulator, manualClock } from '../../mocks/simulator/index.ts';
import { MODELS } from './support.ts';

describe('the manual clock as the client clock', () => {
  it('waits a default lifecycle (1.5 s + 3.5 s) and a Retry-After: 30 rate limit in simulated time, taking no real time', async () => {
    const clock = manualClock();
    const sim = createSimulator({ clock });
    let limited = 0;
    // The first submit is refused as the rate-limit scenario refuses it, asking for 30 s instead of 1.
    const fetch = async (request: Request): Promise<Response> => {
      if (request.method !== 'POST' || limited > 0) return sim.fetch(request);
      limited++;
      const refused = await sim.fetch(new Request(request, { headers: { ...Object.fromEntries(request.headers), 'x-mock-scenario': 'rate-limit' } }));
      const headers = new Headers(refused.headers);
      headers.set('retry-after', '30');
      return new Response(refused.body, { status: refused.status, headers });
    };
    const client = createClient({ baseUrl: sim.urls, apiKey: 'sk-one-clock', fetch, clock: sim.clock });
    const startedAt = clock.now();
    const realStart = performance.now();
    const handle = await client.submit({ model: MODELS.ark, prompt: 'A kitten yawns' });
    const task = await client.wait(handle);
    const realMs = performance.now() - realStart;

    expect(limited).toBe(1);
    expect(task.status).toBe('succeeded');
    // 30 s of Retry-After, then the 5 s life polled every 5 s (the client's default interval).
    expect(clock.now() - startedAt).toBe(35_000);
    const [created] = sim.store.list('ark', clock.now());
    expect(created?.createdAt).toBe(startedAt + 30_000);
    // A bound, not a speed figure: on a real clock this wait takes 35 s; stepped, it takes milliseconds.
    expect(realMs).toBeLessThan(5_000);
    await sim.close();
  });

  it('stops a sleep on an aborted signal', async () => {
    const clock = manualClock();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(clock.sleep(1_000, controller.signal)).rejects.toThrow('stop');
    expect(clock.pending()).toBe(0);
  });
});
