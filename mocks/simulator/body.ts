// The one judge of request-body bytes, shared by the simulator and `seedance validate --wire`: size,
// UTF-8 (a leading BOM is ignored, as RFC 8259 allows), JSON nesting bounded before anything
// recursive sees it, JSON.parse, and multipart fields named once each. Pure and web-standard: bytes
// in, a verdict out. Reading the bytes off a request (bounded in size and time) is here too.

export interface BodyLimits {
  /** Larger bodies are refused (a declared Content-Length before a byte is read). */
  limitBytes: number;
  /** Deeper JSON is refused before it is parsed. */
  maxJsonDepth: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { limitBytes: 64 * 1024 * 1024, maxJsonDepth: 64 };

export type BodyRead = { kind: 'read'; bytes: Uint8Array<ArrayBuffer> } | { kind: 'too-large' } | { kind: 'too-slow' } | { kind: 'aborted' };

/**
 * Reads a request body, refusing early: a declared Content-Length over the limit is refused before
 * a byte is read; a body of declared length within it is read whole; one of unknown length is
 * streamed and abandoned as soon as it passes the limit; and one that trickles in slower than
 * `timeoutMs` allows is abandoned too (a slow body holds memory for as long as the server waits).
 * `onBytes` counts what was read.
 */
export async function readBody(request: Request, limit: number, timeoutMs: number, onBytes: (count: number) => void = () => undefined): Promise<BodyRead> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return { kind: 'too-large' };
  // A declared length is read whole without touching `body` (on a Node socket, the stream is only built when asked for).
  const stream = declared === null ? request.body : null;
  if (declared === null && !stream) return { kind: 'read', bytes: new Uint8Array(0) };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  try {
    return stream ? await readStream(stream, limit, late, onBytes) : await readWhole(request, late, onBytes);
  } catch {
    return { kind: 'aborted' };
  } finally {
    clearTimeout(timer);
  }
}

/** A body whose length is declared (and within the limit): read whole, which on a Node socket skips building a stream. */
async function readWhole(request: Request, late: Promise<'late'>, onBytes: (count: number) => void): Promise<BodyRead> {
  const whole = request.arrayBuffer();
  // Abandoned when late: the transport ends the connection, and the read's failure then is nobody's concern.
  whole.catch(() => undefined);
  const read = await Promise.race([whole, late]);
  if (read === 'late') return { kind: 'too-slow' };
  onBytes(read.byteLength);
  return { kind: 'read', bytes: new Uint8Array(read) };
}

/** A body of unknown length, read chunk by chunk and abandoned past the limit. */
async function readStream(
  body: ReadableStream<Uint8Array<ArrayBuffer>>,
  limit: number,
  late: Promise<'late'>,
  onBytes: (count: number) => void,
): Promise<BodyRead> {
  const reader = body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  // Stops reading without waiting: what is still on its way is the transport's to discard.
  const abandon = (result: BodyRead): BodyRead => {
    reader.cancel().catch(() => undefined);
    return result;
  };
  for (;;) {
    const next = await Promise.race([reader.read(), late]);
    if (next === 'late') return abandon({ kind: 'too-slow' });
    if (next.done) break;
    size += next.value.byteLength;
    onBytes(next.value.byteLength);
    if (size > limit) return abandon({ kind: 'too-large' });
    chunks.push(next.value);
  }
  return { kind: 'read', bytes: concat(chunks, size) };
}

function concat(chunks: Uint8Array<ArrayBuffer>[], size: number): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** A human size for a limit in bytes. */
export function sizeOf(limit: number): string {
  return limit >= 1_048_576 ? `${+(limit / 1_048_576).toFixed(2)} MiB` : `${+(limit / 1_024).toFixed(2)} KiB`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether JSON text nests arrays and objects deeper than `limit`, found in one pass without recursion. */
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

export type JsonVerdict = { ok: true; value: unknown; text: string } | { ok: false; problem: string };

/** Strict JSON: UTF-8 that decodes without replacement, nesting at most `maxDepth`, then JSON.parse. */
function judgeJson(bytes: Uint8Array, maxDepth: number): JsonVerdict {
  let text: string;
  try {
    text = utf8.decode(bytes);
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

export type MultipartVerdict =
  | { ok: true; fields: Record<string, unknown>; files: Record<string, File>; text: string }
  | { ok: false; problem: string; field?: string };

/**
 * Parses multipart/form-data with the platform's own parser; files become their names. A field
 * sent twice is refused: which of two values a gateway keeps is not documented, so guessing
 * ("last wins") would hide the client's mistake.
 */
async function judgeMultipart(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<MultipartVerdict> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
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

/** A body as the contract check sees it: the parsed value, its files, and its text (where a scenario marker is looked for). */
export interface JudgedBody {
  /** The body as parsed, which is what is validated: a JSON array or scalar stays one. */
  value: unknown;
  files: Record<string, File>;
  text: string;
}

export type BodyVerdict = { ok: true; body: JudgedBody } | { ok: false; kind: 'too-large' | 'invalid'; problem: string; field?: string };

/**
 * The verdict on a body's bytes for an operation taking `mediaType` (`contentType` is the header as
 * sent, which carries the multipart boundary). Size first, then the media type's own rules.
 */
export async function judgeBody(bytes: Uint8Array<ArrayBuffer>, mediaType: string, contentType: string, limits: BodyLimits): Promise<BodyVerdict> {
  if (bytes.byteLength > limits.limitBytes)
    return { ok: false, kind: 'too-large', problem: `The request body exceeds the limit of ${limits.limitBytes} bytes (${sizeOf(limits.limitBytes)}).` };
  if (mediaType === 'application/json') {
    const parsed = judgeJson(bytes, limits.maxJsonDepth);
    return parsed.ok ? { ok: true, body: { value: parsed.value, files: {}, text: parsed.text } } : { ok: false, kind: 'invalid', problem: parsed.problem };
  }
  const parsed = await judgeMultipart(bytes, contentType);
  if (!parsed.ok) return { ok: false, kind: 'invalid', problem: parsed.problem, ...(parsed.field ? { field: parsed.field } : {}) };
  return { ok: true, body: { value: parsed.fields, files: parsed.files, text: parsed.text } };
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
