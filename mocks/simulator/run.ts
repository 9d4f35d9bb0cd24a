// Starts the simulator for a person at a terminal and says where each dialect is. Shared by
// `npm start` (mocks/simulator/main.ts) and `seedance start`.
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { DIALECT_IDS } from '../../generated/dialects.ts';
import { isLoopbackHost } from './hosts.ts';
import { startSimulator, type Simulator } from './server.ts';
import type { ReplayOptions } from './replay.ts';
import { SCENARIOS, type Scenario } from './tasks.ts';

export interface SimulatorRunOptions {
  host: string;
  port: number;
  /** Lifecycle speed factor: 1 = about five seconds per task, 0.1 = ten times faster. */
  speed: number;
  scenario: Scenario;
  quiet: boolean;
  /** Answer CORS preflights and expose the headers clients read (off by default). */
  cors?: boolean;
  /** The origin the simulator's links (video_url, last_frame_url) point at, e.g. behind a proxy; default its own address. */
  publicUrl?: string;
  /** Require this key on every path (gateway and admin); where it came from is printed, never the key. */
  apiKey?: { key: string; from: string };
  /** Host headers accepted besides its own, loopback and publicUrl's. */
  allowedHosts?: string[];
  /** URLs callbacks may be delivered to (none by default). */
  callbackAllow?: string[];
  print: (line: string) => void;
  /** Close and exit the process on SIGINT/SIGTERM (default); false when the caller closes the returned simulator itself. */
  stopOnSignals?: boolean;
  /** Serve a recording first (`--replay`); `from` names it in the banner. */
  replay?: ReplayOptions & { from: string };
}

/**
 * Why a `--public-url` value cannot be used, or undefined when it can: the simulator's links are
 * built as `<public-url>/files/...`, so it must be an absolute http(s) URL with no query, fragment
 * or credentials (a path prefix, as a proxy adds, is kept).
 */
export function publicUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `--public-url takes an absolute http(s) URL such as http://localhost:8080, not "${value}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `--public-url takes an http or https URL, not "${value}"`;
  if (url.search || url.hash || url.username || url.password || value.includes('?') || value.includes('#'))
    return `--public-url takes a URL without query, fragment or credentials, not "${value}"`;
  return undefined;
}

/**
 * The key the simulator is to require, from a key file or SEEDANCE_SIMULATOR_KEY (the file wins), or
 * undefined for none. Problems name the source, never what it holds.
 */
export async function simulatorKey(file: string | undefined, env: Readonly<Record<string, string | undefined>>): Promise<SimulatorRunOptions['apiKey']> {
  if (file === undefined) {
    const key = env.SEEDANCE_SIMULATOR_KEY?.trim();
    if (env.SEEDANCE_SIMULATOR_KEY !== undefined && !key) throw new Error('SEEDANCE_SIMULATOR_KEY is set but empty');
    if (key && /\s/.test(key)) throw new Error('SEEDANCE_SIMULATOR_KEY must be one word without spaces');
    return key ? { key, from: 'SEEDANCE_SIMULATOR_KEY' } : undefined;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the simulator's key from ${file} (${(error as { code?: string }).code ?? 'unreadable'})`);
  }
  const key = text.trim();
  if (!key) throw new Error(`the key file ${file} is empty`);
  if (/\s/.test(key)) throw new Error(`the key in ${file} must be one line without spaces`);
  return { key, from: file };
}

/** Where a simulator bound to `host` can be reached from other machines: the interface addresses of a wildcard, or the host itself. */
function reachableAt(host: string, port: string): string[] {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const addresses = wildcard
    ? Object.values(networkInterfaces())
        .flat()
        .filter((entry) => entry !== undefined && (host !== '0.0.0.0' || entry.family === 'IPv4'))
        .map((entry) => entry!.address)
    : [host];
  return addresses.map((address) => `http://${address.includes(':') && !address.startsWith('[') ? `[${address}]` : address}:${port}`);
}

export async function runSimulator(options: SimulatorRunOptions): Promise<Simulator> {
  const simulator = await startSimulator({
    host: options.host,
    port: options.port,
    scenario: options.scenario,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.cors ? { cors: true } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey.key } : {}),
    ...(options.allowedHosts?.length ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.callbackAllow?.length ? { callbacks: { allow: options.callbackAllow } } : {}),
    lifecycle: { queuedMs: 1_500 * options.speed, runningMs: 3_500 * options.speed },
    ...(options.quiet ? {} : { log: (line: string) => options.print(`  ${line}`) }),
    ...(options.replay ? { replay: options.replay } : {}),
  });
  const width = Math.max(...DIALECT_IDS.map((id) => id.length));
  options.print(`Seedance gateway simulator on ${simulator.url} (every dialect offline; tasks finish in about ${(5 * options.speed).toFixed(1)} s)`);
  for (const dialect of DIALECT_IDS) {
    options.print(`  ${dialect.padEnd(width)}  ${simulator.urls[dialect]}   (native SDK base URL: ${simulator.nativeUrls[dialect]})`);
  }
  const replay = simulator.replay;
  if (options.replay && replay) {
    const rest = options.replay.strict ? 'anything else gets 404 naming the closest recorded request' : 'anything else is simulated';
    const skipped = replay.skipped > 0 ? ` (${replay.skipped} entries are no dialect's operation: skipped)` : '';
    options.print(`Replaying ${replay.exchanges} recorded exchanges from ${options.replay.from}${skipped}; ${rest}.`);
  }
  options.print(`Scenarios per request: header X-Mock-Scenario or "[mock:<scenario>]" in the prompt; one of ${SCENARIOS.join(', ')}.`);
  options.print(
    options.apiKey
      ? `Requires the API key from ${options.apiKey.from} on every path, /__simulator/* included.`
      : 'Accepts any API key; /__simulator/* (the journal: prompts, callback URLs) is open to anyone who can reach it.',
  );
  if (options.callbackAllow?.length) options.print(`Callbacks go only to URLs under: ${options.callbackAllow.join(', ')}.`);
  if (!isLoopbackHost(options.host)) {
    const who = options.apiKey ? 'anyone with the key there can create tasks' : 'anyone there can create tasks, read and clear the journal';
    const advice = options.apiKey ? 'Bind 127.0.0.1 unless you mean it.' : 'Bind 127.0.0.1 unless you mean it, or require a key (SEEDANCE_SIMULATOR_KEY).';
    options.print(`Warning: bound to ${options.host}, so other machines can reach it: ${who}. ${advice}`);
    for (const url of reachableAt(options.host, new URL(simulator.url).port)) options.print(`  reachable at ${url}`);
  }
  if (options.stopOnSignals !== false) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulator.close().then(() => process.exit(0)));
  }
  return simulator;
}
