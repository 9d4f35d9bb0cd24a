// Throughput and latency of submit + get (the Ark dialect) against three servers in one run: the
// simulator, Prism serving the same contract, and a bare node:http server that answers with fixed
// bytes (the floor). Rounds alternate between servers so a noisy machine slows all alike.
//   npx tsx bench/simulator.ts [pairs per round=2000] [concurrency=16] [rounds=3]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPrismMock } from '../mocks/prism.ts';
import { startSimulator } from '../mocks/simulator/server.ts';

const pairs = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 16);
const rounds = Number(process.argv[4] ?? 3);
const headers = { authorization: 'Bearer bench', 'content-type': 'application/json' };
const body = JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'A kitten yawns at the camera' }], duration: 5 });

const bare = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(request.method === 'POST' ? '{"id":"cgt-20260101000000-abcde"}' : '{"id":"cgt-20260101000000-abcde","model":"m","status":"running","created_at":1,"updated_at":1}');
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const simulator = await startSimulator({ port: 0 });
const prism = await startPrismMock('ark');
const servers = {
  'bare node:http': `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
  simulator: simulator.urls.ark,
  'Prism (ark.yaml)': prism.url,
};

async function run(base: string): Promise<{ perSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < pairs) {
        const began = performance.now();
        const created = (await (await fetch(`${base}/api/v3/contents/generations/tasks`, { method: 'POST', headers, body })).json()) as { id: string };
        await (await fetch(`${base}/api/v3/contents/generations/tasks/${created.id}`, { headers })).json();
        latencies.push(performance.now() - began);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: pairs / seconds, p50: latencies[Math.floor(latencies.length * 0.5)]!, p99: latencies[Math.floor(latencies.length * 0.99)]! };
}

const results: Record<string, Array<{ perSecond: number; p50: number; p99: number }>> = {};
for (const base of Object.values(servers)) await run(base); // warm up
for (let round = 0; round < rounds; round++) {
  for (const [name, base] of Object.entries(servers)) (results[name] ??= []).push(await run(base));
}
await Promise.all([simulator.close(), prism.close(), new Promise((resolve) => bare.close(resolve))]);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = Object.fromEntries(Object.entries(results).map(([name, runs]) => [name, { perSecond: median(runs.map((r) => r.perSecond)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) }]));
console.log(`submit + get pairs, ${pairs} per round x ${rounds} rounds, ${concurrency} concurrent (medians)`);
for (const [name, s] of Object.entries(summary)) console.log(`  ${name.padEnd(18)} ${s.perSecond.toFixed(0).padStart(6)} pairs/s   p50 ${s.p50.toFixed(2)} ms   p99 ${s.p99.toFixed(2)} ms`);
const floor = summary['bare node:http']!;
const sim = summary.simulator!;
const prismSummary = summary['Prism (ark.yaml)']!;
console.log(`  simulator throughput: ${(sim.perSecond / floor.perSecond).toFixed(2)}x bare node:http, ${(sim.perSecond / prismSummary.perSecond).toFixed(2)}x Prism`);
console.log(`  simulator p50 latency: ${(sim.p50 / floor.p50).toFixed(2)}x bare node:http, ${(sim.p50 / prismSummary.p50).toFixed(2)}x Prism`);
