// Client overhead: submit + get through createClient, against the same two calls written by hand
// with fetch, on a local node:http server that answers like Ark. Rounds alternate between the two
// so that a noisy machine slows both alike; the ratio of medians is the figure.
//   npx tsx bench/client-overhead.ts [iterations=1000] [rounds=7]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../src/index.ts';

const iterations = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 7);
const TASK = JSON.stringify({ id: 'cgt-20260101000000-abcde', model: 'doubao-seedance-1-5-pro-251215', status: 'succeeded', content: { video_url: 'https://cdn.example.com/v.mp4' }, created_at: 1, updated_at: 2 });

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(request.method === 'POST' ? '{"id":"cgt-20260101000000-abcde"}' : TASK);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const request = { model: 'doubao-seedance-1-5-pro-251215', prompt: 'A kitten yawns at the camera', duration: 5, ratio: '16:9' };
const client = createClient({ baseUrl: base, apiKey: 'bench-key' });

async function viaClient() {
  const handle = await client.submit(request);
  await client.get(handle);
}

async function byHand() {
  const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' };
  const body = JSON.stringify({ model: request.model, content: [{ type: 'text', text: request.prompt }], duration: 5, ratio: '16:9' });
  const created = (await (await fetch(`${base}/api/v3/contents/generations/tasks`, { method: 'POST', headers, body })).json()) as { id: string };
  await (await fetch(`${base}/api/v3/contents/generations/tasks/${created.id}`, { headers })).json();
}

async function time(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await run();
  return Number(process.hrtime.bigint() - start) / 1e6 / iterations;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
await time(viaClient); // warm up JIT, connections and the contract validators
await time(byHand);
const clientTimes: number[] = [];
const handTimes: number[] = [];
for (let round = 0; round < rounds; round++) {
  handTimes.push(await time(byHand));
  clientTimes.push(await time(viaClient));
}
server.close();

const ratio = median(clientTimes) / median(handTimes);
console.log(`submit + get, ${iterations} iterations x ${rounds} rounds (median ms per pair)`);
console.log(`  hand-written fetch  ${median(handTimes).toFixed(3)} ms`);
console.log(`  createClient        ${median(clientTimes).toFixed(3)} ms`);
console.log(`  ratio client / hand-written: ${ratio.toFixed(2)}x (+${(median(clientTimes) - median(handTimes)).toFixed(3)} ms per submit + get)`);
