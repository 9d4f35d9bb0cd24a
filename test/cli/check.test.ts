// `seedance check` as an integrator's CI runs it: package code only, against a live target.
// Against our simulator everything conforms (exit 0, a JUnit file a CI system can read); against a
// gateway that answers off-contract the run fails (exit 7) and names the failing operations. In-process
// (support.ts), but for one run of the built bin: the smoke of `check` through cli/main.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { parseTarget } from '../../cli/check/target.ts';
import { DIALECT_IDS } from '../../generated/dialects.ts';
import { json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { runSeedance, runSeedanceBin } from './support.ts';

const work = mkdtempSync(join(tmpdir(), 'seedance-check-'));
let sim: Simulator;
let broken: FakeGateway;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  // Speaks Ark's paths and auth, but its task objects are not Ark's, and a list answers 204.
  broken = await startFakeGateway((request, response) => {
    if (!request.headers.authorization)
      return json(response, 401, { error: { code: 'AuthenticationError', message: 'missing key', param: '', type: 'Unauthorized' } });
    if (request.url?.startsWith('/api/v3/contents/generations/tasks?') || request.url === '/api/v3/contents/generations/tasks') {
      if (request.method === 'GET') return void response.writeHead(204).end();
    }
    // It accepts a submit, but then cannot find the task it created.
    if (request.method === 'POST') return json(response, 200, { id: 'cgt-created' });
    if (request.url?.endsWith('/cgt-created'))
      return json(response, 404, { error: { code: 'ResourceNotFound', message: 'no such task', param: '', type: 'NotFound' } });
    return json(response, 200, { id: 7, status: 'teleporting' });
  });
});
afterAll(async () => {
  await Promise.all([sim.close(), broken.close()]);
  rmSync(work, { recursive: true, force: true });
});

