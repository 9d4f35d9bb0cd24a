// The simulator's own surface under attack: the admin paths with and without the key, Host
// headers it does not answer to (DNS rebinding), callback URLs nobody opted into, and the key never
// echoed by `seedance start` or `npm start`. Generated cases (fast-check, fixed seed) go over raw
// sockets; whatever arrives is answered below 500 and the simulator lives on. Counts go to
// reports/hostile-admin.json.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, manualClock, type Simulator, startSimulator } from '../../mocks/simulator/index.ts';
import { MODELS } from '../support/dialects.ts';
import { rawExchange, responsesOf } from '../support/raw-http.ts';
import { spawnSeedance } from '../cli/support.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const KEY = 'sk-admin-5f0e1d2c3b4a';
const SEED = 20_261_207;
const counts = { requests: 0, answersAtLeast500: 0, unanswered: 0 };

/** One raw request; its statuses counted for the report. */
async function raw(port: number, request: string): Promise<number[]> {
  const answer = await rawExchange(port, request, { responses: 1, deadlineMs: 4_000 });
  const statuses = responsesOf(answer.text).map((response) => response.status);
  counts.requests++;
  if (statuses.length === 0) counts.unanswered++;
  if (statuses.some((status) => status >= 500)) counts.answersAtLeast500++;
  return statuses;
}

const arkCreate = (simulator: Simulator, headers: Record<string, string> = {}) =>
  fetch(`${simulator.urls.ark}/api/v3/contents/generations/tasks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text: 'a secret prompt' }] }),
  });

let sim: Simulator;
let port = 0;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, clock: manualClock(), apiKey: KEY, allowedHosts: ['proxy.example'], publicUrl: 'http://public.example:8080' });
  port = Number(new URL(sim.url).port);
});
afterAll(async () => {
  await sim.close();
  mkdirSync(resolve(ROOT, 'reports'), { recursive: true });
  writeFileSync(resolve(ROOT, 'reports/hostile-admin.json'), `${JSON.stringify({ seed: SEED, ...counts }, null, 2)}\n`);
});

describe('the admin paths of a simulator that requires a key', () => {
  const paths = ['GET /__simulator/journal', 'DELETE /__simulator/journal', 'GET /__simulator/health', 'GET /__simulator/nope'];

  it('refuse every admin request without the key, or with another, with 401, and leave the journal as it was', async () => {
    expect((await arkCreate(sim)).status).toBe(200);
    const before = sim.journal.entries().length;
    const credentials = fc.oneof(
      fc.constant(''),
      fc.constantFrom(
        'Authorization: Bearer\r\n',
        'Authorization: Basic c2s6\r\n',
        `Authorization: Bearer ${KEY}x\r\n`,
        `Authorization: bearer ${KEY.slice(0, -1)}\r\n`,
      ),
      fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/).map((key) => `Authorization: Bearer ${key}\r\n`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), credentials, async (line, authorization) => {
        const [method, path] = line.split(' ');
        const statuses = await raw(port, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${authorization}\r\n`);
        expect(statuses).toEqual([401]);
      }),
      { numRuns: 120, seed: SEED },
    );
    expect(sim.journal.entries().length).toBe(before);
  });

  it('answer with the key, and nothing it keeps shows the key', async () => {
    const read = await fetch(`${sim.url}/__simulator/journal`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(read.status).toBe(200);
    const text = await read.text();
    expect(text).toContain('a secret prompt');
    expect(text).not.toContain(KEY);
    expect((await fetch(`${sim.url}/__simulator/health`, { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(200);
  });
});

describe('Host headers', () => {
  const path = '/ark/api/v3/contents/generations/tasks/cgt-1';

  it('are refused with 403 unless they name the simulator, loopback, publicUrl or an allowed host', async () => {
    const foreign = fc
      .tuple(fc.domain(), fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }))
      .filter(([name]) => !/(^|\.)localhost$|^(proxy|public)\.example$/.test(name))
      .map(([name, hostPort]) => (hostPort === undefined ? name : `${name}:${hostPort}`));
    const target = fc.constantFrom(path, '/__simulator/journal', '/files/cgt-1.mp4', '/nowhere');
    await fc.assert(
      fc.asyncProperty(foreign, target, async (host, at) => {
        const statuses = await raw(port, `GET ${at} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${KEY}\r\n\r\n`);
        expect(statuses).toEqual([403]);
      }),
      { numRuns: 150, seed: SEED },
    );
    for (const host of ['127.0.0.1', `127.0.0.1:${port}`, `localhost:${port}`, 'app.localhost', '[::1]', 'proxy.example', 'public.example:8080'])
      expect(await raw(port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${KEY}\r\n\r\n`), host).toEqual([404]);
  });

  it('cannot be dodged with an absolute request-target naming another host', async () => {
    expect(await raw(port, `GET http://rebound.example${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${KEY}\r\n\r\n`)).toEqual([403]);
  });

  it('are checked against the base given to a simulator with no socket', async () => {
    const inProcess = createSimulator({ baseUrl: 'http://sim.test', clock: manualClock() });
    const get = (url: string) => inProcess.fetch(new Request(url, { headers: { authorization: 'Bearer k' } }));
    expect((await get('http://sim.test/ark/api/v3/contents/generations/tasks/x')).status).toBe(404);
    expect((await get('http://evil.test/ark/api/v3/contents/generations/tasks/x')).status).toBe(403);
    expect((await get('http://evil.test/__simulator/journal')).status).toBe(403);
    await inProcess.close();
  });
});

describe('callback URLs', () => {
  let receiver: Server;
  let hits: string[];
  let receiverPort = 0;
  beforeAll(async () => {
    hits = [];
    receiver = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolveListen) => receiver.listen(0, '127.0.0.1', resolveListen));
    receiverPort = (receiver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolveClose) => receiver.close(() => resolveClose())));

  it('are posted to only where the owner opted in: that origin, at or below that path', async () => {
    const allowed = `http://127.0.0.1:${receiverPort}/hooks`;
    const clock = manualClock();
    const hooked = createSimulator({ clock, lifecycle: { queuedMs: 0, runningMs: 0 }, callbacks: { allow: [allowed], retries: 0 } });
    const refusedUrls = [
      `http://127.0.0.1:${receiverPort}/admin`,
      `http://127.0.0.1:${receiverPort}/hooksX`,
      `http://127.0.0.1:${receiverPort}/`,
      `http://localhost:${receiverPort}/hooks`,
      `http://127.0.0.1:${receiverPort + 1 > 65_535 ? 1 : receiverPort + 1}/hooks`,
      `http://127.0.0.1:4010/__simulator/journal`,
    ];
    const create = (callbackUrl: string) =>
      hooked.fetch(
        new Request('http://sim.test/ark/api/v3/contents/generations/tasks', {
          method: 'POST',
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          body: JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text: 'x' }], callback_url: callbackUrl }),
        }),
      );
    for (const url of [...refusedUrls, `${allowed}/ok`]) expect((await create(url)).status).toBe(200);
    const deadline = Date.now() + 5_000;
    while (!hooked.callbacks.some((attempt) => attempt.outcome === 'delivered') && Date.now() < deadline)
      await new Promise((resolveWait) => setTimeout(resolveWait, 10));
    for (const url of refusedUrls)
      expect(hooked.callbacks.filter((attempt) => attempt.url === url).map((attempt) => attempt.outcome)).toContain('skipped-not-allowed');
    expect(hooked.callbacks.filter((attempt) => attempt.outcome === 'delivered').map((attempt) => attempt.url)).toContain(`${allowed}/ok`);
    expect(new Set(hits)).toEqual(new Set(['/hooks/ok']));
    await hooked.close();
  });

  it('go nowhere by default', async () => {
    const open = createSimulator({ clock: manualClock(), lifecycle: { queuedMs: 0, runningMs: 0 } });
    const response = await open.fetch(
      new Request('http://sim.test/ark/api/v3/contents/generations/tasks', {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text: 'x' }], callback_url: `http://127.0.0.1:${receiverPort}/hooks` }),
      }),
    );
    expect(response.status).toBe(200);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    const outcomes = open.callbacks.map((attempt) => attempt.outcome);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['skipped-not-allowed']));
    await open.close();
  });
});

