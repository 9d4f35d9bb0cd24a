// Saving a finished task's video. The gateway chooses the task id and the video URL, so neither is
// trusted: without --out the file name is the id reduced to safe characters, always a plain name
// in the working directory; the download runs under a deadline and never leaves a partial file.
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ConnectionError } from '../src/errors.ts';
import type { Task } from '../src/task.ts';
import { UsageError, type Output } from './output.ts';

/** A file name for a task's video in the working directory `cwd`: `<id>.mp4`, with the id made safe. */
export function defaultVideoName(taskId: string, cwd: string): string {
  const stem = taskId
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 120);
  const name = `${stem || 'video'}.mp4`;
  // By construction a plain name; checked anyway, because this is the line that keeps writes in cwd.
  if (basename(name) !== name || dirname(resolve(cwd, name)) !== resolve(cwd)) throw new UsageError(`refusing to write outside the working directory: ${name}`);
  return name;
}

/** The body's chunks; the fetch's signal ends a stalled read. */
async function* chunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** The download took longer than it was given; the task itself succeeded. */
export class DownloadTimeoutError extends Error {
  override name = 'DownloadTimeoutError';
}

/**
 * Saves the video to `path` (as given, and as printed), resolved against the working directory `cwd`.
 * `stop` ends it early (an embedded run interrupted; the bin's process just exits).
 */
export async function downloadVideo(task: Task, path: string, limitMs: number, where: { output: Output; cwd: string; stop: AbortSignal }): Promise<void> {
  const { output } = where;
  if (!task.videoUrl) throw new UsageError(`task ${task.id} has no video URL to download`);
  const deadline = AbortSignal.timeout(Math.max(1, limitMs));
  const signal = AbortSignal.any([deadline, where.stop]);
  const file = resolve(where.cwd, path);
  const partial = `${file}.part`;
  try {
    const response = await fetch(task.videoUrl, { signal });
    if (!response.ok || !response.body) throw new ConnectionError(task.dialect, `downloading the video failed: HTTP ${response.status}`);
    await pipeline(chunks(response.body), createWriteStream(partial), { signal });
    renameSync(partial, file);
    const bytes = statSync(file).size;
    const contentType = response.headers.get('content-type');
    output.event({ event: 'downloaded', file: path, bytes, contentType });
    if (!output.json) output.result(`saved ${path} (${(bytes / 1024).toFixed(1)} KiB, ${contentType ?? 'unknown type'})`);
  } catch (error) {
    rmSync(partial, { force: true });
    if (deadline.aborted) {
      throw new DownloadTimeoutError(
        `the video download did not finish within ${(limitMs / 1000).toFixed(1)} s; ` +
          'the task succeeded, so run the same wait again (or give --download-timeout) to fetch it',
      );
    }
    throw error;
  }
}
