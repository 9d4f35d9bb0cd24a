// Handles come from files and stdin, so they are input like any other: a handle naming a host the
// CLI was not configured for gets no key (and no request); cancel stops only a queued task; delete
// removes a finished one, only when asked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { arkTask, json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { runSeedance } from './support.ts';

const KEY = 'sk-scope-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const work = mkdtempSync(join(tmpdir(), 'seedance-handles-'));
let sim: Simulator;
let configured: FakeGateway;
let foreign: FakeGateway;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
  const answer = (_request: unknown, response: Parameters<typeof json>[0], base: string) => json(response, 200, arkTask('cgt-1', `${base}/v.mp4`, 'queued'));
  configured = await startFakeGateway((request, response, base) => answer(request, response, base));
  foreign = await startFakeGateway((request, response, base) => answer(request, response, base));
});
afterAll(async () => {
  await Promise.all([sim.close(), configured.close(), foreign.close()]);
  rmSync(work, { recursive: true, force: true });
});

const foreignHandle = () => JSON.stringify({ v: 1, dialect: 'ark', model: 'doubao-seedance-1-5-pro-251215', taskId: 'cgt-1', baseUrl: `${foreign.url}/ark` });

describe('a handle naming a host the CLI was not configured for', () => {
  it.each([
    ['status', 'argument'],
    ['wait', 'file'],
    ['cancel', 'stdin'],
    ['delete', 'argument'],
  ])('%s (handle from %s) sends it no key and no request, and says how to opt in (exit 2)', async (command, from) => {
    const file = join(work, `${command}.json`);
    writeFileSync(file, foreignHandle());
    const argument = from === 'file' ? file : from === 'stdin' ? '-' : foreignHandle();
    const run = await runSeedance([command, argument, '--timeout', '2'].slice(0, command === 'wait' ? 4 : 2), {
      env: { SEEDANCE_BASE_URL: configured.url, SEEDANCE_API_KEY: KEY },
      ...(from === 'stdin' ? { input: foreignHandle() } : {}),
    });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/UntrustedBaseUrlError: .*not one this client was configured with/);
    expect(run.stderr).toMatch(/--trust-handle-url/);
    expect(foreign.requests.filter((request) => request.headers.authorization !== undefined)).toEqual([]);
    expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
  });

  it('gets the key with --trust-handle-url, the explicit opt-in', async () => {
    const run = await runSeedance(['status', foreignHandle(), '--trust-handle-url'], { env: { SEEDANCE_BASE_URL: configured.url, SEEDANCE_API_KEY: KEY } });
    expect(run.code, run.stderr).toBe(0);
    expect(foreign.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe('cancel and delete are two acts', () => {
  const env = () => ({ SEEDANCE_BASE_URL: `${sim.url}/{dialect}` });
  const submit = async (prompt: string) => {
    const run = await runSeedance(['submit', '-m', 'doubao-seedance-1-5-pro-251215', '-p', prompt], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    return run.stdout.trim();
  };

  it('cancel stops a queued Ark task', async () => {
    const handle = await submit('x [mock:stay-queued]');
    const run = await runSeedance(['cancel', handle], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^cancelled cgt-/);
    expect((await runSeedance(['status', handle], { env: env() })).stdout).toMatch(/: cancelled/);
  });

  it('cancel refuses a finished task with a clear error (exit 4) and leaves it, and its video, in place', async () => {
    const handle = await submit('a finished task');
    const run = await runSeedance(['cancel', handle], { env: env() });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/TaskStateError: cannot cancel task cgt-\S+ \(ark\): it is succeeded/);
    expect(run.stderr).toMatch(/seedance delete '/);
    expect((await runSeedance(['status', handle], { env: env() })).stdout).toMatch(/: succeeded, .*video http/);
  });

  it('delete removes a finished Ark task on request; the next status is a 404', async () => {
    const handle = await submit('to be deleted');
    const run = await runSeedance(['delete', handle], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^deleted cgt-/);
    const after = await runSeedance(['status', handle], { env: env() });
    expect(after.code).toBe(4);
    expect(after.stderr).toMatch(/HTTP 404/);
  });

  it('delete refuses a queued task, pointing at cancel (exit 4)', async () => {
    const handle = await submit('x [mock:stay-queued]');
    const run = await runSeedance(['delete', handle], { env: env() });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/cannot delete .* it is queued/);
    expect(run.stderr).toMatch(/seedance cancel '/);
  });

  it('delete on a dialect without one is a clear not-supported error (exit 4)', async () => {
    const submitted = await runSeedance(['submit', '-m', 'seedance2.0-720p', '-p', 'x', '--duration', '5'], { env: env() });
    const run = await runSeedance(['delete', submitted.stdout.trim()], { env: env() });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/UnsupportedOperationError: unified-jobs has no delete operation/);
  });
});
