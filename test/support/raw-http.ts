// Raw HTTP over a TCP socket, for requests no well-behaved client would send (request-targets
// fetch refuses, pipelined requests, slow bodies). Every exchange has a deadline: a server that
// never answers fails the test with a clear message instead of hanging it.
import { connect } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent, as text. */
  text: string;
  /** Each response's status line code, in order. */
  statuses: number[];
  /** The server closed the connection (rather than the deadline passing). */
  closed: boolean;
}

export interface RawOptions {
  /** Gives up (and reports what arrived) after this long; a test treats a missing answer as a failure. */
  deadlineMs?: number;
  /** Pieces to write one after another, with a pause between them (slow bodies). */
  pieces?: Array<string | Buffer>;
  pauseMs?: number;
  /** Resolve as soon as this many responses have fully arrived (keep-alive servers do not close). */
  responses?: number;
}

export interface RawResponse {
  status: number;
  head: string;
  /** The body as UTF-8 text; undefined while incomplete. */
  body?: string;
}

/** The responses in `text`, walked head by head (each body by its Content-Length). */
export function responsesOf(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = text;
  for (;;) {
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(rest)?.[1];
    if (!status) return responses;
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return [...responses, { status: Number(status), head: rest }];
    const head = rest.slice(0, end);
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (rest.length < end + 4 + length) return [...responses, { status: Number(status), head }];
    responses.push({ status: Number(status), head, body: Buffer.from(rest.slice(end + 4, end + 4 + length), 'latin1').toString('utf8') });
    rest = rest.slice(end + 4 + length);
  }
}

function walk(text: string): { statuses: number[]; complete: number } {
  const responses = responsesOf(text);
  return { statuses: responses.map((response) => response.status), complete: responses.filter((response) => response.body !== undefined).length };
}

/** The status codes of the responses in `text`, in order. */
function statusesOf(text: string): number[] {
  return walk(text).statuses;
}

export function rawExchange(port: number, request: string | Buffer, options: RawOptions = {}): Promise<RawAnswer> {
  const deadlineMs = options.deadlineMs ?? 5_000;
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ text, statuses: statusesOf(text), closed });
    };
    const timer = setTimeout(() => finish(false), deadlineMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.responses && walk(Buffer.concat(chunks).toString('latin1')).complete >= options.responses) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(request);
    const pieces = [...(options.pieces ?? [])];
    const next = () => {
      const piece = pieces.shift();
      if (piece === undefined || socket.destroyed) return;
      socket.write(piece);
      setTimeout(next, options.pauseMs ?? 10);
    };
    if (pieces.length) setTimeout(next, options.pauseMs ?? 10);
  });
}

/** The JSON body of the first response in a raw answer. */
export function firstJsonBody(text: string): unknown {
  const start = text.indexOf('\r\n\r\n');
  const head = text.slice(0, start);
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
  const body = Buffer.from(text.slice(start + 4), 'latin1')
    .subarray(0, length)
    .toString('utf8');
  return JSON.parse(body);
}
