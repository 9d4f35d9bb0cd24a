// The simulator on a port: the web-standard handler of simulator.ts behind node:http, through
// @hono/node-server's request listener (IncomingMessage -> Request, Response -> ServerResponse).
// What only a socket has is handled here: requests Node cannot parse (answered in the dialect's
// envelope), header and body deadlines, and the lingering close after a refused body, so that a
// client still sending reads the refusal instead of a reset.
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createInstance, type Instance, type SimulatorOptions } from './instance.ts';
import { dialectOfPath, refuse } from './pipeline.ts';
import { answerer, handlerFor, placeAt, type Simulator, simulatorOf } from './simulator.ts';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { type Reply, replyParts } from './http.ts';

export type { SimulatorOptions } from './instance.ts';
export type { Simulator } from './simulator.ts';

const CLIENT_ERRORS: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_HEADERS_TIMEOUT: 408 };
const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** The path a request-target names: its origin form, or the path of its absolute form (`http://host/ark/...`). */
function pathOfTarget(target: string): string {
  if (!/^https?:\/\//i.test(target)) return target;
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}

/** The refusal of a request that is not valid HTTP, in the envelope of the dialect its request-target names. */
function invalidHttp(target: string, status: number) {
  const message =
    status === 408 ? 'The request did not arrive in time.' : status === 431 ? 'The request headers are too large.' : 'The request is not valid HTTP/1.1.';
  return refuse(dialectOfPath(pathOfTarget(target)), { kind: 'invalid', message });
}

/**
 * A request Node could not parse (broken headers, too large, too slow) never reaches the handler;
 * it is answered here, in the dialect's envelope when the request line names one.
 */
function answerClientError(error: Error & { code?: string; rawPacket?: Uint8Array }, socket: Socket): void {
  // A response already under way (Node keeps it on the socket) cannot be replaced by another.
  const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERRORS[error.code ?? ''] ?? 400;
  const line = error.rawPacket ? new TextDecoder('latin1').decode(error.rawPacket).split('\r\n')[0] : '';
  const target = / (\S+) HTTP\//.exec(line ?? '')?.[1] ?? '';
  const text = JSON.stringify(invalidHttp(target, status).body);
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/** How long, and how much, a closing connection is read and discarded after its reply (nginx's lingering close). */
const LINGER = { maxMs: 5_000, idleMs: 1_000, maxBytes: 64 * 1024 * 1024, everyMs: 100 };

/**
 * Closes a connection the way nginx does after refusing a body still on its way: the reply is sent
 * and the write side closed, then what the client goes on sending is read and dropped until it
 * stops (or a bound is reached) before the socket closes. Closing at once would make the kernel
 * answer the unread bytes with a reset, which can destroy the reply before the client reads it.
 */
function lingerThenClose(socket: Socket, request: IncomingMessage | undefined, lingering: WeakSet<Socket>): void {
  if (socket.destroyed || lingering.has(socket)) return;
  lingering.add(socket);
  socket.end();
  if (request && !request.complete) {
    // Whatever consumer the body had is gone: what still arrives is only read to be dropped.
    request.removeAllListeners('data');
    request.resume();
  }
  const began = Date.now();
  const first = socket.bytesRead;
  let last = first;
  let idleSince = began;
  const tick = setInterval(() => {
    const now = Date.now();
    if (socket.bytesRead !== last) {
      last = socket.bytesRead;
      idleSince = now;
    }
    if (now - idleSince >= LINGER.idleMs || now - began >= LINGER.maxMs || last - first > LINGER.maxBytes) socket.destroy();
  }, LINGER.everyMs);
  tick.unref();
  socket.once('close', () => clearInterval(tick));
  socket.once('end', () => socket.destroy());
}

function createNodeServer({ headersMs, bodyMs }: { headersMs: number; bodyMs: number }): Server {
  const server = createServer({
    headersTimeout: headersMs,
    requestTimeout: headersMs + bodyMs + 5_000,
    // Node enforces headersTimeout/requestTimeout on this interval; the default (30 s) would let a slow client linger.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, headersMs / 4)),
  });
  // Idle keep-alive sockets are kept 30 s (Node's default is 5 s): a client that stalls between two
  // requests, as on a loaded CI machine, would otherwise reuse a socket the server just closed and
  // read a reset (ECONNRESET) instead of an answer.
  server.keepAliveTimeout = 30_000;
  server.on('clientError', answerClientError);
  return server;
}

/** A reply written straight to the socket's response: the same status, headers and body `toResponse` would make. */
async function writeReply(request: Request, response: ServerResponse, reply: Reply): Promise<void> {
  if (response.headersSent || response.destroyed) return;
  const { status, headers, body } = replyParts(request, reply);
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
    const length = body === null ? {} : { 'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength) };
    response.writeHead(status, { ...headers, ...length });
    response.end(body ?? undefined);
    return;
  }
  response.writeHead(status, headers);
  // Written as it is read, waiting whenever the client reads slower than it is written.
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (response.destroyed) return void reader.cancel();
    if (!response.write(next.value)) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
  }
  response.end();
}

/**
 * The request listener: the adapter turns each IncomingMessage into a Request. Replies are written
 * to the ServerResponse directly, not made into a Response first: building and reading a Response
 * per request cost several times the rest of a request (see the commit that brought the adapter).
 * With CORS on, replies go through the web-standard handler as Responses, for Hono's CORS middleware.
 */
function nodeListener(sim: Instance, options: Pick<SimulatorOptions, 'cors'>, hostname: string, server: Server) {
  /** The request being handed to the adapter, for the refusal of one it cannot turn into a Request (read synchronously). */
  let arriving: IncomingMessage | undefined;
  const current = new WeakMap<Socket, IncomingMessage>();
  const lingering = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    // Node's server calls destroySoon when a reply closes the connection; it lingers instead.
    socket.destroySoon = () => lingerThenClose(socket, current.get(socket), lingering);
  });
  const answer = answerer(sim);
  const direct = async (request: Request, env: HttpBindings | { outgoing: unknown }) => {
    // This server is node:http's, so the adapter hands over its ServerResponse.
    await writeReply(request, env.outgoing as ServerResponse, await answer(request));
    return RESPONSE_ALREADY_SENT;
  };
  const listener = getRequestListener(options.cors ? handlerFor(sim, options) : direct, {
    hostname,
    // The adapter would otherwise replace the process's global Request and Response with its own.
    overrideGlobalObjects: false,
    errorHandler: () =>
      new Response(JSON.stringify(invalidHttp(arriving?.url ?? '', 400).body), {
        status: 400,
        headers: { 'content-type': 'application/json', connection: 'close' },
      }),
  });
  return (request: IncomingMessage, response: ServerResponse) => {
    // A request pipelined behind a refused body is not answered: the connection is closing.
    if (lingering.has(request.socket)) return void request.socket.destroy();
    current.set(request.socket, request);
    arriving = request;
    // The last resort: if even answering fails, the connection is dropped, never the process.
    listener(request, response).catch(() => response.destroy());
    arriving = undefined;
  };
}

/** The machine's own addresses when bound to every interface (0.0.0.0 or ::): each is a Host the simulator is reached at. */
function wildcardAddresses(server: Server): string[] {
  const { address, family } = server.address() as AddressInfo;
  if (address !== '0.0.0.0' && address !== '::') return [];
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && (address === '::' || entry.family === family))
    .map((entry) => entry!.address);
}

function baseUrlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host}:${address.port}`;
}

/** The simulator on a port (default 127.0.0.1:4010): createSimulator's handler behind node:http. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = createInstance(options);
  const server = createNodeServer(sim.settings);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', resolveListen);
  });
  const base = placeAt(sim, baseUrlOf(server), options, wildcardAddresses(server));
  server.on('request', nodeListener(sim, options, new URL(base).host, server));
  return simulatorOf(
    sim,
    base,
    options,
    () =>
      new Promise<void>((resolveClose) => {
        sim.dispatcher.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  );
}
