// Replay: a recording served by the simulator. Recorded through the proxy from a scripted gateway
// (documented answers, drift included) and from the real simulator driven by the client, and built
// by hand as a browser would export it; replayed through createSimulator().fetch, startSimulator
// and `seedance start --replay`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy } from '../../cli/traffic/proxy.ts';
import { createSimulator, HarError, startSimulator, type Simulator } from '../../mocks/simulator/index.ts';
import { createClient } from '../../src/index.ts';
import { spawnSeedance } from '../cli/support.ts';
import { DIALECTS, MODELS, pathOf } from '../support/dialects.ts';
import { requestExamples, responseExample, startScriptedGateway, type ScriptedGateway } from './support.ts';

const KEY = 'sk-replay-recording-key';
const work = mkdtempSync(join(tmpdir(), 'seedance-replay-'));
const TASKS = pathOf('ark', 'createTask', '');
const taskPath = (id: string) => pathOf('ark', 'getTask', id);

/** A minimal HAR 1.2 entry as a browser exports it: no base URL of ours, the gateway behind a path prefix. */
function browserEntry(method: string, url: string, status: number, answer: unknown, body?: unknown) {
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  return {
    startedDateTime: '2026-12-01T10:00:00.000Z',
    time: 12,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'Authorization', value: '[redacted]' }],
      queryString: [],
      ...(body === undefined ? {} : { postData: { mimeType: 'application/json', text: JSON.stringify(body) } }),
      headersSize: -1,
      bodySize: body === undefined ? 0 : JSON.stringify(body).length,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Request-Id', value: `req-${status}` },
        { name: 'Content-Length', value: String(text.length) },
      ],
      content: { size: text.length, mimeType: 'application/json', text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
  };
}

const harOf = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 'a browser', version: '1' }, entries } });

/** Ark's documented getTask answer with another status word. */
function arkTask(id: string, status: string): Record<string, unknown> {
  return { ...responseExample('ark', 'getTask', '200'), id, status };
}

