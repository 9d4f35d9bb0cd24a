// A body refused for its size while the client is still sending it: the refusal must reach the
// client. Closing the socket at once would let the kernel answer the bytes still arriving with a
// reset, which throws away the refusal before a client that reads after writing sees it; the
// simulator closes as nginx does instead (reply, close its side, read and drop the rest, then close).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/index.ts';
import { responsesOf } from '../support/raw-http.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, bodyLimitBytes: 64 * 1024 });
});
afterAll(() => sim.close());

const PATH = '/ark/api/v3/contents/generations/tasks';
const SENT = 8 * 1024 * 1024;

/**
 * Writes the whole request without reading anything (as a client that reads its answer only once
 * it has sent its request), then reads what the server left for it.
 */
function sendAllThenRead(head: string, framing: 'declared' | 'chunked'): Promise<string> {
  const { port } = new URL(sim.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    const deadline = setTimeout(() => finish(), 10_000);
    let reading = false;
    const finish = () => {
      clearTimeout(deadline);
      socket.destroy();
      resolve(Buffer.concat(received).toString('latin1'));
    };
    socket.pause();
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('close', finish);
    socket.on('error', () => undefined);
    const read = () => {
      if (reading) return;
      reading = true;
      socket.resume();
    };
    socket.once('connect', () => {
      socket.write(head);
      const piece = Buffer.alloc(64 * 1024, 0x20);
      const framed = framing === 'chunked' ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
      let sent = 0;
      const pump = () => {
        while (sent < SENT && !socket.destroyed) {
          sent += piece.length;
          if (!socket.write(framed)) return void socket.once('drain', pump);
        }
        if (framing === 'chunked' && !socket.destroyed) socket.write('0\r\n\r\n');
        read();
      };
      socket.once('error', read);
      pump();
    });
  });
}

describe('a refused body still arriving', () => {
  it.each(['declared', 'chunked'] as const)('reaches the client as a whole 413 when the body is %s', async (framing) => {
    const length = framing === 'declared' ? `Content-Length: ${SENT}` : 'Transfer-Encoding: chunked';
    const head = `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\n${length}\r\n\r\n`;
    const [answer] = responsesOf(await sendAllThenRead(head, framing));
    expect(answer?.status).toBe(413);
    expect(JSON.parse(answer?.body ?? 'null')).toMatchObject({ error: { code: 'RequestEntityTooLarge' } });
    expect(answer?.head.toLowerCase()).toContain('connection: close');
  });
});
