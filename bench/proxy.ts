// The proxy's cost: the latency `seedance proxy` adds to a request on loopback, and its memory
// while a 50 MiB video streams through it, each beside a bare node:http pipe proxy (the floor for
// any proxy on Node). Every server is its own process (a bare node:http gateway answering a fixed
// Ark task, a gateway streaming a large MP4, the bare pipe, and the proxy as the built bin runs
// it), and so is the load: a latency probe timing requests one at a time in microseconds
// (bench/support/latency.mjs). Rounds rotate the order; medians are printed. The downloads are read
// here, as fast as they come, while each proxy's RSS is read from /proc.
//   npx tsx bench/proxy.ts [--requests 2000] [--rounds 5] [--megabytes 50]
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { cpuSecondsOf, median, node, ROOT, type RunningServer, rssOf, SERVERS, start } from './support/processes.ts';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' }, megabytes: { type: 'string', default: '50' } },
  strict: false,
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const megabytes = Number(values.megabytes);

const run = promisify(execFile);
const TASK = '/api/v3/contents/generations/tasks/cgt-20260101000000-abcde';
const CONTENT = '/v1/videos/task_1/content';
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (micros: number) => `${(micros / 1000).toFixed(3)} ms`;

interface Latency {
  p50: number;
  p99: number;
}

/** The probe in its own process: `requests` sequential GETs of `url`. */
async function probe(url: string): Promise<Latency> {
  const { stdout } = await run(node, [resolve(ROOT, 'bench/support/latency.mjs'), url, String(requests), 'authorization=Bearer bench-key'], { cwd: ROOT });
  return JSON.parse(stdout) as Latency;
}

async function addedLatency(): Promise<void> {
  const gateway = await start(SERVERS.bare());
  const bare = await start(SERVERS.bareProxy(gateway.url));
  const proxy = await start(SERVERS.proxy(gateway.url, 'ark'));
  const routes = [
    { name: 'direct to a bare node:http gateway', url: `${gateway.url}${TASK}`, server: undefined },
    { name: 'through a bare node:http pipe proxy', url: `${bare.url}${TASK}`, server: bare },
    { name: 'through seedance proxy', url: `${proxy.url}${TASK}`, server: proxy },
  ];
  try {
    const results = new Map<string, Latency[]>();
    // The proxy's own CPU time per request: what it adds to a request on an idle machine, and far
    // less disturbed by a busy one than the latency is.
    const cpu = new Map<string, number[]>();
    for (const route of routes) await probe(route.url); // warm-up: JIT, connections, the proxy's validators
    for (let round = 0; round < rounds; round++) {
      // A rotating order, so a busy moment slows every route alike.
      for (let index = 0; index < routes.length; index++) {
        const route = routes[(index + round) % routes.length]!;
        const before = route.server && cpuSecondsOf(route.server.pid);
        results.set(route.name, [...(results.get(route.name) ?? []), await probe(route.url)]);
        const after = route.server && cpuSecondsOf(route.server.pid);
        if (before !== undefined && after !== undefined) cpu.set(route.name, [...(cpu.get(route.name) ?? []), ((after - before) * 1e6) / requests]);
      }
    }
    const p50 = (name: string) => median(results.get(name)!.map((result) => result.p50));
    const p99 = (name: string) => median(results.get(name)!.map((result) => result.p99));
    console.log(`\n## Proxy latency: an Ark poll, ${requests} sequential requests x ${rounds} rounds rotating (medians)`);
    for (const { name } of routes) console.log(`  ${name.padEnd(38)} p50 ${ms(p50(name))}   p99 ${ms(p99(name))}`);
    const [direct, pipe, seedance] = routes.map((route) => route.name) as [string, string, string];
    console.log(`  added by seedance proxy                p50 +${ms(p50(seedance) - p50(direct))} (the bare pipe: +${ms(p50(pipe) - p50(direct))})`);
    const perRequest = (name: string) => (cpu.has(name) ? `${median(cpu.get(name)!).toFixed(0)} us` : 'n/a (CPU time is read from /proc)');
    console.log(`  proxy CPU per request                  seedance proxy ${perRequest(seedance)}, the bare pipe ${perRequest(pipe)}`);
  } finally {
    for (const server of [proxy, bare, gateway]) await server.stop();
  }
}

/** Reads a download to its end, discarding it; resolves to the bytes read. */
async function download(url: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: 'Bearer bench-key' } });
  if (response.status !== 200 || !response.body) throw new Error(`${url} answered ${response.status}`);
  const reader = response.body.getReader();
  let bytes = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) bytes += next.value.byteLength;
  return bytes;
}

/** Runs `work` while reading the process's RSS every 5 ms; returns the peak. */
async function peakDuring(pid: number, work: () => Promise<unknown>): Promise<number> {
  let peak = rssOf(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid) ?? 0);
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssOf(pid) ?? 0);
}

/** One proxy's RSS through two downloads: ready (after a small exchange), the first's peak, the second's peak over what the first left. */
async function downloadsThrough(server: RunningServer, smallPath: string) {
  await fetch(`${server.url}${smallPath}`).then((response) => response.arrayBuffer());
  const ready = rssOf(server.pid) ?? 0;
  const started = performance.now();
  let bytes = 0;
  const first = await peakDuring(server.pid, async () => {
    bytes = await download(`${server.url}${CONTENT}`);
  });
  const seconds = (performance.now() - started) / 1000;
  const settled = rssOf(server.pid) ?? 0;
  const second = await peakDuring(server.pid, () => download(`${server.url}${CONTENT}`));
  return { ready, first, settled, second, bytes, seconds };
}

async function streamedDownload(): Promise<void> {
  const gateway = await start(SERVERS.bigFile(megabytes));
  const bare = await start(SERVERS.bareProxy(gateway.url));
  const proxy = await start(SERVERS.proxy(gateway.url, 'content-metadata'));
  try {
    console.log(`\n## Proxy memory: a ${megabytes} MiB MP4 streamed through, twice (RSS of the proxy's process, read every 5 ms)`);
    if (rssOf(proxy.pid) === undefined) {
      console.log('  n/a: RSS is read from /proc (Linux)');
      return;
    }
    await download(`${gateway.url}${CONTENT}`);
    // A small exchange first: the contract's validators are compiled on first use.
    for (const [name, server] of [
      ['seedance proxy', proxy],
      ['bare node:http pipe proxy', bare],
    ] as const) {
      const { bytes, seconds, ready, first, settled, second } = await downloadsThrough(server, '/v1/video/generations/task_1');
      const rss = `RSS ready ${mib(ready)}, first download peak +${mib(first - ready)}, second +${mib(second - settled)} over the ${mib(settled)} left`;
      console.log(`  ${name.padEnd(26)} ${mib(bytes)} in ${seconds.toFixed(2)} s; ${rss}`);
    }
  } finally {
    for (const server of [proxy, bare, gateway]) await server.stop();
  }
}

export async function benchProxy(): Promise<void> {
  await addedLatency();
  await streamedDownload();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchProxy();
