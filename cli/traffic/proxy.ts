// The validating proxy, as a library: it sits between an app and a real gateway, forwards every
// request unchanged and returns the gateway's answer unchanged (status, headers and bytes; MP4
// downloads and Range requests stream through), and checks each exchange against the dialect's
// contract (exchange-check.ts), reporting each violation as it happens. It can record the traffic
// as HAR 1.2, the key removed (mocks/simulator/har.ts), and keep a JSON report that is complete after every
// exchange (report.ts).
//
// A web-standard fetch handler (Request -> Response, forwarding with fetch) served on Node by
// @hono/node-server, as the simulator is. Bodies stream both ways and are never held whole: each
// passes through a reader that hands every chunk on as it is asked for the next one (so the slower
// side sets the pace, as a socket's backpressure would) and keeps a copy only while the body is
// within the size cap, and only of a body that is checked (JSON, multipart) or recorded: a video
// passes unkept. ReadableStream.tee() would not do: it reads as fast as the faster branch, and
// queues a whole download for a slow caller.
//
// What an HTTP proxy must change, and only that (RFC 9110 §7.6.1): the hop-by-hop headers
// (`connection` and the headers it names, `keep-alive`, `proxy-connection`, `proxy-authenticate`,
// `proxy-authorization`, `te`, `trailer`, `transfer-encoding`, `upgrade`) are not forwarded either
// way; `host` becomes the target's; `expect` is answered by this server, not forwarded. fetch adds
// `accept`, `accept-encoding`, `accept-language`, `sec-fetch-mode` and `user-agent` to a request
// that has none, and decompresses a compressed answer, which is then sent on without its
// `content-encoding` and `content-length`.
import { getRequestListener } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { closeSync, openSync, writeSync } from 'node:fs';
import { createServer, type Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DialectId } from '../../generated/dialects.ts';
import { mediaTypeOf } from '../../mocks/simulator/http.ts';
import { checkExchange, targetBase, type Violation } from './exchange-check.ts';
import { harEntry, harFrame, keysOf, type RecordedBody, type RecordedExchange } from '../../mocks/simulator/har.ts';
import { redactText } from '../../src/redact.ts';
import { type TrafficReport, writeTrafficReport } from './report.ts';

export interface ProxyOptions {
  /** The gateway's base URL; the contract's paths start after its path (`http://127.0.0.1:4010/ark`). */
  target: string;
  dialect: DialectId;
  /** Default 0: a free port (the CLI's default is 4020). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Record every exchange to this HAR 1.2 file. */
  record?: string;
  /** Keep this JSON report, rewritten after every exchange. */
  report?: string;
  /** Whether the recording keeps bodies (default true; sizes are kept either way). */
  recordBodies?: boolean;
  /** Bodies up to this many bytes are kept to check and record (default 8 MiB); a larger one streams through unkept. */
  maxBodyBytes?: number;
  /** Told each violation as it is found (the key already removed). */
  onViolation?: (violation: Violation) => void;
  /** Told when the target did not answer (the proxy answers 502 and keeps serving). */
  onError?: (message: string) => void;
  /** Who the recording says wrote it (HAR's `log.creator`). */
  creator?: { name: string; version: string };
}

export interface ProxyServer {
  /** `http://host:port`: point a client's base URL here. */
  url: string;
  /** Exchanges checked so far. */
  readonly exchanges: number;
  /** Every violation so far, in the order found. */
  readonly violations: readonly Violation[];
  /** Bodies over the size cap, not checked. */
  readonly unchecked: number;
  /** Resolves once every exchange whose answer has ended is checked, recorded and reported. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'expect',
]);

/** The headers to pass on: all but the hop-by-hop ones and those `connection` names. */
function endToEnd(headers: Headers, drop: readonly string[] = []): Array<[string, string]> {
  const named = (headers.get('connection') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of headers) if (!HOP_BY_HOP.has(name) && !named.includes(name) && !drop.includes(name)) pairs.push([name, value]);
  // Headers joins Set-Cookie values into one; each is its own header on the wire.
  return [...pairs.filter(([name]) => name !== 'set-cookie'), ...headers.getSetCookie().map((value): [string, string] => ['set-cookie', value])];
}

const CODINGS = /\b(gzip|x-gzip|deflate|br|zstd)\b/i;

/** Whether fetch decompressed the answer (it does for every coding it knows, except for HEAD and bodiless statuses). */
function decompressed(response: Response, method: string): boolean {
  return method !== 'HEAD' && response.body !== null && CODINGS.test(response.headers.get('content-encoding') ?? '');
}

export interface Observed {
  stream: ReadableStream<Uint8Array>;
  /** The body so far: whole (with its bytes, if within the cap) once it ended. */
  body(): RecordedBody;
}

/**
 * A body passed on chunk by chunk, pulled only when the reader asks (highWaterMark 0), with a copy
 * kept while it is within `cap` bytes. `onEnd` is told once: when the body ended, or was cut off.
 */
export function observe(source: ReadableStream<Uint8Array>, cap: number, onEnd?: (body: RecordedBody, problem?: string) => void): Observed {
  const reader = source.getReader();
  let kept: Uint8Array[] | undefined = [];
  let size = 0;
  let complete = false;
  let ended = false;
  const body = (): RecordedBody => {
    if (!complete) return { size, cut: true };
    if (!kept) return { size };
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of kept) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return { bytes, size };
  };
  const end = (problem?: string) => {
    if (ended) return;
    ended = true;
    onEnd?.(body(), problem);
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (error) {
          end(`the body was cut off: ${error instanceof Error ? error.message : String(error)}`);
          controller.error(error);
          return;
        }
        if (next.done) {
          complete = true;
          end();
          controller.close();
          return;
        }
        size += next.value.byteLength;
        if (kept && size <= cap) kept.push(next.value);
        else kept = undefined;
        controller.enqueue(next.value);
      },
      cancel(reason) {
        end('the caller stopped reading the answer');
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, body };
}

