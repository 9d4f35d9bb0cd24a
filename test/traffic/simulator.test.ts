// The clean case: the real simulator behind the proxy, one proxy per dialect, driven by the client
// through a whole submit, poll and download (and the reads each dialect documents for a task).
// Nothing is reported, and the recording checks clean offline too.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHar } from '../../cli/traffic/drift.ts';
import { startProxy } from '../../cli/traffic/proxy.ts';
import { startSimulator, type Simulator } from '../../mocks/simulator/index.ts';
import { createClient } from '../../src/index.ts';
import { DIALECT_FACTS, DIALECTS, MODELS, pathOf } from '../support/dialects.ts';

const KEY = 'sk-simulator-through-proxy';
const work = mkdtempSync(join(tmpdir(), 'seedance-proxy-sim-'));
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 30, runningMs: 30 } });
});
afterAll(() => sim.close());

describe.each(DIALECTS)('%s: the simulator through the proxy', (dialect) => {
  it('gives a whole submit, poll and download without a single violation', async () => {
    const record = join(work, `${dialect}.har`);
    const proxy = await startProxy({ target: sim.urls[dialect], dialect, record });
    try {
      const client = createClient({ baseUrl: proxy.url, apiKey: KEY });
      const handle = await client.submit({ model: MODELS[dialect], prompt: 'A kitten yawns at the camera', duration: 5 });
      const task = await client.wait(handle, { pollIntervalMs: 20, timeoutMs: 20_000 });
      expect(task.status).toBe('succeeded');
      const headers = { authorization: `Bearer ${KEY}` };
      for (const { operationId, query } of DIALECT_FACTS[dialect].reads) {
        const response = await fetch(`${proxy.url}${pathOf(dialect, operationId, handle.taskId)}${query?.(handle.taskId) ?? ''}`, { headers });
        expect(response.status, operationId).toBeLessThan(300);
        await response.arrayBuffer();
      }
      if (DIALECT_FACTS[dialect].reads.some((read) => read.operationId === 'downloadVideoContent')) {
        const range = await fetch(`${proxy.url}${pathOf(dialect, 'downloadVideoContent', handle.taskId)}`, { headers: { ...headers, range: 'bytes=0-99' } });
        expect(range.status).toBe(206);
        expect((await range.arrayBuffer()).byteLength).toBe(100);
      }
      await proxy.settled();
      expect(proxy.violations).toEqual([]);
      expect(proxy.exchanges).toBeGreaterThanOrEqual(3);
    } finally {
      await proxy.close();
    }
    const offline = await checkHar(readFileSync(record, 'utf8'), { dialect });
    expect(offline.violations).toEqual([]);
    expect(offline.skipped).toBe(0);
  });
});
