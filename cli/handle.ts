// Reading a task handle from the command line: the JSON itself, a file holding it, or - for stdin.
import { existsSync } from 'node:fs';
import { isDialectId } from '../generated/dialects.ts';
import type { TaskHandle } from '../src/task.ts';
import { type CliIo, InputTooLargeError, MAX_SMALL_INPUT_BYTES, readFileCapped, readStdin, resolvePath } from './io.ts';
import { UsageError } from './output.ts';

function isHandle(value: unknown): value is TaskHandle {
  if (typeof value !== 'object' || value === null) return false;
  const handle = value as Record<string, unknown>;
  return (
    handle.v === 1 && isDialectId(handle.dialect) && typeof handle.taskId === 'string' && typeof handle.baseUrl === 'string' && typeof handle.model === 'string'
  );
}

export async function readHandle(argument: string | undefined, io: Pick<CliIo, 'cwd' | 'stdin'>): Promise<TaskHandle> {
  if (!argument) throw new UsageError('a task handle is required (the JSON that `seedance submit` prints, a file holding it, or - for stdin)');
  let text = argument;
  try {
    if (argument === '-') text = await readStdin(io, MAX_SMALL_INPUT_BYTES);
    else if (!argument.trim().startsWith('{') && existsSync(resolvePath(io, argument)))
      text = new TextDecoder().decode(await readFileCapped(io, argument, MAX_SMALL_INPUT_BYTES, `the handle file ${argument}`));
  } catch (error) {
    if (error instanceof InputTooLargeError) throw new UsageError(`${error.message}; a handle is one short line of JSON`);
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(
      `not a task handle: ${argument.slice(0, 80)} (expected JSON like {"v":1,"dialect":"ark","model":"...","taskId":"...","baseUrl":"..."})`,
    );
  }
  if (!isHandle(parsed)) throw new UsageError('not a task handle: it needs v: 1, dialect, model, taskId and baseUrl');
  return parsed;
}
