// The proxy in front of a gateway that drifted from the ark contract. Its answers are the
// document's own response examples, mutated: an unknown status word, a missing required field, a
// wrong type, a new field, an undocumented HTTP status, an answer that is not JSON; and one request
// breaks a rule. Each drift is reported once, clean exchanges not at all; the caller gets every
// answer as the gateway sent it; the recording is valid HAR without the key; and `drift` over the
// recording says exactly what the proxy said live.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHar } from '../../cli/traffic/drift.ts';
import { type ProxyServer, startProxy } from '../../cli/traffic/proxy.ts';
import { checkRequestBody } from '../../src/contracts/index.ts';
import { harProblems, requestExamples, responseExample, type ScriptedGateway, startScriptedGateway } from './support.ts';

const KEY = 'sk-proxy-test-5b1e8f0c9d2a';
const TASKS = '/api/v3/contents/generations/tasks';
const auth = { authorization: `Bearer ${KEY}` };

const work = mkdtempSync(join(tmpdir(), 'seedance-proxy-'));
const record = join(work, 'traffic.har');
const report = join(work, 'report.json');
let gateway: ScriptedGateway;
let proxy: ProxyServer;

beforeAll(async () => {
  gateway = await startScriptedGateway();
  proxy = await startProxy({ target: `${gateway.url}/ark`, dialect: 'ark', record, report });
});
afterAll(async () => {
  await proxy.close();
  await gateway.close();
});

