// The HTTP client the facade gives a dialect adapter: the three calls of openapi-fetch's client the
// adapters make (POST with a body, GET and DELETE with path parameters), typed by the dialect's
// generated paths exactly as openapi-fetch types them, and answered the way openapi-fetch answers
// (`{ data }` on 2xx, `{ error }` otherwise, both with the response). It sends each request as an
// OutgoingRequest through the call's own fetch (retries, timeout, abort), with no Request, Headers
// merging, middleware or per-call closures in between: per call it does a fraction of the work,
// and a one-dialect app does not bundle openapi-fetch. Users who want the whole typed client have
// `createRawClient` in each dialect module.
import type { Client } from 'openapi-fetch';
import { DEFAULT_MAX_ANSWER_BYTES, readCapped, settledData } from './answer.ts';
import { OutgoingRequest } from './outgoing-request.ts';
import { formDataBody } from './form-data.ts';

/** What the adapters call: openapi-fetch's own method types for the dialect's paths. */
export type WireClient<Paths extends {}> = Pick<Client<Paths, `${string}/${string}`>, 'POST' | 'GET' | 'DELETE'>;

export interface WireClientOptions {
  /** Where the dialect is served, trailing slashes removed. */
  baseUrl: string;
  apiKey: string;
  headers?: Record<string, string>;
  /** Request bodies are multipart/form-data (the contract's createTask media type), else JSON. */
  multipart: boolean;
  /** The most of an answer's body that is read (src/http/answer.ts). */
  maxAnswerBytes?: number;
}

/** The options the adapters pass: a body, path parameters, and the call's signal and fetch. */
interface WireInit {
  body?: unknown;
  params?: { path?: Record<string, string | number> };
  signal: AbortSignal;
  fetch: (request: OutgoingRequest) => Promise<Response>;
}

/** `/tasks/{id}` with each `{name}` replaced by its percent-encoded value. */
function fillPath(path: string, values: Record<string, string | number> = {}): string {
  return path.replace(/\{([^{}]+)\}/g, (placeholder, name: string) => (name in values ? encodeURIComponent(String(values[name])) : placeholder));
}

/**
 * The answer as openapi-fetch reads it: no body on 204 or an empty one, JSON on success, the error
 * body as JSON when it parses. A JSON answer the call already read in its retry loop (src/http/answer.ts)
 * is taken from there; any other body is read up to `maxBytes` (an error body is cut there, a
 * success body that does not parse reads as no data).
 */
async function readAnswer(response: Response, maxBytes: number): Promise<{ data?: unknown; error?: unknown; response: Response }> {
  const settled = settledData(response);
  if (settled) return { data: settled.data, response };
  const contentLength = response.headers.get('content-length');
  if (response.status === 204 || (contentLength === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))) {
    return response.ok ? { data: undefined, response } : { error: undefined, response };
  }
  const { text } = await readCapped(response, maxBytes);
  try {
    return response.ok ? { data: text ? JSON.parse(text) : undefined, response } : { error: JSON.parse(text), response };
  } catch {
    return response.ok ? { data: undefined, response } : { error: text, response };
  }
}

export function createWireClient<Paths extends {}>(options: WireClientOptions): WireClient<Paths> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  // The key is in this closure only, as with createRawClient.
  const fixed = { ...options.headers, authorization: `Bearer ${options.apiKey}` };
  const send = (method: string, path: string, init: WireInit) => {
    const json = init.body !== undefined && !options.multipart;
    const headers = new Headers(json ? { 'content-type': 'application/json', ...fixed } : fixed);
    const body = init.body === undefined ? undefined : options.multipart ? formDataBody(init.body) : JSON.stringify(init.body);
    const request = new OutgoingRequest(baseUrl + fillPath(path, init.params?.path), {
      method,
      headers,
      signal: init.signal,
      redirect: 'follow',
      ...(body === undefined ? {} : { body }),
    });
    return init.fetch(request).then((response) => readAnswer(response, maxAnswerBytes));
  };
  const client = {
    POST: (path: string, init: WireInit) => send('POST', path, init),
    GET: (path: string, init: WireInit) => send('GET', path, init),
    DELETE: (path: string, init: WireInit) => send('DELETE', path, init),
  };
  // Sound for the calls the adapters make, which is all this client is for: a path of the
  // dialect's document, path parameters, a body, and the call's signal and fetch (typed `fetch`
  // takes a Request; it gets the OutgoingRequest the facade's retrying fetch accepts). The answer
  // has openapi-fetch's shape. Options the adapters never pass (query, headers, parseAs) are not
  // read: test/facade/wire-client.test.ts runs every adapter call through both clients.
  return client as unknown as WireClient<Paths>;
}
