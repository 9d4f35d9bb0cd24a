// Shapes that `ark` and `content-metadata` share: the Ark `content[]` items (content-metadata
// relays them to Ark unchanged) and the Ark task object (content-metadata returns it inside its
// wrapper, at data.data).
import type { components as ArkComponents } from '../../../generated/ark.ts';
import type { components as MetadataComponents } from '../../../generated/content-metadata.ts';
import { toUrl } from '../../media.ts';
import type { VideoRequest } from '../../request.ts';
import { compact } from '../../objects.ts';
import { type Task, type TaskHandle, type TaskStatus, textOf, wordOf } from '../../task.ts';
import type { WireDraft } from './adapter.ts';
import type { DialectId } from '../../../generated/dialects.ts';
import { findVideoUrl } from './video-url.ts';

type ArkContentItem = ArkComponents['schemas']['ContentItem'];

const IMAGE_ROLES = { first_frame: 'first_frame', last_frame: 'last_frame', reference: 'reference_image' } as const;

/**
 * The canonical inputs as Ark content items: the prompt as a text item, then images, videos,
 * audios, and a draft task. Ark has one video role: `reference_video` covers both reference and
 * source (continuation, editing) videos, as the pages document.
 */
export async function arkContent(request: VideoRequest): Promise<ArkContentItem[]> {
  const content: ArkContentItem[] = [];
  if (request.prompt !== undefined) content.push({ type: 'text', text: request.prompt });
  for (const image of request.images ?? []) {
    content.push({ type: 'image_url', image_url: { url: await toUrl(image.source) }, role: IMAGE_ROLES[image.role] });
  }
  for (const video of request.videos ?? []) {
    content.push({ type: 'video_url', video_url: { url: await toUrl(video.source) }, role: 'reference_video' });
  }
  for (const audio of request.audios ?? []) {
    content.push({ type: 'audio_url', audio_url: { url: await toUrl(audio.source) }, role: 'reference_audio' });
  }
  if (request.draftTaskId !== undefined) content.push({ type: 'draft_task', draft_task: { id: request.draftTaskId } });
  return content;
}

/** The Ark parameter fields: top-level on `ark`, inside `metadata` on `content-metadata`. */
export type ArkParameters = Omit<WireDraft<ArkComponents['schemas']['CreateTaskRequest']>, 'model' | 'content'>;

/**
 * The canonical parameters under their Ark names: the one mapping that `ark` (top level) and
 * `content-metadata` (in `metadata`, which relays them to Ark unchanged) share.
 */
export function arkParameters(request: VideoRequest) {
  return compact({
    duration: request.duration,
    frames: request.frames,
    resolution: request.resolution,
    ratio: request.ratio,
    seed: request.seed,
    camera_fixed: request.cameraFixed,
    watermark: request.watermark,
    generate_audio: request.generateAudio,
    return_last_frame: request.returnLastFrame,
    draft: request.draft,
    service_tier: request.serviceTier,
    execution_expires_after: request.executionExpiresAfter,
    callback_url: request.callbackUrl,
  } satisfies ArkParameters);
}

type ArkTask = ArkComponents['schemas']['Task'] | MetadataComponents['schemas']['UpstreamTask'];

/** Reads a status word of the calling dialect's tables (its own statuses bundle). */
export type StatusReader = (schema: string, raw: unknown) => TaskStatus;

/** An Ark task object as the canonical task. */
export function fromArkTask(dialect: DialectId, task: ArkTask, handle: TaskHandle, readStatus: StatusReader, overrides: Partial<Task> = {}): Task {
  // The relay's table knows the words relays add (pending, processing); Ark's own knows not_start.
  const status = readStatus(dialect === 'content-metadata' ? 'UpstreamTaskStatus' : 'TaskStatus', task.status);
  return compact({
    id: textOf(task.id) ?? handle.taskId,
    dialect,
    model: textOf(task.model) ?? handle.model,
    status,
    rawStatus: wordOf(task.status),
    // Ark reports no progress while running; a finished video is all there is.
    progress: status === 'succeeded' ? 100 : undefined,
    videoUrl: findVideoUrl(task),
    lastFrameUrl: textOf(task.content?.last_frame_url),
    error: task.error ? compact({ code: textOf(task.error.code), message: textOf(task.error.message) ?? '' }) : undefined,
    createdAt: task.created_at,
    updatedAt: task.updated_at,
    usage: task.usage ? compact({ completionTokens: task.usage.completion_tokens, totalTokens: task.usage.total_tokens }) : undefined,
    raw: task,
    ...overrides,
  });
}