describe('a recording made through the proxy from a gateway that drifted', () => {
  let gateway: ScriptedGateway;
  let har: string;
  const submit = requestExamples('ark', 'createTask').requests.find((example) => example.name === 'text-to-video')!.body as Record<string, unknown>;
  const submitted = { id: 'cgt-20261201-replayed', billing_units: 3 };
  const polls = [arkTask('cgt-20261201-replayed', 'queued'), arkTask('cgt-20261201-replayed', 'not_start'), arkTask('cgt-20261201-replayed', 'succeeded')];

  beforeAll(async () => {
    gateway = await startScriptedGateway();
    gateway.script.push(
      { status: 200, headers: { 'x-request-id': 'req-submit' }, body: submitted },
      ...polls.map((body, index) => ({ status: 200, headers: { 'x-request-id': `req-poll-${index}` }, body })),
    );
    const record = join(work, 'drifted.har');
    const proxy = await startProxy({ target: gateway.url, dialect: 'ark', record });
    const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
    await (await fetch(`${proxy.url}${TASKS}`, { method: 'POST', headers, body: JSON.stringify(submit) })).arrayBuffer();
    for (const _ of polls) await (await fetch(`${proxy.url}${taskPath(submitted.id)}`, { headers })).arrayBuffer();
    await proxy.settled();
    await proxy.close();
    har = readFileSync(record, 'utf8');
  });
  afterAll(() => gateway.close());

  it('answers the recorded submit and then the recorded polls in order, the last one repeated, byte for byte', async () => {
    const sim = createSimulator({ replay: { har } });
    try {
      const headers = { authorization: 'Bearer sk-another-key', 'content-type': 'application/json' };
      // The same body with its keys in another order is the same request.
      const reordered = Object.fromEntries(Object.entries(submit).reverse());
      const created = await sim.fetch(new Request(`http://sim.test/ark${TASKS}`, { method: 'POST', headers, body: JSON.stringify(reordered) }));
      expect(created.status).toBe(200);
      expect(await created.text()).toBe(JSON.stringify(submitted));
      expect(created.headers.get('x-request-id')).toBe('req-submit');
      expect(created.headers.get('x-seedance-replay')).toBe('entry 1');
      const seen: string[] = [];
      for (let poll = 0; poll < polls.length + 2; poll++) {
        const answer = await sim.fetch(new Request(`http://sim.test/ark${taskPath(submitted.id)}`, { headers }));
        seen.push(await answer.text());
      }
      const recorded = polls.map((body) => JSON.stringify(body));
      expect(seen).toEqual([...recorded, recorded.at(-1), recorded.at(-1)]);
      // The journal says what was answered, as for any request.
      expect(sim.journal.entries().map((entry) => [entry.operationId, entry.verdict.status])).toEqual([
        ['createTask', 200],
        ...seen.map(() => ['getTask', 200]),
      ]);
    } finally {
      await sim.close();
    }
  });

  it('simulates a request the recording does not hold, or under strict refuses it with a 404 naming the closest recorded request', async () => {
    const other = { ...submit, content: [{ type: 'text', text: 'A different prompt' }] };
    const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
    const lenient = createSimulator({ replay: { har } });
    const strict = createSimulator({ replay: { har, strict: true } });
    try {
      const simulated = await lenient.fetch(new Request(`http://sim.test/ark${TASKS}`, { method: 'POST', headers, body: JSON.stringify(other) }));
      expect(simulated.status).toBe(200);
      expect(simulated.headers.get('x-seedance-replay')).toBeNull();
      expect(((await simulated.json()) as { id: string }).id).not.toBe(submitted.id);

      const refused = await strict.fetch(new Request(`http://sim.test/ark${TASKS}`, { method: 'POST', headers, body: JSON.stringify(other) }));
      expect(refused.status).toBe(404);
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      expect(error.message).toContain(`the closest recorded request is entry 1: POST ${TASKS}, whose JSON body differs at /content/0/text`);
      const unknownTask = await strict.fetch(new Request(`http://sim.test/ark${taskPath('cgt-never-recorded')}`, { headers }));
      expect(unknownTask.status).toBe(404);
      expect(((await unknownTask.json()) as { error: { message: string } }).error.message).toContain(`entry 2: GET ${taskPath(submitted.id)}`);
    } finally {
      await Promise.all([lenient.close(), strict.close()]);
    }
  });

  it('still requires the key the simulator is set to require, which the recording never holds', async () => {
    expect(har).not.toContain(KEY);
    const sim = createSimulator({ apiKey: 'sk-required', replay: { har, strict: true } });
    try {
      const without = await sim.fetch(new Request(`http://sim.test/ark${taskPath(submitted.id)}`));
      expect(without.status).toBe(401);
      const withKey = await sim.fetch(new Request(`http://sim.test/ark${taskPath(submitted.id)}`, { headers: { authorization: 'Bearer sk-required' } }));
      expect(withKey.status).toBe(200);
      expect(withKey.headers.get('x-seedance-replay')).toBe('entry 2');
    } finally {
      await sim.close();
    }
  });

  it('`seedance start --replay --replay-strict` serves it over HTTP and says so', async () => {
    const file = join(work, 'served.har');
    writeFileSync(file, har);
    const child = spawnSeedance(['start', '--port', '0', '--quiet', '--replay', file, '--replay-strict']);
    try {
      let printed = '';
      const base = await new Promise<string>((resolveBase, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          printed += chunk.toString();
          const url = /^\s+ark\s+(http:\/\/\S+)/m.exec(printed)?.[1];
          if (url && /Replaying/.test(printed)) resolveBase(url);
        });
        child.once('exit', () => reject(new Error(`seedance start exited:\n${printed}`)));
      });
      expect(printed).toContain(`Replaying 4 recorded exchanges from ${file}; anything else gets 404 naming the closest recorded request.`);
      const answer = await fetch(`${base}${taskPath(submitted.id)}`, { headers: { authorization: 'Bearer sk-any' } });
      expect(await answer.text()).toBe(JSON.stringify(polls[0]));
    } finally {
      child.kill();
    }
  });
});

