// Commands on a task that already exists, found by its handle: status, wait, cancel, delete.
// A handle is read from a file or stdin and names its own base URL; the key goes there only when
// that URL is one the CLI is configured with (--base-url, SEEDANCE_BASE_URL), or with --trust-handle-url.
import type { SeedanceClient } from '../../src/index.ts';
import type { TaskHandle } from '../../src/task.ts';
import { parseFlags } from '../args.ts';
import { readHandle } from '../handle.ts';
import { EXIT } from '../output.ts';
import type { ConnectFlags, Session } from '../session.ts';
import { describeTask, WAIT_FLAGS, waitAndSave } from '../waiting.ts';

const HANDLE_FLAGS = { 'trust-handle-url': { type: 'boolean', default: false } } as const;

/** The handle and a client that may talk to its base URL. */
async function open(
  session: Session,
  flags: ConnectFlags & { 'trust-handle-url': boolean },
  argument: string | undefined,
): Promise<{ client: SeedanceClient; handle: TaskHandle }> {
  const handle = await readHandle(argument, session.io);
  const client = await session.connect(flags, { trustHandleBaseUrls: flags['trust-handle-url'] });
  session.target = handle.baseUrl;
  return { client, handle };
}

export async function status(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, HANDLE_FLAGS);
  const { client, handle } = await open(session, values, positionals[0]);
  const task = await client.get(handle);
  if (session.output.json) session.output.event({ event: 'status', task });
  else session.output.result(describeTask(task));
  return EXIT.ok;
}

export async function wait(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, { ...HANDLE_FLAGS, ...WAIT_FLAGS });
  const { client, handle } = await open(session, values, positionals[0]);
  await waitAndSave(client, handle, values, session);
  return EXIT.ok;
}

/** Stops a task that is still queued; a running or finished one is refused (TaskStateError, exit 4). */
export async function cancel(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, HANDLE_FLAGS);
  const { client, handle } = await open(session, values, positionals[0]);
  await client.cancel(handle);
  session.output.event({ event: 'cancelled', handle });
  if (!session.output.json) session.output.result(`cancelled ${handle.taskId} (${handle.dialect})`);
  return EXIT.ok;
}

/** Removes a finished task and its video at the gateway (Ark); never a queued or running one. */
export async function remove(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, HANDLE_FLAGS);
  const { client, handle } = await open(session, values, positionals[0]);
  await client.delete(handle);
  session.output.event({ event: 'deleted', handle });
  if (!session.output.json) session.output.result(`deleted ${handle.taskId} (${handle.dialect}); its video URL no longer works`);
  return EXIT.ok;
}
