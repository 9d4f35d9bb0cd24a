// Starts the simulator for a person at a terminal and says where each dialect is. Shared by
// `npm start` (mocks/simulator/main.ts) and `seedance start`.
import { DIALECT_IDS } from '../../src/dialects/ids.ts';
import { startSimulator, type Simulator } from './server.ts';
import { SCENARIOS, type Scenario } from './tasks.ts';

export interface RunOptions {
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
  print: (line: string) => void;
  /** Close and exit the process on SIGINT/SIGTERM (default); false when the caller closes the returned simulator itself. */
  stopOnSignals?: boolean;
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

export async function runSimulator(options: RunOptions): Promise<Simulator> {
  const simulator = await startSimulator({
    host: options.host,
    port: options.port,
    scenario: options.scenario,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.cors ? { cors: true } : {}),
    lifecycle: { queuedMs: 1_500 * options.speed, runningMs: 3_500 * options.speed },
    ...(options.quiet ? {} : { log: (line: string) => options.print(`  ${line}`) }),
  });
  const width = Math.max(...DIALECT_IDS.map((id) => id.length));
  options.print(`Seedance gateway simulator on ${simulator.url} (every dialect offline; tasks finish in about ${(5 * options.speed).toFixed(1)} s)`);
  for (const dialect of DIALECT_IDS) {
    options.print(`  ${dialect.padEnd(width)}  ${simulator.urls[dialect]}   (native SDK base URL: ${simulator.nativeUrls[dialect]})`);
  }
  options.print(`Scenarios per request: header X-Mock-Scenario or "[mock:<scenario>]" in the prompt; one of ${SCENARIOS.join(', ')}.`);
  if (options.stopOnSignals !== false) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulator.close().then(() => process.exit(0)));
  }
  return simulator;
}
