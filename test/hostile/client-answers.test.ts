// The client and the CLI against a hostile gateway (a loopback HTTP server of its own): answers
// nested deeper than JSON.stringify can go, fields of the wrong type where text belongs, gzip bombs
// (a small compressed body that inflates past every limit), and redirect loops or redirects to other
// schemes on a download. Whatever it sends: a typed error or a task whose text fields are text, no
// crash, no unbounded read, no key in any output, and the CLI ends with a documented exit code.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, AnswerTooLargeError, createClient, type TaskHandle, VideoTooLargeError } from '../../src/index.ts';
import { runSeedance } from '../cli/support.ts';
import { MODELS } from '../support/dialects.ts';

// Compressed off the event loop: a simulator in this worker (other test files) keeps answering meanwhile.
const gzip = promisify(gzipCallback);
const KEY = 'sk-hostile-answers-4d3c2b1a0f9e8d7c6b5a';
const MP4 = readFileSync(resolve(import.meta.dirname, '../../mocks/fixtures/sample.mp4'));
// Deeper than JSON.stringify and String() can recurse (both overflow by 5,000 on Node 20).
const DEEP = 20_000;

/** What the server answers every request with, per test. */
let answer: (request: IncomingMessage, response: ServerResponse, base: string) => void = (_request, response) => response.end();
let base = '';
const server = createServer((request, response) => {
  request.resume();
  answer(request, response, base);
});

beforeAll(async () => {
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
);

const handle = (): TaskHandle => ({ v: 1, dialect: 'ark', model: MODELS.ark, taskId: 'cgt-20260101000000-hostl', baseUrl: base });
const client = (options: { maxAnswerBytes?: number } = {}) => createClient({ baseUrl: base, apiKey: KEY, retry: { maxRetries: 0 }, ...options });
const deepList = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const sendJson = (response: ServerResponse, text: string, headers: Record<string, string> = {}) => {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(text);
};

describe('fields that are not text', () => {
  const odd = fc.oneof(
    fc.constant(deepList(DEEP)),
    fc.constant(`{"a":${deepList(DEEP)}}`),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.constantFrom('null', '7', 'true', '[]', '{}', '"🙂\\u0000"'),
  );
  it('read as a task whose id, model, status word and error are text, whatever the gateway puts there (fast-check, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(odd, odd, odd, odd, async (id, model, status, code) => {
        answer = (_request, response) =>
          sendJson(response, `{"id":${id},"model":${model},"status":${status},"error":{"code":${code},"message":${code}},"created_at":1,"updated_at":1}`);
        const task = await client().get(handle());
        for (const field of [task.id, task.model, task.rawStatus, task.error?.code ?? '', task.error?.message ?? '']) expect(typeof field).toBe('string');
        expect(task.rawStatus.length).toBeLessThanOrEqual(200);
      }),
      { seed: 20261207, numRuns: 25 },
    );
  });

  it('the CLI prints such a task, in human lines and as --json (cut where it is too deep), exit 0', async () => {
    answer = (_request, response) =>
      sendJson(response, `{"id":${deepList(DEEP)},"model":"m","status":${deepList(DEEP)},"content":{"video_url":{"x":${deepList(DEEP)}}}}`);
    for (const json of [false, true]) {
      const run = await runSeedance(['status', JSON.stringify(handle()), ...(json ? ['--json'] : [])], {
        env: { SEEDANCE_BASE_URL: base, SEEDANCE_API_KEY: KEY },
      });
      expect(run.code, run.stderr).toBe(0);
      if (json) expect(() => JSON.parse(run.stdout)).not.toThrow();
      expect(run.stdout + run.stderr).not.toContain(KEY);
    }
  });
});

describe('gzip bombs', () => {
  it('a task answer is cut at maxAnswerBytes however small its declared (compressed) length', async () => {
    // About 16 KiB on the wire, 16 MiB once fetch inflates it: valid JSON, all of it.
    const bomb = await gzip(`{"id":"cgt-1","status":"running","padding":"${' '.repeat(16 * 1024 * 1024)}"}`);
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.byteLength) });
      response.end(bomb);
    };
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const error = await client({ maxAnswerBytes: 1024 * 1024 })
      .get(handle())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AnswerTooLargeError);
  });

  it('a video is cut at maxBytes however small its declared length', async () => {
    const video = await gzip(Buffer.concat([MP4, Buffer.alloc(16 * 1024 * 1024)]));
    answer = (request, response, origin) => {
      if (request.url === '/v.mp4') {
        response.writeHead(200, { 'content-type': 'video/mp4', 'content-encoding': 'gzip', 'content-length': String(video.byteLength) });
        return response.end(video);
      }
      sendJson(response, JSON.stringify({ id: 'cgt-1', model: 'm', status: 'succeeded', content: { video_url: `${origin}/v.mp4` } }));
    };
    const stream = await client().download(handle(), { maxBytes: 2 * 1024 * 1024 });
    await expect(new Response(stream).arrayBuffer()).rejects.toBeInstanceOf(VideoTooLargeError);
  });
});

describe('hostile redirects on a download', () => {
  it('a redirect loop stops after five hops with a typed error', async () => {
    let hops = 0;
    answer = (request, response, origin) => {
      if (request.url?.startsWith('/loop')) {
        hops++;
        response.writeHead(302, { location: `${origin}/loop/${hops}` });
        return response.end();
      }
      sendJson(response, JSON.stringify({ id: 'cgt-1', model: 'm', status: 'succeeded', content: { video_url: `${origin}/loop/0` } }));
    };
    const error = await client()
      .download(handle())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(hops).toBe(6);
  });

  it.each(['file:///etc/passwd', 'data:video/mp4;base64,AAAA', 'javascript:alert(1)'])('a redirect to %s is not followed', async (location) => {
    answer = (request, response, origin) => {
      if (request.url === '/v.mp4') {
        response.writeHead(302, { location });
        return response.end();
      }
      sendJson(response, JSON.stringify({ id: 'cgt-1', model: 'm', status: 'succeeded', content: { video_url: `${origin}/v.mp4` } }));
    };
    const error = await client()
      .download(handle())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(302);
  });
});
