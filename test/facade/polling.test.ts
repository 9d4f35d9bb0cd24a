// Polling and retries: paid tasks are never lost to transient errors, rate limits are honoured,
// a submit is never blindly repeated, and an abort stops everything at once.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ApiError,
  ConnectionError,
  createClient,
  TaskFailedError,
  UnknownStatusError,
  WaitTimeoutError,
  type TaskHandle,
} from '../../src/index.ts';
import { connectionRefused, connectionReset, fakeClock, json, scriptedFetch, type Step } from '../support/scripted.ts';
import { arkHandle } from '../support/dialects.ts';

const handle: TaskHandle = arkHandle();
const arkTask = (status: string, extra: Record<string, unknown> = {}) =>
  json(200, { id: handle.taskId, model: handle.model, status, created_at: 1, updated_at: 2, ...extra });
const succeeded = () => arkTask('succeeded', { content: { video_url: 'https://cdn.example.com/v.mp4' } });
const request = { model: handle.model, prompt: 'A kitten yawns', duration: 5 };

function client(steps: Step[], options: { pollIntervalMs?: number; waitTimeoutMs?: number } = {}) {
  const script = scriptedFetch(steps);
  const clock = fakeClock();
  const seedance = createClient({ baseUrl: 'http://127.0.0.1:9/ark', apiKey: 'sk-test', fetch: script.fetch, clock, pollIntervalMs: 1_000, ...options });
  return { seedance, script, clock };
}

describe('wait', () => {
  it('completes the task through 500s, 429s, resets and slow answers on the way', async () => {
    const slow = async () => {
      await nextMacrotask();
      return arkTask('running');
    };
    const { seedance, script } = client([
      arkTask('queued'),
      json(500, { error: { code: 'InternalServiceError', message: 'boom', type: 'InternalServerError' } }),
      json(429, { error: { code: 'RateLimitExceeded.EndpointRPMExceeded', message: 'slow down', type: 'TooManyRequests' } }, { 'retry-after': '2' }),
      connectionReset(),
      slow,
      json(503, 'upstream unavailable'),
      arkTask('running'),
      succeeded(),
    ]);
    const seen: string[] = [];
    const task = await seedance.wait(handle, { onProgress: (t) => seen.push(t.status) });
    expect(task.status).toBe('succeeded');
    expect(task.videoUrl).toBe('https://cdn.example.com/v.mp4');
    expect(seen).toEqual(['queued', 'running', 'running', 'succeeded']);
    expect(script.remaining).toBe(0);
  });

  it('waits exactly as long as Retry-After and retry-after-ms ask', async () => {
    const start = fakeClock().now();
    const retryAt = new Date(start + 30_000);
    const { seedance, clock } = client([
      json(429, {}, { 'retry-after': '7' }),
      json(503, {}, { 'retry-after-ms': '1500' }),
      json(429, {}, { 'retry-after': retryAt.toUTCString() }),
      succeeded(),
    ]);
    await seedance.get(handle);
    // Seconds and milliseconds are durations; an HTTP date is a moment, so that wait ends exactly then.
    expect(clock.sleeps).toEqual([7_000, 1_500, 30_000 - 7_000 - 1_500]);
    expect(clock.now()).toBe(retryAt.getTime());
  });

  it('backs off exponentially with jitter when the server gives no Retry-After', async () => {
    const { seedance, clock } = client([json(500, {}), json(502, {}), json(504, {}), succeeded()]);
    await seedance.get(handle);
    expect(clock.sleeps).toHaveLength(3);
    const bases = [500, 1_000, 2_000];
    clock.sleeps.forEach((ms, index) => {
      expect(ms).toBeLessThanOrEqual(bases[index]!);
      expect(ms).toBeGreaterThanOrEqual(bases[index]! * 0.75);
    });
  });

  it('throws a WaitTimeoutError that carries the handle and says the task may still finish', async () => {
    const { seedance } = client([arkTask('running')], { waitTimeoutMs: 10_000 });
    const error = await seedance.wait(handle).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).handle).toEqual(handle);
    expect((error as Error).message).toMatch(/may still finish/);
  });

  it('ends with TaskFailedError carrying the code when the task fails, is cancelled or expires', async () => {
    for (const status of ['failed', 'cancelled', 'expired']) {
      const { seedance } = client([arkTask(status, { error: { code: 'OutputVideoSensitiveContentDetected', message: 'flagged' } })]);
      const error = await seedance.wait(handle).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TaskFailedError);
      expect(error).toMatchObject({ status, code: 'OutputVideoSensitiveContentDetected', handle });
    }
  });

  // The unknown-status policy: a word no contract lists neither abandons a paid task nor loops forever.
  it('keeps polling through a status no contract lists, reporting it through onProgress with the raw word, until the task finishes', async () => {
    const { seedance, script } = client([arkTask('paused'), arkTask('paused'), succeeded()]);
    const seen: Array<[string, string]> = [];
    const task = await seedance.wait(handle, { onProgress: (t) => seen.push([t.status, t.rawStatus]) });
    expect(task.status).toBe('succeeded');
    expect(seen).toEqual([
      ['unknown', 'paused'],
      ['unknown', 'paused'],
      ['succeeded', 'succeeded'],
    ]);
    expect(script.remaining).toBe(0);
  });

  it('ends a wait that only ever sees an unknown status at its timeout, with the raw body on the error', async () => {
    const { seedance, script } = client([arkTask('paused'), arkTask('paused'), arkTask('paused'), arkTask('paused')], { waitTimeoutMs: 3_500 });
    const error = await seedance.wait(handle).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ lastStatus: 'paused', lastRaw: { status: 'paused' } });
    expect(error).not.toBeInstanceOf(UnknownStatusError);
    expect(script.remaining).toBe(0);
  });

  it('does not retry what retrying cannot fix (401, 404)', async () => {
    for (const status of [401, 404]) {
      const { seedance, script } = client([json(status, { error: { code: 'X', message: 'no', type: 'Y' } }), succeeded()]);
      await expect(seedance.wait(handle)).rejects.toBeInstanceOf(ApiError);
      expect(script.requests).toHaveLength(1);
    }
  });
});

