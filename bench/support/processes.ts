// Servers for the benches, each in its own process, started the way a user starts them, and the
// clock that says when one first answers. Loopback only; every child is killed when the bench ends.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const node = process.execPath;

export interface ServerCommand {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** A path answered once the server is up (any HTTP status counts as an answer). */
  probePath: string;
}

export interface RunningServer {
  name: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first HTTP answer. */
  readyMs: number;
  stop(): Promise<void>;
}

/** A port free right now on 127.0.0.1 (for servers that must be told one). */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Spawns `server` on `port` and waits (at most `timeoutMs`) until it answers a request. */
async function startServer(server: ServerCommand, port: number, timeoutMs = 60_000): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(server.command, server.args, {
    cwd: ROOT,
    env: { ...process.env, ...server.env, PORT: String(port), REDOCLY_TELEMETRY: 'off', NO_UPDATE_NOTIFIER: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: process.platform !== 'win32',
  });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4_000) stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${server.name} exited with ${child.exitCode} before answering:\n${stderr}`);
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`${server.name} did not answer within ${timeoutMs} ms:\n${stderr}`);
    }
    try {
      const response = await fetch(url + server.probePath, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return { name: server.name, url, pid: child.pid!, readyMs: performance.now() - started, stop };
    } catch {
      await new Promise((resolveWait) => setTimeout(resolveWait, 2));
    }
  }
}

/** SIGTERM to the child's whole process group (npm and npx start grandchildren), then SIGKILL. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const signal = (name: NodeJS.Signals) => {
    try {
      if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

/** Resident set size of a process in bytes, read from /proc (Linux), or undefined elsewhere. */
export function rssOf(pid: number): number | undefined {
  const path = `/proc/${pid}/status`;
  if (!existsSync(path)) return undefined;
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(path, 'utf8'))?.[1];
  return kib === undefined ? undefined : Number(kib) * 1024;
}

/**
 * CPU time a process has used so far (user + system, all its threads), in seconds, read from
 * /proc/<pid>/stat (Linux; clock ticks of 1/100 s, USER_HZ), or undefined elsewhere.
 */
export function cpuSecondsOf(pid: number): number | undefined {
  const path = `/proc/${pid}/stat`;
  if (!existsSync(path)) return undefined;
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The same servers, as started in every bench. */
export const SERVERS = {
  simulator: (speed = '0.0001'): ServerCommand => ({
    name: 'simulator',
    command: node,
    args: ['dist/mocks/simulator/main.js', '--quiet', '--speed', speed],
    probePath: '/ark/api/v3/contents/generations/tasks/probe',
  }),
  bare: (): ServerCommand => ({ name: 'bare node:http', command: node, args: ['bench/servers/bare-http.mjs'], probePath: '/' }),
  bigFile: (mebibytes: number): ServerCommand => ({ name: 'big file', command: node, args: ['bench/servers/big-file.mjs', String(mebibytes)], probePath: '/' }),
  /** A bare node:http pipe in front of `target`: the floor for a proxy. */
  bareProxy: (target: string): ServerCommand => ({ name: 'bare proxy', command: node, args: ['bench/servers/bare-proxy.mjs', target], probePath: '/' }),
  /** `seedance proxy` (the built bin) in front of `target`. */
  proxy: (target: string, dialect: string): ServerCommand => ({
    name: 'seedance proxy',
    command: node,
    args: ['dist/cli/main.js', 'proxy', '--target', target, '--dialect', dialect],
    probePath: '/',
  }),
  prism: (dialect = 'ark'): ServerCommand => ({
    name: `Prism (${dialect}.yaml)`,
    command: node,
    // Prism's own CLI, as a user runs it, with logging silenced (its fastest setting).
    args: ['node_modules/@stoplight/prism-cli/dist/index.js', 'mock', `openapi/${dialect}.yaml`, '--host', '127.0.0.1', '--verboseLevel', 'silent', '--errors'],
    probePath: '/api/v3/contents/generations/tasks/probe',
  }),
};

/** Prism's CLI takes its port as a flag, not from PORT. */
function withPort(server: ServerCommand, port: number): ServerCommand {
  if (server.name.startsWith('Prism')) return { ...server, args: [...server.args, '--port', String(port)] };
  if (['bare node:http', 'big file', 'bare proxy'].includes(server.name)) return { ...server, args: [...server.args, String(port)] };
  if (server.name === 'seedance proxy') return { ...server, args: [...server.args, '--port', String(port)] };
  return server;
}

export async function start(server: ServerCommand): Promise<RunningServer> {
  const port = await freePort();
  return startServer(withPort(server, port), port);
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
