// `seedance generate` (submit, wait, download) and `seedance submit` (print the handle and return).
import { parseFlags } from '../args.ts';
import { EXIT } from '../output.ts';
import { REQUEST_FLAGS, requestFromFlags } from '../request-flags.ts';
import type { Session } from '../session.ts';
import { refuseExisting } from '../download.ts';
import { resumeCommand } from '../resume.ts';
import { WAIT_FLAGS, waitAndSave } from '../waiting.ts';

export async function generate(args: string[], session: Session): Promise<number> {
  const { values } = parseFlags(args, { ...REQUEST_FLAGS, ...WAIT_FLAGS });
  // Before anything is paid for: a file in the way would only be found after the video was made.
  if (values.out !== undefined) refuseExisting(values.out, session.io.cwd, values.force);
  const client = await session.connect(values);
  const handle = await client.submit(await requestFromFlags(values, session.io));
  session.output.event({ event: 'submitted', handle });
  if (!session.output.json) session.output.note(`submitted ${handle.taskId} (${handle.dialect}); resume with: ${resumeCommand(handle)}`);
  await waitAndSave(client, handle, values, session);
  return EXIT.ok;
}

export async function submit(args: string[], session: Session): Promise<number> {
  const { values } = parseFlags(args, REQUEST_FLAGS);
  const client = await session.connect(values);
  const handle = await client.submit(await requestFromFlags(values, session.io));
  session.output.event({ event: 'submitted', handle });
  if (!session.output.json) session.output.result(JSON.stringify(handle));
  return EXIT.ok;
}
