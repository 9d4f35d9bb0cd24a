#!/usr/bin/env node
// seedance: the toolkit's command line, built on the client (src/) and the simulator (mocks/simulator/).
// One function per command (cli/commands/), picked by runCli (cli/run.ts); this file gives it the
// real process (streams, environment, working directory, title, SIGINT, exit) and ends the process.
import { realProcess } from './io.ts';
import { EXIT } from './output.ts';
import { runCli } from './run.ts';

/** A reader that went away (`seedance models | head -1`) is not an error: stop writing, quietly. */
function quietOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}

quietOnClosedStdout();
process.exitCode = await runCli(process.argv.slice(2), {
  // A getter: stdin is opened only when a command reads it (an argument `-`).
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  process: realProcess(),
});
