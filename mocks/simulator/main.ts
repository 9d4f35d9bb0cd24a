// npm start: the offline simulator with every dialect on one port.
//   PORT=4010 HOST=127.0.0.1 SEEDANCE_SIMULATOR_KEY=... npm start -- [--speed 1] [--scenario succeed] [--quiet] [--cors]
//     [--public-url http://host:port] [--api-key-file <file>] [--allowed-host <name>]... [--callback-allow <url>]...
import { parseArgs } from 'node:util';
import { publicUrlProblem, runSimulator, simulatorKey } from './run.ts';
import { isScenario, SCENARIOS } from './tasks.ts';

const USAGE =
  `usage: npm start -- [--speed <factor, e.g. 0.1 for ten times faster>] [--scenario ${SCENARIOS.join('|')}] [--quiet] [--cors]` +
  ' [--public-url <origin of its links>] [--api-key-file <file>] [--allowed-host <name>]... [--callback-allow <url>]...';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const OPTIONS = {
  speed: { type: 'string', default: '1' },
  scenario: { type: 'string', default: 'succeed' },
  quiet: { type: 'boolean', default: false },
  cors: { type: 'boolean', default: false },
  'public-url': { type: 'string' },
  'api-key-file': { type: 'string' },
  'allowed-host': { type: 'string', multiple: true },
  'callback-allow': { type: 'string', multiple: true },
} as const;

const values = (() => {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
const speed = Number(values.speed);
const port = Number(process.env.PORT ?? 4010);
if (!Number.isFinite(speed) || speed <= 0 || !isScenario(values.scenario) || !Number.isInteger(port)) fail(USAGE);
const publicUrl = values['public-url'];
const problem = publicUrl === undefined ? undefined : publicUrlProblem(publicUrl);
if (problem) fail(problem);
const apiKey = await simulatorKey(values['api-key-file'], process.env).catch((error: Error) => fail(error.message));
await runSimulator({
  host: process.env.HOST ?? '127.0.0.1',
  port,
  speed,
  scenario: values.scenario,
  quiet: values.quiet,
  cors: values.cors,
  ...(publicUrl ? { publicUrl } : {}),
  ...(apiKey ? { apiKey } : {}),
  allowedHosts: values['allowed-host'] ?? [],
  callbackAllow: values['callback-allow'] ?? [],
  print: (line) => console.log(line),
});
