// A submit whose outcome is unknown is not a refusal: a lost answer, a 408, a 5xx or an unreadable
// 2xx after the request went out may have created (and billed) the task. The CLI ends with its own
// exit code (8, not 4), says mayHaveBeenAccepted in --json with the handle when the answer named a
// task, and says to check before submitting again. A definite refusal stays exit 4 and says
// mayHaveBeenAccepted: false.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { runSeedance } from './support.ts';

type Answer = 'lost' | '408' | '500 naming the task' | 'empty 200' | '400';
let answer: Answer = 'lost';
let gateway: FakeGateway;

beforeAll(async () => {
  gateway = await startFakeGateway((request, response) => {
    if (answer === 'lost') return request.socket.destroy();
    if (answer === '408') return json(response, 408, { error: { code: 'RequestTimeout', message: 'the upstream did not answer in time' } });
    if (answer === '500 naming the task')
      return json(response, 500, { id: 'cgt-20260101000000-maybe', error: { code: 'InternalServiceError', message: 'late' } });
    if (answer === 'empty 200') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end();
    }
    return json(response, 400, { error: { code: 'InvalidParameter', message: 'duration is out of range' } });
  });
});
afterAll(() => gateway.close());

const submit = (extra: string[] = []) =>
  runSeedance(['submit', '-m', 'doubao-seedance-1-5-pro-251215', '-p', 'A kitten yawns', ...extra], { env: { SEEDANCE_BASE_URL: gateway.url } });

describe('a submit whose outcome is unknown', () => {
  it.each<Answer>(['lost', '408', '500 naming the task', 'empty 200'])('%s: exit 8, and the advice to check before submitting again', async (which) => {
    answer = which;
    const posts = gateway.requests.filter((request) => request.method === 'POST').length;
    const run = await submit();
    expect(run.code, run.stderr).toBe(8);
    expect(run.stderr).toMatch(/the submit's outcome is unknown \(exit 8\)/);
    // Sent once: the CLI never resubmits on its own.
    expect(gateway.requests.filter((request) => request.method === 'POST')).toHaveLength(posts + 1);
  });

  it('--json says mayHaveBeenAccepted: true, with the handle and the wait command when the answer named the task', async () => {
    answer = '500 naming the task';
    const run = await submit(['--json']);
    expect(run.code).toBe(8);
    const event = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(event).toMatchObject({
      event: 'error',
      mayHaveBeenAccepted: true,
      exitCode: 8,
      handle: { v: 1, dialect: 'ark', taskId: 'cgt-20260101000000-maybe', baseUrl: gateway.url },
    });
    expect(event.resume).toMatch(/^seedance wait '\{.*cgt-20260101000000-maybe/);
  });

  it('--json without a named task: mayHaveBeenAccepted: true and no handle', async () => {
    answer = 'lost';
    const event = JSON.parse((await submit(['--json'])).stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(event).toMatchObject({ event: 'error', name: 'ConnectionError', mayHaveBeenAccepted: true, exitCode: 8 });
    expect(event.handle).toBeUndefined();
  });

  it('a definite refusal stays exit 4, mayHaveBeenAccepted: false', async () => {
    answer = '400';
    const run = await submit(['--json']);
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ name: 'ApiError', mayHaveBeenAccepted: false, exitCode: 4 });
  });
});
