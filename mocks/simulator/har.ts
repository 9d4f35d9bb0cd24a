// HTTP Archive (HAR 1.2) entries written and read: the proxy records each exchange as one entry,
// and `drift` and the simulator's replay read recordings back, ours or a browser's or
// Postman's. Format: http://www.softwareishard.com/blog/har-12-spec/ (the types are
// @types/har-format). No library writes HAR from a proxy's exchanges (the maintained writers
// build it from a browser's DevTools events), so the writer is these few functions.
//
// The key never reaches a file. `Authorization`, `Proxy-Authorization`, cookies and the other
// credential headers are replaced by `[redacted]` whatever their value; every key the caller sent
// (the bearer token, or an API-key header's value) is replaced wherever else it appears: any
// header, the URL and its query values, and the bodies, text or binary.
//
// Web-standard only (no Node API) and importing nothing of the CLI: the simulator can take this
// reader as it is.
import type { Content, Cookie, Entry, Har, Header, PostData, QueryString } from 'har-format';

import { REDACTED, redactText } from '../../src/redact.ts';

export type { Har } from 'har-format';

/** Headers whose whole value is a credential. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key']);
/** Headers that carry a key on their own (without an auth scheme in front). */
const KEY_HEADERS = ['x-api-key', 'api-key'];

/**
 * Shorter credentials are not searched for elsewhere: removing every "ab" would garble the whole
 * file and hide nothing (the credential headers are redacted whatever their value).
 */
const MIN_KEY_LENGTH = 4;

/** The keys a request carries: the credentials of its `Authorization` (after the scheme) and its API-key headers. */
export function keysOf(headers: Iterable<[string, string]>): string[] {
  const keys: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const credentials = value.trim().split(/\s+/);
      keys.push(credentials.length > 1 ? credentials.slice(1).join(' ') : (credentials[0] ?? ''));
    } else if (KEY_HEADERS.includes(lower)) keys.push(value.trim());
  }
  return keys.filter((key) => key.length >= MIN_KEY_LENGTH);
}

const encoder = new TextEncoder();
const MARK = encoder.encode(REDACTED);

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  for (let at = haystack.indexOf(first ?? 0, from); at !== -1 && at + needle.length <= haystack.length; at = haystack.indexOf(first ?? 0, at + 1)) {
    let same = true;
    for (let offset = 1; offset < needle.length && same; offset++) same = haystack[at + offset] === needle[offset];
    if (same) return at;
  }
  return -1;
}

/** Replaces every key's UTF-8 bytes in a body (a binary body can carry a key too). */
function redactBytes(bytes: Uint8Array, keys: Iterable<string>): Uint8Array {
  let current = bytes;
  for (const key of keys) {
    const needle = encoder.encode(key);
    if (needle.length === 0) continue;
    const parts: Uint8Array[] = [];
    let from = 0;
    for (let at = indexOf(current, needle, 0); at !== -1; at = indexOf(current, needle, from)) {
      parts.push(current.subarray(from, at), MARK);
      from = at + needle.length;
    }
    if (parts.length === 0) continue;
    parts.push(current.subarray(from));
    const joined = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      joined.set(part, offset);
      offset += part.length;
    }
    current = joined;
  }
  return current;
}

// --- base64 (btoa/atob work on one byte per character) --------------------------------------

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

// --- writing ---------------------------------------------------------------------------------

/** A body as it passed: its bytes when kept, and its size. */
export interface RecordedBody {
  /** Every byte, or undefined when they were not kept (over the size cap, cut off, or not recorded). */
  bytes?: Uint8Array | undefined;
  /** Bytes that passed: all of them, unless `cut`. */
  size: number;
  /** The body did not pass whole (the gateway answered before reading it, or the caller stopped reading). */
  cut?: boolean | undefined;
}

/** One exchange as the proxy saw it, before redaction. */
export interface RecordedExchange {
  /** When the request arrived (ms since the epoch). */
  startedAt: number;
  method: string;
  /** The URL the gateway was sent. */
  url: string;
  /** The gateway's base URL, which `url` lies below (where the contract's paths start). */
  baseUrl: string;
  requestHeaders: Array<[string, string]>;
  requestBody?: RecordedBody | undefined;
  status: number;
  statusText: string;
  responseHeaders: Array<[string, string]>;
  responseBody?: RecordedBody | undefined;
  /** Milliseconds from the request to the answer's headers, and from there to its last byte. */
  waitMs: number;
  receiveMs: number;
  /** Said when something about the exchange is not in the entry (a body not kept, a caller that stopped reading). */
  comment?: string | undefined;
}

