// Small HTTP helpers for the simulator: bounded body reading, JSON and multipart parsing, and
// byte-range responses for the video files.
import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLarge extends Error {}

/**
 * Reads a request body, refusing early: a declared Content-Length over the limit is refused
 * before a byte is read, and a chunked body is abandoned as soon as it passes the limit.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

export function mediaTypeOf(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses multipart/form-data with the platform's own parser; files become their names. */
export async function parseMultipart(body: Buffer, contentType: string): Promise<{ fields: Record<string, unknown>; files: Record<string, File> }> {
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  const fields: Record<string, unknown> = {};
  const files: Record<string, File> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else {
      files[name] = value;
      fields[name] = value.name || name;
    }
  }
  return { fields, files };
}

/** Serves bytes with Range support (one range), as a CDN serves the real videos. */
export function sendBytes(request: IncomingMessage, response: ServerResponse, bytes: Buffer, type: string, extra: Record<string, string> = {}): void {
  const headers = { 'content-type': type, 'accept-ranges': 'bytes', 'cache-control': 'public, max-age=86400', ...extra };
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(request.headers.range ?? '').trim());
  if (!request.headers.range || !range) {
    response.writeHead(200, { ...headers, 'content-length': bytes.length });
    response.end(request.method === 'HEAD' ? undefined : bytes);
    return;
  }
  const [, first = '', last = ''] = range;
  let start = first === '' ? bytes.length - Number(last) : Number(first);
  let end = first === '' ? bytes.length - 1 : last === '' ? bytes.length - 1 : Number(last);
  start = Math.max(0, start);
  end = Math.min(end, bytes.length - 1);
  if (start > end || start >= bytes.length) {
    response.writeHead(416, { ...headers, 'content-range': `bytes */${bytes.length}` });
    response.end();
    return;
  }
  response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'content-length': end - start + 1 });
  response.end(request.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1));
}