describe('a recording exported from a browser', () => {
  const prefix = 'https://gateway.example/tenant-7';
  const entries = [
    browserEntry('GET', `${prefix}${taskPath('cgt-browser')}`, 200, arkTask('cgt-browser', 'running')),
    browserEntry('GET', 'https://cdn.example/videos/cgt-browser.mp4', 200, 'not an API answer'),
    browserEntry('GET', `${prefix}${taskPath('cgt-browser')}`, 200, arkTask('cgt-browser', 'succeeded')),
  ];

  it("is placed by the longest tail of each URL the contract documents; what is no dialect's operation is skipped", async () => {
    const sim = createSimulator({ replay: { har: harOf(entries), dialect: 'ark' } });
    try {
      expect(sim.replay).toEqual({ exchanges: 2, skipped: 1 });
      const statuses: string[] = [];
      for (let poll = 0; poll < 3; poll++) {
        const answer = await sim.fetch(new Request(`http://sim.test/ark${taskPath('cgt-browser')}`, { headers: { authorization: 'Bearer sk-x' } }));
        expect(answer.headers.get('x-request-id')).toBe('req-200');
        statuses.push(((await answer.json()) as { status: string }).status);
      }
      expect(statuses).toEqual(['running', 'succeeded', 'succeeded']);
    } finally {
      await sim.close();
    }
  });

  it('that cannot be read is refused when the simulator is made, naming the entry', () => {
    const broken = harOf([entries[0], { request: { method: 'GET' } }]);
    expect(() => createSimulator({ replay: { har: broken } })).toThrow(HarError);
    expect(() => createSimulator({ replay: { har: broken } })).toThrow(/entry 2 \(log\.entries\[1\]\)/);
    expect(() => createSimulator({ replay: { har: harOf([entries[1]]) } })).toThrow(
      /no entry of the recording is a request to any dialect's documented operations \(1 skipped\)/,
    );
  });

  it('`seedance start --replay` on a truncated recording exits 2 naming the file and the entry', async () => {
    const file = join(work, 'truncated.har');
    writeFileSync(file, harOf(entries).slice(0, -40));
    const child = spawnSeedance(['start', '--port', '0', '--replay', file]);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: `);
    expect(stderr).toMatch(/entry 3/);
  });
});

describe('any recorded sequence', () => {
  it('replays in recorded order, the last answer repeated, however many times it is asked', async () => {
    const words = ['queued', 'running', 'succeeded', 'failed', 'expired', 'not_start'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }), fc.nat({ max: 4 }), async (sequence, extra) => {
        const url = `https://ark.example${taskPath('cgt-seq')}`;
        const sim = createSimulator({ replay: { har: harOf(sequence.map((status) => browserEntry('GET', url, 200, arkTask('cgt-seq', status)))) } });
        try {
          const served: string[] = [];
          for (let poll = 0; poll < sequence.length + extra; poll++) {
            const answer = await sim.fetch(new Request(`http://sim.test/ark${taskPath('cgt-seq')}`, { headers: { authorization: 'Bearer k' } }));
            served.push(((await answer.json()) as { status: string }).status);
          }
          expect(served).toEqual([...sequence, ...Array.from({ length: extra }, () => sequence.at(-1))]);
        } finally {
          await sim.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe.each(DIALECTS)('%s: the real client against a replay of the real simulator', (dialect) => {
  let live: Simulator;
  beforeAll(async () => {
    live = await startSimulator({ port: 0, lifecycle: { queuedMs: 30, runningMs: 30 } });
  });
  afterAll(() => live.close());

  it('submits and waits to the recorded end against the recording alone (strict), with the statuses recorded', async () => {
    const record = join(work, `${dialect}-client.har`);
    const proxy = await startProxy({ target: live.urls[dialect], dialect, record });
    const request = { model: MODELS[dialect], prompt: 'A kitten yawns at the camera', duration: 5 } as const;
    try {
      const client = createClient({ baseUrl: proxy.url, apiKey: KEY });
      const task = await client.wait(await client.submit(request), { pollIntervalMs: 20, timeoutMs: 20_000 });
      expect(task.status).toBe('succeeded');
      await proxy.settled();
    } finally {
      await proxy.close();
    }
    const recorded = readFileSync(record, 'utf8');
    // The live simulator is gone from the picture: only the recording answers.
    const replay = createSimulator({ replay: { har: recorded, strict: true } });
    try {
      const client = createClient({ baseUrl: 'http://sim.test/{dialect}', apiKey: 'sk-offline', fetch: replay.fetch });
      const handle = await client.submit(request);
      const task = await client.wait(handle, { pollIntervalMs: 1, timeoutMs: 20_000 });
      expect(task.status).toBe('succeeded');
      expect(replay.journal.entries().every((entry) => entry.verdict.status < 400)).toBe(true);
    } finally {
      await replay.close();
    }
  });
});
