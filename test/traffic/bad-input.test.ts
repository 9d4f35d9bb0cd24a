// Bad input never stops the proxy: a target that is down (a 502 naming it, and the proxy serves on),
// hostile requests (malformed, huge, slow, deep, badly encoded) and a gateway that hangs up mid-answer.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProxyServer, startProxy } from '../../cli/traffic/proxy.ts';
import { rawExchange } from '../support/raw-http.ts';
import { responseExample, type ScriptedGateway, startScriptedGateway } from './support.ts';

const KEY = 'sk-bad-input-4d2e';
const TASKS = '/api/v3/contents/generations/tasks';

describe('a target that is down', () => {
  it('is answered with a 502 naming the target, said once per request, and the proxy serves on when it is back', async () => {
    const probe = await startScriptedGateway();
    const { port } = probe;
    await probe.close();
    const errors: string[] = [];
    const proxy = await startProxy({ target: `http://127.0.0.1:${port}/ark`, dialect: 'ark', onError: (message) => errors.push(message) });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await fetch(`${proxy.url}${TASKS}/cgt-1`, { headers: { authorization: `Bearer ${KEY}` } });
        expect(response.status).toBe(502);
        expect(response.headers.get('x-seedance-proxy')).toBe('target-unreachable');
        const body = (await response.json()) as { error: { message: string } };
        expect(body.error.message).toContain(`the target http://127.0.0.1:${port}/ark did not answer GET ${TASKS}/cgt-1`);
        expect(body.error.message).toContain('ECONNREFUSED');
      }
      expect(errors).toHaveLength(2);
      expect(proxy.exchanges).toBe(0);
      // The gateway comes back on the same port: the same proxy forwards to it.
      const back = createServer((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(responseExample('ark', 'getTask', '200', 'queued')));
      });
      await new Promise<void>((resolve) => back.listen(port, '127.0.0.1', resolve));
      try {
        const response = await fetch(`${proxy.url}${TASKS}/cgt-1`, { headers: { authorization: `Bearer ${KEY}` } });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        await proxy.settled();
        expect(proxy.exchanges).toBe(1);
      } finally {
        back.closeAllConnections();
        await new Promise<void>((resolve) => back.close(() => resolve()));
      }
    } finally {
      await proxy.close();
    }
  });
});

describe('hostile traffic', () => {
  let gateway: ScriptedGateway;
  let proxy: ProxyServer;
  const port = () => Number(new URL(proxy.url).port);

  beforeAll(async () => {
    gateway = await startScriptedGateway();
    proxy = await startProxy({ target: `${gateway.url}/ark`, dialect: 'ark', maxBodyBytes: 1024 * 1024 });
  });
  afterAll(async () => {
    await proxy.close();
    await gateway.close();
  });

  /** The proxy still forwards an ordinary poll after whatever came before. */
  async function stillServes(): Promise<void> {
    gateway.handler = undefined;
    gateway.script.push({ status: 200, body: responseExample('ark', 'getTask', '200', 'queued') });
    const response = await fetch(`${proxy.url}${TASKS}/cgt-1`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    await proxy.settled();
  }

  it.each([
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n'],
    ['a Host that is not a host', `GET ${TASKS} HTTP/1.1\r\nHost: ::::\r\nConnection: close\r\n\r\n`],
    ['a path with bad escapes and control bytes', `GET /%ff%00/../\u0001x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`],
    [
      'a body shorter than its Content-Length, then silence',
      `POST ${TASKS} HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"mo`,
    ],
    ['a chunked body cut off mid-chunk', `POST ${TASKS} HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffff\r\n{"model"`],
  ])('survives %s', async (_, request) => {
    gateway.handler = (_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end('{"error":{"code":"InvalidParameter","message":"bad"}}');
    };
    const answer = await rawExchange(port(), request, { deadlineMs: 1_500 });
    for (const status of answer.statuses) expect(status).toBeLessThan(500);
    await stillServes();
  });

  it('forwards a body larger than the cap without keeping it, and counts it unchecked', async () => {
    let arrived = 0;
    gateway.handler = (request, response) => {
      arrived = request.body.length;
      response.writeHead(413, { 'content-type': 'application/json' });
      response.end(JSON.stringify(responseExample('ark', 'createTask', '413')));
    };
    await proxy.settled();
    const unchecked = proxy.unchecked;
    const response = await fetch(`${proxy.url}${TASKS}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: new Uint8Array(3 * 1024 * 1024).fill(0x20),
    });
    expect(response.status).toBe(413);
    await response.arrayBuffer();
    expect(arrived).toBe(3 * 1024 * 1024);
    await proxy.settled();
    expect(proxy.unchecked).toBe(unchecked + 1);
    await stillServes();
  });

  it('reports a body nested too deep or not UTF-8 as a request-body violation, without recursing into it', async () => {
    gateway.handler = (_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify(responseExample('ark', 'createTask', '400', 'missing-model')));
    };
    await proxy.settled();
    const before = proxy.violations.length;
    for (const body of ['['.repeat(100_000), new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])]) {
      const response = await fetch(`${proxy.url}${TASKS}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.arrayBuffer();
    }
    await proxy.settled();
    const found = proxy.violations.slice(before).map((violation) => `${violation.kind}: ${violation.message}`);
    expect(found).toEqual([
      expect.stringMatching(/^request-body: The request body is JSON nested more than 64 levels deep/),
      expect.stringMatching(/^request-body: The request body is not valid UTF-8/),
    ]);
    await stillServes();
  });

  it('passes on a gateway that hangs up mid-answer as a cut-off answer, and serves on', async () => {
    gateway.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
      response.write('{"id":"cgt-1","sta');
      setTimeout(() => response.socket?.destroy(), 10);
    };
    const failed = await fetch(`${proxy.url}${TASKS}/cgt-1`, { headers: { authorization: `Bearer ${KEY}` } })
      .then((response) => response.arrayBuffer())
      .then(
        () => false,
        () => true,
      );
    expect(failed).toBe(true);
    await proxy.settled();
    await stillServes();
  });
});
