// Server throughput and latency: autocannon in its own process against three servers, each in its
// own process: the simulator (built JavaScript, as `npm start` runs it), Prism's CLI over the same
// document, and a bare node:http server answering fixed bytes (the floor). Three requests: submit
// (Ark create), poll (Ark get) and the MP4 download with Range. Rounds alternate between servers,
// in a rotating order, so a noisy machine slows all alike; medians and ratios are printed, with
// each server's CPU time per request (from /proc, Linux), which a busy machine disturbs far less
// than throughput.
//   npx tsx bench/server.ts [--seconds 5] [--rounds 3] [--connections 10]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { load, type LoadResult } from './support/load.ts';
import { cpuSecondsOf, median, type RunningServer, SERVERS, start } from './support/processes.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' }, connections: { type: 'string', default: '10' } },
  strict: false,
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

const TASKS = '/api/v3/contents/generations/tasks';
const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' };
const body = JSON.stringify({
  model: 'doubao-seedance-1-5-pro-251215',
  content: [{ type: 'text', text: 'A kitten yawns at the camera' }],
  duration: 5,
  ratio: '16:9',
});

interface Target {
  server: RunningServer;
  /** Where Ark's documented paths start. */
  base: string;
  taskId: string;
  /** The finished task's video, or undefined where the server has none. */
  videoUrl?: string;
}

/** A finished task to poll and download; Prism answers its documented example for any id. */
async function prepare(server: RunningServer): Promise<Target> {
  const base = server.name === 'simulator' ? `${server.url}/ark` : server.url;
  const created = await fetch(base + TASKS, { method: 'POST', headers, body });
  if (created.status !== 200) throw new Error(`${server.name}: create answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  if (server.name.startsWith('Prism')) return { server, base, taskId: id };
  for (let attempt = 0; ; attempt++) {
    const task = (await (await fetch(`${base}${TASKS}/${id}`, { headers })).json()) as { status: string; content?: { video_url?: string } };
    if (task.status === 'succeeded' && task.content?.video_url) {
      // The bare server answers a fixed URL; any path on it serves the same bytes.
      const videoUrl = server.name === 'simulator' ? task.content.video_url : `${server.url}/files/${id}.mp4`;
      return { server, base, taskId: id, videoUrl };
    }
    if (attempt > 200) throw new Error(`${server.name}: task ${id} did not succeed`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 5));
  }
}

const REQUESTS = {
  'submit (Ark create)': (target: Target) => load({ url: target.base + TASKS, method: 'POST', headers, body, connections, seconds, expect: 200 }),
  // A task made just before each run: the submit runs fill the simulator's store (50,000 tasks), which
  // then forgets its oldest finished ones, the task from prepare() first.
  'poll (Ark get)': async (target: Target) => {
    const { taskId } = await prepare(target.server);
    return load({ url: `${target.base}${TASKS}/${taskId}`, headers, connections, seconds, expect: 200 });
  },
  'MP4 download, Range bytes=0-': async (target: Target) => {
    const { videoUrl } = await prepare(target.server); // fresh, as for poll
    return videoUrl ? load({ url: videoUrl, headers: { range: 'bytes=0-' }, connections, seconds, expect: 206 }) : undefined;
  },
} satisfies Record<string, (target: Target) => Promise<LoadResult | undefined>>;
type RequestName = keyof typeof REQUESTS;

/** A run's figures and the server's CPU time per request over it (microseconds; undefined off Linux). */
type Measured = LoadResult & { cpuMicros: number | undefined };

export async function benchServers(): Promise<void> {
  const servers = [await start(SERVERS.simulator()), await start(SERVERS.bare()), await start(SERVERS.prism('ark'))];
  try {
    const targets = await Promise.all(servers.map(prepare));
    const results = new Map<string, Measured[]>();
    for (const request of Object.values(REQUESTS)) for (const target of targets) await request(await prepare(target.server)); // warm-up (JIT, connections)
    for (let round = 0; round < rounds; round++) {
      const order = targets.map((_, index) => targets[(index + round) % targets.length]!);
      for (const [name, request] of Object.entries(REQUESTS)) {
        for (const { server } of order) {
          // A fresh task for every run: the submit runs fill the simulator's store, which forgets
          // its oldest tasks past 50,000 (as the simulator guide promises), the first one included.
          const target = await prepare(server);
          const cpuBefore = cpuSecondsOf(server.pid);
          const loaded = await request(target);
          const cpuAfter = cpuSecondsOf(server.pid);
          if (!loaded) continue;
          const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1e6) / Math.max(1, loaded.requests);
          const result: Measured = { ...loaded, cpuMicros: cpu };
          if (result.unexpected > 0) throw new Error(`${target.server.name}, ${name}: ${result.unexpected} answers with an unexpected status or error`);
          const key = `${name}\u0000${target.server.name}`;
          results.set(key, [...(results.get(key) ?? []), result]);
        }
      }
    }
    report(
      targets.map((target) => target.server.name),
      results,
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

function report(names: string[], results: Map<string, Measured[]>): void {
  console.log(`\n## Server throughput: autocannon (own process), ${connections} connections, ${seconds} s per run, ${rounds} rounds alternating (medians)`);
  for (const name of Object.keys(REQUESTS) as RequestName[]) {
    console.log(`\n${name}`);
    const summary = new Map<string, { perSecond: number; p50: number; p99: number; cpu: number | undefined }>();
    for (const server of names) {
      const runs = results.get(`${name}\u0000${server}`);
      if (!runs) {
        console.log(`  ${server.padEnd(20)} n/a (the document has no media route to serve)`);
        continue;
      }
      const cpus = runs.flatMap((r) => (r.cpuMicros === undefined ? [] : [r.cpuMicros]));
      const s = {
        perSecond: median(runs.map((r) => r.perSecond)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        cpu: cpus.length ? median(cpus) : undefined,
      };
      summary.set(server, s);
      const cpu = s.cpu === undefined ? 'n/a' : `${s.cpu.toFixed(1)} us`;
      console.log(
        `  ${server.padEnd(20)} ${s.perSecond.toFixed(0).padStart(7)} req/s   ` +
          `p50 ${s.p50.toFixed(0).padStart(3)} ms   p99 ${s.p99.toFixed(0).padStart(3)} ms   server CPU ${cpu.padStart(8)} per request`,
      );
    }
    const sim = summary.get('simulator');
    if (!sim) continue;
    for (const [server, s] of summary) {
      if (server === 'simulator') continue;
      const cpu = sim.cpu === undefined || s.cpu === undefined ? '' : `, CPU per request ${(sim.cpu / s.cpu).toFixed(2)}x`;
      console.log(
        `  simulator / ${server}: throughput ${(sim.perSecond / s.perSecond).toFixed(2)}x, p99 latency ${(sim.p99 / Math.max(s.p99, 1)).toFixed(2)}x${cpu}`,
      );
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchServers();
