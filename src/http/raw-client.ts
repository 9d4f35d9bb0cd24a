// The typed HTTP client every dialect module builds on: openapi-fetch typed by the dialect's
// generated paths, with bearer auth on every request. The key lives only in openapi-fetch's closure:
// it is never stored on the client, in the caller's options objects or in anything an error could carry.
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';

export interface RawClientOptions {
  /** Where the dialect is served, e.g. `https://ark.cn-beijing.volces.com` or `http://127.0.0.1:4010/ark`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. Omit it to send no credentials (contract checks of 401). */
  apiKey?: string;
  /** A fetch to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

export { formDataBody } from './form-data.ts';

export function createRawClient<Paths extends {}>(
  options: RawClientOptions,
  extra: Pick<ClientOptions, 'bodySerializer'> = {},
): Client<Paths, `${string}/${string}`> {
  const { apiKey } = options;
  // The bearer header joins the client's default headers (openapi-fetch keeps them in its own
  // closure, never on the client object); a middleware would cost an id, a frozen options object
  // and an extra await on every request.
  const auth = apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` };
  const headers = options.headers || apiKey !== undefined ? { headers: { ...options.headers, ...auth } } : {};
  const client = createClient<Paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...headers,
    ...extra,
  });
  return client;
}
