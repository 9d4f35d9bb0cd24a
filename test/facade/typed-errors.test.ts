// Timeouts, aborts and Retry-After waits longer than the time left end in the toolkit's typed
// errors, never in a TypeError from rewriting a DOMException's read-only message, and a submit
// that may have reached the gateway says so (mayHaveBeenAccepted) so nobody pays twice.
import { describe, expect, it } from 'vitest';
import { AbortedError, createClient, RequestTimeoutError, SeedanceError, type TaskHandle } from '../../src/index.ts';
import { json, scriptedFetch, type Step } from '../support/scripted.ts';
import { arkHandle } from '../support/dialects.ts';

const KEY = 'sk-live-4c1d9e7a2b3f40a8b6c5d4e3f2a1b0c9';
const baseUrl = 'http://127.0.0.1:9/ark';
const handle: TaskHandle = arkHandle(baseUrl);
const request = { model: handle.model, prompt: 'A kitten yawns', duration: 5 };

/** A gateway that takes the request and never answers (until the client gives up). */
const stall: Step = (incoming) =>
  new Promise<Response>((_, reject) => incoming.signal.addEventListener('abort', () => reject(incoming.signal.reason), { once: true }));

function client(steps: Step[], requestTimeoutMs = 40) {
  const script = scriptedFetch(steps);
  return { seedance: createClient({ baseUrl, apiKey: KEY, fetch: script.fetch, requestTimeoutMs, retry: { maxRetries: 2 } }), script };
}

async function failure(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => undefined,
    (error: unknown) => error,
  );
}

function mentionsKey(error: unknown): boolean {
  const texts: string[] = [JSON.stringify(error)];
  for (let current = error, depth = 0; current && depth < 10; depth++, current = (current as { cause?: unknown }).cause) {
    if (current instanceof Error) texts.push(current.message, current.stack ?? '', current.name);
  }
  return texts.join('\n').includes(KEY);
}

describe('a request that times out', () => {
  it('is a RequestTimeoutError, not a TypeError, and a stalled submit may have been accepted', async () => {
    const { seedance, script } = client([stall]);
    const error = await failure(seedance.submit(request));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ dialect: 'ark', timeoutMs: 40, mayHaveBeenAccepted: true });
    expect(script.requests).toHaveLength(1);
  });

  it('carries the handle on a read, so the caller can resume', async () => {
    const { seedance } = client([stall]);
    const error = await failure(seedance.get(handle));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ handle, mayHaveBeenAccepted: false });
  });

  it('keeps the DOMException only as a redacted copy in the cause, with its name', async () => {
    const { seedance } = client([stall]);
    const error = (await failure(seedance.get(handle))) as SeedanceError;
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).not.toBeInstanceOf(DOMException);
    expect((error.cause as Error).name).toBe('TimeoutError');
    expect(mentionsKey(error)).toBe(false);
  });
});

describe('a Retry-After longer than the time left on the request', () => {
  it('gives a typed timeout error at once, with the handle, instead of sleeping into the timeout', async () => {
    const { seedance, script } = client([json(429, { error: { code: 'RateLimitExceeded', message: 'slow down' } }, { 'retry-after': '30' })], 10_000);
    const started = Date.now();
    const error = await failure(seedance.get(handle));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ handle, timeoutMs: 10_000 });
    expect((error as Error).message).toMatch(/retry after 30000 ms/);
    expect(script.requests).toHaveLength(1);
    // Not a timing assertion on the client's speed: a 10 s sleep would not have ended by now.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('on a submit refused with 429 says the task was not accepted', async () => {
    const { seedance } = client([json(429, {}, { 'retry-after': '120' })], 10_000);
    const error = await failure(seedance.submit(request));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ mayHaveBeenAccepted: false });
  });
});

describe('an abort by the caller', () => {
  it('is an AbortedError whose submit may have been accepted, with the reason as a redacted cause', async () => {
    const { seedance } = client([stall], 3_600_000);
    const controller = new AbortController();
    const submitting = seedance.submit(request, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error(`stopped by ${KEY}`));
    const error = await failure(submitting);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ dialect: 'ark', mayHaveBeenAccepted: true, cause: { message: 'stopped by [redacted]' } });
    expect(mentionsKey(error)).toBe(false);
  });

  it('with the default DOMException reason does not turn into a TypeError', async () => {
    const { seedance } = client([stall], 3_600_000);
    const controller = new AbortController();
    const reading = seedance.get(handle, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await failure(reading);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ handle, cause: { name: 'AbortError' } });
  });

  it('of a submit before anything was sent says nothing was accepted', async () => {
    const { seedance, script } = client([stall]);
    const error = await failure(seedance.submit(request, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ name: 'AbortedError', mayHaveBeenAccepted: false });
    expect(script.requests).toHaveLength(0);
  });
});

describe('an error the client did not make', () => {
  it('is wrapped as a SeedanceError, and the foreign object is never written to', async () => {
    const foreign = new DOMException(`quota for ${KEY}`, 'QuotaExceededError');
    const { seedance } = client([
      () => {
        throw foreign;
      },
    ]);
    const error = await failure(seedance.get(handle));
    expect(error).toBeInstanceOf(SeedanceError);
    expect(mentionsKey(error)).toBe(false);
    expect(foreign.message).toBe(`quota for ${KEY}`);
  });

  it("thrown by the caller's own onProgress is given back unchanged", async () => {
    const mine = new Error('stop here');
    const { seedance } = client([json(200, { id: handle.taskId, model: handle.model, status: 'running', created_at: 1, updated_at: 1 })]);
    const error = await failure(
      seedance.wait(handle, {
        onProgress: () => {
          throw mine;
        },
      }),
    );
    expect(error).toBe(mine);
  });
});
