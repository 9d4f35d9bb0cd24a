// The Arazzo workflows (workflows/<dialect>.arazzo.yaml: submit, poll until terminal, download) run
// by `redocly respect` against the simulator, as an integrator's CI runs them against a gateway with
// `--server`. Respect checks every answer against the operation's documented schema as it goes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../mocks/simulator/index.ts';
import { DIALECT_IDS } from '../../generated/dialects.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const REDOCLY = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
const run = promisify(execFile);
const workflowFile = (dialect: string) => join(ROOT, 'workflows', `${dialect}.arazzo.yaml`);

interface RespectOutcome {
  code: number;
  output: string;
  report: unknown;
}

/** `redocly respect <files> --server name=url,... --input apiKey=...`, with a JSON report; never throws on a failed run. */
async function respect(files: string[], servers: Record<string, string>, work: string): Promise<RespectOutcome> {
  const report = join(work, `respect-${Date.now()}.json`);
  const server = Object.entries(servers)
    .map(([name, url]) => `${name}=${url}`)
    .join(',');
  const args = [REDOCLY, 'respect', ...files, '--server', server, '--input', 'apiKey=sk-local', '--json-output', report, '--max-fetch-timeout', '10000'];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', DO_NOT_TRACK: '1', NO_COLOR: '1' };
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    return { code: 0, output: stdout + stderr, report: JSON.parse(readFileSync(report, 'utf8')) };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      parsed = undefined;
    }
    return { code: typeof failure.code === 'number' ? failure.code : -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}`, report: parsed };
  }
}

describe('Arazzo workflows run by redocly respect against the simulator', () => {
  let work: string;
  let sim: Awaited<ReturnType<typeof startSimulator>>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'seedance-respect-'));
    // Tasks queue and run for a moment, so the poll step really waits (retries) before it passes.
    sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 300, runningMs: 300 } });
  });

  afterAll(async () => {
    await sim?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('every dialect: submit, poll until succeeded, download, each answer matching its documented schema', async () => {
    const outcome = await respect(DIALECT_IDS.map(workflowFile), Object.fromEntries(DIALECT_IDS.map((dialect) => [dialect, sim.urls[dialect]])), work);
    expect(outcome.code, outcome.output).toBe(0);
    expect(outcome.output.match(/Workflows: 1 passed, 1 total/g)).toHaveLength(DIALECT_IDS.length);
  }, 150_000);

  it('a task that ends failed fails the workflow at the poll step (the retries wait only while it is queued or running)', async () => {
    const failing = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 }, scenario: 'fail' });
    try {
      const outcome = await respect([workflowFile('ark')], { ark: failing.urls.ark }, work);
      expect(outcome.code, outcome.output).not.toBe(0);
      expect(outcome.output).toMatch(/Workflows: 1 failed, 1 total/);
      expect(outcome.output).toMatch(/stepId - poll/);
      expect(outcome.output).not.toMatch(/Retrying step poll/);
    } finally {
      await failing.close();
    }
  }, 120_000);
});
