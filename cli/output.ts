// How the CLI talks: human lines (a progress bar on a terminal), or JSON Lines with --json. Every
// write passes through the client's redactor (src/redact.ts), so a key that reached any text is
// removed, where it appears as a key, before it is shown. Text from a gateway (ids, codes,
// messages) could carry terminal controls (ESC sequences that set the title or clear the screen, a
// newline that forges a line): in human output every control character is written as an escape,
// and the CLI's own line breaks are the only ones; --json stays exact.
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
  /**
   * A result line (stdout). Every text given to result and note is one line: control characters in
   * it (gateway text, say) are escaped; write several lines with several calls.
   */
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

/**
 * Characters a terminal acts on rather than shows: C0 controls (ESC, BEL, CR, LF, ...), DEL, C1
 * controls (CSI 0x9b included), the Unicode line and paragraph separators, and the bidirectional
 * overrides and isolates that reorder what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One line of human output as text a terminal shows and nothing else: each control character written as an escape, as git, kubectl and gh do. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    return NAMED[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`);
  });
}

/** JSON with the characters JSON.stringify leaves raw (DEL, C1, separators, bidi controls) as \u escapes: the same values, nothing a terminal acts on. */
function jsonLine(value: unknown, clean: (text: string) => string): string {
  const replacer = (_: string, field: unknown) => (typeof field === 'string' ? clean(field) : field);
  let text: string;
  try {
    text = JSON.stringify(value, replacer);
  } catch (error) {
    // A gateway body nested deeper than JSON.stringify can go (it recurses): the rest is cut.
    if (!(error instanceof RangeError)) throw error;
    text = JSON.stringify(withinDepth(value, MAX_JSON_DEPTH), replacer);
  }
  return text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** How deep an event is written when it cannot be written whole. */
const MAX_JSON_DEPTH = 64;

/** A copy of plain JSON data with everything below `depth` levels replaced by "[too deep]". */
function withinDepth(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth === 0) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => withinDepth(item, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, withinDepth(field, depth - 1)]));
}

export function createOutput(options: { json: boolean; secrets: Array<string | undefined>; stdout: CliWritable; stderr: CliWritable }): Output {
  let open = true;
  // Every write goes through these two; after close() they drop the text.
  const stdout = { write: (text: string) => open && options.stdout.write(text) };
  const stderr = { write: (text: string) => open && options.stderr.write(text) };
  // Read on every write: a key found after the output was made (from a file or stdin) is still hidden.
  const clean = (text: string) => redactText(text, options.secrets);
  // A human line: the key removed, then every control character escaped; the only line break is the one written after it.
  const line = (text: string) => escapeControls(clean(text));
  const tty = options.stderr.isTTY === true && !options.json;
  let lastLine = '';
  let barShown = false;

  return {
    json: options.json,
    result: (text) => void stdout.write(`${line(text)}\n`),
    event: (event) => {
      // The key is removed from the values, so the line stays JSON whatever the key looks like.
      if (options.json) stdout.write(`${jsonLine(event, clean)}\n`);
    },
    note: (text, prefix = '') => {
      if (barShown) stderr.write('\n');
      barShown = false;
      stderr.write(`${prefix}${line(text)}\n`);
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
        const current = `${task.status}${percent === undefined ? '' : ` ${percent}%`}`;
        if (current !== lastLine) stderr.write(`${line(current)}\n`);
        lastLine = current;
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
