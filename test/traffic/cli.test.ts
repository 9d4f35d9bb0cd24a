// `seedance proxy` and `seedance drift` on the command line: one line per violation as it happens
// (gateway text escaped, the key nowhere), a summary on Ctrl-C, the documented exit codes (0 clean,
// 7 a violation, 2 a usage error or a recording that cannot be read), the same report from both.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../cli/usage.ts';
import { embeddedRun, finished, runSeedance, runSeedanceBin, spawnSeedance } from '../cli/support.ts';
import { responseExample, type ScriptedGateway, startScriptedGateway } from './support.ts';

const KEY = 'sk-cli-proxy-0a9b8c7d6e';
const TASK = '/api/v3/contents/generations/tasks/cgt-1';
const work = mkdtempSync(join(tmpdir(), 'seedance-proxy-cli-'));
let gateway: ScriptedGateway;

beforeAll(async () => {
  gateway = await startScriptedGateway();
});
afterAll(() => gateway.close());

/** `seedance <args>` in this worker, in the test's folder. */
const embedded = (args: string[]) => embeddedRun(args, { env: { NO_COLOR: '1' }, cwd: work });

/** Starts `seedance proxy` in this worker; resolves with its URL once it listens. */
async function startCliProxy(extra: string[]) {
  const run = embedded(['proxy', '--target', `${gateway.url}/ark`, '--dialect', 'ark', '--port', '0', ...extra]);
  // The line on stderr, or with --json the listening event on stdout.
  const listening = () => /seedance proxy (http:\/\/\S+)/.exec(run.seen.stderr)?.[1] ?? /"event":"listening","url":"([^"]+)"/.exec(run.seen.stdout)?.[1];
  await run.until(() => listening() !== undefined || run.seen.stderr.includes('error'));
  const url = listening();
  if (!url) throw new Error(`the proxy did not start: ${run.seen.stderr}`);
  return { ...run, url };
}

const poll = (url: string) => fetch(`${url}${TASK}`, { headers: { authorization: `Bearer ${KEY}` } }).then((response) => response.arrayBuffer());

describe('seedance proxy', () => {
  it('prints one escaped line per violation as it happens, a summary on Ctrl-C, exit 7; the recording and report are written', async () => {
    const proxy = await startCliProxy(['--record', 'traffic.har', '--report', 'live.json']);
    gateway.script.push(
      { status: 200, body: responseExample('ark', 'getTask', '200', 'succeeded') },
      { status: 200, body: { ...responseExample('ark', 'getTask', '200', 'running'), 'evil\u001b]0;owned\u0007\nsaved kitten.mp4': 1, [`leak-${KEY}`]: 2 } },
    );
    await poll(proxy.url);
    expect(proxy.seen.stdout).toBe('');
    await poll(proxy.url);
    await proxy.until(() => proxy.seen.stdout.split('\n').length > 2);
    proxy.interrupt();
    expect(await proxy.code).toBe(7);
    const lines = proxy.seen.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.startsWith('✘ GET /api/v3/contents/generations/tasks/cgt-1 -> 200 (getTask) response ')).toBe(true);
    expect(lines[0]).toContain(String.raw`/evil\x1b]0;owned\x07\nsaved kitten.mp4: `);
    expect(lines[0]?.endsWith('[undocumented-field]')).toBe(true);
    expect(lines[1]).toContain('/leak-[redacted]');
    expect(`${proxy.seen.stdout}${proxy.seen.stderr}`).not.toContain(KEY);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the terminal.
    expect(proxy.seen.stdout.replaceAll('\n', '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(proxy.seen.stderr).toMatch(/2 exchanges with .*\(ark\): 2 violations \(2 undocumented-field\)/);
    const report = JSON.parse(readFileSync(join(work, 'live.json'), 'utf8'));
    expect(report).toMatchObject({ dialect: 'ark', exchanges: 2 });
    expect(readFileSync(join(work, 'traffic.har'), 'utf8')).not.toContain(KEY);
  });

  it('exits 0 after Ctrl-C when every exchange conformed; --json gives one event per line', async () => {
    const proxy = await startCliProxy(['--json']);
    gateway.script.push({ status: 200, body: responseExample('ark', 'getTask', '200', 'queued') });
    await poll(proxy.url);
    proxy.interrupt();
    expect(await proxy.code).toBe(0);
    const events = proxy.seen.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((event) => event.event)).toEqual(['listening', 'summary']);
    expect(events[1]).toMatchObject({ exchanges: 1, violations: 0 });
  });

  it.each([
    [['proxy', '--dialect', 'ark'], /--target is required/],
    [['proxy', '--target', 'http://127.0.0.1:9/ark'], /--dialect is required/],
    [['proxy', '--target', 'http://127.0.0.1:9/ark', '--dialect', 'sora'], /--dialect must be one of ark, /],
    [['proxy', '--target', 'http://user:secret@127.0.0.1:9/ark', '--dialect', 'ark'], /must not carry credentials/],
    [['proxy', '--target', 'ftp://127.0.0.1/ark', '--dialect', 'ark'], /must be an http\(s\) URL/],
    [['proxy', '--target', 'http://127.0.0.1:9', '--dialect', 'ark', '--port', '70000'], /--port takes a whole number/],
  ])('refuses %j with a usage error (exit 2)', async (args, message) => {
    const run = await runSeedance(args, { timeoutMs: 20_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('as the bin: Ctrl-C (SIGINT) prints the summary and exits with the verdict', async () => {
    const child = spawnSeedance(['proxy', '--target', `${gateway.url}/ark`, '--dialect', 'ark', '--port', '0']);
    const run = finished(child);
    const url = await new Promise<string>((resolve) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const found = /seedance proxy (http:\/\/\S+)/.exec(seen)?.[1];
        if (found) resolve(found);
      });
    });
    gateway.script.push({ status: 200, body: { ...responseExample('ark', 'getTask', '200', 'queued'), status: 'thinking' } });
    await poll(url);
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('\n')) resolve();
      });
    });
    child.kill('SIGINT');
    const { code, stdout, stderr } = await run;
    expect(code).toBe(7);
    expect(stdout).toMatch(/response \/status: \/status must be one of .*\[schema\]/);
    expect(stderr).toMatch(/1 exchanges with .*: 1 violations \(1 schema\)/);
  });
});

