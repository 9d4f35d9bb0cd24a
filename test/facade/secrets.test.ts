// A known key is sent through every error path; it must appear nowhere: not in messages, stacks,
// causes, the errors' JSON, or their inspected form.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClient, SeedanceError, type TaskHandle } from '../../src/index.ts';
import { fakeClock, json, scriptedFetch, type Step } from '../support/scripted.ts';
import { arkHandle } from '../support/dialects.ts';

const KEY = 'sk-live-7f3a9c2e5b1d4068a1b2c3d4e5f60718';
const handle: TaskHandle = arkHandle();
const request = { model: 'doubao-seedance-1-5-pro-251215', prompt: 'A kitten yawns', duration: 5 };

function client(steps: Step[]) {
  return createClient({
    baseUrl: 'http://127.0.0.1:9/ark',
    apiKey: KEY,
    fetch: scriptedFetch(steps).fetch,
    clock: fakeClock(),
    retry: { maxRetries: 1 },
    waitTimeoutMs: 5_000,
  });
}

function everythingAbout(error: unknown): string {
  const parts: string[] = [String(error), inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error)];
  for (let current = error, depth = 0; current && depth < 10; depth++) {
    if (current instanceof Error) parts.push(current.message, current.stack ?? '');
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

const echo = { error: { code: 'AuthenticationError', message: `The API key ${KEY} is invalid`, param: 'Authorization', type: 'Unauthorized' } };

const paths: Array<[string, () => Promise<unknown>]> = [
  ['an unknown model named after the key', () => client([]).submit({ ...request, model: KEY })],
  ['a validation error on a request that carries the key', () => client([]).submit({ ...request, duration: 99, ratio: KEY })],
  ['an API error whose body echoes the key', () => client([json(401, echo)]).get(handle)],
  ['a submit refused with the key echoed in the body', () => client([json(400, echo)]).submit(request)],
  ['a submit answered without a task id but with the key', () => client([json(200, { note: KEY })]).submit(request)],
  [
    'a network error that mentions the key',
    () => client([new TypeError(`fetch failed for Bearer ${KEY}`, { cause: new Error(`proxy refused ${KEY}`) })]).get(handle),
  ],
  [
    'a failed task whose error carries the key',
    () =>
      client([json(200, { id: handle.taskId, model: handle.model, status: 'failed', error: { code: 'X', message: KEY }, created_at: 1, updated_at: 1 })]).wait(
        handle,
      ),
  ],
  [
    'an unknown status that contains the key',
    () => client([json(200, { id: handle.taskId, model: handle.model, status: KEY, created_at: 1, updated_at: 1 })]).wait(handle),
  ],
  ['a wait that times out', () => client([json(200, { id: handle.taskId, model: KEY, status: 'running', created_at: 1, updated_at: 1 })]).wait(handle)],
  ['a cancel the dialect does not have', () => client([]).cancel({ ...handle, dialect: 'multipart-videos' })],
  ['a generate whose submit fails', () => client([json(500, echo)]).generate(request)],
];

describe('the API key', () => {
  it.each(paths)('appears nowhere in the error from %s', async (_, run) => {
    const error = await run().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SeedanceError);
    const seen = everythingAbout(error);
    expect(seen).not.toContain(KEY);
    expect(seen).not.toContain(KEY.slice(3));
  });

  it('is never part of a handle', async () => {
    const submitted = await client([json(200, { id: 'cgt-20260101000000-zzzzz' })]).submit(request);
    expect(JSON.stringify(submitted)).not.toContain(KEY);
  });
});
