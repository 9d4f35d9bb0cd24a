// Waiting for a task and saving its video, shared by `generate` and `wait`; Ctrl-C while waiting
// ends the progress line and says how to resume instead of dying mid-line. Ctrl-C and exiting come
// from the session's process (cli/io.ts): for the bin, SIGINT and process.exit(130), as ever; for an
// embedded run, its interrupt signal, and the run (not the process) ends with 130.
import type { SeedanceClient } from '../src/index.ts';
import { DEFAULT_MAX_VIDEO_BYTES } from '../src/download.ts';
import type { Task, TaskHandle } from '../src/task.ts';
import { byteSize, seconds } from './args.ts';
import { defaultVideoName, downloadVideo } from './download.ts';
import { EXIT } from './output.ts';
import { resumeCommand } from './resume.ts';
import type { Session } from './session.ts';

export const WAIT_FLAGS = {
  out: { type: 'string', short: 'o' },
  timeout: { type: 'string' },
  'poll-interval': { type: 'string' },
  'download-timeout': { type: 'string' },
  'max-size': { type: 'string' },
  force: { type: 'boolean', default: false },
} as const;

export interface WaitFlags {
  out?: string | undefined;
  timeout?: string | undefined;
  'poll-interval'?: string | undefined;
  'download-timeout'?: string | undefined;
  'max-size'?: string | undefined;
  force?: boolean | undefined;
}

export function describeTask(task: Task): string {
  const parts = [`${task.id} (${task.dialect}, ${task.model}): ${task.status}`, `raw ${task.rawStatus}`];
  if (task.progress !== undefined) parts.push(`${task.progress}%`);
  if (task.videoUrl) parts.push(`video ${task.videoUrl}`);
  if (task.error) parts.push(`error ${task.error.code ?? ''} ${task.error.message}`.trim());
  return parts.join(', ');
}

/**
 * Until the returned function is called, Ctrl-C ends the progress line, prints the resume command and
 * exits 130. The bin's exit never returns; an embedded run's does, so the wait is then stopped too (`stop`).
 */
function resumeOnInterrupt(handle: TaskHandle, session: Session, stop: AbortController): () => void {
  const { output } = session;
  return session.process.onInterrupt(() => {
    output.done();
    output.event({ event: 'interrupted', handle });
    output.note(`interrupted; task ${handle.taskId} goes on at the gateway. Resume with:`);
    output.note(`  ${resumeCommand(handle)}`);
    session.process.exit(EXIT.interrupted);
    stop.abort();
  });
}

export async function waitAndSave(client: SeedanceClient, handle: TaskHandle, flags: WaitFlags, session: Session): Promise<void> {
  const { output } = session;
  const timeoutMs = seconds('timeout', flags.timeout, 600);
  const pollIntervalMs = seconds('poll-interval', flags['poll-interval'], 2);
  const downloadLimitMs = flags['download-timeout'] === undefined ? undefined : seconds('download-timeout', flags['download-timeout'], 0);
  const maxBytes = byteSize('max-size', flags['max-size'], DEFAULT_MAX_VIDEO_BYTES);
  const force = flags.force === true;
  const started = Date.now();
  const stop = new AbortController();
  const release = resumeOnInterrupt(handle, session, stop);
  try {
    const task = await client.wait(handle, {
      signal: stop.signal,
      timeoutMs,
      pollIntervalMs,
      onProgress: (current) => {
        output.progress(current, Date.now() - started);
        output.event({ event: 'status', status: current.status, rawStatus: current.rawStatus, progress: current.progress ?? null });
      },
    });
    output.done();
    output.event({ event: 'succeeded', task: { ...task, raw: undefined } });
    if (!output.json) output.result(describeTask(task));
    // The download gets what is left of --timeout, unless --download-timeout says otherwise.
    const limitMs = downloadLimitMs ?? timeoutMs - (Date.now() - started);
    const path = flags.out ?? defaultVideoName(task.id, session.io.cwd, session.secrets);
    await downloadVideo(client, handle, path, { limitMs, maxBytes, force, output, cwd: session.io.cwd, stop: stop.signal });
  } finally {
    release();
    output.done();
  }
}
