// The `openrouter` dialect (openapi/openrouter.yaml): OpenRouter's video jobs. Frames and
// references are separate lists (`frame_images[]`, `input_references[]`), a job answers `202` with a
// polling URL, and the video is streamed through the gateway's own content endpoint.
import type { WireClient } from '../http/wire-client.ts';
import statuses from '../../generated/openrouter.statuses.json' with { type: 'json' };
import { readStatus } from '../statuses.ts';
import bundle from '../../generated/openrouter.client.json' with { type: 'json' };
import { clientContract } from '../contracts/interpreted.ts';
import type { Contract } from '../contracts/types.ts';
import type { components, paths } from '../../generated/openrouter.ts';
import type { ValidationIssue } from '../errors.ts';
import { toUrl } from '../media.ts';
import type { VideoRequest } from '../request.ts';
import { compact, deepMerge } from '../objects.ts';
import { type Task, type TaskHandle, textOf, wordOf } from '../task.ts';
import { type DialectAdapter, notExpressible, type WireDraft } from './shared/adapter.ts';
import { createRawClient as createTypedClient, type RawClientOptions } from '../http/raw-client.ts';

// Every generated type: paths, components, operations and the root names (CreateTaskRequest, Task, ...).
export type * from '../../generated/openrouter.ts';
export const dialect = 'openrouter';

// The part of the contract a client ships (generated/openrouter.client.json), its request schema checked
// by the client's interpreter: importing this module loads no other dialect's files.
const contract = /* @__PURE__ */ clientContract('openrouter', bundle as Contract);

/** A status word of this dialect's own tables (generated/openrouter.statuses.json). */
const statusOf = (schema: string, raw: unknown) => readStatus('openrouter', statuses, schema, raw);

/** The openapi-fetch client for this dialect, typed by generated/openrouter.ts. */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options);
}

type CreateTaskRequest = components['schemas']['CreateTaskRequest'];
type FrameImage = components['schemas']['FrameImage'];
type ReferenceItem = components['schemas']['ReferenceItem'];
type WireTask = components['schemas']['Task'];

/** Canonical fields OpenRouter's request has no place for. */
const UNSUPPORTED = [
  'draftTaskId',
  'frames',
  'cameraFixed',
  'watermark',
  'returnLastFrame',
  'draft',
  'serviceTier',
  'executionExpiresAfter',
] as const satisfies ReadonlyArray<keyof VideoRequest>;

/**
 * Canonical request → createTask body. First and last frames go to `frame_images`, reference
 * images, videos and audio to `input_references`; bytes travel as data: URLs. A source video to
 * edit has no place: OpenRouter continues its own jobs (`previous_job_id`), not an uploaded video.
 */
export async function toWire(request: VideoRequest) {
  const issues: ValidationIssue[] = notExpressible('openrouter', request, UNSUPPORTED);
  const frames: Array<WireDraft<FrameImage>> = [];
  const references: Array<WireDraft<ReferenceItem>> = [];
  for (const image of request.images ?? []) {
    const url = await toUrl(image.source);
    if (image.role === 'reference') references.push({ type: 'image_url', image_url: { url } });
    else frames.push({ type: 'image_url', image_url: { url }, frame_type: image.role });
  }
  for (const [index, video] of (request.videos ?? []).entries()) {
    if (video.role === 'source') {
      issues.push({
        path: `videos[${index}].role`,
        rule: 'not-expressible',
        message: 'openrouter has no source video to edit (it continues its own jobs with previous_job_id); use a reference video',
      });
    } else references.push({ type: 'video_url', video_url: { url: await toUrl(video.source) } });
  }
  for (const audio of request.audios ?? []) references.push({ type: 'audio_url', audio_url: { url: await toUrl(audio.source) } });
  const body = compact({
    model: request.model,
    prompt: request.prompt,
    ...(frames.length > 0 ? { frame_images: frames } : {}),
    ...(references.length > 0 ? { input_references: references } : {}),
    duration: request.duration,
    resolution: request.resolution,
    aspect_ratio: request.ratio,
    seed: request.seed,
    generate_audio: request.generateAudio,
    callback_url: request.callbackUrl,
  } satisfies WireDraft<CreateTaskRequest>);
  return { body: deepMerge(body, request.passthrough?.openrouter), issues };
}

/**
 * Job → canonical task. The video's URL is the signed storage URL where OpenRouter gives one (no
 * key needed), else the content endpoint `unsigned_urls` names (which takes the key).
 */
export function fromWire(body: WireTask, handle: TaskHandle): Task {
  // Defensive: a gateway may answer 200 with less than the contract promises.
  const job: Partial<WireTask> = body ?? {};
  const status = statusOf('TaskStatus', job.status);
  const first = (urls: unknown) => (Array.isArray(urls) ? urls.find((url): url is string => typeof url === 'string' && url.length > 0) : undefined);
  const message = textOf(job.error);
  return compact({
    id: textOf(job.id) ?? handle.taskId,
    dialect: 'openrouter',
    model: handle.model,
    status,
    rawStatus: wordOf(job.status),
    // OpenRouter reports no progress while a job runs.
    progress: status === 'succeeded' ? 100 : undefined,
    videoUrl: first(job.urls) ?? first(job.unsigned_urls),
    error: message ? { message } : undefined,
    raw: body,
  });
}

type Client = WireClient<paths>;

/** The openrouter dialect for the client: `createClient({ dialects: [openrouter] })` from seedance-contracts/core. */
export const openrouter: DialectAdapter<Client, CreateTaskRequest, WireTask, 'openrouter'> = {
  id: 'openrouter',
  contract,
  // A JSON body has no file parts: the schema is the whole check (a test holds this equal to src/contracts/index.ts checkWireBody).
  checkWire: async (body) => contract.checkRequestBody('createTask', body),
  toWire,
  fromWire,
  taskIdOf: (submitted) => (submitted as WireTask | undefined)?.id,
  submit: (client, body, call) => client.POST('/api/v1/videos', { body, ...call }),
  get: (client, jobId, call) => client.GET('/api/v1/videos/{jobId}', { params: { path: { jobId } }, ...call }),
  // The content endpoint `unsigned_urls` names (index 0, the first video, by default), streamed through the gateway.
  videoContentPath: '/api/v1/videos/{jobId}/content' satisfies keyof paths,
};

/** The same adapter under the name every dialect module shares. */
export const adapter = openrouter;
