// Replies as HTTP: JSON answers, and byte ranges for the video files; as a web-standard Response, or
// as the parts a socket writes.
import type { HandlerReply } from './dialects/types.ts';

/**
 * An exchange to send; `close` ends the connection after it (the rest of the request is not read);
 * `recorded` is a replayed answer's body, sent as it is with the status and headers as they are.
 */
export type Reply = HandlerReply & { close?: boolean; recorded?: Uint8Array<ArrayBuffer> };

/** A reply as HTTP: status, headers and body, the same whether it becomes a Response or is written to a socket. */
export interface ReplyParts {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array<ArrayBuffer>> | null;
}

/** Serves bytes with Range support (one range), as a CDN serves the real videos. */
function byteParts(method: string, range: string | null, bytes: Uint8Array<ArrayBuffer>, type: string, extra: Record<string, string>): ReplyParts {
  const headers = { 'content-type': type, 'accept-ranges': 'bytes', 'cache-control': 'public, max-age=86400', ...extra };
  const body = (part: Uint8Array<ArrayBuffer>) => (method === 'HEAD' ? null : part);
  const asked = /^bytes=(\d*)-(\d*)$/.exec((range ?? '').trim());
  if (!asked) return { status: 200, headers: { ...headers, 'content-length': String(bytes.length) }, body: body(bytes) };
  const [, first = '', last = ''] = asked;
  let start = first === '' ? bytes.length - Number(last) : Number(first);
  let end = first === '' || last === '' ? bytes.length - 1 : Number(last);
  start = Math.max(0, start);
  end = Math.min(end, bytes.length - 1);
  if (start > end || start >= bytes.length) return { status: 416, headers: { ...headers, 'content-range': `bytes */${bytes.length}` }, body: null };
  return {
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'content-length': String(end - start + 1) },
    body: body(bytes.subarray(start, end + 1)),
  };
}

export function replyParts(request: Request, reply: Reply): ReplyParts {
  const headers = { ...reply.headers, ...(reply.close ? { connection: 'close' } : {}) };
  if (reply.recorded) return { status: reply.status, headers, body: request.method === 'HEAD' ? null : reply.recorded };
  if (reply.bytes) return byteParts(request.method, request.headers.get('range'), reply.bytes.data, reply.bytes.type, headers);
  if (reply.stream) return { status: reply.status, headers: { 'content-type': 'application/json', ...headers }, body: reply.stream };
  return { status: reply.status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(reply.body) };
}

export function toResponse(request: Request, reply: Reply): Response {
  const { status, headers, body } = replyParts(request, reply);
  return new Response(body, { status, headers });
}

/** The media type of a Content-Type header: no parameters, lower case. */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
