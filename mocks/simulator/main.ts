// npm start: the offline simulator with every dialect on one port.
//   PORT=4010 HOST=127.0.0.1 npm start -- [--speed 1] [--scenario succeed] [--quiet]
import { parseArgs } from 'node:util';
import { DIALECT_IDS } from '../../src/dialects/ids.ts';
import { isScenario, SCENARIOS } from './tasks.ts';
import { startSimulator } from './server.ts';

const { values } = parseArgs({
  options: {
    speed: { type: 'string', default: '1' },
    scenario: { type: 'string', default: 'succeed' },
    quiet: { type: 'boolean', default: false },
  },
});
const speed = Number(values.speed);
const port = Number(process.env.PORT ?? 4010);
if (!Number.isFinite(speed) || speed <= 0 || !isScenario(values.scenario) || !Number.isInteger(port)) {
  console.error(`usage: npm start -- [--speed <factor, e.g. 0.1 for ten times faster>] [--scenario ${SCENARIOS.join('|')}] [--quiet]`);
  process.exit(2);
}

const simulator = await startSimulator({
  host: process.env.HOST ?? '127.0.0.1',
  port,
  scenario: values.scenario,
  lifecycle: { queuedMs: 1_500 * speed, runningMs: 3_500 * speed },
  ...(values.quiet ? {} : { log: (line: string) => console.log(`  ${line}`) }),
});

const width = Math.max(...DIALECT_IDS.map((id) => id.length));
console.log(`Seedance gateway simulator on ${simulator.url} (every dialect offline; tasks finish in about ${(5 * speed).toFixed(1)} s)`);
for (const dialect of DIALECT_IDS) {
  const native = simulator.nativeUrls[dialect];
  console.log(`  ${dialect.padEnd(width)}  ${simulator.urls[dialect]}   (native SDK base URL: ${native})`);
}
console.log(`Scenarios per request: header X-Mock-Scenario or "[mock:<scenario>]" in the prompt; one of ${SCENARIOS.join(', ')}.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulator.close().then(() => process.exit(0)));
