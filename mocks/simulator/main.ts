// npm start: the offline simulator with every dialect on one port.
//   PORT=4010 HOST=127.0.0.1 npm start -- [--speed 1] [--scenario succeed] [--quiet]
import { parseArgs } from 'node:util';
import { runSimulator } from './run.ts';
import { isScenario, SCENARIOS } from './tasks.ts';

const { values } = parseArgs({
  options: { speed: { type: 'string', default: '1' }, scenario: { type: 'string', default: 'succeed' }, quiet: { type: 'boolean', default: false } },
});
const speed = Number(values.speed);
const port = Number(process.env.PORT ?? 4010);
if (!Number.isFinite(speed) || speed <= 0 || !isScenario(values.scenario) || !Number.isInteger(port)) {
  console.error(`usage: npm start -- [--speed <factor, e.g. 0.1 for ten times faster>] [--scenario ${SCENARIOS.join('|')}] [--quiet]`);
  process.exit(2);
}
await runSimulator({ host: process.env.HOST ?? '127.0.0.1', port, speed, scenario: values.scenario, quiet: values.quiet, print: (line) => console.log(line) });
