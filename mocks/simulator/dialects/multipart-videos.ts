// The `multipart-videos` dialect in the simulator: multipart uploads, the video object with
// `processing`/`completed`, and the content download (openapi/multipart-videos.yaml; OctopusX Doubao Task Status Query (OctopusX page)).
import errorTable from '../../../generated/multipart-videos.errors.json' with { type: 'json' };
import type { components } from '../../../generated/multipart-videos.ts';
import { resolutionOfModel } from '../../../src/routing.ts';
import { wireStatus } from './wire-status.ts';
import type { TaskStatus } from '../../../src/task.ts';
import { changedAt, ids, keptFields, progressAt, statusAt, type SimTask } from '../tasks.ts';
import { openAiError } from './openai-error.ts';
import { epochSeconds, type DialectSimulator, type SimContext } from './types.ts';

type Video = components['schemas']['Task'];

/**
 * The gateway's word for a status, from the document's table (src/statuses.ts); it has none for
 * expiry, which it reports as a failure (x-render-status).
 */
function word(status: TaskStatus): components['schemas']['TaskStatus'] {
  // The table lists only the enum's words, so the word is one the generated type names.
  return wireStatus('multipart-videos', 'TaskStatus', status) as components['schemas']['TaskStatus'];
}

const SHORT_SIDE: Record<string, number> = { '480p': 480, '720p': 720, '1080p': 1080 };

/** Pixel dimensions from the model's resolution and the requested ratio, as `WxH`. */
function dimensions(model: string, ratio: unknown): string {
  const short = SHORT_SIDE[resolutionOfModel(model) ?? '720p'] ?? 720;
  const match = /^(\d+):(\d+)$/.exec(typeof ratio === 'string' ? ratio : '16:9');
  const [w, h] = match ? [Number(match[1]), Number(match[2])] : [16, 9];
  const even = (value: number) => Math.round(value / 2) * 2;
  return w >= h ? `${even((short * w) / h)}x${short}` : `${short}x${even((short * h) / w)}`;
}

function renderVideo(context: SimContext, task: SimTask): Video {
  const now = context.clock.now();
  const status = statusAt(task, now);
  const finished = status === 'succeeded' || status === 'failed' || status === 'expired';
  const video: Video = {
    id: task.id,
    object: 'video',
    model: task.model,
    status: word(status),
    progress: progressAt(task, now),
    created_at: epochSeconds(task.createdAt),
    seconds: String(task.request.seconds ?? 5),
    size: dimensions(task.model, task.request.size),
  };
  if (finished) {
    video.completed_at = epochSeconds(changedAt(task, now, status));
    video.expires_at = video.completed_at + 86_400;
  }
  if (status === 'succeeded') video.video_url = context.videoUrl(task);
  if ((status === 'failed' || status === 'expired') && task.failure) video.error = { code: task.failure.code, message: task.failure.message };
  return video;
}

function find(context: SimContext, id: string | undefined): SimTask | undefined {
  const task = context.store.get(id ?? '', context.clock.now());
  return task?.dialect === 'multipart-videos' ? task : undefined;
}

export const simulator: DialectSimulator = {
  id: 'multipart-videos',
  error: (problem, operationId) => openAiError(problem, errorTable, operationId),
  routes: [
    {
      operationId: 'createTask',
      handle(context, { body }) {
        const now = context.clock.now();
        const task: SimTask = {
          id: context.store.freshId(ids.video),
          dialect: 'multipart-videos',
          model: String(body.model),
          createdAt: now,
          timeline: [],
          request: keptFields({ ...body, seconds: body.seconds === undefined ? undefined : Number(body.seconds) }),
          returnLastFrame: false,
        };
        if (!context.accept(task)) return context.full();
        return { status: 200, body: renderVideo(context, task) };
      },
    },
    {
      operationId: 'getTask',
      handle(context, { params }) {
        const task = find(context, params.id);
        if (!task) return openAiError({ kind: 'not-found', field: '/id', message: `Video ${params.id} not found` }, errorTable, 'getTask');
        return { status: 200, body: renderVideo(context, task) };
      },
    },
    {
      operationId: 'downloadVideoContent',
      handle(context, { params }) {
        const task = find(context, params.id);
        if (!task) return openAiError({ kind: 'not-found', field: '/id', message: 'Task not found' }, errorTable, 'downloadVideoContent');
        const status = word(statusAt(task, context.clock.now()));
        if (status !== 'completed')
          return openAiError(
            { kind: 'invalid', field: '/id', rule: 'not_completed', message: `Task is not completed yet, current status: ${status}` },
            errorTable,
            'downloadVideoContent',
          );
        return { status: 200, bytes: { data: context.video, type: 'video/mp4' } };
      },
    },
  ],
};