/** What the proxy answers when the target did not: a 502 naming the target, never a crash. */
function unreachable(message: string): Response {
  return new Response(JSON.stringify({ error: { code: 'ProxyTargetUnreachable', type: 'proxy_error', message } }), {
    status: 502,
    headers: { 'content-type': 'application/json', 'x-seedance-proxy': 'target-unreachable' },
  });
}

function causeOf(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as Error & { code?: unknown }).code;
    parts.push(typeof code === 'string' && !current.message.includes(code) ? `${current.message} (${code})` : current.message);
  }
  return parts.join(': ') || String(error);
}

/** An exchange whose answer has ended, waiting to be checked and written. */
interface Finished {
  recorded: RecordedExchange;
  path: string;
  query: string;
}

/** The proxy's state and its web-standard handler, apart from any server. */
function createProxy(options: ProxyOptions) {
  const base = targetBase(options.target);
  const cap = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const keys = new Set<string>();
  const violations: Violation[] = [];
  const counts = { exchanges: 0, unchecked: 0 };
  const har = options.record ? harFile(options.record, options.creator ?? { name: 'seedance-contracts proxy', version: '0' }, base) : undefined;
  const report = (): TrafficReport => ({ dialect: options.dialect, target: base, ...counts, violations });
  const recordsBodies = har !== undefined && (options.recordBodies ?? true);
  /** How much of a body to keep: what the checks read (JSON and multipart) or the recording keeps; a video passes unkept. */
  const keeping = (contentType: string | null) => (recordsBodies || /json|multipart/i.test(mediaTypeOf(contentType)) ? cap : 0);
  if (options.report) writeTrafficReport(options.report, report());

  // Exchanges are checked and written one at a time, in the order their answers ended.
  let queue: Promise<void> = Promise.resolve();
  const redact = (violation: Violation): Violation => ({
    ...violation,
    path: redactText(violation.path, keys),
    pointer: redactText(violation.pointer, keys),
    message: redactText(violation.message, keys),
  });

  async function finish({ recorded, path, query }: Finished): Promise<void> {
    const contentType = (headers: Array<[string, string]>) => headers.find(([name]) => name === 'content-type')?.[1];
    const verdict = await checkExchange(options.dialect, {
      method: recorded.method,
      path,
      query,
      request: { contentType: contentType(recorded.requestHeaders), body: recorded.requestBody },
      response: { status: recorded.status, contentType: contentType(recorded.responseHeaders), body: recorded.responseBody },
    });
    counts.exchanges++;
    counts.unchecked += verdict.unchecked;
    har?.add(harEntry(recorded, { keys, bodies: options.recordBodies ?? true }));
    const found = verdict.violations.map(redact);
    violations.push(...found);
    if (options.report) writeTrafficReport(options.report, report());
    for (const violation of found) options.onViolation?.(violation);
  }

  const enqueue = (finished: Finished) => {
    queue = queue
      // After the pending I/O (the answer's last bytes to the caller): the check is not on the caller's clock.
      .then(() => new Promise((resolveLater) => setTimeout(resolveLater, 0)))
      .then(() => finish(finished))
      .catch((error: unknown) => options.onError?.(redactText(`checking an exchange failed: ${causeOf(error)}`, keys)));
  };

  async function handle(request: Request): Promise<Response> {
    const startedAt = Date.now();
    const started = performance.now();
    const incoming = new URL(request.url);
    const url = `${base}${incoming.pathname}${incoming.search}`;
    const requestHeaders = endToEnd(request.headers);
    for (const key of keysOf(requestHeaders)) keys.add(key);
    const sent = request.body ? observe(request.body, keeping(request.headers.get('content-type'))) : undefined;
    let upstream: Response;
    try {
      // duplex: a streamed request body is sent as it arrives (the only mode fetch offers).
      const init: RequestInit & { duplex: 'half' } = {
        method: request.method,
        headers: requestHeaders,
        body: sent?.stream ?? null,
        duplex: 'half',
        redirect: 'manual',
        signal: request.signal,
      };
      upstream = await fetch(url, init);
    } catch (error) {
      // The caller went away before the answer: nobody to tell, nothing the target did wrong.
      if (request.signal.aborted) return unreachable('the caller went away');
      const message = redactText(`the target ${base} did not answer ${request.method} ${incoming.pathname}: ${causeOf(error)}`, keys);
      options.onError?.(message);
      return unreachable(message);
    }
    const answered = performance.now();
    const dropped = decompressed(upstream, request.method) ? ['content-encoding', 'content-length'] : [];
    const responseHeaders = endToEnd(upstream.headers, dropped);
    const done = (responseBody: RecordedBody | undefined, problem?: string) =>
      enqueue({
        path: incoming.pathname,
        query: incoming.search.slice(1),
        recorded: {
          startedAt,
          method: request.method,
          url,
          baseUrl: base,
          requestHeaders,
          requestBody: sent?.body(),
          status: upstream.status,
          statusText: upstream.statusText,
          responseHeaders,
          responseBody,
          waitMs: Math.round(answered - started),
          receiveMs: Math.round(performance.now() - answered),
          comment: problem,
        },
      });
    const headers = new Headers();
    for (const [name, value] of responseHeaders) headers.append(name, value);
    // A web Response carries 200-599 only: an answer outside is recorded and checked, and refused with a 502 saying so.
    if (upstream.status < 200 || upstream.status > 599) {
      done(undefined, `HTTP ${upstream.status} cannot be forwarded`);
      return unreachable(`the target ${base} answered HTTP ${upstream.status}, which the proxy cannot pass on`);
    }
    if (!upstream.body) {
      done(undefined);
      return new Response(null, { status: upstream.status, statusText: upstream.statusText, headers });
    }
    const received = observe(upstream.body, keeping(upstream.headers.get('content-type')), done);
    return new Response(received.stream, { status: upstream.status, statusText: upstream.statusText, headers });
  }

  return {
    handle,
    keys,
    counts,
    violations,
    settled: async () => {
      for (let seen: Promise<void> | undefined; seen !== queue; ) {
        seen = queue;
        await queue;
      }
    },
    close: () => har?.close(),
  };
}

