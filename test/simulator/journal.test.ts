// The request journal: a test can see what its code sent and how the simulator judged it, from
// code and over HTTP on an admin path no gateway uses; it resets between tests and stays bounded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contracts } from '../../src/contracts/index.ts';
import { DIALECT_IDS } from '../../generated/dialects.ts';
import { manualClock, startSimulator, type JournalEntry, type Simulator } from '../../mocks/simulator/index.ts';
import { MODELS } from './support.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, clock: manualClock(), journalLimit: 50 });
});
afterAll(() => sim.close());
beforeEach(() => sim.journal.clear());

const arkTasks = () => `${sim.urls.ark}/api/v3/contents/generations/tasks`;
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(arkTasks(), {
    method: 'POST',
    headers: { authorization: 'Bearer sk-journal-secret', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('request journal', () => {
  it('records each request with dialect, operation, parsed body and an accepted verdict, never a header', async () => {
    await post({ model: MODELS.ark, content: [{ type: 'text', text: 'a cat' }], resolution: '720p' });
    const [entry] = sim.journal.entries();
    expect(entry).toMatchObject({
      dialect: 'ark',
      operationId: 'createTask',
      method: 'POST',
      path: '/ark/api/v3/contents/generations/tasks',
      body: { resolution: '720p' },
      verdict: { outcome: 'accepted', status: 200 },
    });
    expect(Number.isNaN(Date.parse(entry!.time))).toBe(false);
    expect(JSON.stringify(sim.journal.entries())).not.toContain('sk-journal-secret');
  });

  it('records a refusal with the status and the rule ids it names', async () => {
    await post({ model: MODELS.ark, content: [{ type: 'text', text: 'a cat' }], ratio: '2:1' });
    expect(sim.journal.entries()[0]?.verdict).toMatchObject({ outcome: 'refused', status: 400, rules: ['ratio-enum'] });
    await fetch(`${arkTasks()}/cgt-x`);
    expect(sim.journal.entries()[1]?.verdict).toEqual({ outcome: 'refused', status: 401 });
  });

  it('summarises multipart fields, files by name, type and size', async () => {
    const form = new FormData();
    form.set('model', MODELS['multipart-videos']);
    form.set('prompt', 'a cat');
    form.set('input_reference', new File([new Uint8Array(10)], 'frame.png', { type: 'image/png' }));
    await fetch(`${sim.urls['multipart-videos']}/v1/videos`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: form });
    expect(sim.journal.entries()[0]?.body).toEqual({
      model: MODELS['multipart-videos'],
      prompt: 'a cat',
      input_reference: { file: 'frame.png', type: 'image/png', bytes: 10 },
    });
  });

  it('is read with GET and cleared with DELETE on /__simulator/journal, which is no gateway path', async () => {
    for (const dialect of DIALECT_IDS)
      for (const operation of Object.values(contracts[dialect].operations)) expect(`/${dialect}${operation.path}`.startsWith('/__simulator')).toBe(false);
    await post({ model: MODELS.ark, content: [{ type: 'text', text: 'a cat' }] });
    const read = (await (await fetch(`${sim.url}/__simulator/journal`)).json()) as { entries: JournalEntry[] };
    expect(read.entries.map((entry) => entry.operationId)).toEqual(['createTask']);
    expect((await fetch(`${sim.url}/__simulator/journal`, { method: 'DELETE' })).status).toBe(200);
    expect(sim.journal.entries()).toEqual([]);
  });

  it('keeps only the newest entries past its limit', async () => {
    for (let i = 0; i < 60; i++) await fetch(`${arkTasks()}/cgt-${i}`, { headers: { authorization: 'Bearer k' } });
    const entries = sim.journal.entries();
    expect(entries).toHaveLength(50);
    expect(entries.at(-1)?.path).toBe('/ark/api/v3/contents/generations/tasks/cgt-59');
  });

  it('keeps a note of the size instead of a large body', async () => {
    await post({ model: MODELS.ark, content: [{ type: 'text', text: 'x'.repeat(100_000) }] });
    expect(sim.journal.entries()[0]?.body).toMatch(/bytes of JSON, not kept/);
  });

  it('pages its HTTP answer: limit, then a cursor to the next page, and refuses a limit out of range', async () => {
    for (let i = 0; i < 5; i++) await fetch(`${arkTasks()}/cgt-${i}`, { headers: { authorization: 'Bearer k' } });
    type Page = { entries: JournalEntry[]; next: number | null };
    const first = (await (await fetch(`${sim.url}/__simulator/journal?limit=2`)).json()) as Page;
    expect(first.entries.map((entry) => entry.path.split('/').at(-1))).toEqual(['cgt-0', 'cgt-1']);
    expect(first.next).not.toBeNull();
    const rest = (await (await fetch(`${sim.url}/__simulator/journal?limit=10&after=${first.next}`)).json()) as Page;
    expect(rest.entries.map((entry) => entry.path.split('/').at(-1))).toEqual(['cgt-2', 'cgt-3', 'cgt-4']);
    expect(rest.next).toBeNull();
    expect((await fetch(`${sim.url}/__simulator/journal?limit=0`)).status).toBe(400);
    expect((await fetch(`${sim.url}/__simulator/journal?after=x`)).status).toBe(400);
  });

  it('streams its HTTP answer as it writes it, with no length fixed in advance', async () => {
    for (let i = 0; i < 40; i++) await post({ model: MODELS.ark, content: [{ type: 'text', text: `cat ${i}` }] });
    const response = await fetch(`${sim.url}/__simulator/journal`);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    expect(((await response.json()) as { entries: unknown[] }).entries).toHaveLength(40);
  });
});

describe('journal budget', () => {
  it('keeps bodies within its byte budget, dropping the oldest entries first', async () => {
    const small = await startSimulator({ port: 0, clock: manualClock(), journalMaxBytes: 200_000 });
    try {
      for (let i = 0; i < 10; i++)
        await fetch(`${small.urls.ark}/api/v3/contents/generations/tasks`, {
          method: 'POST',
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          body: JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text: `${i} ${'x'.repeat(30_000)}` }] }),
        });
      // Each body is kept as about 30,000 characters (60 KB at two bytes each): three fit in 200 KB.
      const kept = small.journal.entries().map((entry) => (entry.body as { content: Array<{ text: string }> }).content[0]?.text.split(' ')[0]);
      expect(kept).toEqual(['7', '8', '9']);
    } finally {
      await small.close();
    }
  });
});
