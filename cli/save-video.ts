// Writing a video stream (client.download) to a file in Node: the CLI's downloads use it. It lives
// in cli/, not in the package's client entries, because those run on web-standard APIs only; an app
// on Node that wants no more than the bytes on disk writes the same stream with
// `pipeline(Readable.fromWeb(stream), createWriteStream(path))`. What this adds is the CLI's policy:
// the bytes go to a hidden temporary file beside the target and become the target only when they
// are complete, never over an existing file unless asked, and a failed download leaves nothing.
import { randomUUID } from 'node:crypto';
import { link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The target exists and overwriting was not asked for; nothing was written. */
export class FileExistsError extends Error {
  override name = 'FileExistsError';
  constructor(readonly path: string) {
    super(`${path} already exists`);
  }
}

/** Writes every chunk of `stream` to `file` and answers the byte count. */
export async function saveVideo(stream: ReadableStream<Uint8Array>, file: string, options: { overwrite?: boolean } = {}): Promise<number> {
  const partial = join(dirname(file), `.${basename(file)}.${randomUUID().slice(0, 8)}.part`);
  const reader = stream.getReader();
  let bytes = 0;
  try {
    const handle = await open(partial, 'wx', 0o644);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await handle.write(value);
        bytes += value.byteLength;
      }
    } finally {
      await handle.close();
    }
    // A hard link gives the complete file its name only when no file has it, atomically (EEXIST otherwise).
    if (options.overwrite) await rename(partial, file);
    else await link(partial, file);
    return bytes;
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw (error as NodeJS.ErrnoException).code === 'EEXIST' ? new FileExistsError(file) : error;
  } finally {
    await rm(partial, { force: true });
  }
}
