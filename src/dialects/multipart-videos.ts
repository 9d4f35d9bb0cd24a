// The `multipart-videos` dialect (openapi/multipart-videos.yaml): an OpenAI-video-like surface,
// multipart/form-data uploads, Seedance 1.x pro models whose name fixes the resolution.
import type { WireClient } from '../http/wire-client.ts';
import statuses from '../../generated/multipart-videos.statuses.json' with { type: 'json' };
import { readStatus } from '../statuses.ts';
import bundle from '../../generated/multipart-videos.client.json' with { type: 'json' };
import { clientContract } from '../contracts/interpreted.ts';
import type { Contract } from '../contracts/types.ts';
import { checkWireBodyWith } from '../file-parts.ts';
import type { components, paths } from '../../generated/multipart-videos.ts';
import type { ValidationIssue } from '../errors.ts';
import { toFile } from '../media.ts';
import type { VideoRequest } from '../request.ts';
import { compact, deepMerge } from '../objects.ts';
import { resolutionOfModel } from '../routing.ts';
import { parseProgress, type Task, type TaskHandle, textOf, wordOf } from '../task.ts';
import { type DialectAdapter, notExpressible, type WireDraft } from './shared/adapter.ts';
import { findVideoUrl } from './shared/video-url.ts';
import { createRawClient as createTypedClient, formDataBody, type RawClientOptions } from '../http/raw-client.ts';

// Every generated type: paths, components, operations and the root names (CreateTaskRequest, Task, ...).
export type * from '../../generated/multipart-videos.ts';
export const dialect = 'multipart-videos';

// The part of the contract a client ships (generated/multipart-videos.client.json), its request schema checked
// by the client's interpreter: importing this module loads no other dialect's files.
const contract = /* @__PURE__ */ clientContract('multipart-videos', bundle as Contract);

/** A status word of this dialect's own tables (generated/multipart-videos.statuses.json). */
const statusOf = (schema: string, raw: unknown) => readStatus('multipart-videos', statuses, schema, raw);

/**
 * The openapi-fetch client for this dialect, typed by generated/multipart-videos.ts. Its only
 * request body (`POST /v1/videos`) is multipart/form-data, so bodies are sent as FormData and
 * fetch sets the boundary; a Content-Type set by hand would lack it and be refused.
 */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options, { bodySerializer: formDataBody });
}

const UNSUPPORTED = [
  'videos',
  'audios',
  'draftTaskId',
  'frames',
  'seed',
  'cameraFixed',
  'watermark',
  'generateAudio',
  'returnLastFrame',
  'draft',
  'serviceTier',
  'executionExpiresAfter',
  'callbackUrl',
] as const satisfies ReadonlyArray<keyof VideoRequest>;

type CreateTaskRequest = components['schemas']['CreateTaskRequest'];
type WireTask = components['schemas']['Task'];
type FrameField = 'first_frame_image' | 'last_frame_image';
/** The createTask form as it is sent: the `format: binary` fields (strings in the generated type) as the files they are. */
export type CreateTaskForm = Omit<CreateTaskRequest, FrameField> & Partial<Record<FrameField, File>>;

/** The first and last frames as files, or issues saying why an image cannot be sent here. */
async function frameFiles(request: VideoRequest, issues: ValidationIssue[]): Promise<Partial<Record<FrameField, File>>> {
  const files: Partial<Record<FrameField, File>> = {};
  for (const [index, image] of (request.images ?? []).entries()) {
    const field = image.role === 'first_frame' ? 'first_frame_image' : image.role === 'last_frame' ? 'last_frame_image' : undefined;
    if (!field) {
      issues.push({
        path: `images[${index}].role`,
        rule: 'not-expressible',
        message: `multipart-videos takes only first_frame and last_frame images, not ${image.role}`,
      });
    } else if (files[field]) {
      issues.push({ path: `images[${index}].role`, rule: 'not-expressible', message: `multipart-videos takes one ${image.role} image` });
    } else {
      const made = await toFile(image.source, image.role.replace('_', '-'));
      if (made.file) files[field] = made.file;
      else if (made.problem === 'invalid-base64') {
        issues.push({ path: `images[${index}].source`, rule: 'invalid-data-uri', message: 'the data: URI says base64, but its payload is not base64' });
      } else {
        issues.push({
          path: `images[${index}].source`,
          rule: 'not-expressible',
          message: 'multipart-videos uploads image files: give bytes, a Blob or a data: URI, not a URL or asset id',
        });
      }
    }
  }
  return files;
}

