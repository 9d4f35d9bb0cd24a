// Turns `seedance generate` flags (and an optional JSON request file) into a canonical request.
// A media flag takes a URL, an asset:// id, a data: URI, or a local file path, read as bytes (at most
// MAX_INPUT_BYTES: cli/io.ts).
import type { VideoRequestInput } from '../src/request.ts';
import { type CliIo, InputTooLargeError, MAX_INPUT_BYTES, readFileCapped, readStdin } from './io.ts';
import { UsageError } from './output.ts';

/** What reading the request's files needs from the run: the working directory and stdin. */
type FilesIo = Pick<CliIo, 'cwd' | 'stdin'>;

export const REQUEST_FLAGS = {
  model: { type: 'string', short: 'm' },
  prompt: { type: 'string', short: 'p' },
  dialect: { type: 'string' },
  request: { type: 'string' },
  'first-frame': { type: 'string' },
  'last-frame': { type: 'string' },
  'reference-image': { type: 'string', multiple: true },
  'reference-video': { type: 'string', multiple: true },
  'source-video': { type: 'string', multiple: true },
  'reference-audio': { type: 'string', multiple: true },
  'draft-task': { type: 'string' },
  duration: { type: 'string' },
  frames: { type: 'string' },
  resolution: { type: 'string' },
  ratio: { type: 'string' },
  seed: { type: 'string' },
  'camera-fixed': { type: 'boolean' },
  'no-camera-fixed': { type: 'boolean' },
  watermark: { type: 'boolean' },
  'no-watermark': { type: 'boolean' },
  'generate-audio': { type: 'boolean' },
  'no-generate-audio': { type: 'boolean' },
  'return-last-frame': { type: 'boolean' },
  draft: { type: 'boolean' },
  'service-tier': { type: 'string' },
  'expires-after': { type: 'string' },
  'callback-url': { type: 'string' },
  // How the client treats a request its dialect's contract refuses (strict, warn or off); read by Session.connect.
  validation: { type: 'string' },
} as const;

type Values = {
  [K in keyof typeof REQUEST_FLAGS]?: (typeof REQUEST_FLAGS)[K] extends { multiple: true }
    ? string[]
    : (typeof REQUEST_FLAGS)[K] extends { type: 'boolean' }
      ? boolean
      : string;
};

const REMOTE = /^(https?:\/\/|asset:\/\/|data:)/;

/**
 * A URL-like source as given; anything else must be a readable local file, read up to the largest
 * request body the gateways accept (a larger file could not be sent; /dev/zero fails once past it).
 */
async function mediaSourceIn(flag: string, value: string, io: FilesIo): Promise<string | Uint8Array> {
  if (REMOTE.test(value)) return value;
  try {
    return await readFileCapped(io, value, MAX_INPUT_BYTES, `--${flag} ${value}`);
  } catch (error) {
    if (error instanceof InputTooLargeError) {
      throw new UsageError(`${error.message} (64 MiB, the largest request body the gateways accept); send it by URL or asset:// id instead`);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no such file: ${value} (give a URL, an asset:// id, a data: URI or a file path)`);
    throw new UsageError(`cannot read --${flag} ${value}${code ? ` (${code})` : ''}`);
  }
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number)) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return number;
}

function toggle(on: boolean | undefined, off: boolean | undefined, name: string): boolean | undefined {
  if (on && off) throw new UsageError(`--${name} and --no-${name} cannot both be given`);
  return on ? true : off ? false : undefined;
}

/** Reads a JSON request file: a canonical request (the shape `createClient().submit` takes). */
export async function readRequestFile(path: string, io: FilesIo): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = path === '-' ? await readStdin(io) : new TextDecoder().decode(await readFileCapped(io, path, MAX_INPUT_BYTES, `request file ${path}`));
  } catch (error) {
    throw new UsageError(error instanceof InputTooLargeError ? error.message : `cannot read request file ${path}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${path} is not a JSON object: ${(error as Error).message}`);
  }
}

export async function requestFromFlags(values: Values, io: FilesIo): Promise<VideoRequestInput> {
  const base = values.request ? await readRequestFile(values.request, io) : {};
  const media = (flag: keyof Values, given: readonly string[] = []) => Promise.all(given.map((value) => mediaSourceIn(flag, value, io)));
  const one = (value: string | undefined) => (value === undefined ? [] : [value]);
  const images = [
    ...(await media('first-frame', one(values['first-frame']))).map((source) => ({ role: 'first_frame' as const, source })),
    ...(await media('last-frame', one(values['last-frame']))).map((source) => ({ role: 'last_frame' as const, source })),
    ...(await media('reference-image', values['reference-image'])).map((source) => ({ role: 'reference' as const, source })),
  ];
  const videos = [
    ...(await media('reference-video', values['reference-video'])).map((source) => ({ role: 'reference' as const, source })),
    ...(await media('source-video', values['source-video'])).map((source) => ({ role: 'source' as const, source })),
  ];
  const audios = (await media('reference-audio', values['reference-audio'])).map((source) => ({ source }));
  const fields: Record<string, unknown> = {
    model: values.model,
    dialect: values.dialect,
    prompt: values.prompt,
    ...(images.length > 0 ? { images } : {}),
    ...(videos.length > 0 ? { videos } : {}),
    ...(audios.length > 0 ? { audios } : {}),
    draftTaskId: values['draft-task'],
    duration: integer('duration', values.duration),
    frames: integer('frames', values.frames),
    resolution: values.resolution,
    ratio: values.ratio,
    seed: integer('seed', values.seed),
    cameraFixed: toggle(values['camera-fixed'], values['no-camera-fixed'], 'camera-fixed'),
    watermark: toggle(values.watermark, values['no-watermark'], 'watermark'),
    generateAudio: toggle(values['generate-audio'], values['no-generate-audio'], 'generate-audio'),
    returnLastFrame: values['return-last-frame'],
    draft: values.draft,
    serviceTier: values['service-tier'],
    executionExpiresAfter: integer('expires-after', values['expires-after']),
    callbackUrl: values['callback-url'],
  };
  const merged = { ...base, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) };
  if (typeof merged.model !== 'string') throw new UsageError('--model is required (or a "model" in --request)');
  return merged as unknown as VideoRequestInput;
}
