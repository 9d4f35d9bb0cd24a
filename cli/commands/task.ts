// Commands on a task that already exists, found by its handle: status, wait, cancel, delete.
import { parseFlags } from '../args.ts';
import { readHandle } from '../handle.ts';
import { EXIT } from '../output.ts';
import type { Session } from '../session.ts';
import { describeTask, WAIT_FLAGS, waitAndSave } from '../waiting.ts';

export async function status(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, {});
  const handle = readHandle(positionals[0]);
  const client = session.connect(values);
  session.target = handle.baseUrl;
  const task = await client.get(handle);
  if (session.output.json) session.output.event({ event: 'status', task });
  else session.output.result(describeTask(task));
  return EXIT.ok;
}

export async function wait(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, WAIT_FLAGS);
  const handle = readHandle(positionals[0]);
  const client = session.connect(values);
  session.target = handle.baseUrl;
  await waitAndSave(client, handle, values, session.output);
  return EXIT.ok;
}

export async function cancel(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, {});
  const handle = readHandle(positionals[0]);
  const client = session.connect(values);
  session.target = handle.baseUrl;
  await client.cancel(handle);
  session.output.event({ event: 'cancelled', handle });
  if (!session.output.json) session.output.result(`cancelled ${handle.taskId} (${handle.dialect})`);
  return EXIT.ok;
}