export interface EntryOptions {
  /** Every key to remove from the entry (the caller's, see keysOf). */
  keys: Iterable<string>;
  /** Whether bodies are recorded at all (`--no-bodies` leaves them out, sizes kept). */
  bodies: boolean;
}

/** The custom fields (HAR 1.2 allows fields starting with `_`) this writer adds to each entry. */
export interface SeedanceEntryFields {
  /** The gateway base URL the request's URL lies below. */
  _baseUrl?: string;
  /** Set when `request.postData.text` is base64 (a binary upload; HAR's postData has no `encoding`). */
  _requestBodyEncoding?: 'base64';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text when it is UTF-8, else base64. */
function bodyText(bytes: Uint8Array): { text: string; base64: boolean } {
  try {
    return { text: utf8.decode(bytes), base64: false };
  } catch {
    return { text: toBase64(bytes), base64: true };
  }
}

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([candidate]) => candidate.toLowerCase() === name)?.[1];
}

function redactedHeaders(headers: Array<[string, string]>, keys: string[]): Header[] {
  return headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    return { name, value: CREDENTIAL_HEADERS.has(lower) || keys.includes(value) ? REDACTED : redactText(value, keys) };
  });
}

/** `a=1; b=2` (request) or one `Set-Cookie` value each (answer), as HAR cookies, every value redacted. */
function cookiesOf(headers: Array<[string, string]>, name: 'cookie' | 'set-cookie'): Cookie[] {
  return headers
    .filter(([candidate]) => candidate.toLowerCase() === name)
    .flatMap(([, value]) => (name === 'cookie' ? value.split(';') : [value.split(';')[0] ?? '']))
    .map((pair) => pair.split('=')[0]?.trim() ?? '')
    .filter((cookie) => cookie.length > 0)
    .map((cookie) => ({ name: cookie, value: REDACTED }));
}

/** The URL with every query value equal to a key redacted, and any key elsewhere in it too. */
function redactedUrl(url: string, keys: string[]): { url: string; query: QueryString[] } {
  const parsed = new URL(url);
  const query = [...parsed.searchParams].map(([name, value]) => ({
    name: redactText(name, keys),
    value: keys.includes(value) ? REDACTED : redactText(value, keys),
  }));
  if (query.length > 0) parsed.search = new URLSearchParams(query.map(({ name, value }) => [name, value])).toString();
  // redactText removes a key's percent-encoded form too, as a URL carries it.
  return { url: redactText(parsed.href, keys), query };
}

function recordedContent(body: RecordedBody | undefined, mimeType: string, options: EntryOptions, keys: string[]): Content {
  const size = body?.size ?? 0;
  if (!body || (size === 0 && !body.cut)) return { size: 0, mimeType };
  if (!options.bodies) return { size, mimeType, comment: 'body not recorded (--no-bodies)' };
  if (!body.bytes) return { size, mimeType, comment: body.cut ? 'body cut off: not recorded' : 'body not recorded: larger than the size cap' };
  const { text, base64 } = bodyText(redactBytes(body.bytes, keys));
  return base64 ? { size, mimeType, text, encoding: 'base64' } : { size, mimeType, text };
}

/** The request body, when recorded: HAR's postData has no `encoding`, so a binary one is base64 with `_requestBodyEncoding` saying so. */
function recordedPostData(body: RecordedBody | undefined, mimeType: string, options: EntryOptions, keys: string[]): { postData?: PostData; base64?: true } {
  if (!body?.bytes || body.size === 0 || !options.bodies) return {};
  const { text, base64 } = bodyText(redactBytes(body.bytes, keys));
  return base64 ? { postData: { mimeType, text }, base64 } : { postData: { mimeType, text } };
}

