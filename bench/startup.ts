// Start-up: milliseconds from spawning a server to its first HTTP answer, for `npm start`,
// `seedance start` (the installed bin), the simulator's built entry run by node, Prism's CLI over
// one dialect, and a bare node:http server (the floor). Rounds alternate; medians and ratios.
//   npx tsx bench/startup.ts [--rounds 5]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median, node, type ServerCommand, SERVERS, start } from './support/processes.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } }, strict: false });
const rounds = Number(values.rounds);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const simulatorProbe = SERVERS.simulator().probePath;

const COMMANDS: ServerCommand[] = [
  { name: 'npm start', command: npm, args: ['start', '--silent', '--', '--quiet'], probePath: simulatorProbe },
  { name: 'seedance start', command: node, args: ['dist/cli/main.js', 'start', '--quiet'], probePath: simulatorProbe },
  { name: 'node dist/mocks/simulator/main.js', command: node, args: ['dist/mocks/simulator/main.js', '--quiet'], probePath: simulatorProbe },
  SERVERS.prism('ark'),
  SERVERS.bare(),
];

export async function benchStartup(): Promise<void> {
  await fetch('http://127.0.0.1:9/').catch(() => undefined); // load fetch itself before the clock matters
  const times = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < COMMANDS.length; index++) {
      const command = COMMANDS[(index + round) % COMMANDS.length]!;
      const server = await start(command);
      await server.stop();
      times.set(command.name, [...(times.get(command.name) ?? []), server.readyMs]);
    }
  }
  const bare = median(times.get(SERVERS.bare().name)!);
  const prism = median(times.get(SERVERS.prism('ark').name)!);
  console.log(`\n## Start-up: spawn to first HTTP answer, ${rounds} rounds alternating (medians)`);
  for (const [name, runs] of times) {
    const ms = median(runs);
    console.log(`  ${name.padEnd(36)} ${(ms / 1000).toFixed(2)} s   ${(ms / bare).toFixed(1)}x bare node   ${(ms / prism).toFixed(2)}x Prism CLI`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchStartup();