describe('submit', () => {
  it('is not repeated after a 500: the gateway may have accepted and billed it', async () => {
    const { seedance, script } = client([json(500, { error: { code: 'InternalServiceError', message: 'boom', type: 'x' } }), json(200, { id: 'cgt-2' })]);
    const error = await seedance.submit(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).mayHaveBeenAccepted).toBe(true);
    expect(script.requests).toHaveLength(1);
  });

  it('is not repeated after a reset: the request may have arrived', async () => {
    const { seedance, script } = client([connectionReset(), json(200, { id: 'cgt-2' })]);
    const error = await seedance.submit(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveBeenAccepted).toBe(true);
    expect(script.requests).toHaveLength(1);
  });

  it('is retried after a 429 or a refused connection, which prove nothing was accepted', async () => {
    const { seedance, script, clock } = client([json(429, {}, { 'retry-after': '3' }), connectionRefused(), json(200, { id: 'cgt-20260101000000-zzzzz' })]);
    const submitted = await seedance.submit(request);
    expect(submitted.taskId).toBe('cgt-20260101000000-zzzzz');
    expect(script.requests).toHaveLength(3);
    expect(new Set(script.requests.map((r) => r.body))).toHaveProperty('size', 1);
    expect(clock.sleeps[0]).toBe(3_000);
  });
});

describe('abort', () => {
  it('stops a wait within one tick and leaves no timer or request pending', async () => {
    const pending = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = pending();
    const script = scriptedFetch([arkTask('running')]);
    const seedance = createClient({ baseUrl: handle.baseUrl, apiKey: 'sk-test', fetch: script.fetch, pollIntervalMs: 3_600_000, requestTimeoutMs: 3_600_000 });
    const controller = new AbortController();
    const waiting = seedance.wait(handle, { signal: controller.signal, timeoutMs: 7_200_000 });
    while (script.requests.length === 0) await nextMacrotask();
    await nextMacrotask();
    controller.abort(new Error('user pressed Ctrl-C'));
    const outcome = await Promise.race([
      waiting.then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      nextMacrotask().then(() => 'still pending'),
    ]);
    expect(outcome).toBeInstanceOf(AbortedError);
    expect(outcome).toMatchObject({ handle, cause: { message: 'user pressed Ctrl-C' } });
    // At most as many as before: a timer of an earlier test's AbortSignal.timeout may be collected meanwhile.
    expect(pending()).toBeLessThanOrEqual(before);
  });

  it('stops a backoff sleep between retries at once', async () => {
    const script = scriptedFetch([json(503, {}, { 'retry-after': '50' }), succeeded()]);
    const seedance = createClient({ baseUrl: handle.baseUrl, apiKey: 'sk-test', fetch: script.fetch, requestTimeoutMs: 3_600_000 });
    const controller = new AbortController();
    const reading = seedance.get(handle, { signal: controller.signal });
    while (script.requests.length === 0) await nextMacrotask();
    await nextMacrotask();
    controller.abort(new Error('stop'));
    const outcome = await Promise.race([
      reading.then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      nextMacrotask().then(() => 'still pending'),
    ]);
    expect(outcome).toBeInstanceOf(AbortedError);
    expect(outcome).toMatchObject({ handle, cause: { message: 'stop' } });
    expect(script.requests).toHaveLength(1);
  });

  it('refuses to start when the signal is already aborted', async () => {
    const script = scriptedFetch([succeeded()]);
    const seedance = createClient({ baseUrl: handle.baseUrl, apiKey: 'sk-test', fetch: script.fetch });
    await expect(seedance.get(handle, { signal: AbortSignal.abort(new Error('already')) })).rejects.toMatchObject({
      name: 'AbortedError',
      cause: { message: 'already' },
    });
    expect(script.requests).toHaveLength(0);
  });
});
