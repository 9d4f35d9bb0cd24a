// What the client does with answers it cannot use. An empty or non-JSON 2xx where a task belongs is
// a transient read error in every dialect: retried like a 5xx (bounded by the retries), and `wait`
// keeps polling through it. On a submit it is ambiguous, as a 408 or 5xx is: the error says the
// task may have been accepted, and carries a handle when the answer named a task anyway. An answer
// larger than maxAnswerBytes is a typed error, never read whole and never retried.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AnswerTooLargeError,
  ApiError,
  createClient,
  DEFAULT_MAX_ANSWER_BYTES,
  DIALECT_IDS,
  type DialectId,
  type TaskHandle,
  UnreadableAnswerError,
} from '../../src/index.ts';
import { wireStatus } from '../../mocks/simulator/dialects/wire-status.ts';
import { DIALECT_FACTS, MODELS } from '../support/dialects.ts';
import { fakeClock, json, scriptedFetch, type Step } from '../support/scripted.ts';

const BASE = 'http://127.0.0.1:9/{dialect}';
const handleOf = (dialect: DialectId): TaskHandle => ({ v: 1, dialect, model: MODELS[dialect], taskId: 'task-1', baseUrl: `http://127.0.0.1:9/${dialect}` });
const succeeded = (dialect: DialectId) => json(200, DIALECT_FACTS[dialect].taskBody(wireStatus(dialect, 'TaskStatus', 'succeeded') ?? '', 'TaskStatus'));

/** 2xx answers no dialect can read a task from. */
const UNUSABLE: Record<string, () => Response> = {
  'an empty 200': () => new Response('', { status: 200 }),
  'an empty 200 with a length': () => new Response('', { status: 200, headers: { 'content-length': '0' } }),
  'a 204': () => new Response(null, { status: 204 }),
  'an HTML page': () => new Response('<html><body>502 Bad Gateway</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
  'cut-off JSON': () => new Response('{"id":"task-1","sta', { status: 200, headers: { 'content-type': 'application/json' } }),
  'JSON null': () => json(200, null),
  'a JSON list': () => json(200, [1, 2]),
};

function client(steps: Step[], options: { maxAnswerBytes?: number } = {}) {
  const script = scriptedFetch(steps);
  const seedance = createClient({ baseUrl: BASE, apiKey: 'sk-answers', fetch: script.fetch, clock: fakeClock(), pollIntervalMs: 1_000, ...options });
  return { seedance, script };
}

describe('an empty or non-JSON 200 while polling (every dialect)', () => {
  it('is retried like a 5xx and the wait goes on to the finished task (fast-check over dialects and answers, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...DIALECT_IDS),
        fc.array(fc.constantFrom(...Object.keys(UNUSABLE)), { minLength: 1, maxLength: 9 }),
        async (dialect, answers) => {
          const { seedance, script } = client([...answers.map((name) => UNUSABLE[name]!()), succeeded(dialect)]);
          const task = await seedance.wait(handleOf(dialect));
          expect(task.status).toBe('succeeded');
          expect(script.remaining).toBe(0);
        },
      ),
      { seed: 20261207, numRuns: 60 },
    );
  });

  it.each(DIALECT_IDS)('%s: a single get gives up after the retries with an UnreadableAnswerError that carries the handle', async (dialect) => {
    const { seedance, script } = client(Object.values(UNUSABLE).map((answer) => answer()));
    const error = await seedance.get(handleOf(dialect)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(error).toMatchObject({ status: 200, handle: handleOf(dialect), mayHaveBeenAccepted: false });
    // The first attempt and the three retries of the default retry options: bounded.
    expect(script.requests).toHaveLength(4);
  });
});

const request = { model: MODELS.ark, prompt: 'A kitten yawns', duration: 5 };

describe('a submit whose outcome is unknown', () => {
  it.each(Object.keys(UNUSABLE))('%s: UnreadableAnswerError, may have been accepted, never sent twice', async (name) => {
    const { seedance, script } = client([UNUSABLE[name]!(), json(200, { id: 'cgt-twice' })]);
    const error = await seedance.submit(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(error).toMatchObject({ mayHaveBeenAccepted: true });
    expect((error as Error).message).toMatch(/check for the task before submitting again/);
    expect(script.requests).toHaveLength(1);
  });

  it('a 408 is ambiguous too: not retried, and mayHaveBeenAccepted', async () => {
    const { seedance, script } = client([json(408, { error: { code: 'RequestTimeout', message: 'upstream timed out' } }), json(200, { id: 'cgt-twice' })]);
    const error = await seedance.submit(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 408, mayHaveBeenAccepted: true });
    expect(script.requests).toHaveLength(1);
  });

  it.each([408, 500, 502])('a %i whose body names the task carries its handle, so the caller can wait for it', async (status) => {
    const { seedance } = client([json(status, { id: 'cgt-20260101000000-named', error: { code: 'Timeout', message: 'late' } })]);
    const error = await seedance.submit(request).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ mayHaveBeenAccepted: true, handle: { v: 1, dialect: 'ark', taskId: 'cgt-20260101000000-named', model: MODELS.ark } });
  });

  it('a definite refusal (400, 401) is not ambiguous', async () => {
    for (const status of [400, 401]) {
      const { seedance } = client([json(status, { error: { code: 'Bad', message: 'no' } })]);
      await expect(seedance.submit(request)).rejects.toMatchObject({ status, mayHaveBeenAccepted: false });
    }
  });
});

/** A body of `size` bytes streamed in 64 KiB chunks, counting how many bytes were pulled. */
function streamed(size: number, headers: Record<string, string> = {}) {
  const pulled = { bytes: 0 };
  const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= size) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { response: new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...headers } }), pulled };
}

describe('an answer larger than maxAnswerBytes', () => {
  it('is refused from its declared length without reading it, and not retried', async () => {
    const { response, pulled } = streamed(400 * 1024 * 1024, { 'content-length': String(400 * 1024 * 1024) });
    const { seedance, script } = client([response, succeeded('ark')]);
    const error = await seedance.get(handleOf('ark')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    expect(error).toMatchObject({ limitBytes: DEFAULT_MAX_ANSWER_BYTES, handle: handleOf('ark') });
    expect(pulled.bytes).toBeLessThan(1024 * 1024);
    expect(script.requests).toHaveLength(1);
  });

  it('is cut at the cap when its length is not declared (the default cap, 8 MiB), and ends a wait', async () => {
    const { response, pulled } = streamed(400 * 1024 * 1024);
    const { seedance } = client([response, succeeded('ark')]);
    const error = await seedance.wait(handleOf('ark')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    // The cap, and what the streams buffered ahead of the reader.
    expect(pulled.bytes).toBeLessThanOrEqual(DEFAULT_MAX_ANSWER_BYTES + 1024 * 1024);
  });

  it('takes a cap of its own (maxAnswerBytes)', async () => {
    const { response } = streamed(2 * 1024 * 1024);
    const { seedance } = client([response], { maxAnswerBytes: 1024 * 1024 });
    await expect(seedance.get(handleOf('ark'))).rejects.toMatchObject({ name: 'AnswerTooLargeError', limitBytes: 1024 * 1024 });
  });

  it('an error answer is only read up to the cap: the ApiError keeps its start', async () => {
    const huge = new Response(`upstream error ${'x'.repeat(3 * 1024 * 1024)}`, { status: 400 });
    const { seedance } = client([huge], { maxAnswerBytes: 1024 * 1024 });
    const error = await seedance.get(handleOf('ark')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(String((error as ApiError).body).length).toBeLessThanOrEqual(1024 * 1024);
  });
});
