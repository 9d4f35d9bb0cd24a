// npm start: the offline simulator with every dialect on one port.
//   PORT=4010 HOST=127.0.0.1 npm start -- [--speed 1] [--scenario succeed] [--quiet] [--cors] [--public-url http://host:port]
import { parseArgs } from 'node:util';
import { publicUrlProblem, runSimulator } from './run.ts';
import { isScenario, SCENARIOS } from './tasks.ts';

const { values } = parseArgs({
  options: {
    speed: { type: 'string', default: '1' },
    scenario: { type: 'string', default: 'succeed' },
    quiet: { type: 'boolean', default: false },
    cors: { type: 'boolean', default: false },
    'public-url': { type: 'string' },
  },
});
const speed = Number(values.speed);
const port = Number(process.env.PORT ?? 4010);
if (!Number.isFinite(speed) || speed <= 0 || !isScenario(values.scenario) || !Number.isInteger(port)) {
  console.error(
    `usage: npm start -- [--speed <factor, e.g. 0.1 for ten times faster>] [--scenario ${SCENARIOS.join('|')}] [--quiet] [--cors]` +
      ' [--public-url <origin of its links>]',
  );
  process.exit(2);
}
const publicUrl = values['public-url'];
const problem = publicUrl === undefined ? undefined : publicUrlProblem(publicUrl);
if (problem) {
  console.error(problem);
  process.exit(2);
}
await runSimulator({
  host: process.env.HOST ?? '127.0.0.1',
  port,
  speed,
  scenario: values.scenario,
  quiet: values.quiet,
  cors: values.cors,
  ...(publicUrl ? { publicUrl } : {}),
  print: (line) => console.log(line),
});
