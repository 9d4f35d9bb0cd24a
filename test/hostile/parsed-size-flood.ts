// A flood meant to exhaust the heap, run in a process of its own (see parsed-size-flood.test.ts): 300
// creates each carrying 1 MiB of `[{},{},...]` in an unknown field (Ark accepts unknown fields), then
// 1,000 refused 63 KiB bodies of the same shape, then four journal reads at once. Prints one JSON
// line: the statuses answered and the memory held afterwards.
import { manualClock, startSimulator } from '../../mocks/simulator/index.ts';

// The clock never moves: every task stays queued, so none can be evicted to make room. The header and
// body deadlines are far off: this process runs at the lowest priority, and what it measures is memory.
const sim = await startSimulator({ port: 0, clock: manualClock(), timeouts: { headersMs: 600_000, bodyMs: 600_000 } });
const tasks = `${sim.urls.ark}/api/v3/contents/generations/tasks`;
const headers = { authorization: 'Bearer sk-flood', 'content-type': 'application/json' };
const objects = (bytes: number) => `[${'{},'.repeat(Math.floor(bytes / 3) - 1)}{}]`;
const filler = objects(1024 * 1024);
const statuses: Record<string, number> = {};
const count = (status: number) => {
  statuses[status] = (statuses[status] ?? 0) + 1;
};

for (let index = 0; index < 300; index++) {
  const body = `{"model":"doubao-seedance-1-5-pro-251215","content":[{"type":"text","text":"flood ${index}"}],"extra":${filler}}`;
  const response = await fetch(tasks, { method: 'POST', headers, body });
  await response.arrayBuffer();
  count(response.status);
}
const refused = objects(63 * 1024);
for (let index = 0; index < 1_000; index++) {
  const response = await fetch(tasks, { method: 'POST', headers, body: refused });
  await response.arrayBuffer();
  count(response.status);
}
const reads = await Promise.all(
  Array.from({ length: 4 }, () => fetch(`${sim.url}/__simulator/journal`).then(async (response) => (await response.text()).length)),
);
(globalThis as { gc?: () => void }).gc?.();
const { heapUsed, rss } = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ statuses, heapUsed, rss, tasks: sim.store.size, journalReads: reads })}\n`);
await sim.close();
