// The `unified-jobs` dialect (openapi/unified-jobs.yaml): flat `content[]` items, parameters in
// `extra_body`, job objects with `raw_status`, and a resolution fixed by the model name.
import type { WireClient } from '../http/wire-client.ts';
import statuses from '../../generated/unified-jobs.statuses.json' with { type: 'json' };
import { readStatus } from '../statuses.ts';
import bundle from '../../generated/unified-jobs.client.json' with { type: 'json' };
import { clientContract } from '../contracts/interpreted.ts';
import type { Contract } from '../contracts/types.ts';
import type { components, paths } from '../../generated/unified-jobs.ts';
import { toUrl } from '../media.ts';
import type { VideoRequest } from '../request.ts';
import { compact, deepMerge } from '../objects.ts';
import { parseProgress, type Task, type TaskHandle, textOf, wordOf } from '../task.ts';
import { type DialectAdapter, notExpressible, type WireDraft } from './shared/adapter.ts';
import { findVideoUrl } from './shared/video-url.ts';
import { createRawClient as createTypedClient, type RawClientOptions } from '../http/raw-client.ts';

// Every generated type: paths, components, operations and the root names (CreateTaskRequest, Task, ...).
export type * from '../../generated/unified-jobs.ts';
export const dialect = 'unified-jobs';

// The part of the contract a client ships (generated/unified-jobs.client.json), its request schema checked
// by the client's interpreter: importing this module loads no other dialect's files.
const contract = /* @__PURE__ */ clientContract('unified-jobs', bundle as Contract);

/** A status word of this dialect's own tables (generated/unified-jobs.statuses.json). */
const statusOf = (schema: string, raw: unknown) => readStatus('unified-jobs', statuses, schema, raw);

/** The openapi-fetch client for this dialect, typed by generated/unified-jobs.ts. */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options);
}

type ContentItem = components['schemas']['ContentItem'];
type CreateTaskRequest = components['schemas']['CreateTaskRequest'];
type ExtraBody = components['schemas']['ExtraBody'];
/** What getTask answers: the job object, or new-api's OpenAI video object on /v1/videos/{task_id}. */
type WireTask = components['schemas']['Task'] | components['schemas']['OpenAIVideo'];

const IMAGE_ROLES = { first_frame: 'first_frame', last_frame: 'last_frame', reference: 'reference_image' } as const;
const VIDEO_ROLES = { reference: 'reference_video', source: 'source_video' } as const;

/**
 * Canonical request → createTask body in the recommended `content[]` form (never the legacy
 * fields). The prompt goes both into `prompt` and the text item, as the page recommends for
 * new-api based deployments. `resolution` is sent as `size`, which the contract locks to the model.
 */
export async function toWire(request: VideoRequest) {
  const issues = notExpressible('unified-jobs', request, ['draftTaskId', 'callbackUrl']);
  const content: ContentItem[] = [];
  if (request.prompt !== undefined) content.push({ type: 'text', text: request.prompt });
  for (const image of request.images ?? []) content.push({ type: 'image_url', url: await toUrl(image.source), role: IMAGE_ROLES[image.role] });
  for (const video of request.videos ?? []) content.push({ type: 'video_url', url: await toUrl(video.source), role: VIDEO_ROLES[video.role] });
  for (const audio of request.audios ?? []) content.push({ type: 'audio_url', url: await toUrl(audio.source), role: 'reference_audio' });
  const extraBody = compact({
    generate_audio: request.generateAudio,
    seed: request.seed,
    watermark: request.watermark,
    camera_fixed: request.cameraFixed,
    service_tier: request.serviceTier,
    execution_expires_after: request.executionExpiresAfter,
    draft: request.draft,
    return_last_frame: request.returnLastFrame,
    frames: request.frames,
  } satisfies WireDraft<ExtraBody>);
  const body = compact({
    model: request.model,
    prompt: request.prompt,
    content,
    duration: request.duration,
    aspect_ratio: request.ratio,
    size: request.resolution,
    ...(Object.keys(extraBody).length > 0 ? { extra_body: extraBody } : {}),
  } satisfies WireDraft<CreateTaskRequest>);
  return { body: deepMerge(body, request.passthrough?.['unified-jobs']), issues };
}

type Job = components['schemas']['Task'];
type Video = components['schemas']['OpenAIVideo'];
/** Either answer, read field by field (the two share most names). */
type JobOrVideo = Partial<Omit<Job, 'object' | 'status' | 'error'>> &
  Partial<Omit<Video, 'object' | 'status' | 'error'>> & { object?: string; status?: string; error?: { code?: string; message?: string } | null };

/**
 * Job object → canonical task. On `/v1/videos/{task_id}` a gateway running stock new-api answers
 * with new-api's OpenAI video object instead (`object: video`, the URL at `metadata.url`); both
 * are read, each with its own status table.
 */
export function fromWire(body: WireTask, handle: TaskHandle): Task {
  // Defensive: a gateway may answer 200 with less than the contract promises.
  const job: JobOrVideo = body ?? {};
  const schema = job.object === 'video' ? 'OpenAIVideoStatus' : 'TaskStatus';
  return compact({
    id: textOf(job.task_id) ?? textOf(job.id) ?? handle.taskId,
    dialect: 'unified-jobs',
    model: textOf(job.model) ?? handle.model,
    status: statusOf(schema, job.status),
    rawStatus: job.raw_status ? `${wordOf(job.status)}/${wordOf(job.raw_status)}` : wordOf(job.status),
    progress: parseProgress(job.progress),
    videoUrl: findVideoUrl(job),
    error: job.error ? compact({ code: textOf(job.error.code), message: textOf(job.error.message) ?? '' }) : undefined,
    createdAt: job.created_at,
    raw: body,
  });
}

type Client = WireClient<paths>;

/** The unified-jobs dialect for the client: `createClient({ dialects: [unifiedJobs] })` from seedance-contracts/core. */
export const unifiedJobs: DialectAdapter<Client, CreateTaskRequest, WireTask, 'unified-jobs'> = {
  id: 'unified-jobs',
  contract,
  // A JSON body has no file parts: the schema is the whole check (a test holds this equal to src/contracts/index.ts checkWireBody).
  checkWire: async (body) => contract.checkRequestBody('createTask', body),
  toWire,
  fromWire,
  taskIdOf: (submitted) => {
    const job = submitted as components['schemas']['Task'] | undefined;
    return job?.task_id ?? job?.id;
  },
  submit: (client, body, call) => client.POST('/v1/videos/generations', { body, ...call }),
  get: (client, task_id, call) => client.GET('/v1/videos/{task_id}', { params: { path: { task_id } }, ...call }),
};

/** The same adapter under the name every dialect module shares. */
export const adapter = unifiedJobs;
