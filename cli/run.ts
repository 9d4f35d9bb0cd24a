// One run of the command line, on the I/O it is given (cli/io.ts): picks the command, runs it, and
// answers its exit code. The bin (cli/main.ts) calls it with the real process; the tests call it
// in-process with their own streams, environment and working directory.
import { concealKeyFlag, keysInArgv } from './api-key.ts';
import { reportFailure } from './failure.ts';
import { type CliIo, embeddedProcess } from './io.ts';
import { EXIT, UsageError } from './output.ts';
import { Session } from './session.ts';
import { USAGE } from './usage.ts';
import { packageVersion } from './version.ts';

export type { CliIo } from './io.ts';

type Command = (args: string[], session: Session) => Promise<number>;

// Each command's module is loaded when that command runs, not at every start: `check` alone needs
// ajv and the conformance bundles, `start` the simulator. Every run of the bin then loads only its
// own command.
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
  proxy: async () => (await import('./commands/proxy.ts')).proxy,
  drift: async () => (await import('./commands/drift.ts')).drift,
};

/** The help text, a line at a time (each output call is one line). */
function printUsage(session: Session): void {
  for (const line of USAGE.split('\n')) session.output.result(line);
}

async function dispatch(argv: string[], session: Session): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    session.output.result(packageVersion());
    return EXIT.ok;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    printUsage(session);
    return command ? EXIT.ok : EXIT.usage;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) throw new UsageError(`unknown command "${command}"; run seedance --help`);
  if (rest.includes('--help') || rest.includes('-h')) {
    printUsage(session);
    return EXIT.ok;
  }
  concealKeyFlag(argv, command, session.process, (line) => session.output.note(line));
  const handler = await load();
  return handler(rest, session);
}

/**
 * Runs `seedance <argv>` and answers its exit code; a failure is reported on `io.stderr` (or as a JSON
 * event) and mapped to its code, never thrown. With `io.process` the run may act on that process
 * (the bin); without it the run is embedded: aborting `io.interrupt` is Ctrl-C, and an exit (130
 * after Ctrl-C while waiting) ends this run, its later output dropped, instead of the process.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let ended: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    ended = resolve;
  });
  const session: Session = new Session({
    json: argv.includes('--json'),
    secrets: keysInArgv(argv),
    io,
    process:
      io.process ??
      embeddedProcess(io.interrupt, (code) => {
        session.output.close();
        ended(code);
      }),
  });
  const finished = dispatch(argv, session).catch((error: unknown) => reportFailure(error, session));
  return Promise.race([finished, exited]);
}
