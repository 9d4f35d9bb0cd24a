// The `content-metadata` dialect in the simulator: a new-api gateway relaying to Ark. Queries
// answer in the new-api task wrapper, with the upstream Ark task inside; errors come in new-api's
// TaskError envelope, except where new-api's middleware answers in the OpenAI one (401, the
// query's 429, the video proxy). The asset library is simulated too
// (openapi/content-metadata.yaml; new-api video relay (new-api source), OctopusX Query Task (OctopusX page), OctopusX Upload Assets (OctopusX page)).
import errorTable from '../../../generated/content-metadata.errors.json' with { type: 'json' };
import type { components } from '../../../generated/content-metadata.ts';
import type { TaskStatus } from '../../../src/task.ts';
import { changedAt, ids, keptFields, randomToken, stamp, statusAt, type SimTask } from '../tasks.ts';
import { wireStatus } from './wire-status.ts';
import { renderArkTask } from './ark.ts';
import { errorWords } from './error-words.ts';
import type { SimAsset } from '../assets.ts';
import { PROBLEM_STATUS, epochSeconds, type DialectSimulator, type HandlerReply, type Problem, type SimContext } from './types.ts';

type Wrapper = components['schemas']['Task'];

/** new-api answers an unknown task with 400, every other refusal with the usual status. */
const STATUS: Record<Problem['kind'], number> = { ...PROBLEM_STATUS, 'not-found': 400 };

/** new-api's TaskError codes; every other refusal is `invalid_request`. */
const TASK_ERROR_CODES: Partial<Record<Problem['kind'], string>> = {
  'not-found': 'task_not_exist',
  'rate-limited': 'fail_to_fetch_task',
  'server-error': 'do_request_failed',
  'too-large': 'request_body_too_large',
};

/** new-api's own words for each refusal. */
function newApiError(problem: Problem, operationId: string | undefined): HandlerReply {
  const status = STATUS[problem.kind];
  const retry = status === 429 ? { headers: { 'retry-after': '1' } } : {};
  if (operationId?.endsWith('Asset') || operationId === 'createAssetGroup') {
    const code =
      { 400: 'InvalidParameter', 401: 'Unauthorized', 413: 'RequestEntityTooLarge', 429: 'TooManyRequests', 500: 'InternalError' }[status] ??
      'InvalidParameter';
    const asset: components['schemas']['AssetErrorResponse'] = {
      state: 0,
      data: null,
      error: { code: problem.kind === 'not-found' ? 'NotFound' : code, message: problem.message },
    };
    return { status: problem.kind === 'not-found' ? 404 : status, body: asset, ...retry };
  }
  // new-api's token and rate-limit middleware, and its video proxy, answer in the OpenAI envelope, in
  // the words the document's answer for the operation and status shows (a refusal about a field
  // names its rule as the code).
  if (problem.kind === 'unauthorized' || problem.kind === 'rate-limited' || operationId === 'downloadVideoContent') {
    const answered = operationId === 'downloadVideoContent' && problem.kind === 'not-found' ? 404 : status;
    const fixed = problem.kind !== 'invalid' && problem.kind !== 'conflict' && problem.kind !== 'unsupported-media';
    const { type, code } = fixed ? errorWords(errorTable, answered, operationId) : { type: 'invalid_request_error', code: problem.rule ?? '' };
    const openAi: components['schemas']['OpenAIErrorResponse'] = { error: { message: problem.message, type, ...(code === undefined ? {} : { code }) } };
    return { status: answered, body: openAi, ...retry };
  }
  const code = TASK_ERROR_CODES[problem.kind] ?? 'invalid_request';
  const taskError: components['schemas']['ErrorResponse'] = { code, message: problem.kind === 'not-found' ? 'task_not_exist' : problem.message, data: null };
  return { status, body: taskError, ...retry };
}

/**
 * new-api's progress for each status (new-api status mapping (new-api source)). The status words themselves come from the
 * document's table (src/statuses.ts), quirk included: new-api has no words for a cancelled or
 * expired task and keeps reporting IN_PROGRESS; the upstream status inside says what happened.
 */
const PROGRESS: Record<TaskStatus, string> = {
  queued: '10%',
  running: '50%',
  succeeded: '100%',
  failed: '100%',
  cancelled: '30%',
  expired: '30%',
  unknown: '30%',
};

function renderWrapper(context: SimContext, task: SimTask): components['schemas']['GetTaskResponse'] {
  const now = context.clock.now();
  const status = statusAt(task, now);
  // The table lists only the enum's words, so the word is one the generated type names.
  const wrapperStatus = wireStatus('content-metadata', 'TaskStatus', status) as components['schemas']['TaskStatus'];
  const progress = PROGRESS[status];
  const upstream = renderArkTask(context, task, task.upstreamId, 'content-metadata');
  const started = task.timeline.find((entry) => entry.status === 'running' && entry.at <= now)?.at;
  const data: Wrapper = {
    task_id: task.id,
    status: wrapperStatus,
    progress,
    submit_time: epochSeconds(task.createdAt),
    start_time: started ? epochSeconds(started) : 0,
    finish_time: status === 'succeeded' || status === 'failed' ? epochSeconds(changedAt(task, now, status)) : 0,
    ...(status === 'failed' && task.failure ? { fail_reason: task.failure.message } : {}),
    ...(status === 'succeeded' ? { result_url: context.videoUrl(task) } : {}),
    data: { ...upstream, status: upstream.status } as components['schemas']['UpstreamTask'],
  };
  return { code: 'success', message: '', data };
}

