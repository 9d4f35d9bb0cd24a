// Test doubles for the client's two dependencies on the outside world: fetch and time.
import type { Clock } from '../../src/http/retry.ts';

export type Step = Response | Error | ((request: Request) => Response | Promise<Response>);

/** A fetch that answers from a script, one step per request, and records what it was asked. */
export function scriptedFetch(steps: Step[]) {
  const requests: Array<{ method: string; url: string; headers: Headers; body?: string }> = [];
  let index = 0;
  const fetch = async (request: Request): Promise<Response> => {
    requests.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      ...(request.body ? { body: await request.clone().text() } : {}),
    });
    const step = steps[Math.min(index++, steps.length - 1)];
    if (step === undefined) throw new Error('script is empty');
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(request) : step.clone();
  };
  return {
    fetch,
    requests,
    get remaining() {
      return Math.max(0, steps.length - index);
    },
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A connection that was refused before any byte was sent (Node's fetch shape). */
export function connectionRefused(): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
}

/** A connection reset after the request went out. */
export function connectionReset(): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
}

/** Virtual time: sleeping advances the clock at once and is recorded; aborts are honoured. */
export function fakeClock(start = 1_700_000_000_000): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
      signal?.throwIfAborted();
    },
  };
}
