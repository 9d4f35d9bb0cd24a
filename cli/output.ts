// How the CLI talks: human lines (a progress bar on a terminal), or JSON Lines with --json. Every
// write passes through the client's redactor (src/redact.ts), so a key that reached any text is
// removed, where it appears as a key, before it is shown.
import { redactText } from '../src/redact.ts';
import { isTerminal, type Task } from '../src/task.ts';
import type { CliWritable } from './io.ts';

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  validation: 3,
  api: 4,
  timeout: 5,
  taskFailed: 6,
  checkFailed: 7,
  /** A submit whose outcome is unknown: the gateway may have accepted (and billed) the task; check before submitting again. */
  submitUnknown: 8,
  /** Interrupted (Ctrl-C): 128 + SIGINT, as shells report it. */
  interrupted: 130,
} as const;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Output {
  json: boolean;
  /** A result line (stdout). */
  result(line: string): void;
  /** A JSON Lines event (stdout), only with --json. */
  event(event: Record<string, unknown>): void;
  /** Diagnostics and progress (stderr); `prefix` is the CLI's own (an error's name), written before the line as it is. */
  note(line: string, prefix?: string): void;
  progress(task: Task, elapsedMs: number): void;
  done(): void;
  /** The run has ended (an embedded run's exit): nothing more is written, as nothing is after the bin's process.exit. */
  close(): void;
}

export function createOutput(options: { json: boolean; secrets: Array<string | undefined>; stdout: CliWritable; stderr: CliWritable }): Output {
  let open = true;
  // Every write goes through these two; after close() they drop the text.
  const stdout = { write: (text: string) => open && options.stdout.write(text) };
  const stderr = { write: (text: string) => open && options.stderr.write(text) };
  // Read on every write: a key found after the output was made (from a file or stdin) is still hidden.
  const clean = (text: string) => redactText(text, options.secrets);
  const tty = options.stderr.isTTY === true && !options.json;
  let lastLine = '';
  let barShown = false;

  return {
    json: options.json,
    result: (line) => void stdout.write(`${clean(line)}\n`),
    event: (event) => {
      // The key is removed from the values, so the line stays JSON whatever the key looks like.
      if (options.json) stdout.write(`${JSON.stringify(event, (_, value: unknown) => (typeof value === 'string' ? clean(value) : value))}\n`);
    },
    note: (line, prefix = '') => {
      if (barShown) stderr.write('\n');
      barShown = false;
      stderr.write(`${prefix}${clean(line)}\n`);
    },
    progress(task, elapsedMs) {
      const percent = task.progress;
      if (tty) {
        const width = 24;
        const filled = Math.round(((percent ?? 0) / 100) * width);
        const bar = percent === undefined ? '·'.repeat(width) : `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        stderr.write(
          `\r  ${task.status.padEnd(9)} [${bar}] ${percent === undefined ? ' -- ' : `${String(percent).padStart(3)}%`}  ${(elapsedMs / 1000).toFixed(0)}s `,
        );
        barShown = true;
        if (isTerminal(task)) {
          stderr.write('\n');
          barShown = false;
        }
      } else if (!options.json) {
        // Without a terminal, one plain line per change: logs stay readable.
        const line = `${task.status}${percent === undefined ? '' : ` ${percent}%`}`;
        if (line !== lastLine) stderr.write(`${clean(line)}\n`);
        lastLine = line;
      }
    },
    done() {
      if (barShown) stderr.write('\n');
      barShown = false;
    },
    close() {
      open = false;
    },
  };
}
