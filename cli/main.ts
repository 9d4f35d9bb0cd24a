#!/usr/bin/env node
// seedance: the toolkit's command line, built on the client (src/) and the simulator (mocks/simulator/).
// One function per command (cli/commands/); this file only picks the command and ends the process.
import { keysInArgv, concealKeyFlag } from './api-key.ts';
import { check } from './commands/check.ts';
import { generate, submit } from './commands/generate.ts';
import { models } from './commands/models.ts';
import { start } from './commands/start.ts';
import { cancel, remove, status, wait } from './commands/task.ts';
import { validate } from './commands/validate.ts';
import { reportFailure } from './failure.ts';
import { EXIT, UsageError } from './output.ts';
import { Session } from './session.ts';
import { USAGE } from './usage.ts';
import { packageVersion } from './version.ts';

type Command = (args: string[], session: Session) => Promise<number>;

const COMMANDS: Record<string, Command> = { start, mock: start, generate, submit, status, wait, cancel, delete: remove, models, validate, check };

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
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) throw new UsageError(`unknown command "${command}"; run seedance --help`);
  if (rest.includes('--help') || rest.includes('-h')) {
    session.output.result(USAGE);
    return EXIT.ok;
  }
  concealKeyFlag(argv, command, (line) => session.output.note(line));
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
