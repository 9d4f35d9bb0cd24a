// Client overhead: submit + get through createClient (the built package, as users import it),
// against the same two calls written by hand with fetch (with the request timeout createClient
// has, and without it), on a bare node:http server in its own process that answers like Ark.
// Rounds alternate so that a noisy machine slows each alike; the ratio of medians is the figure.
// A second section runs the same calls against a stub fetch (fixed answers, no network): the CPU
// the client itself spends per submit + get, which the machine's load hardly moves.
//   npx tsx bench/client-overhead.ts [--iterations 1000] [--rounds 7]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median, ROOT, SERVERS, start } from './support/processes.ts';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '7' } }, strict: false });
const iterations = Number(values.iterations);
const rounds = Number(values.rounds);

export async function benchClientOverhead(): Promise<void> {
  // dist/, not src/: what an installed package runs (typed through the source it was built from).
  const { createClient } = (await import(pathToFileURL(resolve(ROOT, 'dist/src/index.js')).href)) as typeof import('../src/index.ts');
  const server = await start(SERVERS.bare());
  try {
    const base = server.url;
    const request = { model: 'doubao-seedance-1-5-pro-251215', prompt: 'A kitten yawns at the camera', duration: 5, ratio: '16:9' };
    const client = createClient({ baseUrl: base, apiKey: 'bench-key' });
    const viaClient = async () => {
      const handle = await client.submit(request);
      await client.get(handle);
    };
    const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' };
    const created = `${base}/api/v3/contents/generations/tasks`;
    // The body createClient sends for this request (client.prepare prints it), written out by hand.
    const body = () => JSON.stringify({ model: request.model, content: [{ type: 'text', text: request.prompt }], duration: 5, ratio: '16:9' });
    // As an integrator writes it for production: a timeout on each request (createClient's
    // requestTimeoutMs, 60 s by default) and a refusal is an error, not a body to read as a task.
    const answer = async (response: Response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json() as Promise<{ id: string }>;
    };
    const byHand = async () => {
      const { id } = await answer(await fetch(created, { method: 'POST', headers, body: body(), signal: AbortSignal.timeout(60_000) }));
      await answer(await fetch(`${created}/${id}`, { headers, signal: AbortSignal.timeout(60_000) }));
    };
    // Where the client's extra time goes: the same hand-written calls after client.prepare (the
    // request's parse, translation and contract check, none of which touch the network).
    const prepared = async () => {
      await client.prepare(request);
      await byHand();
    };
    // The floor: no timeout and no status check. In Node's fetch a signal alone costs tens of
    // microseconds a request (undici follows it with its own controller, a WeakRef and a
    // finalizer), so this line shows what the timeout costs and what the client costs beyond it.
    const bare = async () => {
      const { id } = (await (await fetch(created, { method: 'POST', headers, body: body() })).json()) as { id: string };
      await (await fetch(`${created}/${id}`, { headers })).json();
    };
    // Wall time per pair, and this process's CPU time per pair (the server runs in its own process):
    // on a shared machine the CPU figure moves less with the other processes' load.
    const time = async (run: () => Promise<void>) => {
      const began = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      for (let i = 0; i < iterations; i++) await run();
      const used = process.cpuUsage(cpu);
      return { wall: Number(process.hrtime.bigint() - began) / 1e6 / iterations, cpu: (used.user + used.system) / 1e3 / iterations };
    };
    await time(viaClient); // warm up JIT, connections and the contract validators
    await time(byHand);
    await time(bare);
    await time(prepared);
    const runs = { hand: byHand, bare, client: viaClient, prepared };
    const samples = {
      hand: [] as Array<{ wall: number; cpu: number }>,
      bare: [] as Array<{ wall: number; cpu: number }>,
      client: [] as Array<{ wall: number; cpu: number }>,
      prepared: [] as Array<{ wall: number; cpu: number }>,
    };
    for (let round = 0; round < rounds; round++) {
      for (const name of ['hand', 'bare', 'client', 'prepared'] as const) samples[name].push(await time(runs[name]));
    }
    const med = (name: keyof typeof samples, of: 'wall' | 'cpu') => median(samples[name].map((sample) => sample[of]));
    const [hand, floor, ours] = [med('hand', 'wall'), med('bare', 'wall'), med('client', 'wall')];
    const cpu = (name: keyof typeof samples) => `${med(name, 'cpu').toFixed(3)} ms CPU`;
    console.log(`\n## Client overhead: submit + get, server in its own process, ${iterations} pairs x ${rounds} rounds alternating (median per pair)`);
    console.log(`  hand-written fetch, 60 s timeout + status check  ${hand.toFixed(3)} ms  (${cpu('hand')})`);
    console.log(`  bare fetch, no timeout, no check                 ${floor.toFixed(3)} ms  (${cpu('bare')})`);
    console.log(`  createClient                                     ${ours.toFixed(3)} ms  (${cpu('client')})`);
    const beforeHand = med('prepared', 'wall');
    console.log(
      `  client.prepare, then the hand-written calls      ${beforeHand.toFixed(3)} ms  (${cpu('prepared')}: +${(beforeHand - hand).toFixed(3)} ms for prepare)`,
    );
    console.log(`  createClient / hand-written fetch: ${(ours / hand).toFixed(2)}x (+${(ours - hand).toFixed(3)} ms per submit + get)`);
    console.log(`  createClient / bare fetch:         ${(ours / floor).toFixed(2)}x (+${(ours - floor).toFixed(3)} ms per submit + get)`);
    console.log(`  CPU, createClient / hand-written fetch: ${(med('client', 'cpu') / med('hand', 'cpu')).toFixed(2)}x`);
    await withoutNetwork(() => stubbedCost({ hand: byHand, client: viaClient }));
  } finally {
    await server.stop();
  }
}