describe('a key required from the command line', () => {
  const work = mkdtempSync(join(tmpdir(), 'seedance-admin-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** The ark base URL a started simulator prints, and everything it printed by then. */
  function started(child: ChildProcess): Promise<{ ark: string; printed: () => string }> {
    let printed = '';
    child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    return new Promise((resolveStart, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const ark = /^\s+ark\s+(http:\/\/\S+)/m.exec(printed)?.[1];
        if (ark && /Requires|Accepts/.test(printed)) resolveStart({ ark, printed: () => printed });
      });
      child.once('exit', () => reject(new Error(`the simulator exited:\n${printed}`)));
    });
  }

  async function checkGuarded(child: ChildProcess) {
    try {
      const { ark, printed } = await started(child);
      const tasks = `${ark}/api/v3/contents/generations/tasks`;
      const body = JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text: 'x' }] });
      const post = (key: string) => fetch(tasks, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      expect((await post('sk-other')).status).toBe(401);
      expect((await post(KEY)).status).toBe(200);
      expect((await fetch(`${new URL(ark).origin}/__simulator/journal`)).status).toBe(401);
      expect(printed()).toMatch(/Requires the API key from \S+ on every path/);
      expect(printed()).not.toContain(KEY);
    } finally {
      child.kill('SIGTERM');
    }
  }

  it('seedance start --api-key-file requires the key and never prints it', async () => {
    const file = join(work, 'key.txt');
    writeFileSync(file, `${KEY}\n`);
    await checkGuarded(spawnSeedance(['start', '--port', '0', '--api-key-file', file]));
  });

  it('npm start takes it from SEEDANCE_SIMULATOR_KEY', async () => {
    const child = spawn(process.execPath, ['dist/mocks/simulator/main.js', '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', SEEDANCE_SIMULATOR_KEY: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await checkGuarded(child);
  });

  it('binding every interface prints a warning and the addresses it is reached at, not only 127.0.0.1', async () => {
    const child = spawnSeedance(['start', '--host', '0.0.0.0', '--port', '0', '--quiet']);
    try {
      const { printed } = await started(child);
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      expect(printed()).toMatch(/Warning: bound to 0\.0\.0\.0, so other machines can reach it: anyone there can create tasks, read and clear the journal/);
      expect(printed()).toMatch(/reachable at http:\/\/\d+\.\d+\.\d+\.\d+:\d+/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
