// The canonical request: one shape an integrator writes once and sends to any dialect. It checks
// shape and types only. Ranges, enums and the mixing rules belong to each dialect's contract and
// are checked there (src/contracts/index.ts), on the wire body this request translates to.
// zod/mini: the same validation as classic zod, tree-shakable, so a client bundle carries only what this file uses.
import * as z from 'zod/mini';
import { DIALECT_IDS } from '../generated/dialects.ts';
import { ValidationError, type ValidationIssue } from './errors.ts';

/**
 * A media input: an http(s) URL, an `asset://<id>` from the gateway's asset library, a
 * `data:<type>;base64,...` URI, or the bytes themselves. Bytes are uploaded as files where the
 * dialect takes files, and sent as data URIs where it takes URLs.
 */
export const MediaSource = z.union([z.string().check(z.minLength(1)), z.instanceof(Blob), z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)]);
export type MediaSource = z.infer<typeof MediaSource>;

const ImageInput = z.strictObject({
  source: MediaSource,
  /** first_frame / last_frame: the video starts or ends on this image. reference: a look to follow. */
  role: z.enum(['first_frame', 'last_frame', 'reference']),
});

const VideoInput = z.strictObject({
  source: MediaSource,
  /** reference: motion or style to follow. source: the video to continue or edit. */
  role: z.enum(['reference', 'source']),
});

const AudioInput = z.strictObject({
  source: MediaSource,
  role: z._default(z.literal('reference'), 'reference'),
});

const Dialect = z.enum(DIALECT_IDS);

export const VideoRequest = z.strictObject({
  model: z.string().check(z.minLength(1)),
  /** Choose the dialect outright instead of routing by model name. */
  dialect: z.optional(Dialect),
  prompt: z.optional(z.string()),
  images: z.optional(z.array(ImageInput)),
  videos: z.optional(z.array(VideoInput)),
  audios: z.optional(z.array(AudioInput)),
  /** Render the final video from this draft task (the draft's parameters are reused). */
  draftTaskId: z.optional(z.string().check(z.minLength(1))),
  /** Seconds. */
  duration: z.optional(z.int()),
  frames: z.optional(z.int()),
  resolution: z.optional(z.string()),
  ratio: z.optional(z.string()),
  seed: z.optional(z.int()),
  cameraFixed: z.optional(z.boolean()),
  watermark: z.optional(z.boolean()),
  generateAudio: z.optional(z.boolean()),
  returnLastFrame: z.optional(z.boolean()),
  draft: z.optional(z.boolean()),
  serviceTier: z.optional(z.string()),
  /** Seconds the gateway may spend before the task expires. */
  executionExpiresAfter: z.optional(z.int()),
  callbackUrl: z.optional(z.string()),
  /**
   * Wire fields this model does not cover, per dialect, merged last (deeply) into that dialect's
   * body: `{ 'unified-jobs': { extra_body: { operation: 'edit_video' } } }`. The merged body is
   * still checked against the contract.
   */
  passthrough: z.optional(z.partialRecord(Dialect, z.record(z.string(), z.unknown()))),
});

/** What an integrator writes. */
export type VideoRequestInput = z.input<typeof VideoRequest>;
/** After parsing (defaults applied). */
export type VideoRequest = z.output<typeof VideoRequest>;

/** zod/mini ships no message texts; say what was expected in the words of each issue. */
function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' character(s)' : issue.origin === 'array' ? ' item(s)' : ''}`;
    case 'invalid_union':
      return 'expected a URL or asset:// or data: string, a Blob, a Uint8Array or an ArrayBuffer';
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
}

/** Parses a canonical request, or throws a ValidationError naming each field and problem. */
export function parseVideoRequest(input: unknown): VideoRequest {
  const result = z.safeParse(VideoRequest, input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issuePath(issue.path),
    rule: issue.code === 'unrecognized_keys' ? 'unknown-field' : issue.code.replace(/_/g, '-'),
    message: describe(issue),
  }));
  throw new ValidationError(undefined, issues);
}
