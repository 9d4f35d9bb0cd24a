// Each dialect's task lifecycle in the simulator, driven through the toolkit's own client.
import { describe, expect, it } from 'vitest';
import { TaskFailedError, TaskStateError, UnsupportedOperationError, ValidationError, type DialectId } from '../../src/index.ts';
import { DIALECTS, pathOf } from '../support/dialects.ts';
import { inspectMp4 } from '../support/mp4.ts';
import { FAILURES } from '../../mocks/simulator/tasks.ts';
import { callbackReceiver, clientFor, eventually, MODELS, useSimulator } from './support.ts';

// Callbacks go to receivers the tests start on 127.0.0.1, on ports only known then.
const harness = useSimulator({ callbacks: { allow: (url) => url.hostname === '127.0.0.1' } });
const request = (dialect: DialectId, extra: Record<string, unknown> = {}) => ({
  model: MODELS[dialect],
  prompt: 'A kitten yawns at the camera',
  duration: 5,
  ...extra,
});

describe.each(DIALECTS)('%s', (dialect) => {
  it('lives a whole life: submit, poll through queued and running, succeed, download a real MP4', async () => {
    const client = clientFor(harness, dialect);
    const seen: string[] = [];
    const task = await client.generate(request(dialect), { onProgress: (t) => seen.push(t.status) });
    expect(task.status).toBe('succeeded');
    expect(seen[0]).toBe('queued');
    expect(seen).toContain('running');
    const download = await fetch(task.videoUrl ?? '');
    expect(download.headers.get('content-type')).toBe('video/mp4');
    const mp4 = inspectMp4(new Uint8Array(await download.arrayBuffer()));
    expect(mp4.videoCodec).toBe('avc1');
    expect(mp4.durationSeconds).toBeGreaterThan(1);
  });

  it('fails a task with a documented error code when asked to (X-Mock-Scenario: fail)', async () => {
    const client = clientFor(harness, dialect, { 'X-Mock-Scenario': 'fail' });
    const error = await client.generate(request(dialect)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskFailedError);
    // A gateway whose job error is a sentence alone (openrouter) gives the reason without a code.
    const { code, reason } = error as TaskFailedError;
    if (code === undefined) expect(reason).toBe(FAILURES.fail.message);
    else expect(code).toBe(FAILURES.fail.code);
  });

  it('fails a task when the prompt carries [mock:fail]', async () => {
    const error = await clientFor(harness, dialect)
      .generate(request(dialect, { prompt: 'A kitten [mock:fail]' }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskFailedError);
  });

  it('answers 429 with Retry-After in the dialect envelope when rate limiting is asked for', async () => {
    const { sim } = harness;
    const base = sim.urls[dialect];
    const path = pathOf(dialect, 'getTask', 'x');
    const response = await fetch(`${base}${path}`, { headers: { authorization: 'Bearer k', 'x-mock-scenario': 'rate-limit' } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    const body = (await response.json()) as Record<string, unknown>;
    expect('error' in body || 'code' in body).toBe(true);
  });

  it('keeps a task queued when asked to (stay-queued), so a client times out with the handle', async () => {
    const client = clientFor(harness, dialect, { 'X-Mock-Scenario': 'stay-queued' });
    const handle = await client.submit(request(dialect));
    await expect(client.wait(handle, { timeoutMs: 60_000 })).rejects.toMatchObject({ name: 'WaitTimeoutError', handle });
    expect((await client.get(handle)).status).toBe('queued');
  });
});

describe('callbacks', () => {
  it.each(['ark', 'content-metadata'] as const)('%s posts the task body to callback_url on each status change', async (dialect) => {
    const receiver = await callbackReceiver();
    try {
      const client = clientFor(harness, dialect);
      const task = await client.generate(request(dialect, { callbackUrl: receiver.url }));
      await eventually(() => receiver.received.length >= 3, 'three callbacks');
      const statuses = receiver.received.map((delivery) => (delivery.body as { status: string }).status);
      expect(statuses).toEqual(['queued', 'running', 'succeeded']);
      // content-metadata relays callback_url to Ark, so Ark's own task body arrives (with the upstream id).
      expect((receiver.received[2]?.body as { content?: { video_url?: string } } | undefined)?.content?.video_url).toBe(task.videoUrl);
    } finally {
      await receiver.close();
    }
  });

  it('retries a final callback three times when delivery fails, as Ark does', async () => {
    const receiver = await callbackReceiver([200, 200, 500, 503, 502, 200]);
    try {
      await clientFor(harness, 'ark').generate(request('ark', { callbackUrl: receiver.url }));
      const finalAttempts = () => harness.sim.callbacks.filter((c) => c.url === receiver.url && c.status === 'succeeded');
      // Each retry waits on the simulated clock: let one attempt land, then move time on.
      for (let attempt = 1; attempt <= 4; attempt++) {
        await eventually(() => finalAttempts().length >= attempt, `delivery attempt ${attempt}`);
        harness.clock.advance(5_000);
      }
      const attempts = harness.sim.callbacks.filter((c) => c.url === receiver.url && c.status === 'succeeded');
      expect(attempts.map((c) => c.outcome)).toEqual(['failed', 'failed', 'failed', 'delivered']);
      expect(attempts.map((c) => c.attempt)).toEqual([1, 2, 3, 4]);
    } finally {
      await receiver.close();
    }
  });

  it.each(['multipart-videos', 'unified-jobs'] as const)('%s documents no callback field, so a callback URL is refused before sending', async (dialect) => {
    const error = await clientFor(harness, dialect)
      .submit(request(dialect, { callbackUrl: 'http://127.0.0.1:9/hook' }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]).toMatchObject({ path: 'callbackUrl', rule: 'not-expressible' });
  });

  it('never calls a host outside loopback unless allowed', async () => {
    const client = clientFor(harness, 'ark');
    const handle = await client.submit(request('ark', { callbackUrl: 'https://hooks.example.com/seedance' }));
    await eventually(() => harness.sim.callbacks.some((c) => c.taskId === handle.taskId), 'the skipped callback');
    expect(harness.sim.callbacks.filter((c) => c.taskId === handle.taskId).map((c) => c.outcome)).toEqual(['skipped-remote']);
  });
});

describe('ark cancel and delete', () => {
  it('cancels a queued task, which stays queryable as cancelled', async () => {
    const client = clientFor(harness, 'ark');
    const handle = await client.submit(request('ark'));
    await client.cancel(handle);
    expect((await client.get(handle)).status).toBe('cancelled');
    harness.clock.advance(10_000);
    expect((await client.get(handle)).status).toBe('cancelled');
    await expect(client.cancel(handle)).rejects.toMatchObject({ name: 'TaskStateError', operation: 'cancel', status: 'cancelled' });
  });

  it('refuses to cancel a running task, before any DELETE (the client reads it first)', async () => {
    const client = clientFor(harness, 'ark');
    const handle = await client.submit(request('ark'));
    harness.clock.advance(1_500);
    expect((await client.get(handle)).status).toBe('running');
    const error = await client.cancel(handle).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskStateError);
    expect(error).toMatchObject({ operation: 'cancel', status: 'running' });
    expect((await client.get(handle)).status).toBe('running');
  });

  it('the simulator itself refuses a DELETE on a running task', async () => {
    const client = clientFor(harness, 'ark');
    const handle = await client.submit(request('ark'));
    harness.clock.advance(1_500);
    const answer = await fetch(`${handle.baseUrl}/api/v3/contents/generations/tasks/${handle.taskId}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer k' },
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('InvalidParameter');
  });

  it('never deletes a finished task on cancel: cancel refuses and the task stays', async () => {
    const client = clientFor(harness, 'ark');
    const task = await client.generate(request('ark'));
    const handle = { v: 1 as const, dialect: 'ark' as const, model: task.model, taskId: task.id, baseUrl: harness.sim.urls.ark };
    await expect(client.cancel(handle)).rejects.toMatchObject({ name: 'TaskStateError', operation: 'cancel', status: 'succeeded' });
    expect((await client.get(handle)).videoUrl).toBe(task.videoUrl);
  });

  it('deletes a finished task on delete, after which it is gone', async () => {
    const client = clientFor(harness, 'ark');
    const task = await client.generate(request('ark'));
    const handle = { v: 1 as const, dialect: 'ark' as const, model: task.model, taskId: task.id, baseUrl: harness.sim.urls.ark };
    await client.delete(handle);
    await expect(client.get(handle)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses to delete a queued task (which the same DELETE would cancel)', async () => {
    const client = clientFor(harness, 'ark');
    const handle = await client.submit(request('ark'));
    await expect(client.delete(handle)).rejects.toMatchObject({ name: 'TaskStateError', operation: 'delete', status: 'queued' });
    expect((await client.get(handle)).status).toBe('queued');
  });

  it('gives a typed not-supported error for cancel and delete on dialects without a DELETE', async () => {
    for (const dialect of ['content-metadata', 'multipart-videos', 'unified-jobs'] as const) {
      const client = clientFor(harness, dialect);
      const handle = { v: 1 as const, dialect, model: 'm', taskId: 'x', baseUrl: harness.sim.urls[dialect] };
      await expect(client.cancel(handle)).rejects.toBeInstanceOf(UnsupportedOperationError);
      await expect(client.delete(handle)).rejects.toBeInstanceOf(UnsupportedOperationError);
    }
  });

  it('lists tasks newest first, filtered by status and ids, in pages', async () => {
    const client = clientFor(harness, 'ark');
    const handles = [await client.submit(request('ark')), await client.submit(request('ark')), await client.submit(request('ark'))];
    const base = `${harness.sim.urls.ark}/api/v3/contents/generations/tasks`;
    const ids = handles.map((h) => `filter.task_ids=${h.taskId}`).join('&');
    const page = (await (await fetch(`${base}?${ids}&page_size=2&page_num=1`, { headers: { authorization: 'Bearer k' } })).json()) as {
      total: number;
      items: Array<{ id: string }>;
    };
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.id)).toEqual([handles[2]?.taskId, handles[1]?.taskId]);
    const queued = (await (await fetch(`${base}?${ids}&filter.status=queued`, { headers: { authorization: 'Bearer k' } })).json()) as { total: number };
    expect(queued.total).toBe(3);
    const refused = await fetch(`${base}?page_size=501`, { headers: { authorization: 'Bearer k' } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { param: string } }).error.param).toBe('query.page_size');
  });
});
