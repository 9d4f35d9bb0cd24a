// The command line as a person or a CI job runs it, against the simulator: in-process (runSeedance),
// and as the built bin where the process is what is tested (see support.ts): the generate smoke and
// the key-leak check.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { inspectMp4 } from '../support/mp4.ts';
import { ROOT as root, runSeedance, runSeedanceBin } from './support.ts';

const work = mkdtempSync(join(tmpdir(), 'seedance-cli-'));
const KEY = 'sk-cli-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 150, runningMs: 300 } });
});
afterAll(async () => {
  await sim.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs `seedance <args>` in the scratch directory against the simulator, in-process. */
function seedance(args: string[], env: Record<string, string> = {}) {
  return runSeedance(args, { cwd: work, env: { SEEDANCE_BASE_URL: `${sim.url}/{dialect}`, ...env } });
}

/** The same, as the built bin in a child process. */
function seedanceBin(args: string[], env: Record<string, string> = {}) {
  return runSeedanceBin(args, { cwd: work, env: { SEEDANCE_BASE_URL: `${sim.url}/{dialect}`, ...env } });
}

describe('seedance generate', () => {
  it('submits, waits and downloads a valid MP4 to the given path (the bin)', async () => {
    const out = join(work, 'kitten.mp4');
    const run = await seedanceBin([
      'generate',
      '-m',
      'doubao-seedance-2-0-260128',
      '-p',
      'A kitten yawns',
      '--duration',
      '5',
      '--out',
      out,
      '--poll-interval',
      '0.1',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/submitted task_/);
    expect(run.stdout).toMatch(/saved .*kitten\.mp4/);
    expect(inspectMp4(new Uint8Array(readFileSync(out))).videoCodec).toBe('avc1');
  });

  it('prints JSON Lines with --json: submitted, status events, succeeded, downloaded', async () => {
    const out = join(work, 'json.mp4');
    const run = await seedance(['generate', '-m', 'seedance2.0-720p', '-p', 'A city', '--duration', '5', '--out', out, '--json', '--poll-interval', '0.1']);
    expect(run.code, run.stderr).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string });
    expect(events[0]?.event).toBe('submitted');
    expect(events.map((e) => e.event)).toContain('status');
    expect(events.slice(-2).map((e) => e.event)).toEqual(['succeeded', 'downloaded']);
  });

  it('uploads a local first-frame file to the multipart dialect', async () => {
    const run = await seedance([
      'generate',
      '-m',
      'doubao-seedance-1-5-pro_720p',
      '-p',
      'Walk forward',
      '--first-frame',
      join(root, 'mocks/fixtures/first-frame.png'),
      '--duration',
      '5',
      '--out',
      join(work, 'frame.mp4'),
      '--poll-interval',
      '0.1',
    ]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('exits 6 when the task fails, 5 when the wait times out (saying the task may still finish)', async () => {
    const failed = await seedance(['generate', '-m', 'doubao-seedance-1-5-pro-251215', '-p', 'x [mock:fail]', '--poll-interval', '0.1']);
    expect(failed.code).toBe(6);
    expect(failed.stderr).toMatch(/OutputVideoSensitiveContentDetected/);
    const stuck = await seedance([
      'generate',
      '-m',
      'doubao-seedance-1-5-pro-251215',
      '-p',
      'x [mock:stay-queued]',
      '--timeout',
      '0.5',
      '--poll-interval',
      '0.1',
    ]);
    expect(stuck.code).toBe(5);
    expect(stuck.stderr).toMatch(/may still finish/);
  });
});

describe('seedance validate', () => {
  it('exits 3 on a bad request and names each field and rule', async () => {
    const file = join(work, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        model: 'doubao-seedance-1-5-pro_720p',
        prompt: 'x',
        duration: 12,
        videos: [{ role: 'reference', source: 'https://example.com/v.mp4' }],
      }),
    );
    const run = await seedance(['validate', file]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/\/seconds: .*\[seconds-range\]/);
    expect(run.stderr).toMatch(/videos: .*\[not-expressible\]/);
  });

  it('exits 0 on a good request and says which dialect it is for', async () => {
    const file = join(work, 'good.json');
    writeFileSync(file, JSON.stringify({ model: 'ep-20251220143015-x7k2m', prompt: 'x', duration: 5 }));
    const run = await seedance(['validate', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/valid for ark/);
  });
});

describe('seedance status, wait, cancel', () => {
  it('gives a clear error for an unknown task, and exit 4', async () => {
    const handle = JSON.stringify({
      v: 1,
      dialect: 'ark',
      model: 'doubao-seedance-1-5-pro-251215',
      taskId: 'cgt-20260101000000-nope0',
      baseUrl: `${sim.url}/ark`,
    });
    const run = await seedance(['status', handle]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/ApiError: ark: HTTP 404 ResourceNotFound/);
  });

  it('refuses something that is not a handle with a usage error, exit 2', async () => {
    const run = await seedance(['status', '{"taskId": 1}']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a task handle/);
  });

  it('resumes by handle: submit prints it, status reads it, wait finishes it, cancel refuses where the dialect cannot', async () => {
    const submitted = await seedance(['submit', '-m', 'seedance2.0-720p', '-p', 'A city', '--duration', '5']);
    expect(submitted.code, submitted.stderr).toBe(0);
    const handle = submitted.stdout.trim();
    expect(JSON.parse(handle)).toMatchObject({ v: 1, dialect: 'unified-jobs' });
    const status = await seedance(['status', handle]);
    expect(status.stdout).toMatch(/unified-jobs/);
    const waited = await seedance(['wait', handle, '--out', join(work, 'resumed.mp4'), '--poll-interval', '0.1']);
    expect(waited.code, waited.stderr).toBe(0);
    const cancel = await seedance(['cancel', handle]);
    expect(cancel.code).toBe(4);
    expect(cancel.stderr).toMatch(/has no cancel operation/);
  });
});

describe('seedance models, usage', () => {
  it('lists the documented models and the routing table', async () => {
    const run = await seedance(['models', '--json']);
    const [listing] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { documented: Record<string, string[]>; routes: unknown[] });
    expect(listing?.documented['multipart-videos']).toContain('doubao-seedance-1-5-pro_720p');
    expect(listing?.routes.length).toBeGreaterThan(3);
  });

  it('exits 2 on an unknown command or flag', async () => {
    expect((await seedance(['frobnicate'])).code).toBe(2);
    expect((await seedance(['generate', '--no-such-flag'])).code).toBe(2);
  });
});

describe('the API key', () => {
  it('appears nowhere in any output of the bin, whichever command, whether given by flag or environment', async () => {
    const handle = JSON.stringify({ v: 1, dialect: 'ark', model: 'm', taskId: `cgt-${KEY}`, baseUrl: `${sim.url}/ark` });
    const runs = await Promise.all([
      seedanceBin(['generate', '-m', 'doubao-seedance-2-0-260128', '-p', 'x', '--out', join(work, 'k.mp4'), '--api-key', KEY, '--poll-interval', '0.1']),
      seedanceBin(['generate', '-m', KEY, '-p', 'x', '--api-key', KEY]),
      seedanceBin(['status', handle, '--api-key', KEY]),
      seedanceBin(['status', handle, '--json'], { SEEDANCE_API_KEY: KEY }),
      seedanceBin(['generate', '-m', 'seedance2.0-720p', '-p', KEY, '--duration', '99', '--json'], { SEEDANCE_API_KEY: KEY }),
      seedanceBin(['status', handle, `--api-key=${KEY}`, '--base-url', `http://127.0.0.1:9/${KEY}`]),
    ]);
    for (const run of runs) {
      expect(`${run.stdout}\n${run.stderr}`).not.toContain(KEY);
      expect(`${run.stdout}\n${run.stderr}`).not.toContain(KEY.slice(3));
    }
    expect(runs.map((run) => run.code)).toEqual([0, 3, 4, 4, 3, 2]);
  });
});
