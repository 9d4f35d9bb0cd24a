// What the proxy passes on: the request and the answer unchanged but for the hop-by-hop headers,
// MP4 downloads streamed (Range requests included) and never held whole, and bodies pulled only as
// fast as the other side reads.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observe, type ProxyServer, startProxy } from '../../cli/traffic/proxy.ts';
import { ROOT, type ScriptedGateway, startScriptedGateway } from './support.ts';

const KEY = 'sk-forwarding-2c7d91';
const VIDEO = readFileSync(`${ROOT}/mocks/fixtures/sample.mp4`);
const CONTENT = '/v1/videos/task_1/content';

let gateway: ScriptedGateway;
let proxy: ProxyServer;

beforeAll(async () => {
  gateway = await startScriptedGateway();
  proxy = await startProxy({ target: `${gateway.url}/content-metadata`, dialect: 'content-metadata', maxBodyBytes: 1024 * 1024 });
});
afterAll(async () => {
  await proxy.close();
  await gateway.close();
});

/** A request with node:http, which sends any header and does not decompress: the bytes as they arrive. */
function raw(path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<{ response: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${proxy.url}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ response, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** The gateway serves the sample MP4 with one byte range, as a CDN does. */
function serveVideo(): void {
  gateway.handler = (request, response) => {
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers.range ?? ''));
    const headers = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes' };
    if (!range) {
      response.writeHead(200, { ...headers, 'content-length': VIDEO.length });
      return void response.end(request.method === 'HEAD' ? undefined : VIDEO);
    }
    const start = Number(range[1]);
    const end = range[2] ? Number(range[2]) : VIDEO.length - 1;
    response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${VIDEO.length}`, 'content-length': end - start + 1 });
    response.end(VIDEO.subarray(start, end + 1));
  };
}

describe('headers', () => {
  it('drops the hop-by-hop headers both ways (and those Connection names), sends the rest and the key, and sets Host to the target', async () => {
    gateway.handler = (_, response) => {
      response.setHeader('connection', 'x-hop');
      response.writeHead(200, 'Fine Thanks', {
        'content-type': 'application/json',
        'x-hop': 'hop',
        'keep-alive': 'timeout=77',
        'x-end-to-end': 'kept',
        'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
      });
      response.end('{"code":"success","data":{"task_id":"task_1","status":"QUEUED","progress":"0%"}}');
    };
    const { response } = await raw('/v1/video/generations/task_1', {
      headers: {
        authorization: `Bearer ${KEY}`,
        connection: 'keep-alive, x-private',
        'x-private': 'p',
        'keep-alive': 'timeout=9',
        te: 'trailers',
        'x-custom': 'c',
      },
    });
    const received = gateway.received.at(-1)!.headers;
    expect(received).toMatchObject({ authorization: `Bearer ${KEY}`, 'x-custom': 'c', host: `127.0.0.1:${gateway.port}` });
    for (const name of ['x-private', 'keep-alive', 'te']) expect(received).not.toHaveProperty(name);
    expect(response.statusMessage).toBe('Fine Thanks');
    expect(response.headers).toMatchObject({ 'x-end-to-end': 'kept', 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] });
    expect(response.headers).not.toHaveProperty('x-hop');
    expect(response.headers['keep-alive']).not.toBe('timeout=77');
  });

  it('returns a redirect as it is, without following it', async () => {
    gateway.handler = (_, response) => {
      response.writeHead(302, { location: 'https://elsewhere.example/x', 'content-length': 0 });
      response.end();
    };
    const { response } = await raw(CONTENT);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('https://elsewhere.example/x');
    expect(gateway.received.filter((request) => request.url.includes('elsewhere'))).toEqual([]);
  });

  it('sends a compressed answer on decompressed, without content-encoding, and checks what it decoded', async () => {
    const task = '{"code":"success","data":{"task_id":"task_1","status":"QUEUED","progress":"0%"}}';
    gateway.handler = (_, response) => {
      const zipped = gzipSync(task);
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': zipped.length });
      response.end(zipped);
    };
    await proxy.settled();
    const before = proxy.violations.length;
    const { response, body } = await raw('/v1/video/generations/task_1', { headers: { 'accept-encoding': 'gzip' } });
    await proxy.settled();
    expect(body.toString()).toBe(task);
    expect(response.headers).not.toHaveProperty('content-encoding');
    expect(proxy.violations.slice(before)).toEqual([]);
  });
});

describe('video downloads', () => {
  it('streams an MP4 and a byte range through unchanged, with the documented 200 and 206', async () => {
    serveVideo();
    await proxy.settled();
    const before = proxy.violations.length;
    const whole = await raw(CONTENT, { headers: { authorization: `Bearer ${KEY}` } });
    const part = await raw(CONTENT, { headers: { authorization: `Bearer ${KEY}`, range: 'bytes=100-1099' } });
    const head = await raw(CONTENT, { method: 'HEAD', headers: { authorization: `Bearer ${KEY}` } });
    await proxy.settled();
    expect(whole.response.statusCode).toBe(200);
    expect(whole.body.equals(VIDEO)).toBe(true);
    expect(part.response.statusCode).toBe(206);
    expect(part.response.headers['content-range']).toBe(`bytes 100-1099/${VIDEO.length}`);
    expect(part.body.equals(VIDEO.subarray(100, 1100))).toBe(true);
    expect(gateway.received.at(-2)?.headers.range).toBe('bytes=100-1099');
    expect(head.response.headers['content-length']).toBe(String(VIDEO.length));
    expect(head.body.length).toBe(0);
    // HEAD is not a documented operation of content-metadata: the one violation of the three.
    expect(proxy.violations.slice(before).map((violation) => `${violation.method} ${violation.kind}`)).toEqual(['HEAD undocumented-operation']);
  });

  it('passes a download larger than the size cap through whole without keeping it', async () => {
    const size = 6 * 1024 * 1024;
    const digest = createHash('sha256');
    gateway.handler = (_, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size });
      const chunk = Buffer.alloc(256 * 1024, 7);
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    };
    for (let sent = 0; sent < size; sent += 256 * 1024) digest.update(Buffer.alloc(256 * 1024, 7));
    await proxy.settled();
    const exchanges = proxy.exchanges;
    const { body } = await raw(CONTENT);
    await proxy.settled();
    expect(body.length).toBe(size);
    expect(createHash('sha256').update(body).digest('hex')).toBe(digest.digest('hex'));
    expect(proxy.exchanges).toBe(exchanges + 1);
  });
});

describe('a body passing through', () => {
  /** A source that counts how often it was asked for a chunk. */
  function counted(chunks: number) {
    const state = { pulls: 0 };
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          state.pulls++;
          if (state.pulls > chunks) controller.close();
          else controller.enqueue(new Uint8Array(1024).fill(state.pulls));
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, state };
  }

  it('is read from its source only as fast as its reader reads (unlike ReadableStream.tee)', async () => {
    const source = counted(1000);
    const observed = observe(source.stream, 10 * 1024);
    const reader = observed.stream.getReader();
    await reader.read();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.state.pulls).toBeLessThanOrEqual(3);
    const teed = counted(1000);
    const [fast] = teed.stream.tee();
    const fastReader = fast.getReader();
    for (let read = 0; read < 50; read++) await fastReader.read();
    // tee feeds both branches at the faster one's pace: the other branch now holds 50 chunks unread.
    expect(teed.state.pulls).toBeGreaterThanOrEqual(50);
  });

  it('keeps a copy only while within the cap, and says what it saw once it ended', async () => {
    const small = observe(counted(4).stream, 10 * 1024);
    const big = observe(counted(40).stream, 10 * 1024);
    await new Response(small.stream).arrayBuffer();
    await new Response(big.stream).arrayBuffer();
    expect(small.body().bytes?.length).toBe(4096);
    expect(big.body()).toEqual({ size: 40 * 1024 });
    const cut = observe(counted(40).stream, 10 * 1024);
    const reader = cut.stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(cut.body()).toEqual({ size: 1024, cut: true });
  });
});
