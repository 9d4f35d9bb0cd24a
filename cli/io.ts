// The world one CLI run sees: its streams, environment and working directory, and what only a whole
// process has (its title, Ctrl-C, exiting). The bin (cli/main.ts) passes the real process's; another
// caller of runCli (cli/run.ts), such as the tests, passes its own, so the run reads and changes no
// state of the process it is embedded in.
import { open } from 'node:fs/promises';
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

/**
 * The largest file a media flag, a request file or stdin may give: the documents' limit on a whole
 * request body (64 MiB, openapi/ark.yaml's 413 answer; test/cli/file-limits.test.ts holds the two
 * together). No bigger file can be sent in one request, so none is read past it.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** What a key or a handle can reasonably be: anything longer is not one. */
export const MAX_SMALL_INPUT_BYTES = 64 * 1024;

/** Input larger than its limit; nothing was sent. `what` names it for the message. */
export class InputTooLargeError extends Error {
  override name = 'InputTooLargeError';
  constructor(
    readonly what: string,
    readonly limitBytes: number,
  ) {
    super(`${what} is larger than ${limitBytes} bytes, the most the CLI reads for it`);
  }
}

/**
 * A file's bytes, read a chunk at a time and never past `maxBytes`: a regular file larger than that
 * is refused from its size before any read, a device or pipe (no size, e.g. /dev/zero) as soon as
 * it passes the limit.
 */
export async function readFileCapped(io: Pick<CliIo, 'cwd'>, path: string, maxBytes: number, what: string): Promise<Uint8Array> {
  const file = await open(resolvePath(io, path), 'r');
  try {
    const stats = await file.stat();
    if (stats.isFile() && stats.size > maxBytes) throw new InputTooLargeError(what, maxBytes);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await file.read(new Uint8Array(Math.min(1024 * 1024, maxBytes + 1)), 0, Math.min(1024 * 1024, maxBytes + 1), null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new InputTooLargeError(what, maxBytes);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  } finally {
    await file.close();
  }
}

/** Everything on stdin, as text (a key, a handle or a request piped in), never past `maxBytes`. */
export async function readStdin(io: Pick<CliIo, 'stdin'>, maxBytes = MAX_INPUT_BYTES): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for await (const chunk of io.stdin) {
    const bytes: Uint8Array = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    total += bytes.byteLength;
    if (total > maxBytes) throw new InputTooLargeError('stdin', maxBytes);
    text += decoder.decode(bytes, { stream: true });
  }
  return text + decoder.decode();
}