describe('seedance drift', () => {
  let recording: string;

  beforeAll(async () => {
    const proxy = await startCliProxy(['--record', 'drift-input.har', '--report', 'drift-live.json']);
    gateway.script.push(
      { status: 200, body: { ...responseExample('ark', 'getTask', '200', 'succeeded'), seed: 'x' } },
      { status: 418, body: { error: { code: 'x', message: 'y' } } },
    );
    await poll(proxy.url);
    await poll(proxy.url);
    await proxy.until(() => proxy.seen.stdout.split('\n').length > 2);
    proxy.interrupt();
    await proxy.code;
    recording = readFileSync(join(work, 'drift-input.har'), 'utf8');
  });

  it('reports what the proxy reported live, in the same report format, exit 7', async () => {
    const run = await runSeedance(['drift', 'drift-input.har', '--dialect', 'ark', '--report', 'offline.json'], { cwd: work });
    expect(run.code).toBe(7);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
    const live = JSON.parse(readFileSync(join(work, 'drift-live.json'), 'utf8'));
    const offline = JSON.parse(readFileSync(join(work, 'offline.json'), 'utf8'));
    expect(offline).toEqual(live);
  });

  it('exits 0 on a clean recording (as the bin)', async () => {
    const clean = JSON.parse(recording);
    clean.log.entries = [];
    writeFileSync(join(work, 'clean.har'), JSON.stringify(clean));
    const run = await runSeedanceBin(['drift', 'clean.har', '--dialect', 'ark'], { cwd: work });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/0 exchanges with .*: clean/);
  });

  it('exits 2 on a truncated recording, naming the entry it is cut off in', async () => {
    writeFileSync(join(work, 'cut.har'), recording.slice(0, recording.lastIndexOf('"startedDateTime"') + 40));
    const run = await runSeedance(['drift', 'cut.har', '--dialect', 'ark'], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cut\.har: the recording is cut off inside entry 2 \(log\.entries\[1\]\)/);
  });

  it.each([
    [['drift', 'missing.har', '--dialect', 'ark'], /cannot read the recording missing\.har \(ENOENT\)/],
    [['drift', '--dialect', 'ark'], /drift takes one recording/],
    [['drift', 'drift-input.har'], /--dialect is required/],
  ])('refuses %j with exit 2', async (args, message) => {
    const run = await runSeedance(args, { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

it('the help text lists both commands and their exit codes', () => {
  expect(USAGE).toMatch(/^ {2}proxy {17}/m);
  expect(USAGE).toMatch(/^ {2}drift <file\.har> {6}/m);
  expect(USAGE).toContain('7 contract checks failed (check; proxy and drift: a violation)');
  expect(USAGE).toContain('drift exits 2 when the recording cannot be read');
});
