// Memory: the simulator's resident set size (read from /proc by this process, outside the server)
// idle, after 100,000 Ark creates, and at its peak while 10,000 concurrent connections poll a task;
// a bare node:http server under the same load is the baseline. autocannon runs in its own process;
// every run is bounded by a request count or a duration and targets 127.0.0.1 only.
//   npx tsx bench/memory.ts [--tasks 100000] [--pollers 10000] [--seconds 5]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { load } from './support/load.ts';
import { type RunningServer, rssOf, SERVERS, start } from './support/processes.ts';

const { values } = parseArgs({
  options: { tasks: { type: 'string', default: '100000' }, pollers: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '5' } },
  strict: false,
});
const tasks = Number(values.tasks);
const pollers = Number(values.pollers);
const seconds = Number(values.seconds);

const TASKS = '/api/v3/contents/generations/tasks';
const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' };
const body = JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'A kitten yawns at the camera' }], duration: 5 });
const mib = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`);

/** Runs `work` while sampling the server's RSS every 50 ms; returns the peak. */
async function peakRss(server: RunningServer, work: () => Promise<unknown>): Promise<number | undefined> {
  let peak = rssOf(server.pid);
  const timer = setInterval(() => {
    const now = rssOf(server.pid);
    if (now !== undefined && (peak === undefined || now > peak)) peak = now;
  }, 50);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return peak;
}

interface Figures {
  idle?: number;
  afterTasks?: number;
  pollPeak?: number;
  pollRate: number;
  pollP99: number;
}

async function measure(server: RunningServer, base: string): Promise<Figures> {
  const idle = rssOf(server.pid);
  const created = await load({ url: base + TASKS, method: 'POST', headers, body, connections: 10, amount: tasks, expect: 200 });
  if (created.unexpected > 0) throw new Error(`${server.name}: ${created.unexpected} creates failed`);
  const afterTasks = rssOf(server.pid);
  const { id } = (await (await fetch(base + TASKS, { method: 'POST', headers, body })).json()) as { id: string };
  let polled = { perSecond: 0, p99: 0 };
  const pollPeak = await peakRss(server, async () => {
    const result = await load({ url: `${base}${TASKS}/${id}`, headers, connections: pollers, seconds, expect: 200 });
    if (result.unexpected > 0) throw new Error(`${server.name}: ${result.unexpected} polls failed`);
    polled = result;
  });
  return { idle, afterTasks, pollPeak, pollRate: polled.perSecond, pollP99: polled.p99 };
}

export async function benchMemory(): Promise<void> {
  const results = new Map<string, Figures>();
  for (const command of [SERVERS.bare(), SERVERS.simulator()]) {
    const server = await start(command);
    try {
      results.set(server.name, await measure(server, server.name === 'simulator' ? `${server.url}/ark` : server.url));
    } finally {
      await server.stop();
    }
  }
  console.log(
    `\n## Memory: resident set size from /proc, ${tasks.toLocaleString('en')} creates, ` +
      `then ${pollers.toLocaleString('en')} concurrent pollers for ${seconds} s`,
  );
  for (const [name, f] of results) {
    console.log(
      `  ${name.padEnd(16)} idle ${mib(f.idle).padStart(8)}   after ${tasks.toLocaleString('en')} tasks ${mib(f.afterTasks).padStart(8)}` +
        `   peak with ${pollers.toLocaleString('en')} pollers ${mib(f.pollPeak).padStart(8)} (${f.pollRate.toFixed(0)} polls/s, p99 ${f.pollP99} ms)`,
    );
  }
  const sim = results.get('simulator');
  const bare = results.get(SERVERS.bare().name);
  if (sim?.afterTasks && bare?.afterTasks && sim.pollPeak && bare.pollPeak) {
    console.log(
      `  simulator / bare node:http: ${(sim.afterTasks / bare.afterTasks).toFixed(2)}x after the creates, ` +
        `${(sim.pollPeak / bare.pollPeak).toFixed(2)}x with the pollers`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchMemory();
