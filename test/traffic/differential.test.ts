// The proxy's live verdicts and drift's offline verdicts over the recording are the same, on
// exchanges fast-check makes up: any operation of any dialect, a documented or a negative request
// example, and an answer taken from the document's examples and mutated (a field added, removed or
// retyped, another status, a body that is not JSON, another media type).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { conformance } from '../../cli/check/bundle.ts';
import { checkHar } from '../../cli/traffic/drift.ts';
import { type ProxyServer, startProxy } from '../../cli/traffic/proxy.ts';
import type { DialectId } from '../../generated/dialects.ts';
import { DIALECTS } from '../support/dialects.ts';
import { exampleBody, exampleTarget, responseExamples, type Scripted, type ScriptedGateway, startScriptedGateway } from './support.ts';

const KEY = 'sk-differential-31f4a5';
const work = mkdtempSync(join(tmpdir(), 'seedance-proxy-diff-'));
let gateway: ScriptedGateway;
const proxies = new Map<DialectId, ProxyServer>();

beforeAll(async () => {
  gateway = await startScriptedGateway();
  for (const dialect of DIALECTS)
    proxies.set(
      dialect,
      await startProxy({ target: `${gateway.url}/${dialect}`, dialect, record: join(work, `${dialect}.har`), report: join(work, `${dialect}.json`) }),
    );
});
afterAll(async () => {
  for (const proxy of proxies.values()) await proxy.close();
  await gateway.close();
});

/** Every operation of every dialect, by name (fast-check prints a counterexample whole: names stay short). */
const OPERATIONS = DIALECTS.flatMap((dialect) => Object.keys(conformance[dialect].operations).map((operationId) => ({ dialect, operationId })));

const mutation = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('add' as const), name: fc.string({ minLength: 1, maxLength: 10 }), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 1 }) }),
  fc.record({ kind: fc.constant('status' as const), status: fc.integer({ min: 200, max: 599 }) }),
  fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 40 }) }),
  fc.constant({ kind: 'media-type' as const }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** The answer: a response example of the operation (JSON, or bytes for a video), mutated. */
function answerOf(dialect: DialectId, operationId: string, pick: number, change: Mutation): Scripted {
  const examples = responseExamples(dialect, operationId);
  const example = examples[pick % examples.length]!;
  const json = example.mediaType.includes('json');
  const headers = { 'content-type': example.mediaType };
  let body: unknown = json ? structuredClone(example.value) : new Uint8Array([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70]);
  let status = Number(example.status);
  const object =
    typeof body === 'object' && body !== null && !Array.isArray(body) && !(body instanceof Uint8Array) ? (body as Record<string, unknown>) : undefined;
  const keys = object ? Object.keys(object) : [];
  if (change.kind === 'add' && object) object[change.name] = change.value;
  if (change.kind === 'remove' && object && keys.length > 0) delete object[keys[change.pick % keys.length]!];
  if (change.kind === 'retype' && object && keys.length > 0) object[keys[change.pick % keys.length]!] = change.value;
  if (change.kind === 'status') status = change.status;
  if (change.kind === 'text') body = change.text;
  if (change.kind === 'media-type') return { status, headers: { 'content-type': 'text/plain' }, body: typeof body === 'string' ? body : JSON.stringify(body) };
  return { status, headers, body };
}

it('the proxy and drift over its recording give the same verdicts, exchange by exchange', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...OPERATIONS),
      fc.nat(),
      fc.boolean(),
      fc.nat(),
      mutation,
      async ({ dialect, operationId }, requestPick, negative, answerPick, change) => {
        const operation = conformance[dialect].operations[operationId]!;
        const pool = negative && operation.invalid.length > 0 ? operation.invalid : operation.requests;
        fc.pre(pool.length > 0);
        const example = pool[requestPick % pool.length]!;
        const { body, headers } = exampleBody(dialect, operationId, example);
        gateway.script.push(answerOf(dialect, operationId, answerPick, change));
        const proxy = proxies.get(dialect)!;
        const response = await fetch(`${proxy.url}${exampleTarget(dialect, operationId, example)}`, {
          method: operation.method.toUpperCase(),
          headers: { ...headers, authorization: `Bearer ${KEY}` },
          ...(body === undefined ? {} : { body }),
        });
        await response.arrayBuffer();
        await proxy.settled();
      },
    ),
    { numRuns: 80 },
  );
  for (const [dialect, proxy] of proxies) {
    const offline = await checkHar(readFileSync(join(work, `${dialect}.har`), 'utf8'), { dialect });
    expect(offline.violations, dialect).toEqual(proxy.violations);
    expect(offline.exchanges, dialect).toBe(proxy.exchanges);
    expect(JSON.parse(readFileSync(join(work, `${dialect}.json`), 'utf8')).violations).toEqual(proxy.violations);
  }
  // The run made drift of every sort the mutations can make, not only clean exchanges.
  const kinds = new Set([...proxies.values()].flatMap((proxy) => proxy.violations.map((violation) => violation.kind)));
  expect(kinds.size).toBeGreaterThanOrEqual(4);
});
