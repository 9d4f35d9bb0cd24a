// The canonical request: one shape an integrator writes once and sends to any dialect. It checks
// shape and types only. Ranges, enums and the mixing rules belong to each dialect's contract and
// are checked there (src/contract.ts), on the wire body this request translates to.
import { z } from 'zod';
import { DIALECT_IDS } from './dialects/ids.ts';
import { ValidationError, type ValidationIssue } from './errors.ts';

/**
 * A media input: an http(s) URL, an `asset://<id>` from the gateway's asset library, a
 * `data:<type>;base64,...` URI, or the bytes themselves. Bytes are uploaded as files where the
 * dialect takes files, and sent as data URIs where it takes URLs.
 */
export const MediaSource = z.union([
  z.string().min(1),
  z.instanceof(Blob),
  z.instanceof(Uint8Array),
  z.instanceof(ArrayBuffer),
]);
export type MediaSource = z.infer<typeof MediaSource>;

export const ImageInput = z.strictObject({
  source: MediaSource,
  /** first_frame / last_frame: the video starts or ends on this image. reference: a look to follow. */
  role: z.enum(['first_frame', 'last_frame', 'reference']),
});

export const VideoInput = z.strictObject({
  source: MediaSource,
  /** reference: motion or style to follow. source: the video to continue or edit. */
  role: z.enum(['reference', 'source']),
});

export const AudioInput = z.strictObject({
  source: MediaSource,
  role: z.literal('reference').default('reference'),
});

const Dialect = z.enum(DIALECT_IDS);

export const VideoRequest = z.strictObject({
  model: z.string().min(1),
  /** Choose the dialect outright instead of routing by model name. */
  dialect: Dialect.optional(),
  prompt: z.string().optional(),
  images: z.array(ImageInput).optional(),
  videos: z.array(VideoInput).optional(),
  audios: z.array(AudioInput).optional(),
  /** Render the final video from this draft task (the draft's parameters are reused). */
  draftTaskId: z.string().min(1).optional(),
  /** Seconds. */
  duration: z.number().int().optional(),
  frames: z.number().int().optional(),
  resolution: z.string().optional(),
  ratio: z.string().optional(),
  seed: z.number().int().optional(),
  cameraFixed: z.boolean().optional(),
  watermark: z.boolean().optional(),
  generateAudio: z.boolean().optional(),
  returnLastFrame: z.boolean().optional(),
  draft: z.boolean().optional(),
  serviceTier: z.string().optional(),
  /** Seconds the gateway may spend before the task expires. */
  executionExpiresAfter: z.number().int().optional(),
  callbackUrl: z.string().optional(),
  /**
   * Wire fields this model does not cover, per dialect, merged last (deeply) into that dialect's
   * body: `{ 'unified-jobs': { extra_body: { operation: 'edit_video' } } }`. The merged body is
   * still checked against the contract.
   */
  passthrough: z.partialRecord(Dialect, z.record(z.string(), z.unknown())).optional(),
});

/** What an integrator writes. */
export type VideoRequestInput = z.input<typeof VideoRequest>;
/** After parsing (defaults applied). */
export type VideoRequest = z.output<typeof VideoRequest>;

function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
}

/** Parses a canonical request, or throws a ValidationError naming each field and problem. */
export function parseVideoRequest(input: unknown): VideoRequest {
  const result = VideoRequest.safeParse(input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issuePath(issue.path),
    rule: issue.code === 'unrecognized_keys' ? 'unknown-field' : `invalid-${issue.code.replace(/_/g, '-')}`,
    message: issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new ValidationError(undefined, issues);
}
