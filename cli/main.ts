#!/usr/bin/env node
// seedance: the toolkit's command line, built on the client (src/) and the simulator (mocks/simulator/).
// One function per command (cli/commands/); this file only picks the command and ends the process.
import { keysInArgv, concealKeyFlag } from './api-key.ts';
import { reportFailure } from './failure.ts';
import { EXIT, UsageError } from './output.ts';
import { Session } from './session.ts';
import { USAGE } from './usage.ts';
import { packageVersion } from './version.ts';

type Command = (args: string[], session: Session) => Promise<number>;

// Each command's module is loaded when that command runs, not at every start: `check` alone needs
// ajv and the conformance bundles, `start` the simulator. Every CLI run (and every CLI test, each a
// child process) then loads only its own command.
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start.ts')).start,
  mock: async () => (await import('./commands/start.ts')).start,
  generate: async () => (await import('./commands/generate.ts')).generate,
  submit: async () => (await import('./commands/generate.ts')).submit,
  status: async () => (await import('./commands/task.ts')).status,
  wait: async () => (await import('./commands/task.ts')).wait,
  cancel: async () => (await import('./commands/task.ts')).cancel,
  delete: async () => (await import('./commands/task.ts')).remove,
  models: async () => (await import('./commands/models.ts')).models,
  validate: async () => (await import('./commands/validate.ts')).validate,
  check: async () => (await import('./commands/check.ts')).check,
};

/** A reader that went away (`seedance models | head -1`) is not an error: stop writing, quietly. */
function quietOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}

async function run(argv: string[], session: Session): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    session.output.result(packageVersion());
    return EXIT.ok;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    session.output.result(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) throw new UsageError(`unknown command "${command}"; run seedance --help`);
  if (rest.includes('--help') || rest.includes('-h')) {
    session.output.result(USAGE);
    return EXIT.ok;
  }
  concealKeyFlag(argv, command, (line) => session.output.note(line));
  const handler = await load();
  return handler(rest, session);
}

const argv = process.argv.slice(2);
const session = new Session(argv.includes('--json'), keysInArgv(argv));
quietOnClosedStdout();
try {
  process.exitCode = await run(argv, session);
} catch (error) {
  process.exitCode = reportFailure(error, session);
}