const createExample = requestExamples('ark', 'createTask').requests.find((example) => example.name === 'text-to-video')!;
const invalidExample = requestExamples('ark', 'createTask').invalid.find((example) => example.name === 'duration-too-long')!;
const create = (body: unknown) => ({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

interface Step {
  name: string;
  path: string;
  init?: RequestInit;
  answer: { status: number; body: unknown; headers?: Record<string, string> };
  /** The drift the proxy must report for this exchange: kind and pointer (and rule), nothing else. */
  expected: Array<{ kind: string; pointer: string; direction: 'request' | 'response'; rule?: string }>;
}

const running = responseExample('ark', 'getTask', '200', 'running');
const succeeded = responseExample('ark', 'getTask', '200', 'succeeded');
const { id: _, ...createdWithoutId } = responseExample('ark', 'createTask', '200', 'text-to-video');

const STEPS: Step[] = [
  {
    name: 'a clean submit',
    path: TASKS,
    init: create(createExample.body),
    answer: { status: 200, body: responseExample('ark', 'createTask', '200', 'text-to-video') },
    expected: [],
  },
  { name: 'a clean poll', path: `${TASKS}/cgt-1`, answer: { status: 200, body: succeeded }, expected: [] },
  {
    name: 'an unknown status word',
    path: `${TASKS}/cgt-1`,
    answer: { status: 200, body: { ...running, status: 'thinking' } },
    expected: [{ kind: 'schema', pointer: '/status', direction: 'response' }],
  },
  {
    name: 'a missing required field',
    path: TASKS,
    init: create(createExample.body),
    answer: { status: 200, body: createdWithoutId },
    expected: [{ kind: 'schema', pointer: '/id', direction: 'response' }],
  },
  {
    name: 'a wrong type',
    path: `${TASKS}/cgt-1`,
    answer: { status: 200, body: { ...succeeded, seed: '42' } },
    expected: [{ kind: 'schema', pointer: '/seed', direction: 'response' }],
  },
  {
    name: 'a new field',
    path: `${TASKS}/cgt-1`,
    answer: { status: 200, body: { ...running, billing_units: 3 } },
    expected: [{ kind: 'undocumented-field', pointer: '/billing_units', direction: 'response' }],
  },
  {
    name: 'an undocumented HTTP status',
    path: `${TASKS}?page_size=10`,
    answer: { status: 418, body: { error: { code: 'Teapot', message: 'no' } } },
    expected: [{ kind: 'undocumented-status', pointer: '', direction: 'response' }],
  },
  {
    name: 'a request breaking a rule',
    path: TASKS,
    init: create(invalidExample.body),
    answer: { status: 400, body: responseExample('ark', 'createTask', '400', invalidExample.name) },
    expected: checkRequestBody('ark', 'createTask', invalidExample.body).map((issue) => ({
      kind: 'request-rule',
      pointer: issue.path,
      direction: 'request' as const,
      rule: issue.rule,
    })),
  },
  {
    name: 'an answer that is not JSON',
    path: `${TASKS}/cgt-1`,
    answer: { status: 200, body: '<html>502 Bad Gateway</html>', headers: { 'content-type': 'application/json' } },
    expected: [{ kind: 'not-json', pointer: '', direction: 'response' }],
  },
  {
    name: 'a key echoed back, in a clean answer',
    path: `${TASKS}/cgt-1?token=${KEY}`,
    answer: { status: 200, body: { ...succeeded, content: { video_url: `https://cdn.example/v.mp4?sig=${KEY}` } } },
    expected: [],
  },
];

describe('a gateway that drifted, behind the proxy', () => {
  const answers: Array<{ status: number; body: Buffer; type: string | null }> = [];
  const reportAfter: number[] = [];

  beforeAll(async () => {
    for (const step of STEPS) {
      gateway.script.push(step.answer);
      const response = await fetch(`${proxy.url}${step.path}`, { headers: auth, ...step.init });
      answers.push({ status: response.status, body: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') });
      await proxy.settled();
      reportAfter.push((JSON.parse(readFileSync(report, 'utf8')) as { exchanges: number }).exchanges);
    }
  });

  it('reports every drift once, at its pointer, and nothing for the clean exchanges', () => {
    const found = proxy.violations.map(({ kind, pointer, direction, rule, operationId, status }) => ({
      kind,
      pointer,
      direction,
      operationId,
      status,
      ...(rule ? { rule } : {}),
    }));
    const expected = STEPS.flatMap((step, index) =>
      step.expected.map((drift) => ({
        ...drift,
        operationId: step.path.startsWith(`${TASKS}/`) ? 'getTask' : step.init ? 'createTask' : 'listTasks',
        status: STEPS[index]!.answer.status,
      })),
    );
    expect(found).toEqual(expected);
    expect(invalidExample.violates && found.some((violation) => violation.rule === invalidExample.violates)).toBe(true);
    expect(proxy.exchanges).toBe(STEPS.length);
  });

  it('returns each answer unchanged: status, content type and bytes; the caller key reaches the gateway', () => {
    for (const [index, step] of STEPS.entries()) {
      const sent = typeof step.answer.body === 'string' ? Buffer.from(step.answer.body) : Buffer.from(JSON.stringify(step.answer.body));
      expect(answers[index]).toEqual({ status: step.answer.status, body: sent, type: 'application/json' });
    }
    expect(gateway.received.map((request) => request.headers.authorization)).toEqual(STEPS.map(() => `Bearer ${KEY}`));
    expect(gateway.received.map((request) => request.url)).toEqual(STEPS.map((step) => `/ark${step.path}`));
    expect(gateway.received[0]?.body.toString()).toBe(JSON.stringify(createExample.body));
  });

  it('rewrites the report after every exchange, in the documented format', () => {
    expect(reportAfter).toEqual(STEPS.map((_, index) => index + 1));
    const written = JSON.parse(readFileSync(report, 'utf8'));
    expect(written).toEqual({ dialect: 'ark', target: `${gateway.url}/ark`, exchanges: STEPS.length, unchecked: 0, violations: proxy.violations });
    for (const violation of written.violations) {
      expect(Object.keys(violation).sort()).toEqual(
        ['direction', 'kind', 'message', 'method', 'operationId', 'path', 'pointer', 'status', ...(violation.rule ? ['rule'] : [])].sort(),
      );
    }
  });

  it('records valid HAR 1.2, one entry per exchange in order, without the key', async () => {
    const text = readFileSync(record, 'utf8');
    const har = JSON.parse(text);
    expect(await harProblems(har)).toBe('');
    expect(har.log.entries.map((entry: { request: { method: string } }) => entry.request.method)).toEqual(STEPS.map((step) => step.init?.method ?? 'GET'));
    expect(text).not.toContain(KEY);
    expect(text).toContain('[redacted]');
  });

  it('drift over the recording reports exactly what the proxy reported live', async () => {
    const offline = await checkHar(readFileSync(record, 'utf8'), { dialect: 'ark' });
    expect(offline.violations).toEqual(proxy.violations);
    expect(offline).toMatchObject({ exchanges: STEPS.length, skipped: 0, unchecked: 0, target: `${gateway.url}/ark` });
  });
});