/** Well-formed XML: every tag closed in order, attributes quoted, only the five entities and numeric references. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(body)) return false;
  const stack: string[] = [];
  for (const [, closing, name, attributes, selfClosing] of body.matchAll(/<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g)) {
    void attributes;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else if (!selfClosing) stack.push(name ?? '');
  }
  const tags = body.match(/<[^>]*>/g) ?? [];
  const understood = body.match(/<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g) ?? [];
  return stack.length === 0 && tags.length === understood.length;
}

describe('seedance check against the simulator', () => {
  it('passes every case (exit 0) and writes a JUnit file whose counts match its test cases', async () => {
    const junit = join(work, 'results.xml');
    const report = join(work, 'results.json');
    const run = await runSeedance(['check', '--target', `${sim.url}/{dialect}`, '--report', 'junit', junit, '--report', `json=${report}`], {
      timeoutMs: 120_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/ok: \d+ cases, \d+ passed, 0 failed, 0 skipped/);
    const xml = readFileSync(junit, 'utf8');
    expect(wellFormed(xml)).toBe(true);
    const cases = xml.match(/<testcase /g)?.length ?? 0;
    expect(xml).toMatch(new RegExp(`<testsuites name="seedance check" tests="${cases}" failures="0"`));
    expect(xml.match(/<testsuite /g)).toHaveLength(DIALECT_IDS.length);
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
      totals: { cases: number; failed: number };
      results: Array<{ dialect: string; operation: string }>;
    };
    expect(parsed.totals).toMatchObject({ cases, failed: 0 });
    // A task a documented submit created is read back through each dialect's task reads (success answers checked).
    const reads = parsed.results
      .filter((result) => (result as { kind?: string }).kind === 'created-task')
      .map((result) => `${result.dialect} ${result.operation}`);
    expect(reads).toEqual(
      expect.arrayContaining(['ark getTask', 'content-metadata getTask', 'multipart-videos getTask', 'unified-jobs getTask', 'unified-jobs getTaskAlias']),
    );
    // Every documented operation of every dialect was exercised.
    for (const operation of [
      'ark listTasks',
      'ark createTask',
      'ark getTask',
      'ark deleteTask',
      'content-metadata downloadVideoContent',
      'content-metadata getAsset',
      'multipart-videos createTask',
      'unified-jobs getTaskAlias',
    ]) {
      expect(parsed.results.map((result) => `${result.dialect} ${result.operation}`)).toContain(operation);
    }
  });
});

describe('seedance check against a gateway that breaks the contract', () => {
  it('fails (exit 7), naming the failing operations and what is wrong, in the summary, the reports and GitHub annotations', async () => {
    const report = join(work, 'broken.json');
    const junit = join(work, 'broken.xml');
    const run = await runSeedance(['check', '--target', broken.url, '--dialects', 'ark', '--report', 'json', report, '--report', 'junit', junit], {
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(run.code, run.stderr).toBe(7);
    expect(run.stderr).toMatch(/✘ ark listTasks documented "first-page": status 204 is not documented/);
    expect(run.stderr).toMatch(/FAILED: \d+ cases, \d+ passed, [1-9]\d* failed/);
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as { results: Array<{ operation: string; outcome: string; problems: string[] }> };
    const getTask = parsed.results.filter((result) => result.operation === 'getTask');
    expect(getTask.length).toBeGreaterThan(0);
    expect(getTask.every((result) => result.outcome === 'failed')).toBe(true);
    expect(getTask[0]?.problems.join(' ')).toMatch(/200 body \/(id|status) must/);
    expect(wellFormed(readFileSync(junit, 'utf8'))).toBe(true);
    expect(readFileSync(junit, 'utf8')).toMatch(/<failure message="[^"]*" type="ContractViolation">/);
    expect(run.stdout).toMatch(/^::error title=seedance check%3A ark getTask::ark getTask documented /m);
    const created = parsed.results.find((result) => result.operation === 'getTask' && result.problems.join(' ').includes('just created'));
    expect(created?.problems[0]).toBe('reading a task a submit just created answered 404');
  });

  it('reports a target where nothing listens as a connection error (exit 4) naming the URL (the bin)', async () => {
    const run = await runSeedanceBin(['check', '--target', 'http://127.0.0.1:9/{dialect}', '--dialects', 'ark']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/nothing answered at http:\/\/127\.0\.0\.1:9\/\{dialect\}.*seedance start/);
  });

  it('refuses a --report without a format or a file, as a usage error (exit 2)', async () => {
    expect((await runSeedance(['check', '--report', 'xml', 'out.xml'])).code).toBe(2);
    expect((await runSeedance(['check', '--report', 'junit'])).stderr).toMatch(/--report junit needs a file/);
  });
});

describe('which submits a check may send', () => {
  it('sends documented submits to loopback targets, and to a remote gateway only with --allow-submit (they create billed tasks)', () => {
    expect(parseTarget('http://127.0.0.1:4010/{dialect}', undefined, false).allowSubmit).toBe(true);
    expect(parseTarget('http://[::1]:4010', undefined, false).allowSubmit).toBe(true);
    expect(parseTarget('https://ark.cn-beijing.volces.com', undefined, false).allowSubmit).toBe(false);
    expect(parseTarget('https://localhost.example.com', undefined, false).allowSubmit).toBe(false);
    expect(parseTarget('https://ark.cn-beijing.volces.com', undefined, true).allowSubmit).toBe(true);
  });

  it('fills {dialect} per dialect and refuses an unknown dialect by name', () => {
    expect(parseTarget('http://127.0.0.1:4010/{dialect}/', 'ark, unified-jobs', false).urls).toEqual({
      ark: 'http://127.0.0.1:4010/ark',
      'unified-jobs': 'http://127.0.0.1:4010/unified-jobs',
    });
    expect(() => parseTarget('http://localhost:1', 'ark,sora', false)).toThrow(/unknown dialect sora/);
  });
});

describe('a --target URL that names one dialect', () => {
  it('checks that dialect alone: a host only its document lists, a native SDK path, the simulator prefix', () => {
    expect(parseTarget('https://ark.ap-southeast.bytepluses.com', undefined, false).urls).toEqual({ ark: 'https://ark.ap-southeast.bytepluses.com' });
    expect(parseTarget('https://openrouter.ai/api/v1', undefined, false).urls).toEqual({ openrouter: 'https://openrouter.ai' });
    expect(parseTarget('https://reseller.example/seedance/api/v3/', undefined, false).urls).toEqual({ ark: 'https://reseller.example/seedance' });
    expect(parseTarget('http://127.0.0.1:4010/unified-jobs', undefined, false).urls).toEqual({ 'unified-jobs': 'http://127.0.0.1:4010/unified-jobs' });
    expect(parseTarget('https://openrouter.ai', undefined, false).notice).toBeUndefined();
  });

  it('one URL naming none, for several dialects: checked as asked, with a notice that suggests --dialects', () => {
    const target = parseTarget('https://gateway.example', undefined, false);
    expect(Object.keys(target.urls)).toEqual([...DIALECT_IDS]);
    expect(target.notice).toMatch(/one URL for 5 dialects .* names none of them; a gateway speaks one: choose it with --dialects <dialect>/);
    expect(parseTarget('https://gateway.example', 'ark', false).notice).toBeUndefined();
    expect(parseTarget('https://gateway.example/{dialect}', undefined, false).notice).toBeUndefined();
  });

  it("the command checks only the simulator prefix's dialect, and prints the notice on stderr otherwise", async () => {
    const one = await runSeedance(['check', '--target', sim.urls.openrouter, '--json'], { timeoutMs: 120_000 });
    expect(one.code, one.stderr).toBe(0);
    const dialects = new Set(
      one.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; dialect?: string })
        .filter((event) => event.event === 'case')
        .map((event) => event.dialect),
    );
    expect([...dialects]).toEqual(['openrouter']);
    const unnamed = await runSeedance(['check', '--target', 'http://127.0.0.1:9', '--dialects', 'ark,openrouter']);
    expect(unnamed.stderr).toContain('note: http://127.0.0.1:9 is one URL for 2 dialects (ark, openrouter)');
  });
});
