// The `content-metadata` dialect (openapi/content-metadata.yaml): new-api style gateways that take
// Ark content items plus a `metadata` object, and answer queries in the new-api task wrapper.
import type { WireClient } from '../http/wire-client.ts';
import statuses from '../../generated/content-metadata.statuses.json' with { type: 'json' };
import { readStatus } from '../statuses.ts';
import bundle from '../../generated/content-metadata.client.json' with { type: 'json' };
import { clientContract } from '../contracts/interpreted.ts';
import type { Contract } from '../contracts/types.ts';
import type { components, paths } from '../../generated/content-metadata.ts';
import type { VideoRequest } from '../request.ts';
import { parseProgress, type Task, type TaskHandle, textOf, wordOf } from '../task.ts';
import { compact, deepMerge } from '../objects.ts';
import type { DialectAdapter, WireDraft } from './shared/adapter.ts';
import { arkContent, arkParameters, fromArkTask } from './shared/ark-shapes.ts';
import { findVideoUrl } from './shared/video-url.ts';
import { createRawClient as createTypedClient, type RawClientOptions } from '../http/raw-client.ts';

// Every generated type: paths, components, operations and the root names (CreateTaskRequest, Task, ...).
export type * from '../../generated/content-metadata.ts';
export const dialect = 'content-metadata';

// The part of the contract a client ships (generated/content-metadata.client.json), its request schema checked
// by the client's interpreter: importing this module loads no other dialect's files.
const contract = /* @__PURE__ */ clientContract('content-metadata', bundle as Contract);

/** A status word of this dialect's own tables (generated/content-metadata.statuses.json). */
const statusOf = (schema: string, raw: unknown) => readStatus('content-metadata', statuses, schema, raw);

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

/**
 * new-api task wrapper (`{code, data: {status, progress, result_url, data: <Ark task>}}`) → canonical
 * task. The upstream Ark status is more precise and wins when the contract knows it (new-api
 * reports an upstream cancelled or expired task as IN_PROGRESS); otherwise the wrapper's own status
 * counts. The video URL is Ark's `content.video_url`, or new-api's `result_url` when the stored
 * upstream body has no content.
 */
export function fromWire(body: WireTask, handle: TaskHandle): Task {
  // Defensive: a gateway may answer 200 with less than the contract promises.
  const wrapper: Partial<components['schemas']['Task']> = body?.data ?? {};
  const upstream = wrapper.data ?? undefined;
  const rawStatus = upstream?.status ? `${wordOf(wrapper.status)}/${wordOf(upstream.status)}` : wordOf(wrapper.status);
  const videoUrl = findVideoUrl(upstream, wrapper);
  const base: Partial<Task> = {
    ...(textOf(wrapper.task_id) ? { id: textOf(wrapper.task_id) } : {}),
    rawStatus,
    progress: parseProgress(wrapper.progress),
    ...(wrapper.submit_time ? { createdAt: wrapper.submit_time } : {}),
    ...(wrapper.finish_time ? { completedAt: wrapper.finish_time } : {}),
    ...(videoUrl ? { videoUrl } : {}),
  };
  const upstreamStatus = upstream?.status ? statusOf('UpstreamTaskStatus', upstream.status) : 'unknown';
  if (upstream && upstreamStatus !== 'unknown') {
    const task = { ...fromArkTask('content-metadata', upstream, handle, statusOf, base), raw: body };
    const reason = textOf(wrapper.fail_reason);
    return task.status === 'failed' && !task.error && reason ? { ...task, error: { message: reason } } : task;
  }
  return compact({
    id: textOf(wrapper.task_id) ?? handle.taskId,
    dialect: 'content-metadata',
    model: textOf(upstream?.model) ?? handle.model,
    status: statusOf('TaskStatus', wrapper.status),
    ...base,
    rawStatus,
    error: textOf(wrapper.fail_reason) ? { message: textOf(wrapper.fail_reason) ?? '' } : undefined,
    raw: body,
  });
}

type Client = WireClient<paths>;

/** The content-metadata dialect for the client: `createClient({ dialects: [contentMetadata] })` from seedance-contracts/core. */
export const contentMetadata: DialectAdapter<Client, CreateTaskRequest, WireTask, 'content-metadata'> = {
  id: 'content-metadata',
  contract,
  // A JSON body has no file parts: the schema is the whole check (a test holds this equal to src/contracts/index.ts checkWireBody).
  checkWire: async (body) => contract.checkRequestBody('createTask', body),
  toWire,
  fromWire,
  taskIdOf: (submitted) => (submitted as components['schemas']['CreateTaskResponse'] | undefined)?.task_id,
  submit: (client, body, call) => client.POST('/v1/video/generations', { body, ...call }),
  get: (client, task_id, call) => client.GET('/v1/video/generations/{task_id}', { params: { path: { task_id } }, ...call }),
  // new-api's video proxy (downloadVideoContent): it fetches the upstream URL and streams the MP4.
  videoContentPath: '/v1/videos/{task_id}/content' satisfies keyof paths,
};

/** The same adapter under the name every dialect module shares. */
export const adapter = contentMetadata;
