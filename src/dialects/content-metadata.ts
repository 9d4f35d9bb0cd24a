// The `content-metadata` dialect (openapi/content-metadata.yaml): new-api style gateways that take
// Ark content items plus a `metadata` object, and answer queries in the new-api task wrapper.
import type { components, paths } from '../../generated/content-metadata.ts';
import type { VideoRequest } from '../request.ts';
import { parseProgress, type Task, type TaskHandle, type TaskStatus } from '../task.ts';
import { compact, deepMerge } from '../objects.ts';
import type { DialectAdapter, WireDraft } from './adapter.ts';
import { arkContent, arkParameters, fromArkTask, mapStatus } from './ark-shapes.ts';
import { createRawClient as createTypedClient, type RawClientOptions } from './raw-client.ts';

// Every generated type: paths, components, operations and the root names (CreateTaskRequest, Task, ...).
export type * from '../../generated/content-metadata.ts';
export const dialect = 'content-metadata';

/** The openapi-fetch client for this dialect, typed by generated/content-metadata.ts. */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options);
}

type CreateTaskRequest = components['schemas']['CreateTaskRequest'];
type Metadata = components['schemas']['Metadata'];
type WireTask = components['schemas']['GetTaskResponse'];

/**
 * Canonical request → createTask body: media in `content[]`, parameters in `metadata{}`. The
 * prompt goes both into a text item and into `prompt`, because stock new-api relays require
 * `prompt` and replace text items with it.
 */
export async function toWire(request: VideoRequest) {
  const metadata = arkParameters(request) satisfies WireDraft<Metadata>;
  const body = compact({
    model: request.model,
    content: await arkContent(request),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    prompt: request.prompt,
  } satisfies WireDraft<CreateTaskRequest>);
  return { body: deepMerge(body, request.passthrough?.['content-metadata']), issues: [] };
}

/** The wrapper's own status; the upstream Ark status inside it is more precise and wins when present. */
const WRAPPER_STATUSES: Record<Exclude<components['schemas']['TaskStatus'], 'UNKNOWN'>, TaskStatus> = {
  NOT_START: 'queued',
  SUBMITTED: 'queued',
  QUEUED: 'queued',
  IN_PROGRESS: 'running',
  SUCCESS: 'succeeded',
  FAILURE: 'failed',
};

/** new-api task wrapper (`{code, data: {status, progress, data: <Ark task>}}`) → canonical task. */
export function fromWire(body: WireTask, handle: TaskHandle): Task {
  const wrapper = body.data;
  const upstream = wrapper.data ?? undefined;
  const rawStatus = upstream?.status ? `${wrapper.status}/${upstream.status}` : wrapper.status;
  // new-api reports an upstream cancelled or expired task as IN_PROGRESS; the upstream status says what happened.
  const base: Partial<Task> = {
    id: wrapper.task_id,
    rawStatus,
    progress: parseProgress(wrapper.progress),
    ...(wrapper.submit_time ? { createdAt: wrapper.submit_time } : {}),
    ...(wrapper.finish_time ? { completedAt: wrapper.finish_time } : {}),
  };
  if (upstream?.status) {
    const task = { ...fromArkTask('content-metadata', upstream, handle, base), raw: body };
    return task.status === 'failed' && !task.error && wrapper.fail_reason ? { ...task, error: { message: wrapper.fail_reason } } : task;
  }
  const status = mapStatus('content-metadata', WRAPPER_STATUSES, wrapper.status, body);
  return {
    id: wrapper.task_id,
    dialect: 'content-metadata',
    model: handle.model,
    status,
    ...base,
    rawStatus,
    ...(wrapper.result_url ? { videoUrl: wrapper.result_url } : {}),
    ...(wrapper.fail_reason ? { error: { message: wrapper.fail_reason } } : {}),
    raw: body,
  } as Task;
}

type Client = ReturnType<typeof createRawClient>;

export const adapter: DialectAdapter<Client, CreateTaskRequest, WireTask> = {
  id: 'content-metadata',
  createRawClient,
  toWire,
  fromWire,
  taskIdOf: (submitted) => (submitted as components['schemas']['CreateTaskResponse'] | undefined)?.task_id,
  submit: (client, body, call) => client.POST('/v1/video/generations', { body, ...call }),
  get: (client, task_id, call) => client.GET('/v1/video/generations/{task_id}', { params: { path: { task_id } }, ...call }),
};
