// Copied into the consumer project and run there by its vitest (ES modules, no-socket.vitest.mjs)
// and by Jest (CommonJS, no-socket.jest.js, msw.jest.js): each entry loads the installed package
// its own way and hands the modules and its test framework to these suites, so both runners check
// the same things. `createSimulator().fetch` serves the client with no socket: as the client's
// `fetch`, and behind MSW through the global fetch; every wait is on the simulator's manual clock.
// No socket may open: net.Socket#connect and net.Server#listen are watched, and the process's TCP
// handles counted.
const net = require('node:net');
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** Test facts the harness wrote beside this file: the model it sends to each dialect. */
const { models } = JSON.parse(readFileSync(join(__dirname, 'facts.json'), 'utf8'));
/** The MP4 the installed package's simulator serves. */
const SAMPLE = new Uint8Array(readFileSync(join(dirname(require.resolve('seedance-contracts/package.json')), 'mocks/fixtures/sample.mp4')));
const BASE = 'http://sim.test/{dialect}';
/** A key no answer contains anywhere, so its errors are the reference the 1-character key's must equal. */
const LONG_KEY = 'sk-reference-key-0123456789abcdef';

const tcpHandles = () => process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;

async function readAll(stream) {
  const chunks = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(...read.value);
  return new Uint8Array(chunks);
}

/**
 * Watches for sockets over the enclosing describe block: net.Socket#connect and net.Server#listen
 * (everything Node opens a TCP connection or server with goes through them), and the process's
 * TCP handles. Returns the check each test ends with.
 */
function watchSockets({ beforeAll, afterAll, expect, spyOn }) {
  const watch = {};
  beforeAll(() => {
    watch.tcp = tcpHandles();
    watch.connect = spyOn(net.Socket.prototype, 'connect');
    watch.listen = spyOn(net.Server.prototype, 'listen');
  });
  afterAll(() => {
    watch.connect.mockRestore();
    watch.listen.mockRestore();
  });
  return () => {
    expect(watch.connect).not.toHaveBeenCalled();
    expect(watch.listen).not.toHaveBeenCalled();
    expect(tcpHandles()).toBe(watch.tcp);
  };
}

/** Submits, waits and downloads on `client`; the simulated time it took, and the video. */
async function runJob(client, sim, dialect) {
  const started = sim.clock.now();
  const handle = await client.submit({ model: models[dialect], prompt: 'A kitten yawns', duration: 5 });
  const task = await client.wait(handle, { pollIntervalMs: 500 });
  const video = await readAll(await client.download(task));
  return { handle, task, video, simulatedMs: sim.clock.now() - started };
}

function expectJob(expect, job, dialect) {
  expect(job.handle.dialect).toBe(dialect);
  expect(job.task.status).toBe('succeeded');
  expect(job.video).toEqual(SAMPLE);
  // queued then running (about 5 s of simulated time) passed on the manual clock: the client's
  // waits stepped it; nothing waited in real time for it.
  expect(job.simulatedMs).toBeGreaterThanOrEqual(5_000);
}

/**
 * The suites, each defined with the runner's functions. t: { describe, it, expect, beforeAll,
 * afterAll, spyOn }; pkg: { root, simulator }, the package's entry and its /simulator entry as the
 * runner loaded them; msw: { http, setupServer }.
 */
const suites = {
  clientFetch(t, pkg) {
    const { describe, it, expect, beforeAll, afterAll } = t;
    const { createSimulator, manualClock } = pkg.simulator;
    describe("createSimulator().fetch as the client's fetch, on a manualClock() shared with the client", () => {
      const expectNoSocket = watchSockets(t);
      let sim;
      let client;
      // Made once the watch has begun (hooks run in order), so a socket the simulator opened on creation is seen.
      beforeAll(() => {
        sim = createSimulator({ clock: manualClock() });
        client = pkg.root.createClient({ baseUrl: BASE, apiKey: 'sk-test', fetch: sim.fetch, clock: sim.clock });
      });
      afterAll(() => sim?.close());

      it.each(Object.keys(models))('%s: a job runs to a downloaded MP4 with no socket opened', async (dialect) => {
        expectJob(expect, await runJob(client, sim, dialect), dialect);
        expectNoSocket();
      });
    });
  },

  msw(t, pkg, msw) {
    const { describe, it, expect, beforeAll, afterAll } = t;
    const { createSimulator, manualClock } = pkg.simulator;
    describe('behind MSW 2 (setupServer, http.all), through the global fetch', () => {
      const expectNoSocket = watchSockets(t);
      let sim;
      let server;
      beforeAll(() => {
        sim = createSimulator({ clock: manualClock() });
        server = msw.setupServer(msw.http.all('http://sim.test/*', ({ request }) => sim.fetch(request)));
        server.listen({ onUnhandledRequest: 'error' });
      });
      afterAll(() => {
        server?.close();
        return sim?.close();
      });

      it.each(Object.keys(models))('%s: a job runs to a downloaded MP4 with no socket opened', async (dialect) => {
        // No fetch given: the client calls the global fetch, which MSW answers with the simulator.
        const client = pkg.root.createClient({ baseUrl: BASE, apiKey: 'sk-test', clock: sim.clock });
        expectJob(expect, await runJob(client, sim, dialect), dialect);
        expect(sim.journal.entries().some((entry) => entry.dialect === dialect && entry.operationId === 'createTask')).toBe(true);
        expectNoSocket();
      });
    });
  },

  shortKey(t, pkg) {
    const { describe, it, expect, beforeAll, afterAll } = t;
    const { createClient, TaskFailedError } = pkg.root;
    const { createSimulator, manualClock } = pkg.simulator;
    describe("a 1-character key ('k') leaves a TaskFailedError's name, words and handle intact", () => {
      let sim;
      beforeAll(() => {
        sim = createSimulator({ clock: manualClock() });
      });
      afterAll(() => sim?.close());

      it.each(Object.keys(models))('%s', async (dialect) => {
        const short = createClient({ baseUrl: BASE, apiKey: 'k', fetch: sim.fetch, clock: sim.clock });
        const reference = createClient({ baseUrl: BASE, apiKey: LONG_KEY, fetch: sim.fetch, clock: sim.clock });
        const handle = await short.submit({ model: models[dialect], prompt: '[mock:fail] A kitten yawns', duration: 5 });
        const error = await short.wait(handle).catch((caught) => caught);
        const expected = await reference.wait(handle).catch((caught) => caught);
        expect(error).toBeInstanceOf(TaskFailedError);
        expect(expected).toBeInstanceOf(TaskFailedError);
        expect(error.name).toBe('TaskFailedError');
        expect(error.handle).toEqual(handle);
        // The same words as the error of a key no text contains: 'task', the dialect, the id and the gateway's code all stand.
        expect(error.message).toBe(expected.message);
        expect(error.message.startsWith(`task ${handle.taskId} (${dialect}) failed`)).toBe(true);
        expect(error.message).not.toContain('[redacted]');
        expect(error.code).toBe(expected.code);
        expect(error.stack.startsWith(`TaskFailedError: ${error.message}`)).toBe(true);
        expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'TaskFailedError', handle });
      });
    });
  },
};

module.exports = suites;
