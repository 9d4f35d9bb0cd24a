// What a gateway says is not trusted by the CLI: a task id that is a path does not choose where the
// video is written, and a video URL that stalls does not hang `wait` past its timeout.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arkTask, json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { runSeedance } from './support.ts';

const work = mkdtempSync(join(tmpdir(), 'seedance-hostile-'));
let gateway: FakeGateway;
/** What the fake answers for the task id and the video URL path, per test. */
let script = { id: '../escaped', video: '/video.mp4' };

beforeAll(async () => {
  gateway = await startFakeGateway((request, response, base) => {
    if (request.method === 'POST') return json(response, 200, { id: script.id });
    if (request.url === '/video.mp4') {
      response.writeHead(200, { 'content-type': 'video/mp4' });
      return response.end(Buffer.from('not really an mp4, but bytes'));
    }
    if (request.url === '/stall.mp4') {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '1000000' });
      return response.write(Buffer.alloc(100)); // and never another byte
    }
    return json(response, 200, arkTask(script.id, `${base}${script.video}`));
  });
});
afterAll(async () => {
  await gateway.close();
  rmSync(work, { recursive: true, force: true });
});

function handle(taskId: string) {
  return JSON.stringify({ v: 1, dialect: 'ark', model: 'doubao-seedance-1-5-pro-251215', taskId, baseUrl: gateway.url });
}

describe('the file a video is saved to', () => {
  it.each(['../escaped', '../../etc/x', '/tmp/abs', '..', 'a/../../b', '.hidden'])(
    'stays a plain file in the working directory when the gateway names the task %j',
    async (id) => {
      script = { id, video: '/video.mp4' };
      const cwd = join(work, `cwd-${readdirSync(work).length}`);
      mkdirSync(cwd);
      const run = await runSeedance(['wait', handle('cgt-1'), '--poll-interval', '0.1', '--timeout', '20'], { cwd, env: { SEEDANCE_BASE_URL: gateway.url } });
      expect(run.code, run.stderr).toBe(0);
      const written = readdirSync(cwd);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.mp4$/);
      expect(existsSync(join(work, 'escaped.mp4'))).toBe(false);
      expect(run.stdout).toContain(`saved ${written[0]}`);
    },
  );

  it('is safe for generate too, where the id comes from the submit answer', async () => {
    script = { id: '../from-submit', video: '/video.mp4' };
    const cwd = join(work, 'generate');
    mkdirSync(cwd);
    const run = await runSeedance(['generate', '-m', 'doubao-seedance-1-5-pro-251215', '-p', 'x', '--poll-interval', '0.1'], {
      cwd,
      env: { SEEDANCE_BASE_URL: gateway.url },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(cwd)).toEqual(['from-submit.mp4']);
    expect(existsSync(join(work, 'from-submit.mp4'))).toBe(false);
  });
});

describe('a stalled download', () => {
  it('ends with the timeout exit code (5) and a clear message within the wait timeout, leaving no partial file', async () => {
    script = { id: 'cgt-stall', video: '/stall.mp4' };
    const cwd = join(work, 'stall');
    mkdirSync(cwd);
    const run = await runSeedance(['wait', handle('cgt-stall'), '--timeout', '2', '--poll-interval', '0.1'], {
      cwd,
      env: { SEEDANCE_BASE_URL: gateway.url },
      timeoutMs: 30_000,
    });
    expect(run.signal, 'the CLI hung and was killed').toBeNull();
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/download did not finish within/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('honours --download-timeout when given', async () => {
    script = { id: 'cgt-stall', video: '/stall.mp4' };
    const run = await runSeedance(['wait', handle('cgt-stall'), '--timeout', '600', '--download-timeout', '1', '--poll-interval', '0.1'], {
      cwd: work,
      env: { SEEDANCE_BASE_URL: gateway.url },
      timeoutMs: 30_000,
    });
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/within 1\.0 s/);
  });
});