/** A HAR file written one entry at a time: each entry goes where the closing brackets were, followed by them, so the file is whole between writes. */
function harFile(path: string, creator: { name: string; version: string }, base: string) {
  const { head, tail } = harFrame(creator, `traffic with ${base}, recorded by seedance proxy`);
  const fd = openSync(path, 'w');
  writeSync(fd, head + tail, 0);
  let end = Buffer.byteLength(head);
  let first = true;
  return {
    add(entry: object) {
      const text = `${first ? '\n' : ',\n'}${JSON.stringify(entry)}`;
      writeSync(fd, text + tail, end);
      end += Buffer.byteLength(text);
      first = false;
    },
    close() {
      closeSync(fd);
    },
  };
}

/** Writes a web Response to Node's ServerResponse as it is read, waiting whenever the caller reads slower. */
async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  try {
    outgoing.writeHead(response.status, response.statusText || undefined, headers);
  } catch {
    // A reason phrase Node refuses to write (control characters): the status alone.
    outgoing.writeHead(response.status, headers);
  }
  if (!response.body) {
    outgoing.end();
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  outgoing.once('close', stop);
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (!outgoing.write(next.value)) await drained(outgoing);
      if (outgoing.destroyed) return;
    }
    outgoing.end();
  } catch {
    outgoing.destroy();
  } finally {
    outgoing.off('close', stop);
  }
}

function drained(outgoing: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off('drain', done).off('close', done);
      resolve();
    };
    outgoing.on('drain', done).on('close', done);
  });
}

/** A request Node parsed but the adapter could not turn into a Request (a bad Host, say): refused, never a crash. */
function badRequest(): Response {
  return new Response(JSON.stringify({ error: { code: 'ProxyBadRequest', type: 'proxy_error', message: 'The request could not be read.' } }), {
    status: 400,
    headers: { 'content-type': 'application/json', connection: 'close' },
  });
}

/** Starts the proxy on a port (default: a free one on 127.0.0.1). */
export async function startProxy(options: ProxyOptions): Promise<ProxyServer> {
  const proxy = createProxy(options);
  const listener = getRequestListener(
    async (request, env) => {
      const response = await proxy.handle(request);
      if (!(env.outgoing instanceof ServerResponse)) return response;
      await writeResponse(response, env.outgoing);
      return RESPONSE_ALREADY_SENT;
    },
    // The adapter would otherwise replace the process's global Request and Response with its own.
    { overrideGlobalObjects: false, errorHandler: badRequest },
  );
  const server: Server = createServer((request, response) => {
    // The last resort: if even answering fails, the connection is dropped, never the process.
    listener(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host}:${address.port}`,
    get exchanges() {
      return proxy.counts.exchanges;
    },
    get violations() {
      return proxy.violations;
    },
    get unchecked() {
      return proxy.counts.unchecked;
    },
    settled: proxy.settled,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await proxy.settled();
      proxy.close();
    },
  };
}