function promptOf(body: Record<string, unknown>): string {
  const content = Array.isArray(body.content) ? (body.content as Array<{ type?: string; text?: string }>) : [];
  return [typeof body.prompt === 'string' ? body.prompt : '', ...content.filter((item) => item.type === 'text').map((item) => item.text ?? '')].join('\n');
}

function renderAsset(context: SimContext, asset: SimAsset): components['schemas']['Asset'] {
  const ready = asset.createdAt + context.lifecycle.queuedMs;
  const active = context.clock.now() >= ready;
  return {
    Id: asset.id,
    Name: asset.name,
    URL: asset.url,
    AssetType: asset.type,
    GroupId: asset.groupId,
    Status: active ? 'Active' : 'Processing',
    CreateTime: new Date(asset.createdAt).toISOString(),
    UpdateTime: new Date(active ? ready : asset.createdAt).toISOString(),
  };
}

export const simulator: DialectSimulator = {
  id: 'content-metadata',
  error: newApiError,
  // metadata.callback_url is relayed to Ark, so the callback that arrives is Ark's own task body.
  callbackBody: (context, task) => renderArkTask(context, task, task.upstreamId, 'content-metadata'),
  routes: [
    {
      operationId: 'createTask',
      handle(context, { body }) {
        const now = context.clock.now();
        const metadata = (typeof body.metadata === 'object' && body.metadata !== null ? body.metadata : {}) as Record<string, unknown>;
        const task: SimTask = {
          id: context.store.freshId(ids.newApi),
          upstreamId: ids.ark(now),
          dialect: 'content-metadata',
          model: String(body.model),
          createdAt: now,
          timeline: [],
          request: keptFields({ ...metadata, prompt: promptOf(body) }),
          returnLastFrame: metadata.return_last_frame === true,
          ...(typeof metadata.callback_url === 'string' ? { callbackUrl: metadata.callback_url } : {}),
        };
        if (!context.accept(task)) return context.full();
        return { status: 200, body: { task_id: task.id } satisfies components['schemas']['CreateTaskResponse'] };
      },
    },
    {
      operationId: 'getTask',
      handle(context, { params }) {
        const task = context.store.get(params.task_id ?? '', context.clock.now());
        if (task?.dialect !== 'content-metadata') return newApiError({ kind: 'not-found', message: 'task_not_exist' }, 'getTask');
        return { status: 200, body: renderWrapper(context, task) };
      },
    },
    {
      operationId: 'downloadVideoContent',
      handle(context, { params }) {
        const now = context.clock.now();
        const task = context.store.get(params.task_id ?? '', now);
        if (task?.dialect !== 'content-metadata') return newApiError({ kind: 'not-found', message: 'Task not found' }, 'downloadVideoContent');
        const status = statusAt(task, now);
        if (status !== 'succeeded') {
          return newApiError(
            { kind: 'invalid', message: `Task is not completed yet, current status: ${wireStatus('content-metadata', 'TaskStatus', status)}` },
            'downloadVideoContent',
          );
        }
        return { status: 200, bytes: { data: context.video, type: 'video/mp4' } };
      },
    },
    {
      operationId: 'createAssetGroup',
      handle(context) {
        const id = `group-${stamp(context.clock.now())}-${randomToken(5)}`;
        context.assets.addGroup(id);
        return { status: 200, body: { state: 1, data: { Id: id }, error: null } satisfies components['schemas']['CreateAssetGroupResponse'] };
      },
    },
    {
      operationId: 'createAsset',
      handle(context, { body }) {
        const now = context.clock.now();
        const asset: SimAsset = {
          id: `asset-${stamp(now)}-${randomToken(5)}`,
          taskId: ids.newApi(),
          groupId: String(body.GroupId),
          name: String(body.Name),
          url: String(body.URL),
          type: body.AssetType as SimAsset['type'],
          createdAt: now,
        };
        context.assets.add(asset);
        return {
          status: 200,
          body: { state: 1, data: { Id: asset.id, task_id: asset.taskId }, error: null } satisfies components['schemas']['CreateAssetResponse'],
        };
      },
    },
    {
      operationId: 'getAsset',
      handle(context, { body }) {
        const asset = context.assets.get(String(body.task_id));
        if (!asset) return newApiError({ kind: 'not-found', message: `No asset task ${String(body.task_id)}.` }, 'getAsset');
        return { status: 200, body: { state: 1, data: renderAsset(context, asset), error: null } satisfies components['schemas']['GetAssetResponse'] };
      },
    },
  ],
};
