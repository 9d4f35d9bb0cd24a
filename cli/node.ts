// `seedance-contracts/node`: what only Node can do for a client, kept out of the client entries,
// which run on web-standard APIs only (browsers, Deno, Bun, edge runtimes).
import type { DownloadOptions, SeedanceClient } from '../src/client.ts';
import type { Task, TaskHandle } from '../src/task.ts';
import { saveVideo } from './save-video.ts';

export { FileExistsError, saveVideo } from './save-video.ts';

export interface DownloadToFileOptions extends DownloadOptions {
  /** Replace a file already at the path (default false: FileExistsError, and nothing is written). */
  overwrite?: boolean;
}

/**
 * `client.download` to a file: the video's bytes are written to a hidden file beside `file` and take
 * its name only when complete, so a failed or aborted download leaves nothing behind. Resolves to
 * the byte count; the client's typed errors (NotAVideoError, VideoTooLargeError, ConnectionError...)
 * come through as they are.
 */
export async function downloadToFile(
  client: Pick<SeedanceClient, 'download'>,
  taskOrHandle: Task | TaskHandle,
  file: string,
  options: DownloadToFileOptions = {},
): Promise<number> {
  const { overwrite, ...download } = options;
  return saveVideo(await client.download(taskOrHandle, download), file, { overwrite: overwrite === true });
}
