// Downloading a finished task's video as a web ReadableStream: the request (redirects followed by
// hand, so the key goes only where the client's key scope allows), then the body, checked as it
// comes: it must sniff as a video the documents name, and stay under a size limit. Every failure,
// in the request or later in the stream, is a typed, key-free error carrying the task's handle.
import type { operations as ContentMetadata } from '../generated/content-metadata.ts';
import type { operations as MultipartVideos } from '../generated/multipart-videos.ts';
import type { CallOptions } from './dialects/shared/adapter.ts';
import type { DialectId } from '../generated/dialects.ts';
import { AbortedError, ConnectionError, NotAVideoError, VideoTooLargeError } from './errors.ts';
import { OutgoingRequest } from './http/outgoing-request.ts';
import { SNIFF_BYTES, sniffBytes } from './sniff.ts';
import type { TaskHandle } from './task.ts';

/** The largest video a download delivers unless `maxBytes` says otherwise. */
export const DEFAULT_MAX_VIDEO_BYTES = 2 * 1024 * 1024 * 1024;

/** The media types the documents' download operations answer with (200 and 206). */
type Served<Operations extends { downloadVideoContent: { responses: { 200: { content: object }; 206: { content: object } } } }> =
  | keyof Operations['downloadVideoContent']['responses'][200]['content']
  | keyof Operations['downloadVideoContent']['responses'][206]['content'];
type VideoMediaType = Served<ContentMetadata> | Served<MultipartVideos>;

/**
 * What a downloaded video may be: every media type the documents serve a video as, each listed once
 * (the compiler holds this record to the generated types, so the two cannot drift). The URL
 * dialects (ark, unified-jobs) document no download operation; their videos are the same MP4s.
 */
const VIDEO_TYPES: Record<VideoMediaType, true> = { 'video/mp4': true };
export const VIDEO_MEDIA_TYPES: readonly string[] = Object.keys(VIDEO_TYPES);

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export interface VideoFetch {
  url: string;
  /** Whether the key may go to this URL (the client's key scope), asked again at every redirect. */
  mayCarryKey(url: string): boolean;
  apiKey: string;
  headers?: Record<string, string> | undefined;
}

/**
 * GETs the video through the call's fetch (retries, timeout, abort), following up to five redirects
 * itself: the key goes along only to URLs `mayCarryKey` accepts. Where the runtime cannot show a
 * redirect (a browser answers `opaqueredirect`), the browser follows it, and by the Fetch standard
 * drops the key when the redirect leaves the origin.
 */
export async function fetchVideo(request: VideoFetch, call: CallOptions): Promise<Response> {
  let url = request.url;
  for (let hop = 0; ; hop++) {
    const send = (redirect: RequestRedirect) => {
      const headers = new Headers(request.headers);
      if (request.mayCarryKey(url)) headers.set('authorization', `Bearer ${request.apiKey}`);
      return call.fetch(new OutgoingRequest(url, { method: 'GET', headers, signal: call.signal, redirect }));
    };
    const response = await send('manual');
    if (response.type === 'opaqueredirect') return send('follow');
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null || hop >= MAX_REDIRECTS) return response;
    const next = URL.canParse(location, url) ? new URL(location, url) : undefined;
    // Only to another web address: a redirect to file:, data: or anything else ends here, as an error answer.
    if (next?.protocol !== 'http:' && next?.protocol !== 'https:') return response;
    response.body?.cancel().catch(() => undefined);
    url = next.href;
  }
}

export interface VideoStreamOptions {
  handle: TaskHandle;
  dialect: DialectId;
  maxBytes: number;
  /** The caller's signal: aborting it ends the stream with an AbortedError. */
  signal?: AbortSignal | undefined;
  /** Every error the stream ends with passes through this (the client's typing and redaction). */
  fail: (error: unknown) => unknown;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/**
 * The video body as a stream, after checking it: a declared length over the limit is refused before
 * reading, and the first bytes must sniff as a video the documents name (an HTML or JSON page is
 * refused before the caller sees a byte). The stream errors (a typed error) when the body grows past
 * the limit, breaks off, or ends short of its declared length, or when the caller's signal aborts.
 */
export async function videoStream(response: Response, options: VideoStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const { handle, maxBytes, signal } = options;
  const declaredText = response.headers.get('content-length');
  const declared = declaredText === null ? undefined : Number(declaredText);
  if (declared !== undefined && declared > maxBytes) {
    response.body?.cancel().catch(() => undefined);
    throw new VideoTooLargeError(handle, maxBytes, declared);
  }
  const reader = (response.body ?? new Blob([]).stream()).getReader();
  let received = 0;
  const brokenOff = (cause: unknown) =>
    signal?.aborted
      ? new AbortedError(options.dialect, { cause: signal.reason, handle })
      : new ConnectionError(options.dialect, `the video download broke off after ${received} bytes; the task is unaffected, download it again`, {
          cause,
          handle,
        });
  /** The next chunk, counted against the limit; undefined at the end. */
  const next = async (): Promise<Uint8Array | undefined> => {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch (error) {
      throw brokenOff(error);
    }
    // A cancelled read ends as `done`: an abort must not pass for the end of the video.
    if (signal?.aborted) throw brokenOff(signal.reason);
    if (read.done) {
      if (declared !== undefined && received < declared) throw brokenOff(new Error(`ended at ${received} of ${declared} bytes`));
      return undefined;
    }
    received += read.value.byteLength;
    if (received > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw new VideoTooLargeError(handle, maxBytes, declared);
    }
    return read.value;
  };
  const onAbort = () => reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const release = () => signal?.removeEventListener('abort', onAbort);

  const head: Uint8Array[] = [];
  let ended = false;
  try {
    while (head.reduce((sum, chunk) => sum + chunk.byteLength, 0) < SNIFF_BYTES) {
      const chunk = await next();
      if (!chunk) {
        ended = true;
        break;
      }
      head.push(chunk);
    }
  } catch (error) {
    release();
    reader.cancel().catch(() => undefined);
    throw error;
  }
  const sniffed = sniffBytes(concat(head).subarray(0, SNIFF_BYTES));
  if (!VIDEO_MEDIA_TYPES.includes(sniffed)) {
    release();
    reader.cancel().catch(() => undefined);
    throw new NotAVideoError(handle, sniffed, response.headers.get('content-type') ?? undefined, VIDEO_MEDIA_TYPES);
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
      if (ended) {
        release();
        controller.close();
      }
    },
    async pull(controller) {
      try {
        const chunk = await next();
        if (chunk) return controller.enqueue(chunk);
        release();
        controller.close();
      } catch (error) {
        release();
        controller.error(options.fail(error));
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
}