/** Runs `measure` with the global fetch answering like the bare server, from fixed bytes. */
async function withoutNetwork(measure: () => Promise<void>): Promise<void> {
  const realFetch = globalThis.fetch;
  const created = JSON.stringify({ id: 'cgt-20260101000000-abcde' });
  const task = JSON.stringify({ id: 'cgt-20260101000000-abcde', model: 'doubao-seedance-1-5-pro-251215', status: 'succeeded', created_at: 1, updated_at: 2 });
  globalThis.fetch = async (_input, init) => {
    const body = init?.method === 'POST' ? created : task;
    return new Response(body, { headers: { 'content-type': 'application/json', 'content-length': String(body.length) } });
  };
  try {
    await measure();
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** CPU per pair with the stub fetch: what the client's own code costs beside the same calls by hand. */
async function stubbedCost(runs: { hand: () => Promise<void>; client: () => Promise<void> }): Promise<void> {
  const pairs = iterations * 5;
  const cpuPerPair = async (run: () => Promise<void>) => {
    const began = process.cpuUsage();
    for (let i = 0; i < pairs; i++) await run();
    const used = process.cpuUsage(began);
    return (used.user + used.system) / pairs;
  };
  await cpuPerPair(runs.client);
  await cpuPerPair(runs.hand);
  const samples = { hand: [] as number[], client: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (const name of ['hand', 'client'] as const) samples[name].push(await cpuPerPair(runs[name]));
  }
  const [hand, ours] = [median(samples.hand), median(samples.client)];
  console.log(`\n## Client overhead without the network: stub fetch, ${pairs} pairs x ${rounds} rounds alternating (median CPU per pair)`);
  console.log(`  hand-written fetch, 60 s timeout + status check  ${hand.toFixed(1)} us`);
  const extra = `+${(ours - hand).toFixed(1)} us: validation, translation, retries, typed errors`;
  console.log(`  createClient                                     ${ours.toFixed(1)} us  (${extra})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchClientOverhead();