/** One exchange as a HAR entry, with every key removed. */
export function harEntry(exchange: RecordedExchange, options: EntryOptions): Entry & SeedanceEntryFields {
  // Longest first: a key that contains another is replaced whole.
  const keys = [...new Set(options.keys)].filter(Boolean).sort((a, b) => b.length - a.length);
  const { url, query } = redactedUrl(exchange.url, keys);
  const requestType = headerValue(exchange.requestHeaders, 'content-type') ?? '';
  const responseType = headerValue(exchange.responseHeaders, 'content-type') ?? '';
  const { postData, base64 } = recordedPostData(exchange.requestBody, requestType, options, keys);
  return {
    startedDateTime: new Date(exchange.startedAt).toISOString(),
    time: exchange.waitMs + exchange.receiveMs,
    request: {
      method: exchange.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: cookiesOf(exchange.requestHeaders, 'cookie'),
      headers: redactedHeaders(exchange.requestHeaders, keys),
      queryString: query,
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: exchange.requestBody?.cut ? -1 : (exchange.requestBody?.size ?? 0),
    },
    response: {
      status: exchange.status,
      statusText: redactText(exchange.statusText, keys),
      httpVersion: 'HTTP/1.1',
      cookies: cookiesOf(exchange.responseHeaders, 'set-cookie'),
      headers: redactedHeaders(exchange.responseHeaders, keys),
      content: recordedContent(exchange.responseBody, responseType, options, keys),
      redirectURL: redactText(headerValue(exchange.responseHeaders, 'location') ?? '', keys),
      headersSize: -1,
      bodySize: exchange.responseBody?.cut ? -1 : (exchange.responseBody?.size ?? 0),
    },
    cache: {},
    timings: { send: 0, wait: exchange.waitMs, receive: exchange.receiveMs },
    _baseUrl: redactText(exchange.baseUrl, keys),
    ...(base64 ? { _requestBodyEncoding: 'base64' as const } : {}),
    ...(exchange.comment ? { comment: redactText(exchange.comment, keys) } : {}),
  };
}

/** A HAR document's text around its entries, so entries can be added one at a time: `head + entries.join(',') + tail`. */
export function harFrame(creator: { name: string; version: string }, comment?: string): { head: string; tail: string } {
  const log = JSON.stringify({ version: '1.2', creator, ...(comment ? { comment } : {}), entries: [] });
  return { head: `{"log":${log.slice(0, -2)}`, tail: ']}}\n' };
}

// --- reading ---------------------------------------------------------------------------------

/** A recording that cannot be read: which entry, and why. */
export class HarError extends Error {
  override name = 'HarError';
  constructor(
    message: string,
    /** The entry at fault (0-based index into log.entries), when one is. */
    readonly entry?: number,
  ) {
    super(message);
  }
}

/** One exchange read back from a recording. */
export interface ReadExchange {
  /** 0-based index into log.entries. */
  index: number;
  method: string;
  url: URL;
  /** The base URL the recording names for it (our proxy's `_baseUrl`), if any. */
  baseUrl?: string | undefined;
  requestHeaders: Array<[string, string]>;
  requestBody?: RecordedBody | undefined;
  status: number;
  responseHeaders: Array<[string, string]>;
  responseBody?: RecordedBody | undefined;
}

const entryName = (index: number) => `entry ${index + 1} (log.entries[${index}])`;

/**
 * The spans of the elements of `log.entries` in a JSON text, found in one pass without recursion
 * (strings and escapes respected), so a document that does not parse can still be blamed on one entry.
 */
function entrySpans(text: string): { spans: Array<[number, number]>; open?: number } {
  const spans: Array<[number, number]> = [];
  const keys: Array<string | undefined> = [];
  let depth = 0;
  let inEntries = -1;
  let start = -1;
  let lastString = '';
  let stringStart = -1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (stringStart !== -1) {
      if (code === 0x5c) index++;
      else if (code === 0x22) {
        lastString = text.slice(stringStart + 1, index);
        stringStart = -1;
      }
      continue;
    }
    if (code === 0x22) stringStart = index;
    else if (code === 0x3a) keys[depth] = lastString;
    else if (code === 0x7b || code === 0x5b) {
      if (inEntries !== -1 && depth === inEntries && start === -1) start = index;
      depth++;
      if (code === 0x5b && depth === 3 && keys[1] === 'log' && keys[2] === 'entries' && inEntries === -1) inEntries = depth;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
      if (inEntries !== -1 && depth === inEntries && start !== -1) {
        spans.push([start, index + 1]);
        start = -1;
      } else if (inEntries !== -1 && depth < inEntries) inEntries = -2;
    } else if (code === 0x2c) {
      if (depth === 1) keys[1] = undefined;
      if (depth === 2) keys[2] = undefined;
    }
  }
  return start === -1 ? { spans } : { spans, open: start };
}

