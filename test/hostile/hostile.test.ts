// Hostile input against the simulator: a generated, bounded corpus of malformed requests
// (corpus.ts) sent over raw sockets to a simulator in its own process. Whatever arrives, the
// simulator answers below 500, in the dialect's documented error envelope, before a deadline, and
// lives on to answer a health check; its log never shows a key. Counts go to reports/hostile.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, responsesOf } from '../support/raw-http.ts';
import { hostileCorpus, LIMITS, SEED, type HostileCase } from './corpus.ts';
import { isDocumentedRefusal } from './envelopes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** No answer by then is a failure of the case (a deadline, not a speed assertion). */
const DEADLINE_MS = 4_000;
const CONCURRENCY = 16;

let child: ChildProcess;
let port = 0;
let output = '';
let exitCode: number | null | undefined;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'serve.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.on('exit', (code) => (exitCode = code));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  port = await new Promise<number>((resolvePort, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /READY (\S+)/.exec(output)?.[1];
      if (url) resolvePort(Number(new URL(url).port));
    });
    child.once('exit', () => reject(new Error(`the simulator exited before it was ready:\n${output}`)));
  });
});

afterAll(() => {
  child.kill('SIGTERM');
});

interface Verdict {
  family: string;
  problems: string[];
  statuses: number[];
}

/** What is wrong with the simulator's answer to one hostile request (nothing, ideally). */
function judge(hostile: HostileCase, text: string): Verdict {
  const responses = responsesOf(text);
  const problems: string[] = [];
  if (responses.length === 0) problems.push(`no answer within ${DEADLINE_MS} ms`);
  for (const response of responses) {
    if (response.status >= 500) problems.push(`answered ${response.status}`);
    if (response.status < 400) continue;
    if (response.body === undefined) {
      problems.push(`${response.status} without a complete body`);
      continue;
    }
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      problems.push(`${response.status} body is not JSON: ${response.body.slice(0, 80)}`);
      continue;
    }
    // Node reports a header timeout without the request line it has buffered, so the simulator
    // cannot tell which dialect was meant: that one answer uses the plain envelope.
    const dialect = response.status === 408 ? undefined : hostile.dialect;
    if (!isDocumentedRefusal(dialect, body)) problems.push(`${response.status} is not in the ${dialect ?? 'plain'} envelope: ${response.body.slice(0, 160)}`);
  }
  return { family: hostile.family, problems, statuses: responses.map((response) => response.status) };
}

async function runAll(cases: HostileCase[]): Promise<Verdict[]> {
  const verdicts: Verdict[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const hostile = cases[index]!;
      const answer = await rawExchange(port, hostile.head, {
        deadlineMs: DEADLINE_MS,
        responses: hostile.responses,
        ...(hostile.pieces ? { pieces: hostile.pieces, pauseMs: hostile.pauseMs ?? 100 } : {}),
      });
      verdicts[index] = judge(hostile, answer.text);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return verdicts;
}

describe('hostile input against the simulator (every dialect, fixed seed)', () => {
  it('answers every malformed request below 500, in the dialect envelope, before the deadline, and stays up', async () => {
    const cases = hostileCorpus();
    const verdicts = await runAll(cases);
    const health = await fetch(`http://127.0.0.1:${port}/__simulator/health`)
      .then((response) => response.status)
      .catch(() => 0);
    const failed = verdicts.filter((verdict) => verdict.problems.length > 0);
    const families: Record<string, number> = {};
    for (const verdict of verdicts) families[verdict.family] = (families[verdict.family] ?? 0) + 1;
    const report = {
      seed: SEED,
      limits: LIMITS,
      requestsTried: cases.length,
      answersAtLeast500: verdicts.filter((verdict) => verdict.statuses.some((status) => status >= 500)).length,
      unanswered: verdicts.filter((verdict) => verdict.statuses.length === 0).length,
      notInEnvelope: verdicts.filter((verdict) => verdict.problems.some((problem) => problem.includes('envelope') || problem.includes('not JSON'))).length,
      crashes: exitCode === undefined && health === 200 ? 0 : 1,
      statuses: Object.fromEntries(
        [...new Set(verdicts.flatMap((verdict) => verdict.statuses))]
          .sort()
          .map((status) => [status, verdicts.filter((verdict) => verdict.statuses.includes(status)).length]),
      ),
      families,
      firstFailures: failed.slice(0, 10),
    };
    mkdirSync(resolve(ROOT, 'reports'), { recursive: true });
    writeFileSync(resolve(ROOT, 'reports/hostile.json'), `${JSON.stringify(report, null, 2)}\n`);

    expect(exitCode, `the simulator exited:\n${output.slice(-2_000)}`).toBeUndefined();
    expect(health, 'health check after the corpus').toBe(200);
    expect(failed.slice(0, 10)).toEqual([]);
    expect(cases.length).toBeGreaterThan(1_000);
  });

  it('never writes a key from a request-target to its log or its output', () => {
    expect(output).toContain('-> ');
    expect(output).not.toContain('sk-secret');
    expect(output).not.toContain('sk-hostile');
  });
});
