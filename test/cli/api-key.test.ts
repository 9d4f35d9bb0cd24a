// Where the CLI takes its key from, and how little of it shows: the environment, a file, stdin or
// (weakest) the flag, which is then scrubbed from /proc/<pid>/cmdline and warned about. Every run is
// the built bin in a child process (support.ts): a key must not reach any byte the process writes.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arkTask, json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { finished, runSeedanceBin, spawnSeedance } from './support.ts';

const KEY = 'sk-file-4c1d9e8b7a6f5e4d3c2b1a09f8e7d6c5';
const work = mkdtempSync(join(tmpdir(), 'seedance-key-'));
let gateway: FakeGateway;
/** Requests to /hold are answered only when the test calls this. */
let release: (() => void) | undefined;
let held: (() => void) | undefined;

beforeAll(async () => {
  gateway = await startFakeGateway((request, response, base) => {
    if (request.url?.includes('echo-key')) {
      // A hostile or careless gateway that echoes the credentials back in its error.
      return json(response, 401, { error: { code: 'AuthenticationError', message: `bad key ${request.headers.authorization ?? ''}` } });
    }
    if (request.url?.includes('hold')) {
      release = () => json(response, 200, arkTask('hold', `${base}/v.mp4`, 'running'));
      held?.();
      return;
    }
    return json(response, 200, arkTask('cgt-1', `${base}/v.mp4`, 'running'));
  });
});
afterAll(async () => {
  await gateway.close();
  rmSync(work, { recursive: true, force: true });
});

const handle = (taskId = 'cgt-1') => JSON.stringify({ v: 1, dialect: 'ark', model: 'doubao-seedance-1-5-pro-251215', taskId, baseUrl: gateway.url });
const lastAuthorization = () => gateway.requests.at(-1)?.headers.authorization;
const env = () => ({ SEEDANCE_BASE_URL: gateway.url });

describe('key sources', () => {
  it('reads the key from SEEDANCE_API_KEY', async () => {
    const run = await runSeedanceBin(['status', handle()], { env: { ...env(), SEEDANCE_API_KEY: KEY } });
    expect(run.code, run.stderr).toBe(0);
    expect(lastAuthorization()).toBe(`Bearer ${KEY}`);
    expect(run.stderr).toBe('');
  });

  it('reads the key from --api-key-file, trimming the trailing newline', async () => {
    const file = join(work, 'key.txt');
    writeFileSync(file, `${KEY}\n`, { mode: 0o600 });
    const run = await runSeedanceBin(['status', handle(), '--api-key-file', file], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(lastAuthorization()).toBe(`Bearer ${KEY}`);
  });

  it.each([['--api-key-stdin'], ['--api-key-file', '-']])('reads the key from stdin with %s', async (...flags) => {
    const run = await runSeedanceBin(['status', handle(), ...flags], { env: env(), input: `${KEY}\n` });
    expect(run.code, run.stderr).toBe(0);
    expect(lastAuthorization()).toBe(`Bearer ${KEY}`);
  });

  it('refuses two sources at once, and an unreadable or empty file, without printing any key (exit 2)', async () => {
    const file = join(work, 'key2.txt');
    writeFileSync(file, KEY);
    const both = await runSeedanceBin(['status', handle(), '--api-key', 'sk-other-123456', '--api-key-file', file], { env: env() });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/not both/);
    const missing = await runSeedanceBin(['status', handle(), '--api-key-file', join(work, 'nope.txt')], { env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the API key from .*nope\.txt \(ENOENT\)/);
    const empty = join(work, 'empty.txt');
    writeFileSync(empty, '\n');
    expect((await runSeedanceBin(['status', handle(), '--api-key-file', empty], { env: env() })).stderr).toMatch(/is empty/);
    for (const run of [both, missing]) expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
  });

  it('never prints a key read from a file, even when the gateway echoes it back', async () => {
    const file = join(work, 'key3.txt');
    writeFileSync(file, KEY);
    const run = await runSeedanceBin(['status', handle('echo-key'), '--api-key-file', file], { env: env() });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/AuthenticationError/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
  });
});

describe('the --api-key flag', () => {
  it('is scrubbed from /proc/<pid>/cmdline while the CLI runs, and a one-line warning suggests the env var or a file', async () => {
    const arrived = new Promise<void>((resolve) => (held = resolve));
    const child = spawnSeedance(['status', handle('hold'), '--api-key', KEY], { env: env() });
    const run = finished(child);
    await arrived; // the CLI is mid-request: well past start-up
    const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'latin1');
    release?.();
    const { code, stderr } = await run;
    expect(cmdline).not.toContain(KEY);
    expect(cmdline).toMatch(/^seedance status/);
    expect(code, stderr).toBe(0);
    expect(lastAuthorization()).toBe(`Bearer ${KEY}`);
    const warnings = stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/--api-key is visible .*SEEDANCE_API_KEY or --api-key-file/);
  });
});