/** Why a text that is not JSON cannot be read, naming the entry where it goes wrong. */
function notJson(text: string, error: Error): HarError {
  const { spans, open } = entrySpans(text);
  for (const [index, [from, to]] of spans.entries()) {
    try {
      JSON.parse(text.slice(from, to));
    } catch (inner) {
      return new HarError(`${entryName(index)} is not valid JSON: ${(inner as Error).message}`, index);
    }
  }
  if (open !== undefined)
    return new HarError(
      `the recording is cut off inside ${entryName(spans.length)}: ${spans.length} complete entries before it (a truncated file: ${error.message})`,
      spans.length,
    );
  return new HarError(`the recording is not valid JSON: ${error.message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerPairs(value: unknown, where: string, index: number): Array<[string, string]> {
  if (!Array.isArray(value)) throw new HarError(`${entryName(index)}: ${where} must be an array of {name, value}`, index);
  return value.map((header, at) => {
    if (!isObject(header) || typeof header.name !== 'string' || typeof header.value !== 'string')
      throw new HarError(`${entryName(index)}: ${where}[${at}] must be {name, value} strings`, index);
    return [header.name, header.value];
  });
}

function decodedText(text: string, base64: boolean, where: string, index: number): Uint8Array {
  if (!base64) return encoder.encode(text);
  try {
    return fromBase64(text);
  } catch {
    throw new HarError(`${entryName(index)}: ${where} says base64 but is not`, index);
  }
}

function readRequestBody(request: Record<string, unknown>, entry: Record<string, unknown>, index: number): RecordedBody | undefined {
  const size = typeof request.bodySize === 'number' ? request.bodySize : 0;
  const postData = request.postData;
  if (isObject(postData) && typeof postData.text === 'string') {
    const bytes = decodedText(postData.text, entry._requestBodyEncoding === 'base64', 'request.postData.text', index);
    return { bytes, size: bytes.length };
  }
  // bodySize -1: unknown (cut off); a form recorded as params only (a browser's export) has no bytes to check.
  if (size === -1) return { size: 0, cut: true };
  if (size > 0) return { size };
  return isObject(postData) && Array.isArray(postData.params) ? { size: 1 } : undefined;
}

function readResponseBody(content: Record<string, unknown>, response: Record<string, unknown>, index: number): RecordedBody | undefined {
  if (typeof content.text === 'string') {
    const bytes = decodedText(content.text, content.encoding === 'base64', 'response.content.text', index);
    return { bytes, size: bytes.length };
  }
  const size = typeof content.size === 'number' && content.size > 0 ? content.size : 0;
  if (response.bodySize === -1) return { size, cut: true };
  return size > 0 || (typeof response.bodySize === 'number' && response.bodySize > 0) ? { size: Math.max(size, 1) } : undefined;
}

function readEntry(entry: unknown, index: number): ReadExchange {
  if (!isObject(entry)) throw new HarError(`${entryName(index)} is not an object`, index);
  const { request, response } = entry;
  if (!isObject(request)) throw new HarError(`${entryName(index)}: request is missing`, index);
  if (!isObject(response)) throw new HarError(`${entryName(index)}: response is missing`, index);
  if (typeof request.method !== 'string' || request.method === '') throw new HarError(`${entryName(index)}: request.method is missing`, index);
  if (typeof request.url !== 'string' || !URL.canParse(request.url))
    throw new HarError(`${entryName(index)}: request.url must be an absolute URL, not ${JSON.stringify(request.url)}`, index);
  if (typeof response.status !== 'number' || !Number.isInteger(response.status))
    throw new HarError(`${entryName(index)}: response.status must be a number, not ${JSON.stringify(response.status)}`, index);
  const content = response.content ?? {};
  if (!isObject(content)) throw new HarError(`${entryName(index)}: response.content must be an object`, index);
  return {
    index,
    method: request.method,
    url: new URL(request.url),
    baseUrl: typeof entry._baseUrl === 'string' && URL.canParse(entry._baseUrl) ? entry._baseUrl : undefined,
    requestHeaders: headerPairs(request.headers ?? [], 'request.headers', index),
    requestBody: readRequestBody(request, entry, index),
    status: response.status,
    responseHeaders: headerPairs(response.headers ?? [], 'response.headers', index),
    responseBody: readResponseBody(content, response, index),
  };
}

/** The exchanges of a HAR document (its text, or the parsed object), in order; a HarError names the entry that cannot be read. */
export function readHar(har: string | Har): ReadExchange[] {
  let document: unknown = har;
  if (typeof har === 'string') {
    try {
      document = JSON.parse(har);
    } catch (error) {
      throw notJson(har, error as Error);
    }
  }
  if (!isObject(document) || !isObject(document.log)) throw new HarError('not a HAR recording: it has no "log" object');
  const entries = document.log.entries;
  if (!Array.isArray(entries)) throw new HarError('not a HAR recording: log.entries is not an array');
  return entries.map(readEntry);
}
