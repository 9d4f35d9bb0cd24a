// The CLI's manners at the edges: a closed pipe, Ctrl-C mid-wait, nothing listening, a bad flag
// value, and --version. The closed pipe, Ctrl-C and `start` run the built bin (support.ts); an
// embedded run's Ctrl-C and `start` are checked in-process too.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { embeddedRun, finished, ROOT, runSeedance, runSeedanceBin, spawnSeedance } from './support.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 60_000, runningMs: 60_000 } });
});
afterAll(() => sim.close());

/** A loopback port with nothing listening on it (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a reader that goes away', () => {
  it('ends `seedance models` quietly (no EPIPE stack) when stdout is closed, as `| head -1` does', async () => {
    const child = spawnSeedance(['models']);
    child.stdout?.destroy(); // the reader is gone before the first line is written
    const run = await finished(child);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(run.code).toBe(0);
  });
});

describe('Ctrl-C while generate waits', () => {
  it('ends the progress line, prints the handle and the `seedance wait` command to resume, and exits 130', async () => {
    const child = spawnSeedance(['generate', '-m', 'seedance2.0-720p', '-p', 'A city [mock:stay-queued]', '--duration', '5', '--poll-interval', '0.1'], {
      env: { SEEDANCE_BASE_URL: `${sim.url}/{dialect}` },
    });
    const run = finished(child);
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/queued/.test(seen.split('resume with')[1] ?? '')) resolve();
      });
    });
    child.kill('SIGINT');
    const { code, stderr } = await run;
    expect(code).toBe(130);
    expect(stderr.endsWith('\n')).toBe(true);
    const resume = /seedance wait '(\{.*\})'/.exec(stderr.split('interrupted')[1] ?? '');
    expect(resume, stderr).not.toBeNull();
    expect(JSON.parse(resume?.[1] ?? '{}')).toMatchObject({ v: 1, dialect: 'unified-jobs', baseUrl: `${sim.url}/unified-jobs` });
  });
});

describe('Ctrl-C while wait waits', () => {
  it('prints the same resume command and exits 130', async () => {
    const env = { SEEDANCE_BASE_URL: `${sim.url}/{dialect}` };
    // The bin's submit: with the wait below, the smoke of submit and wait through cli/main.ts.
    const submitted = await runSeedanceBin(['submit', '-m', 'doubao-seedance-1-5-pro-251215', '-p', 'x [mock:stay-queued]'], { env });
    const handle = submitted.stdout.trim();
    const child = spawnSeedance(['wait', handle, '--poll-interval', '0.1'], { env });
    const run = finished(child);
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('queued')) resolve();
      });
    });
    child.kill('SIGINT');
    const { code, stderr } = await run;
    expect(code).toBe(130);
    expect(stderr).toContain(`seedance wait '${handle}'`);
  });
});

describe('Ctrl-C in an embedded run (runCli in-process, its interrupt signal)', () => {
  it('while generate waits: the same resume command, and the run (not the process) ends with 130; no SIGINT listener is added', async () => {
    const before = process.listeners('SIGINT');
    const run = embeddedRun(['generate', '-m', 'seedance2.0-720p', '-p', 'A city [mock:stay-queued]', '--duration', '5', '--poll-interval', '0.1'], {
      env: { SEEDANCE_API_KEY: '', SEEDANCE_BASE_URL: `${sim.url}/{dialect}` },
    });
    await run.until(() => /queued/.test(run.seen.stderr.split('resume with')[1] ?? ''));
    expect(process.listeners('SIGINT').filter((listener) => !before.includes(listener))).toEqual([]);
    run.interrupt();
    expect(await run.code).toBe(130);
    const { stderr } = run.seen;
    expect(stderr.endsWith('\n')).toBe(true);
    const resume = /seedance wait '(\{.*\})'/.exec(stderr.split('interrupted')[1] ?? '');
    expect(resume, stderr).not.toBeNull();
    expect(JSON.parse(resume?.[1] ?? '{}')).toMatchObject({ v: 1, dialect: 'unified-jobs', baseUrl: `${sim.url}/unified-jobs` });
    // Nothing is written after the run ended, as nothing is after the bin's exit.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(run.seen.stderr).toBe(stderr);
  });

  it('seedance start serves until interrupted, then closes its server and ends with 0, adding no signal handler', async () => {
    const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    const run = embeddedRun(['start', '--port', '0', '--quiet'], { env: { SEEDANCE_API_KEY: '' } });
    await run.until(() => /^\s+ark\s+http:\/\/\S+/m.test(run.seen.stdout));
    const base = /^\s+ark\s+(http:\/\/\S+)/m.exec(run.seen.stdout)?.[1] ?? '';
    const headers = { authorization: 'Bearer sk-embedded', 'content-type': 'application/json' };
    const body = JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'a cat' }] });
    expect((await fetch(`${base}/api/v3/contents/generations/tasks`, { method: 'POST', headers, body })).status).toBe(200);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) expect(process.listeners(signal).filter((listener) => !before[signal].includes(listener))).toEqual([]);
    run.interrupt();
    expect(await run.code).toBe(0);
    await expect(fetch(`${base}/api/v3/contents/generations/tasks`, { method: 'POST', headers, body })).rejects.toThrow();
  });
});

describe('nothing listening', () => {
  it('names the URL and suggests `seedance start`, exit 4', async () => {
    const port = await closedPort();
    const run = await runSeedance(['generate', '-m', 'seedance2.0-720p', '-p', 'x', '--duration', '5'], {
      env: { SEEDANCE_BASE_URL: `http://127.0.0.1:${port}/{dialect}` },
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`nothing is listening at http://127.0.0.1:${port}/{dialect}`);
    expect(run.stderr).toMatch(/seedance start/);
  });

  it('names the handle URL for status', async () => {
    const port = await closedPort();
    const handle = JSON.stringify({ v: 1, dialect: 'ark', model: 'm', taskId: 't', baseUrl: `http://127.0.0.1:${port}/ark` });
    const run = await runSeedance(['status', handle], { env: { SEEDANCE_BASE_URL: `http://127.0.0.1:${port}/{dialect}` } });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`nothing is listening at http://127.0.0.1:${port}/ark`);
  });
});

describe('seedance start with a wrong flag value', () => {
  it.each([
    [['--port', 'abc'], /--port takes a whole number from 0 to 65535.*"abc"/],
    [['--port', '70000'], /--port takes a whole number/],
    [['--speed', 'fast'], /--speed takes a positive number.*"fast"/],
    [['--scenario', 'explode'], /--scenario must be one of succeed, .*"explode"/],
    [['--public-url', 'ftp://proxy.test'], /--public-url takes an http or https URL.*"ftp:\/\/proxy.test"/],
    [['--public-url', '/sim'], /--public-url takes an absolute http\(s\) URL.*"\/sim"/],
    [['--public-url', 'http://proxy.test/?a=1'], /--public-url takes a URL without query/],
  ])('%j names the flag and what it takes (exit 2)', async (flags, message) => {
    const run = await runSeedance(['start', ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('seedance start --public-url', () => {
  it('names the public origin in the links it hands out, not its own address', async () => {
    const child = spawnSeedance(['start', '--port', '0', '--speed', '0.001', '--quiet', '--public-url', 'http://proxy.test:8080/sim/']);
    try {
      let printed = '';
      const base = await new Promise<string>((resolveBase, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          printed += chunk.toString();
          const url = /^\s+ark\s+(http:\/\/\S+)/m.exec(printed)?.[1];
          if (url) resolveBase(url);
        });
        child.once('exit', () => reject(new Error(`seedance start exited:\n${printed}`)));
      });
      const headers = { authorization: 'Bearer sk-public-url', 'content-type': 'application/json' };
      const tasks = `${base}/api/v3/contents/generations/tasks`;
      const body = JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'a cat' }] });
      const { id } = (await (await fetch(tasks, { method: 'POST', headers, body })).json()) as { id: string };
      let task: { status?: string; content?: { video_url?: string } } = {};
      for (let attempt = 0; attempt < 200 && task.status !== 'succeeded'; attempt++) {
        await new Promise((resolveWait) => setTimeout(resolveWait, 10));
        task = (await (await fetch(`${tasks}/${id}`, { headers })).json()) as typeof task;
      }
      expect(task.content?.video_url).toBe(`http://proxy.test:8080/sim/files/${id}.mp4`);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('--version', () => {
  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await runSeedance(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });
});
