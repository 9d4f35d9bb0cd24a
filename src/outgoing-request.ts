// A request as the facade's typed clients describe it: the URL and the RequestInit openapi-fetch
// assembled, kept as plain values instead of a fetch Request. The facade gives it to openapi-fetch
// as the Request class, so the only Request of an attempt is the one fetch itself makes:
// handing fetch a Request makes undici copy it (its body piped through a TransformStream), and
// cloning one to keep it for a retry tees the body stream; together they were a third of the
// client's cost per call on loopback. The body is a string or FormData (openapi-fetch's
// serialisers), which any number of attempts can send again without reading anything twice.

export type OutgoingInit = RequestInit & { headers: Headers };

export class OutgoingRequest {
  readonly url: string;
  readonly init: OutgoingInit;

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    // openapi-fetch hands over a Headers of its own making: kept, not copied.
    this.init = { ...init, headers: init.headers instanceof Headers ? init.headers : new Headers(init.headers) };
  }

  // What openapi-fetch and its middleware read and write on the request they built.
  get method(): string {
    return (this.init.method ?? 'GET').toUpperCase();
  }

  get headers(): Headers {
    return this.init.headers;
  }

  get signal(): AbortSignal | undefined {
    return this.init.signal ?? undefined;
  }
}

/**
 * OutgoingRequest where openapi-fetch takes a Request class. Sound because openapi-fetch only
 * constructs it with (url, init), reads `method`, `headers` (its middleware sets the bearer header
 * there) and the init fields, and hands it to the facade's own fetch, which accepts nothing else
 * (createRetryingFetch); it never reaches a fetch that expects a real Request.
 */
export const OutgoingRequestClass = OutgoingRequest as unknown as typeof Request;

/** One attempt's URL and init: the request's own, or a real Request's read once into bytes. */
export async function outgoingOf(request: Request | OutgoingRequest): Promise<OutgoingRequest> {
  if (request instanceof OutgoingRequest) return request;
  const { method, headers, signal, redirect } = request;
  const body = request.body === null ? undefined : await request.arrayBuffer();
  return new OutgoingRequest(request.url, { method, headers, signal, redirect, ...(body === undefined ? {} : { body }) });
}
