// The `unified-jobs` dialect in the simulator: job objects with `raw_status`, two query paths,
// and a result block once the video is ready (openapi/unified-jobs.yaml; UniAll gateway origin (UniAll page and new-api source)).
import errorTable from '../../../generated/unified-jobs.errors.json' with { type: 'json' };
import type { components } from '../../../generated/unified-jobs.ts';
import { wireStatus } from './wire-status.ts';
import type { TaskStatus } from '../../../src/task.ts';
import { ids, keptFields, progressAt, statusAt, type SimTask } from '../tasks.ts';
import { openAiError } from './openai-error.ts';
import { epochSeconds, type DialectSimulator, type HandlerReply, type OperationHandler, type SimContext } from './types.ts';

type Job = components['schemas']['Task'];

/**
 * The upper-case raw status of the job API (UniAll gateway origin (UniAll page and new-api source)). The public status word comes from the
 * document's table (src/statuses.ts): the job API has no words for cancelled or expired, which fail.
 */
const RAW_STATUS: Record<TaskStatus, string> = {
  queued: 'PENDING',
  running: 'IN_PROGRESS',
  succeeded: 'COMPLETED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
  expired: 'EXPIRED',
  unknown: 'UNKNOWN',
};

function renderJob(context: SimContext, task: SimTask): Job {
  const now = context.clock.now();
  const status = statusAt(task, now);
  // The table lists only the enum's words, so the word is one the generated type names.
  const publicStatus = wireStatus('unified-jobs', 'TaskStatus', status) as components['schemas']['TaskStatus'];
  const rawStatus = RAW_STATUS[status];
  const videoUrl = status === 'succeeded' ? context.videoUrl(task) : null;
  return {
    id: task.id,
    task_id: task.id,
    object: 'video.generation.job',
    model: task.model,
    status: publicStatus,
    raw_status: rawStatus,
    progress: progressAt(task, now),
    created_at: epochSeconds(task.createdAt),
    video_url: videoUrl,
    error: publicStatus === 'failed' ? (task.failure ?? { code: rawStatus, message: `The job ended ${rawStatus.toLowerCase()}.` }) : null,
    ...(videoUrl ? { result: { outputs: [videoUrl], video_url: videoUrl } } : {}),
  };
}

function getJob(operationId: string): OperationHandler {
  return {
    operationId,
    handle(context, { params }): HandlerReply {
      const task = context.store.get(params.task_id ?? '', context.clock.now());
      if (task?.dialect !== 'unified-jobs')
        return openAiError({ kind: 'not-found', field: '/task_id', message: `task ${params.task_id} not found` }, errorTable, operationId);
      return { status: 200, body: renderJob(context, task) };
    },
  };
}

function promptOf(body: Record<string, unknown>): string {
  const content = Array.isArray(body.content) ? (body.content as Array<{ type?: string; text?: string }>) : [];
  return [typeof body.prompt === 'string' ? body.prompt : '', ...content.filter((item) => item.type === 'text').map((item) => item.text ?? '')].join('\n');
}

export const simulator: DialectSimulator = {
  id: 'unified-jobs',
  error: (problem, operationId) => openAiError(problem, errorTable, operationId),
  routes: [
    {
      operationId: 'createTask',
      handle(context, { body }) {
        const task: SimTask = {
          id: context.store.freshId(ids.newApi),
          dialect: 'unified-jobs',
          model: String(body.model),
          createdAt: context.clock.now(),
          timeline: [],
          request: keptFields({ ...body, prompt: promptOf(body) }),
          returnLastFrame: false,
        };
        if (!context.accept(task)) return context.full();
        return { status: 200, body: renderJob(context, task) };
      },
    },
    getJob('getTask'),
    getJob('getTaskAlias'),
  ],
};
