// The client under faults: a loopback proxy between createClient and the in-process simulator
// injects 429s (short Retry-After, and one longer than the request timeout), 5xx, resets before
// and after forwarding, and stalls, on a seeded fast-check schedule. Every call submits and waits.
// What must hold, whatever the schedule:
// - no duplicate submits: at most one create per client call reaches the simulator;
// - every submit the simulator accepted but whose handle the client did not return throws an error
//   flagged mayHaveBeenAccepted: true (and a `false` flag is never a lie);
// - every task whose handle the client returned completes its wait;
// - only the toolkit's typed errors are thrown (never a TypeError);
// - the planted key is in no error (message, stack, cause chain, JSON, inspect);
// - nothing is left pending once the servers are closed.
// Counts are written to reports/fault-proxy.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { startSimulator } from '../../mocks/simulator/server.ts';
import { MODELS } from '../support/dialects.ts';
import { createClient, DIALECT_IDS, SeedanceError, type DialectId, type TaskHandle } from '../../src/index.ts';
import { CALL_HEADER, FAULTS, startFaultProxy, type Fault } from './fault-proxy.ts';

const SEED = 20_261_126;
const CALLS = 160;
const CONCURRENCY = 16;
// Generous for loopback: the simulator shares this process (and a busy machine) with the clients.
const REQUEST_TIMEOUT_MS = 800;
const KEY = 'sk-planted-5e4d3c2b1a0f49e8d7c6b5a4f3e2d1c0';

/** About one request in four is faulted, each fault kind equally often. */
const fault = fc.oneof(
  { arbitrary: fc.constant<Fault>('none'), weight: 18 },
  ...FAULTS.filter((kind) => kind !== 'none').map((kind) => ({ arbitrary: fc.constant<Fault>(kind), weight: 1 })),
);
const schedule =
  fc.sample(fc.array(fc.array(fault, { minLength: 64, maxLength: 64 }), { minLength: CALLS, maxLength: CALLS }), { seed: SEED, numRuns: 1 })[0] ?? [];

interface Outcome {
  call: number;
  dialect: DialectId;
  handle?: TaskHandle;
  completed: boolean;
  error?: unknown;
}

async function runCall(call: number, baseUrl: string): Promise<Outcome> {
  const dialect = DIALECT_IDS[call % DIALECT_IDS.length] ?? 'ark';
  const client = createClient({
    baseUrl,
    apiKey: KEY,
    dialect,
    headers: { [CALL_HEADER]: String(call) },
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    retry: { baseDelayMs: 5, maxDelayMs: 40 },
    pollIntervalMs: 25,
    waitTimeoutMs: 30_000,
  });
  let handle: TaskHandle | undefined;
  try {
    handle = await client.submit({ model: MODELS[dialect], prompt: `fault run call ${call}`, duration: 5 });
    const task = await client.wait(handle);
    return { call, dialect, handle, completed: task.status === 'succeeded' };
  } catch (error) {
    return { call, dialect, ...(handle ? { handle } : {}), completed: false, error };
  }
}

function everythingAbout(error: unknown): string {
  const parts = [String(error), inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error)];
  for (let current = error, depth = 0; current && depth < 10; depth++, current = (current as { cause?: unknown }).cause) {
    if (current instanceof Error) parts.push(current.message, current.stack ?? '');
  }
  return parts.join('\n');
}

const countOf = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

