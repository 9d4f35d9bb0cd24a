// The world one CLI run sees: its streams, environment and working directory, and what only a whole
// process has (its title, Ctrl-C, exiting). The bin (cli/main.ts) passes the real process's; another
// caller of runCli (cli/run.ts), such as the tests, passes its own, so the run reads and changes no
// state of the process it is embedded in.
import { resolve } from 'node:path';

/** A stream the CLI writes lines to; `isTTY` (stderr's) chooses the progress bar over plain lines. */
export type CliWritable = NodeJS.WritableStream & { isTTY?: boolean };

export interface CliIo {
  /** Read only when an argument says `-` (a handle, a request, or the key with --api-key-stdin). */
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: CliWritable;
  readonly stderr: CliWritable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths (files given, videos saved, reports written) resolve against. */
  readonly cwd: string;
  /** The real process's effects; only cli/main.ts gives them. Without them the run is embedded (see `embeddedProcess`). */
  readonly process?: CliProcess | undefined;
  /** An embedded run's Ctrl-C: aborting this signal interrupts the run as SIGINT interrupts the bin. */
  readonly interrupt?: AbortSignal | undefined;
}

/** What a run may do to the whole process it runs in. */
export interface CliProcess {
  /** Renames the process (hides an --api-key from /proc/<pid>/cmdline and `ps`). */
  setTitle(title: string): void;
  /** Calls `listener` once on Ctrl-C, until the returned function is called. */
  onInterrupt(listener: () => void): () => void;
  /** Ends the run now with this exit code; nothing written after it is shown. */
  exit(code: number): void;
}

/** The bin's process: the real title, SIGINT, and process.exit. */
export function realProcess(): CliProcess {
  return {
    setTitle: (title) => {
      process.title = title;
    },
    onInterrupt(listener) {
      process.once('SIGINT', listener);
      return () => process.off('SIGINT', listener);
    },
    exit: (code) => process.exit(code),
  };
}

/**
 * An embedded run's process: the title stays the embedder's (the key is only in the argv array the
 * caller handed over, never in this process's command line), Ctrl-C is `io.interrupt`, and exiting
 * ends the run (`end`) instead of the process. No process-wide listener is added and process.exit is
 * never called, so a test worker running many CLI runs side by side keeps its state.
 */
export function embeddedProcess(interrupt: AbortSignal | undefined, end: (code: number) => void): CliProcess {
  return {
    setTitle: () => undefined,
    onInterrupt(listener) {
      if (!interrupt) return () => undefined;
      if (interrupt.aborted) {
        let live = true;
        queueMicrotask(() => live && listener());
        return () => {
          live = false;
        };
      }
      interrupt.addEventListener('abort', listener, { once: true });
      return () => interrupt.removeEventListener('abort', listener);
    },
    exit: end,
  };
}

/** A path the user gave, resolved against the run's working directory (which may not be the process's). */
export function resolvePath(io: Pick<CliIo, 'cwd'>, path: string): string {
  return resolve(io.cwd, path);
}

/** Everything on stdin, as text (a key, a handle or a request piped in). */
export async function readStdin(io: Pick<CliIo, 'stdin'>): Promise<string> {
  let text = '';
  io.stdin.setEncoding('utf8');
  for await (const chunk of io.stdin) text += String(chunk);
  return text;
}
