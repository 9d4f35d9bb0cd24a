// What a gateway says is not trusted by the CLI: a task id that is a path (or the key) does not
// choose where the video is written; a video URL that stalls does not hang `wait` past its timeout;
// a page that is not a video, a video past the size limit or a connection that breaks off saves
// nothing, exits non-zero and says how to fetch the video again; an existing file is never
// overwritten without --force.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arkTask, json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { ROOT, runSeedance } from './support.ts';

const MP4 = readFileSync(resolve(ROOT, 'mocks/fixtures/sample.mp4'));
const KEY = 'sk-hostile-7c6b5a4f3e2d1c0b9a8f7e6d';
const work = mkdtempSync(join(tmpdir(), 'seedance-hostile-'));
let gateway: FakeGateway;
/** What the fake answers for the task id and the video URL path, per test. */
let script = { id: '../escaped', video: '/video.mp4' };

beforeAll(async () => {
  gateway = await startFakeGateway((request, response, base) => {
    // A gateway that echoes the credentials into the task id.
    const id = script.id === 'the key' ? (request.headers.authorization ?? '').replace(/^Bearer /, '') : script.id;
    if (request.method === 'POST') return json(response, 200, { id });
    if (request.url === '/video.mp4') {
      response.writeHead(200, { 'content-type': 'video/mp4' });
      return response.end(MP4);
    }
    if (request.url === '/stall.mp4') {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '1000000' });
      return response.write(MP4.subarray(0, 100)); // and never another byte
    }
    if (request.url === '/login.html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      return response.end('<!doctype html><html><body>Please sign in</body></html>');
    }
    if (request.url === '/error.json') return json(response, 200, { error: { message: 'link expired' } });
    if (request.url === '/huge.mp4') {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(10 * 1024 ** 4) });
      return response.write(MP4); // "10 TB", and then some real bytes
    }
    if (request.url === '/endless.mp4') {
      response.writeHead(200, { 'content-type': 'video/mp4' });
      response.write(MP4);
      // Until the client hangs up: a write to a closed connection calls back with an error, and the loop ends there.
      const more = (): void => {
        if (!response.destroyed) response.write(Buffer.alloc(256 * 1024), (error) => error || setImmediate(more));
      };
      return more();
    }
    if (request.url === '/reset.mp4') {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(MP4.byteLength) });
      response.write(MP4.subarray(0, 4096));
      return setTimeout(() => request.socket.destroy(), 50);
    }
    return json(response, 200, arkTask(id, `${base}${script.video}`));
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

/** A fresh working directory. */
function cwdFor(name: string): string {
  const cwd = join(work, name);
  mkdirSync(cwd);
  return cwd;
}

const waitFor = (cwd: string, extra: string[] = []) =>
  runSeedance(['wait', handle('cgt-1'), '--poll-interval', '0.1', '--timeout', '20', ...extra], { cwd, env: { SEEDANCE_BASE_URL: gateway.url } });

describe('a download that is not a video', () => {
  it.each(['/login.html', '/error.json'])('%s answered 200 is not saved: exit 4, the reason, and how to fetch it again', async (video) => {
    script = { id: 'cgt-page', video };
    const cwd = cwdFor(`page-${video.slice(1, 6)}`);
    const run = await waitFor(cwd);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/NotAVideoError: the download of task cgt-1 \(ark\) is not a video: its bytes are of no media type the documents name/);
    expect(run.stderr).toMatch(/the task succeeded; download its video again with: seedance wait '\{.*"taskId":"cgt-1"/);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('the size limit', () => {
  it('refuses a declared "10 TB" before writing anything', async () => {
    script = { id: 'cgt-huge', video: '/huge.mp4' };
    const cwd = cwdFor('huge');
    const run = await waitFor(cwd);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/VideoTooLargeError: .*larger than the limit of 2147483648 bytes \(it declares 10995116277760\)/);
    expect(run.stderr).toMatch(/--max-size <a larger size>/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('stops an undeclared stream at --max-size and keeps no partial file', async () => {
    script = { id: 'cgt-endless', video: '/endless.mp4' };
    const cwd = cwdFor('endless');
    const run = await waitFor(cwd, ['--max-size', '1MiB']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/VideoTooLargeError: .*larger than the limit of 1048576 bytes/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a --max-size that is not a size (exit 2)', async () => {
    const run = await waitFor(cwdFor('bad-size'), ['--max-size', 'lots']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--max-size takes a size in bytes/);
  });
});

describe('a connection reset mid-download', () => {
  it('is a typed error with the command that fetches the video again, not a raw TypeError; no file is left', async () => {
    script = { id: 'cgt-reset', video: '/reset.mp4' };
    const cwd = cwdFor('reset');
    const run = await waitFor(cwd);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/ConnectionError: ark: the video download broke off/);
    expect(run.stderr).not.toMatch(/TypeError: fetch failed/);
    expect(run.stderr).toMatch(/download its video again with: seedance wait '/);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('an existing file', () => {
  it('is not overwritten without --force (exit 2, the file untouched); with --force it is', async () => {
    script = { id: 'cgt-exists', video: '/video.mp4' };
    const cwd = cwdFor('exists');
    writeFileSync(join(cwd, 'cgt-exists.mp4'), 'my own file');
    const refused = await waitFor(cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cgt-exists\.mp4 already exists; pass --force/);
    expect(readFileSync(join(cwd, 'cgt-exists.mp4'), 'utf8')).toBe('my own file');
    const forced = await waitFor(cwd, ['--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'cgt-exists.mp4')).equals(MP4)).toBe(true);
    expect(readdirSync(cwd)).toEqual(['cgt-exists.mp4']);
  });

  it('given as generate --out, stops generate before anything is submitted', async () => {
    const cwd = cwdFor('exists-generate');
    writeFileSync(join(cwd, 'kitten.mp4'), 'my own file');
    const posts = gateway.requests.filter((request) => request.method === 'POST').length;
    const run = await runSeedance(['generate', '-m', 'doubao-seedance-1-5-pro-251215', '-p', 'x', '--out', 'kitten.mp4'], {
      cwd,
      env: { SEEDANCE_BASE_URL: gateway.url },
    });
    expect(run.code).toBe(2);
    expect(gateway.requests.filter((request) => request.method === 'POST')).toHaveLength(posts);
  });
});

describe('a task id equal to the key', () => {
  it('does not name the file: the video is saved under a neutral name and the key is printed nowhere', async () => {
    script = { id: 'the key', video: '/video.mp4' };
    const cwd = cwdFor('key-id');
    const run = await runSeedance(['generate', '-m', 'doubao-seedance-1-5-pro-251215', '-p', 'x', '--poll-interval', '0.1'], {
      cwd,
      env: { SEEDANCE_BASE_URL: gateway.url, SEEDANCE_API_KEY: KEY },
    });
    expect(run.code, run.stderr).toBe(0);
    const [saved] = readdirSync(cwd);
    expect(saved).toMatch(/^video-\d+\.mp4$/);
    expect(run.stdout + run.stderr).not.toContain(KEY);
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