it(`keeps every promise under ${CALLS} submit+wait calls through a fault-injecting proxy (seed ${SEED})`, async () => {
  const resourcesBefore = process.getActiveResourcesInfo();
  const sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 40, runningMs: 60 } });
  // Warm up each dialect's validators outside the measured run, so a cold compile is no fault.
  for (const dialect of DIALECT_IDS)
    await createClient({ baseUrl: sim.urls, apiKey: KEY, dialect }).submit({ model: MODELS[dialect], prompt: 'warm-up', duration: 5 });
  const proxy = await startFaultProxy(sim.url, (call, ordinal) => schedule[call]?.[ordinal] ?? 'none');
  const outcomes: Outcome[] = [];
  try {
    for (let start = 0; start < CALLS; start += CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, CALLS - start) }, (_, index) => runCall(start + index, `${proxy.url}/{dialect}`));
      outcomes.push(...(await Promise.all(batch)));
    }
  } finally {
    await proxy.close();
    await sim.close();
  }

  const creates = proxy.exchanges.filter((exchange) => exchange.method === 'POST' && exchange.upstreamStatus !== undefined);
  const accepted = new Map(creates.filter((exchange) => exchange.createdTaskId).map((exchange) => [exchange.call, exchange.createdTaskId]));
  const errors = outcomes.flatMap((outcome) => (outcome.error === undefined ? [] : [outcome.error]));
  const ambiguous = outcomes.filter((outcome) => !outcome.handle && accepted.has(outcome.call));

  // No duplicate submits: one create at most per call reached the simulator.
  const createsPerCall = new Map<number, number>();
  for (const exchange of creates) createsPerCall.set(exchange.call, (createsPerCall.get(exchange.call) ?? 0) + 1);
  const duplicates = [...createsPerCall.values()].filter((count) => count > 1).length;
  expect(duplicates).toBe(0);

  // Only typed toolkit errors, and none carries the key.
  expect(errors.filter((error) => !(error instanceof SeedanceError)).map(String)).toEqual([]);
  expect(errors.filter((error) => everythingAbout(error).includes(KEY)).length).toBe(0);

  // Every accepted task without a handle was flagged; a `false` flag never hides an accepted task.
  for (const outcome of ambiguous) expect(outcome.error, `call ${outcome.call}`).toMatchObject({ mayHaveBeenAccepted: true });
  for (const outcome of outcomes.filter((o) => !o.handle && (o.error as { mayHaveBeenAccepted?: boolean }).mayHaveBeenAccepted === false)) {
    expect(accepted.has(outcome.call), `call ${outcome.call} said not accepted`).toBe(false);
  }

  // Every task whose handle the client returned completes its wait, and it is the task the simulator made.
  const handed = outcomes.filter((outcome) => outcome.handle);
  expect(handed.filter((outcome) => !outcome.completed).map((outcome) => `${outcome.call}: ${String(outcome.error)}`)).toEqual([]);
  for (const outcome of handed) expect(outcome.handle?.taskId).toBe(accepted.get(outcome.call));

  // The schedule did reach every kind of fault.
  const injected = Object.fromEntries(FAULTS.filter((kind) => kind !== 'none').map((kind) => [kind, countOf(proxy.exchanges, (e) => e.fault === kind)]));
  for (const count of Object.values(injected)) expect(count).toBeGreaterThan(0);
  expect(ambiguous.length).toBeGreaterThan(0);

  // Nothing left pending: after the last AbortSignal.timeout has fired, no more timers or sockets than before.
  await sleep(REQUEST_TIMEOUT_MS + 50);
  const extra = (kind: string) => countOf(process.getActiveResourcesInfo(), (k) => k === kind) - countOf(resourcesBefore, (k) => k === kind);
  const leftPending = { timers: Math.max(0, extra('Timeout')), sockets: Math.max(0, extra('TCPSocketWrap')), servers: Math.max(0, extra('TCPServerWrap')) };

  const report = {
    seed: SEED,
    calls: CALLS,
    requests: proxy.exchanges.length,
    injectedFaults: injected,
    createsReachingSimulator: creates.length,
    duplicateSubmits: duplicates,
    acceptedBySimulator: accepted.size,
    handlesReturned: handed.length,
    acceptedTasksCompleted: countOf(handed, (outcome) => outcome.completed),
    ambiguousSubmits: ambiguous.length,
    ambiguousFlaggedMayHaveBeenAccepted: countOf(ambiguous, (outcome) => (outcome.error as { mayHaveBeenAccepted?: boolean }).mayHaveBeenAccepted === true),
    errors: errors.length,
    typedErrors: countOf(errors, (error) => error instanceof SeedanceError),
    errorsByName: errors.reduce<Record<string, number>>((names, error) => {
      const name = (error as Error).name;
      names[name] = (names[name] ?? 0) + 1;
      return names;
    }, {}),
    errorsContainingKey: countOf(errors, (error) => everythingAbout(error).includes(KEY)),
    leftPending,
  };
  mkdirSync(resolve(import.meta.dirname, '../../reports'), { recursive: true });
  writeFileSync(resolve(import.meta.dirname, '../../reports/fault-proxy.json'), `${JSON.stringify(report, null, 2)}\n`);
  expect(leftPending).toEqual({ timers: 0, sockets: 0, servers: 0 });
}, 60_000);
