// A simulator per test file, on a free loopback port, with a clock the test steps by hand.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createClient, type DialectId } from '../../src/index.ts';
import { manualClock, type ManualClock } from '../../mocks/simulator/clock.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../mocks/simulator/server.ts';

export interface Harness {
  sim: Simulator;
  clock: ManualClock;
}

export function useSimulator(options: SimulatorOptions = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.clock = manualClock();
    harness.sim = await startSimulator({ port: 0, clock: harness.clock, lifecycle: { queuedMs: 1_000, runningMs: 3_000 }, ...options });
  });
  afterAll(() => harness.sim.close());
  return harness;
}

/** A client on the simulator's own clock: its sleeps step simulated time, so `wait` runs a whole lifecycle in no real time. */
export function clientFor(harness: Harness, dialect: DialectId, headers: Record<string, string> = {}) {
  return createClient({ baseUrl: harness.sim.urls, apiKey: 'sk-simulator-test', dialect, clock: harness.clock, pollIntervalMs: 500, headers });
}

export { MODELS } from '../support/dialects.ts';

/** A loopback server that records what is posted to it and answers with the statuses it is given. */
export async function callbackReceiver(statuses: number[] = []) {
  const received: Array<{ body: unknown; at: number }> = [];
  let index = 0;
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), at: Date.now() });
      response.writeHead(statuses[index++] ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits (in real time, bounded) until `condition` holds: deliveries travel over real sockets. */
export async function eventually(condition: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
