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
  print: (line: string) => void;
}

export async function runSimulator(options: RunOptions): Promise<Simulator> {
  const simulator = await startSimulator({
    host: options.host,
    port: options.port,
    scenario: options.scenario,
    lifecycle: { queuedMs: 1_500 * options.speed, runningMs: 3_500 * options.speed },
    ...(options.quiet ? {} : { log: (line: string) => options.print(`  ${line}`) }),
  });
  const width = Math.max(...DIALECT_IDS.map((id) => id.length));
  options.print(`Seedance gateway simulator on ${simulator.url} (every dialect offline; tasks finish in about ${(5 * options.speed).toFixed(1)} s)`);
  for (const dialect of DIALECT_IDS) {
    options.print(`  ${dialect.padEnd(width)}  ${simulator.urls[dialect]}   (native SDK base URL: ${simulator.nativeUrls[dialect]})`);
  }
  options.print(`Scenarios per request: header X-Mock-Scenario or "[mock:<scenario>]" in the prompt; one of ${SCENARIOS.join(', ')}.`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulator.close().then(() => process.exit(0)));
  return simulator;
}
