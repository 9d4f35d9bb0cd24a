// A loopback HTTP proxy that sits between a client and the simulator and injects faults: a 429
// with Retry-After (short, or longer than the client's request timeout), a 5xx, a connection reset
// before the request is forwarded, a reset after it was forwarded (the upstream acted, the client
// never hears), and a stall after forwarding (no answer at all). Which fault a request gets is
// decided by the caller's schedule, per client call and per request within that call, so the run
// is the same whatever order concurrent requests arrive in.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULTS = ['none', '429', '429-long', '5xx', 'reset-before', 'reset-after', 'stall'] as const;
export type Fault = (typeof FAULTS)[number];

/** The header each test client sends so the proxy knows which call a request belongs to. */
export const CALL_HEADER = 'x-fault-call';

export interface Exchange {
  call: number;
  ordinal: number;
  method: string;
  path: string;
  fault: Fault;
  /** The simulator's status, when the request was forwarded and answered. */
  upstreamStatus?: number;
  /** For a create the simulator accepted: the task id it returned. */
  createdTaskId?: string;
}

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forward(target: URL, incoming: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[] | undefined> = { ...incoming.headers, host: target.host, 'content-length': String(body.length) };
    delete headers[CALL_HEADER];
    delete headers['transfer-encoding'];
    const outgoing = httpRequest({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
      readAll(answer).then((data) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }), reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The id in a create answer of any dialect (Ark `id`, new-api `task_id`, job `task_id`/`id`). */
function createdId(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { id?: unknown; task_id?: unknown };
    const id = parsed.task_id ?? parsed.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

function inject(response: ServerResponse, fault: '429' | '429-long' | '5xx'): void {
  const retryAfter = fault === '429-long' ? { 'retry-after': '30' } : fault === '429' ? { 'retry-after-ms': '15' } : {};
  const status = fault === '5xx' ? 503 : 429;
  const body = { error: { code: fault === '5xx' ? 'ServiceUnavailable' : 'RateLimitExceeded', message: `injected ${fault}`, type: fault } };
  response.writeHead(status, { 'content-type': 'application/json', ...retryAfter }).end(JSON.stringify(body));
}

export async function startFaultProxy(target: string, faultFor: (call: number, ordinal: number) => Fault) {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  const ordinals = new Map<number, number>();
  const sockets = new Set<Socket>();

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readAll(incoming);
    const call = Number(incoming.headers[CALL_HEADER] ?? -1);
    const ordinal = ordinals.get(call) ?? 0;
    ordinals.set(call, ordinal + 1);
    const fault = faultFor(call, ordinal);
    const exchange: Exchange = { call, ordinal, method: incoming.method ?? '', path: incoming.url ?? '', fault };
    exchanges.push(exchange);
    if (fault === '429' || fault === '429-long' || fault === '5xx') return inject(response, fault);
    if (fault === 'reset-before') return void incoming.socket.destroy();
    const answer = await forward(upstream, incoming, body);
    exchange.upstreamStatus = answer.status;
    if (incoming.method === 'POST' && answer.status < 300) exchange.createdTaskId = createdId(answer.body);
    if (fault === 'reset-after') return void incoming.socket.destroy();
    // A stall: the answer is never sent; the socket ends when the client gives up or we close.
    if (fault === 'stall') return;
    const { 'transfer-encoding': _chunked, connection: _connection, ...headers } = answer.headers;
    response.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) }).end(answer.body);
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch(() => incoming.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
