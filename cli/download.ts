// Saving a finished task's video, through client.download (the dialect's own download rules, the
// key scope, the video check and the size limit) and saveVideo (complete files only, no overwrite
// without --force). The gateway chooses the task id and the video URL, so neither is trusted:
// without --out the file name is the id reduced to safe characters, always a plain name in the
// working directory, and never a secret-looking id. The download runs under a deadline; whatever
// goes wrong, the task succeeded, so every failure says how to fetch the video again.
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { SeedanceClient } from '../src/index.ts';
import { redactText } from '../src/redact.ts';
import { SNIFF_BYTES, sniffBytes } from '../src/sniff.ts';
import type { TaskHandle } from '../src/task.ts';
import { UsageError, type Output } from './output.ts';
import { FileExistsError, saveVideo } from './save-video.ts';
import { resumeCommand } from './resume.ts';

/** Shapes of credentials a gateway might echo into an id: a file must not be named after one. */
const SECRET_SHAPES = /(^|[^a-z])(sk|pk|rk|ak)[-_]|bearer|secret|token|api[-_]?key|^eyJ/i;

/** Whether a gateway-chosen value may be a secret: it carries a known key, or looks like a credential. */
function looksSecret(value: string, secrets: readonly string[]): boolean {
  return redactText(value, secrets) !== value || SECRET_SHAPES.test(value);
}

/**
 * A file name for a task's video in the working directory `cwd`: `<id>.mp4`, with the id made safe;
 * `video-<time>.mp4` when the id looks like a secret.
 */
export function defaultVideoName(taskId: string, cwd: string, secrets: readonly string[] = []): string {
  const stem = looksSecret(taskId, secrets)
    ? `video-${Date.now()}`
    : taskId
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .replace(/^[._-]+/, '')
        .slice(0, 120);
  const name = `${stem || 'video'}.mp4`;
  // By construction a plain name; checked anyway, because this is the line that keeps writes in cwd.
  if (basename(name) !== name || dirname(resolve(cwd, name)) !== resolve(cwd)) throw new UsageError(`refusing to write outside the working directory: ${name}`);
  return name;
}

/** Refuses a target that exists, before anything is paid for or downloaded. */
export function refuseExisting(path: string, cwd: string, force: boolean, handle?: TaskHandle): void {
  if (force || !existsSync(resolve(cwd, path))) return;
  const resume = handle ? `. The task goes on: ${resumeCommand(handle)} --out <file>` : '';
  throw new UsageError(`${path} already exists; pass --force to overwrite it, or --out another file${resume}`);
}

/** The download took longer than it was given; the task itself succeeded. */
export class DownloadTimeoutError extends Error {
  override name = 'DownloadTimeoutError';
}

/**
 * The task succeeded but its video was not saved: a connection that broke off, an answer that is not
 * a video or is too large, a file in the way. `error` is what went wrong (it chooses the exit code);
 * the task can be downloaded again with `seedance wait <handle>`.
 */
export class DownloadFailedError extends Error {
  override name = 'DownloadFailedError';
  constructor(
    readonly error: Error,
    readonly handle: TaskHandle,
  ) {
    super(error.message, { cause: error });
  }
}

export interface DownloadSettings {
  /** Wall-clock limit of the whole download. */
  limitMs: number;
  maxBytes: number;
  force: boolean;
  output: Output;
  cwd: string;
  /** Ends the download early (an embedded run interrupted; the bin's process just exits). */
  stop: AbortSignal;
}

/** What the first bytes of the saved file are (the one sniffer), for the line that reports it. */
async function savedType(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(new Uint8Array(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    return sniffBytes(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Saves the task's video to `path` (as given, and as printed), resolved against the working directory. */
export async function downloadVideo(client: SeedanceClient, handle: TaskHandle, path: string, settings: DownloadSettings): Promise<void> {
  const { output, force } = settings;
  const file = resolve(settings.cwd, path);
  refuseExisting(path, settings.cwd, force, handle);
  const deadline = AbortSignal.timeout(Math.max(1, settings.limitMs));
  const signal = AbortSignal.any([deadline, settings.stop]);
  try {
    const stream = await client.download(handle, { signal, maxBytes: settings.maxBytes });
    const bytes = await saveVideo(stream, file, { overwrite: force });
    const contentType = await savedType(file);
    output.event({ event: 'downloaded', file: path, bytes, contentType });
    if (!output.json) output.result(`saved ${path} (${(bytes / 1024).toFixed(1)} KiB, ${contentType})`);
  } catch (error) {
    if (deadline.aborted) {
      throw new DownloadTimeoutError(
        `the video download did not finish within ${(settings.limitMs / 1000).toFixed(1)} s; ` +
          'the task succeeded, so run the same wait again (or give --download-timeout) to fetch it',
      );
    }
    if (error instanceof FileExistsError) throw new UsageError(`${path} appeared while downloading; pass --force to overwrite it`);
    throw new DownloadFailedError(error instanceof Error ? error : new Error(String(error)), handle);
  }
}
