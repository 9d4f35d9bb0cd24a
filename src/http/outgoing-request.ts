// A request as the facade's wire client describes it (src/http/wire-client.ts): the URL and
// the RequestInit, kept as plain values instead of a fetch Request, so the only Request of an
// attempt is the one fetch itself makes: handing fetch a Request makes undici copy it (its body
// piped through a TransformStream), and cloning one to keep it for a retry tees the body stream;
// together they were a third of the client's cost per call on loopback. The body is a string or
// FormData, which any number of attempts can send again without reading anything twice.

export type OutgoingInit = RequestInit & { headers: Headers };

export class OutgoingRequest {
  readonly url: string;
  readonly init: OutgoingInit;

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    // The wire client hands over a Headers of its own making: kept, not copied.
    this.init = { ...init, headers: init.headers instanceof Headers ? init.headers : new Headers(init.headers) };
  }

  // What the retrying fetch reads.
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

/** One attempt's URL and init: the request's own, or a real Request's read once into bytes. */
export async function outgoingOf(request: Request | OutgoingRequest): Promise<OutgoingRequest> {
  if (request instanceof OutgoingRequest) return request;
  const { method, headers, signal, redirect } = request;
  const body = request.body === null ? undefined : await request.arrayBuffer();
  return new OutgoingRequest(request.url, { method, headers, signal, redirect, ...(body === undefined ? {} : { body }) });
}
