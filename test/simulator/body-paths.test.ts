// However a body arrives, whole with its headers or in tiny chunks with pauses between them, the
// simulator answers it the same. Differential check, fast-check with a fixed seed: pipelined
// bodies of every kind, sent both ways.
import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../mocks/simulator/index.ts';
import { MODELS } from './support.ts';

interface Sent {
  body: Uint8Array;
  chunked: boolean;
}

/** One POST as bytes, with Content-Length or chunked transfer coding (the body in two chunks). */
function requestBytes(path: string, sent: Sent, headers = ''): Buffer {
  const head = (framing: string) => Buffer.from(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}${framing}\r\n`, 'latin1');
  if (!sent.chunked) return Buffer.concat([head(`Content-Length: ${sent.body.length}\r\n`), sent.body]);
  const half = Math.floor(sent.body.length / 2);
  const chunk = (bytes: Uint8Array) => (bytes.length ? [Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')] : []);
  return Buffer.concat([
    head('Transfer-Encoding: chunked\r\n'),
    ...chunk(sent.body.subarray(0, half)),
    ...chunk(sent.body.subarray(half)),
    Buffer.from('0\r\n\r\n'),
  ]);
}

/** Writes `bytes` in one go, or in pieces of 1 to 13 bytes with a turn of the event loop between them. */
async function send(bytes: Buffer, write: (piece: Buffer) => void, tiny: boolean): Promise<void> {
  if (!tiny) return write(bytes);
  for (let at = 0, step = 1; at < bytes.length; at += step, step = (step % 13) + 1) {
    write(bytes.subarray(at, at + step));
    await new Promise((resolveTurn) => setImmediate(resolveTurn));
  }
}

/** Splits raw HTTP/1.1 responses (each with Content-Length) into status and body text. */
function responsesOf(raw: Buffer): Array<{ status: number; body: string }> {
  const answers: Array<{ status: number; body: string }> = [];
  let at = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const head = raw.subarray(at, end).toString('latin1');
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
    answers.push({ status: Number(head.slice(9, 12)), body: raw.subarray(end + 4, end + 4 + length).toString() });
    at = end + 4 + length;
  }
  return answers;
}

/** Sends requests on one connection and collects everything answered until the server closes it or `count` answers came. */
async function exchange(url: string, requests: Buffer[], tiny: boolean, count: number): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const received: Buffer[] = [];
  const done = new Promise<void>((resolveDone) => {
    const check = () => responsesOf(Buffer.concat(received)).length >= count && resolveDone();
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      check();
    });
    socket.on('close', () => resolveDone());
    socket.on('error', () => resolveDone());
  });
  await new Promise<void>((resolveOpen) => socket.once('connect', () => resolveOpen()));
  await send(Buffer.concat(requests), (piece) => socket.write(piece), tiny);
  await done;
  socket.destroy();
  return Buffer.concat(received);
}

describe('the simulator answers bodies the same whole or in tiny chunks', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, bodyLimitBytes: 700, maxJsonDepth: 8, lifecycle: { queuedMs: 0, runningMs: 0 } });
  });
  afterAll(() => sim.close());

  const text = (value: string) => new TextEncoder().encode(value);
  const create = (fields: Record<string, unknown>) => JSON.stringify({ model: MODELS.ark, content: [{ type: 'text', text: 'A kitten yawns' }], ...fields });
  const bodyArb = fc.oneof(
    fc.constantFrom(create({}), create({ duration: 5, ratio: '16:9' }), create({ duration: 99 }), create({ ratio: 'wide' })).map(text),
    fc.json({ maxDepth: 3 }).map(text),
    fc.integer({ min: 1, max: 12 }).map((depth) => text(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
    fc.uint8Array({ maxLength: 60 }),
    fc.constant(text(create({ pad: 'x'.repeat(800) }))),
  );
  /** Ids, request ids and times differ between runs; everything else must not. */
  const normal = (body: string) =>
    body
      .replace(/cgt-\d{14}-[a-z0-9]{5}/g, '<id>')
      .replace(/Request id: \w+/g, 'Request id: <rid>')
      .replace(/"(created_at|updated_at)":\d+/g, '"$1":0');

  it('gives pipelined Ark creates (valid, refused, not UTF-8, too deep, too large) the same answers either way', async () => {
    const headers = 'Authorization: Bearer k\r\nContent-Type: application/json\r\n';
    const path = '/ark/api/v3/contents/generations/tasks';
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ body: bodyArb, chunked: fc.boolean() }), { minLength: 1, maxLength: 4 }), async (sent) => {
        const requests = sent.filter((item, index) => item.body.length <= 700 || index === sent.length - 1).map((item) => requestBytes(path, item, headers));
        const whole = responsesOf(await exchange(sim.url, requests, false, requests.length));
        const tiny = responsesOf(await exchange(sim.url, requests, true, requests.length));
        expect(whole.length).toBe(requests.length);
        expect(tiny.map((answer) => ({ ...answer, body: normal(answer.body) }))).toEqual(whole.map((answer) => ({ ...answer, body: normal(answer.body) })));
      }),
      { numRuns: 40, seed: 20261126 },
    );
  }, 120_000);
});
