// Request bodies, read and parsed defensively: bounded in size and time, strict UTF-8, JSON
// nesting bounded before anything recursive sees it, multipart fields named once each.
import type { IncomingMessage } from 'node:http';

export type BodyRead = { kind: 'read'; raw: Buffer } | { kind: 'too-large' } | { kind: 'too-slow' } | { kind: 'aborted' };

/**
 * Reads a request body, refusing early: a declared Content-Length over the limit is refused
 * before a byte is read, a chunked body is abandoned as soon as it passes the limit, and a body
 * that trickles in slower than `timeoutMs` allows is abandoned too (a slow-body attack holds a
 * socket and memory for as long as the server waits).
 */
export function readBody(request: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyRead) => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', onAbort).off('aborted', onAbort);
      // Whatever else arrives is read and dropped, so the connection can close gracefully.
      if (result.kind !== 'read') request.resume();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle({ kind: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = () => settle({ kind: 'read', raw: Buffer.concat(chunks, size) });
    const onAbort = () => settle({ kind: 'aborted' });
    const timer = setTimeout(() => settle({ kind: 'too-slow' }), timeoutMs);
    request.on('data', onData).on('end', onEnd).on('error', onAbort).on('aborted', onAbort);
  });
}

/**
 * The body, when every byte its Content-Length declares is already in the request's buffer (the
 * usual case: a small body arrives in the same read as its headers, and Node's parser has pushed it
 * by the time one microtask has run). It is taken straight from the buffer: no listeners, timer,
 * promise or copy, which readBody costs every request (node --cpu-prof under autocannon).
 * Undefined when readBody must wait: chunked, still arriving, over the limit, or already flowing.
 */
export function arrivedBody(request: IncomingMessage, limit: number): BodyRead | undefined {
  const declared = request.headers['content-length'];
  if (declared === undefined || request.readableFlowing !== null) return undefined;
  const size = Number(declared);
  // llhttp hands over at most Content-Length bytes as the body, so this many buffered is all of it.
  if (size > limit || request.readableLength !== size) return undefined;
  const raw = request.read() as Buffer | null;
  return { kind: 'read', raw: raw ?? Buffer.alloc(0) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The deepest nesting of arrays and objects in JSON text, found in one pass without recursion. */
function exceedsNesting(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}

export type JsonParse = { ok: true; value: unknown; text: string } | { ok: false; problem: string };

/** Strict JSON: UTF-8 that decodes without replacement, nesting at most `maxDepth`, then JSON.parse. */
export function parseJson(raw: Buffer, maxDepth: number): JsonParse {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { ok: false, problem: 'The request body is not valid UTF-8; JSON bodies must be UTF-8 encoded.' };
  }
  if (exceedsNesting(text, maxDepth))
    return { ok: false, problem: `The request body is JSON nested more than ${maxDepth} levels deep; the limit is ${maxDepth}.` };
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (error) {
    return { ok: false, problem: `The request body is not valid JSON: ${(error as Error).message}` };
  }
}

export type MultipartParse =
  | { ok: true; fields: Record<string, unknown>; files: Record<string, File>; text: string }
  | { ok: false; problem: string; field?: string };

/**
 * Parses multipart/form-data with the platform's own parser; files become their names. A field
 * sent twice is refused: which of two values a gateway keeps is not documented, so guessing
 * ("last wins") would hide the client's mistake.
 */
export async function parseMultipart(body: Buffer, contentType: string): Promise<MultipartParse> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    return { ok: false, problem: `The request body is not valid multipart/form-data: ${(error as Error).message}` };
  }
  const fields: Record<string, unknown> = {};
  const files: Record<string, File> = {};
  const texts: string[] = [];
  for (const [name, value] of form.entries()) {
    if (Object.hasOwn(fields, name))
      return { ok: false, field: `/${name}`, problem: `The multipart field "${name}" is sent more than once; send each field once.` };
    if (typeof value === 'string') {
      fields[name] = value;
      texts.push(value);
    } else {
      files[name] = value;
      fields[name] = value.name || name;
    }
  }
  return { ok: true, fields, files, text: texts.join('\n') };
}

/** What the journal keeps of a multipart body: text fields as sent, files as name, type and size. */
export function multipartSummary(fields: Record<string, unknown>, files: Record<string, File>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => {
      const file = files[name];
      return [name, file ? { file: file.name, type: file.type, bytes: file.size } : value];
    }),
  );
}