/**
 * Canonical request → multipart fields. Frames are uploaded as files (bytes or data URIs; a remote
 * URL would have to be downloaded first, which is the caller's call to make). The resolution is
 * part of the model name (`..._720p`): a different one cannot be asked for.
 */
export async function toWire(request: VideoRequest) {
  const issues: ValidationIssue[] = notExpressible('multipart-videos', request, UNSUPPORTED);
  const files = await frameFiles(request, issues);
  const lockedResolution = resolutionOfModel(request.model);
  if (request.resolution !== undefined && request.resolution !== lockedResolution) {
    issues.push({
      path: 'resolution',
      rule: 'not-expressible',
      message:
        `multipart-videos fixes the resolution by model (${request.model} is ${lockedResolution ?? 'unknown'}); ` +
        `choose the model for ${request.resolution} instead`,
    });
  }
  const body = compact({
    model: request.model,
    prompt: request.prompt,
    size: request.ratio,
    seconds: request.duration,
    ...files,
  } satisfies WireDraft<CreateTaskForm>);
  return { body: deepMerge(body, request.passthrough?.['multipart-videos']), issues };
}

/**
 * The form as the generated request type, which spells `format: binary` fields as strings. Sound:
 * formDataBody (this client's bodySerializer) sends each File as the binary part the schema means.
 */
function asGeneratedForm(form: CreateTaskForm): CreateTaskRequest {
  return form as unknown as CreateTaskRequest;
}

/** Video object → canonical task. */
export function fromWire(body: WireTask, handle: TaskHandle): Task {
  // Defensive: a gateway may answer 200 with less than the contract promises.
  const video: Partial<WireTask> = body ?? {};
  return compact({
    id: textOf(video.id) ?? textOf(video.task_id) ?? handle.taskId,
    dialect: 'multipart-videos',
    model: textOf(video.model) ?? handle.model,
    status: statusOf('TaskStatus', video.status),
    rawStatus: wordOf(video.status),
    progress: parseProgress(video.progress),
    // OctopusX puts the URL at the top level, a stock new-api at metadata.url.
    videoUrl: findVideoUrl(video),
    error: video.error ? compact({ code: textOf(video.error.code), message: textOf(video.error.message) ?? '' }) : undefined,
    createdAt: video.created_at,
    completedAt: video.completed_at ?? undefined,
    raw: body,
  });
}

type Client = WireClient<paths>;

/** The multipart-videos dialect for the client: `createClient({ dialects: [multipartVideos] })` from seedance-contracts/core. */
export const multipartVideos: DialectAdapter<Client, CreateTaskForm, WireTask, 'multipart-videos'> = {
  id: 'multipart-videos',
  contract,
  checkWire: (body) => checkWireBodyWith(contract, 'createTask', body),
  toWire,
  fromWire,
  taskIdOf: (submitted) => (submitted as components['schemas']['Task'] | undefined)?.id,
  submit: (client, body, call) => client.POST('/v1/videos', { body: asGeneratedForm(body), ...call }),
  get: (client, id, call) => client.GET('/v1/videos/{id}', { params: { path: { id } }, ...call }),
  // The OpenAI-style content download (downloadVideoContent), streamed through the gateway.
  videoContentPath: '/v1/videos/{id}/content' satisfies keyof paths,
};

/** The same adapter under the name every dialect module shares. */
export const adapter = multipartVideos;
