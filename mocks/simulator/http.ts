// Small HTTP helpers for the simulator: JSON answers and byte-range responses for the video files.
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  const text = JSON.stringify(body);
  const length = Buffer.byteLength(text);
  response.writeHead(
    status,
    headers ? { 'content-type': 'application/json', 'content-length': length, ...headers } : { 'content-type': 'application/json', 'content-length': length },
  );
  response.end(text);
}

export function mediaTypeOf(request: IncomingMessage): string {
  const value = request.headers['content-type'] ?? '';
  // The usual value is already what the parsing below would make of it.
  if (value === 'application/json') return value;
  return value.split(';')[0]!.trim().toLowerCase();
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
