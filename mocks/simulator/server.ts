// The stateful simulator: every dialect on one port, each under its own prefix (/ark, /content-
// metadata, /multipart-videos, /unified-jobs), answering in its own words. Requests go through the
// named steps of pipeline.ts and are checked against the same contracts the client uses; tasks
// live through their real lifecycle on a clock that can run fast, slow or by hand; finished tasks
// serve a real MP4. Nothing a client sends can crash it: every failure is answered.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DIALECT_IDS, type DialectId } from '../../src/dialects/ids.ts';
import type { CallbackAttempt } from './callbacks.ts';
import type { SimClock } from './clock.ts';
import { sendBytes, sendJson } from './http.ts';
import { createInstance, type Instance, type SimulatorOptions } from './instance.ts';
import type { Journal } from './journal.ts';
import { dialectOfPath, newCall, refuse, runSteps, type Answer, type Call } from './pipeline.ts';
import type { TaskStore } from './tasks.ts';

export type { SimulatorOptions } from './instance.ts';
export type { CallbackAttempt } from './callbacks.ts';

export interface Simulator {
  /** `http://host:port`. */
  url: string;
  /** Where each dialect is served: the base URL for this toolkit's clients and contract checks (documented paths go after it). */
  urls: Record<DialectId, string>;
  /** The base URL a dialect's own SDKs expect (Ark SDKs add /contents/..., OpenAI-style ones /videos). */
  nativeUrls: Record<DialectId, string>;
  store: TaskStore;
  clock: SimClock;
  callbacks: CallbackAttempt[];
  /** Every request received, with its dialect, operation, body and verdict (also at GET /__simulator/journal). */
  journal: Journal;
  /** Bytes read from request bodies, in total (to show oversized bodies are not read). */
  bytesRead(): number;
  close(): Promise<void>;
}

/** A path fit for a log line: no query, no control characters, not too long. */
function loggable(call: Call): string {
  if (!call.path) return '(unreadable request-target)';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced before logging.
  const path = call.path.replace(/[\u0000-\u001f\u007f]/g, '?');
  return path.length > 200 ? `${path.slice(0, 200)}...` : path;
}

function send(call: Call, response: ServerResponse, answer: Answer): void {
  if (answer.close) response.setHeader('connection', 'close');
  if (answer.bytes) sendBytes(call.request, response, answer.bytes.data, answer.bytes.type, answer.headers);
  else sendJson(response, answer.status, answer.body, answer.headers);
}

function journal(sim: Instance, call: Call, started: number, status: number): void {
  if (call.path.startsWith('/__simulator/')) return;
  sim.journal.record({
    at: started,
    dialect: call.dialect,
    operationId: call.route?.operationId,
    method: call.method,
    path: call.path,
    body: call.journalBody,
    status,
    rules: call.rules,
  });
}

async function handle(sim: Instance, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = Date.now();
  const call = newCall(request);
  const log = sim.log;
  if (log) response.on('finish', () => log(`${call.method} ${loggable(call)} -> ${response.statusCode} (${Date.now() - started} ms)`));
  let answer: Answer;
  try {
    answer = await runSteps(call, sim);
  } catch (error) {
    // A defect in the simulator itself: answered in the dialect's words, never a crash, never the request in the log.
    sim.log?.(`internal error: ${(error as Error).name}`);
    answer = refuse(call.dialect, { kind: 'server-error', message: 'The simulator failed internally.' }, call.route?.operationId);
  }
  journal(sim, call, started, answer.status);
  if (response.headersSent || response.destroyed) return;
  send(call, response, answer);
}

const CLIENT_ERRORS: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_HEADERS_TIMEOUT: 408 };

/**
 * A request Node could not parse (broken headers, too large, too slow) never reaches a step; it is
 * answered here, in the dialect's envelope when the request line names one.
 */
function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): void {
  // A response already under way (Node keeps it on the socket) cannot be replaced by another.
  const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERRORS[error.code ?? ''] ?? 400;
  const target = / (\S+) HTTP\//.exec(error.rawPacket?.toString('latin1').split('\r\n')[0] ?? '')?.[1] ?? '';
  const message =
    status === 408 ? 'The request did not arrive in time.' : status === 431 ? 'The request headers are too large.' : 'The request is not valid HTTP/1.1.';
  const refusal = refuse(dialectOfPath(target), { kind: 'invalid', message });
  const text = JSON.stringify(refusal.body);
  socket.end(
    `HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

function createHttpServer(sim: Instance): Server {
  const { headersMs, bodyMs } = sim.settings;
  const server = createServer(
    // Node enforces headersTimeout/requestTimeout on this interval; the default (30 s) would let a slow client linger.
    { headersTimeout: headersMs, requestTimeout: headersMs + bodyMs + 5_000, connectionsCheckingInterval: Math.max(50, Math.min(1_000, headersMs / 4)) },
    // The last resort: if even answering fails, the connection is dropped, never the process.
    (request, response) => void handle(sim, request, response).catch(() => response.destroy()),
  );
  server.keepAliveTimeout = 5_000;
  server.on('clientError', answerClientError);
  return server;
}

function baseUrlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host}:${address.port}`;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = createInstance(options);
  const server = createHttpServer(sim);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', resolveListen);
  });
  const base = baseUrlOf(server);
  sim.origin ||= base;
  const urls = Object.fromEntries(DIALECT_IDS.map((id) => [id, `${base}/${id}`])) as Record<DialectId, string>;
  const nativeUrls = {
    ...urls,
    ark: `${urls.ark}/api/v3`,
    'content-metadata': `${urls['content-metadata']}/v1`,
    'multipart-videos': `${urls['multipart-videos']}/v1`,
    'unified-jobs': `${urls['unified-jobs']}/v1`,
  };
  return {
    url: base,
    urls,
    nativeUrls,
    store: sim.store,
    clock: sim.clock,
    callbacks: sim.callbacks,
    journal: sim.journal,
    bytesRead: () => sim.bytesRead,
    close: () =>
      new Promise<void>((resolveClose) => {
        sim.dispatcher.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
