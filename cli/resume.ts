// The commands a failure or an interruption prints so the user can pick the task up again.
import type { TaskHandle } from '../src/task.ts';

/** Quoted for a POSIX shell: one word, whatever the text holds. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The command that resumes a wait for this handle (and downloads the video once it is ready). */
export function resumeCommand(handle: TaskHandle): string {
  return `seedance wait ${shellQuote(JSON.stringify(handle))}`;
}
