// The stateful simulator: every dialect on one port, each under its own prefix (/ark, /content-
// metadata, /multipart-videos, /unified-jobs), answering in its own words. Requests are checked
// against the same contracts the client uses (src/contract.ts); tasks live through their real
// lifecycle on a clock that can run fast, slow or by hand; finished tasks serve a real MP4.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { checkRequestBody, contracts } from '../../src/contract.ts';
import { DIALECT_IDS, type DialectId } from '../../src/dialects/ids.ts';
import { TERMINAL_STATUSES } from '../../src/task.ts';
import { realClock, type SimClock } from './clock.ts';
import { simulator as ark } from './dialects/ark.ts';
import { simulator as contentMetadata } from './dialects/content-metadata.ts';
import { simulator as multipartVideos } from './dialects/multipart-videos.ts';
import { openAiError } from './dialects/openai-error.ts';
import type { DialectSimulator, Exchange, Route, SimContext } from './dialects/types.ts';
import { simulator as unifiedJobs } from './dialects/unified-jobs.ts';
import { BodyTooLarge, mediaTypeOf, parseMultipart, readBody, sendBytes, sendJson } from './http.ts';
import { FAILURES, isScenario, SCENARIOS, statusAt, TaskStore, timelineFor, type Lifecycle, type Scenario, type SimTask, type StoreLimits } from './tasks.ts';

// mocks/fixtures, found from mocks/simulator/ in the source tree or dist/mocks/simulator/ when built.
const FIXTURES = [resolve(import.meta.dirname, '../fixtures'), resolve(import.meta.dirname, '../../../mocks/fixtures')].find((dir) => existsSync(resolve(dir, 'sample.mp4'))) ?? resolve(import.meta.dirname, '../fixtures');
const SIMULATORS: Record<DialectId, DialectSimulator> = {
  ark,
  'content-metadata': contentMetadata,
  'multipart-videos': multipartVideos,
  'unified-jobs': unifiedJobs,
};

export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Default: queued 1.5 s, running 3.5 s: a demo feels real. `{ queuedMs: 0, runningMs: 0 }` is instant. */
  lifecycle?: Partial<Lifecycle>;
  /** Default: real time. Pass `manualClock()` to step time by hand. */
  clock?: SimClock;
  /** The scenario for requests that do not choose one (`X-Mock-Scenario` or `[mock:<scenario>]` in the prompt). */
  scenario?: Scenario;
  limits?: Partial<StoreLimits>;
  /** Larger request bodies are refused with 413 before they are read. Default 64 MiB (Ark's limit). */
  bodyLimitBytes?: number;
  /** Require this exact bearer key (default: any non-empty key is accepted). */
  apiKey?: string;
  /** Deliver callbacks to hosts other than loopback. Off by default: the simulator stays offline. */
  allowRemoteCallbacks?: boolean;
  callbacks?: { timeoutMs?: number; retries?: number; retryDelayMs?: number };
  /** One line per request (method, path, status); never headers or bodies. */
  log?: (line: string) => void;
}

export interface CallbackAttempt {
  taskId: string;
  url: string;
  status: string;
  attempt: number;
  outcome: 'delivered' | 'failed' | 'skipped-remote';
  httpStatus?: number;
}

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
  /** Bytes read from request bodies, in total (to show oversized bodies are not read). */
  bytesRead(): number;
  close(): Promise<void>;
}

/** A documented path (`/v1/videos/{id}/content`) as a regular expression with named groups. */
function compile(route: Route): RegExp {
  const segments = route.path.split('/').map((segment) => {
    const parameter = /^\{(\w+)\}$/.exec(segment)?.[1];
    return parameter ? `(?<${parameter}>[^/]+)` : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}$`);
}

const ROUTES = DIALECT_IDS.flatMap((dialect) => SIMULATORS[dialect].routes.map((route) => ({ dialect, route, match: compile(route) })));
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)$/;
const MARKER = /\[mock:([a-z-]+)\]/;

function notFoundRoute(dialect: DialectId, method: string, path: string): Exchange {
  const message = `Invalid URL (${method} ${path})`;
  return dialect === 'ark' ? SIMULATORS.ark.error({ kind: 'not-found', message }, undefined) : openAiError({ kind: 'not-found', message });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? realClock();
  const lifecycle: Lifecycle = { queuedMs: 1_500, runningMs: 3_500, ...options.lifecycle };
  const store = new TaskStore({ maxTasks: 50_000, maxAgeMs: 7 * 24 * 3_600_000, ...options.limits });
  const bodyLimit = options.bodyLimitBytes ?? 64 * 1024 * 1024;
  const video = readFileSync(resolve(FIXTURES, 'sample.mp4'));
  const lastFrame = readFileSync(resolve(FIXTURES, 'last-frame.png'));
  const callbackOptions = { timeoutMs: 5_000, retries: 3, retryDelayMs: 1_000, ...options.callbacks };
  const callbacks: CallbackAttempt[] = [];
  let bytesRead = 0;

  function record(attempt: CallbackAttempt) {
    callbacks.push(attempt);
    if (callbacks.length > 1_000) callbacks.shift();
  }

  /** Ark's policy (upstream-apis §1.7): every status change is posted; a final one is retried 3 times. */
  function deliver(context: SimContext, task: SimTask, status: string, attempt: number): void {
    const url = task.callbackUrl;
    const simulator = SIMULATORS[task.dialect];
    if (!url || !simulator.callbackBody) return;
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return;
    }
    if (!options.allowRemoteCallbacks && !LOOPBACK.test(host)) {
      record({ taskId: task.id, url, status, attempt, outcome: 'skipped-remote' });
      return;
    }
    const body = JSON.stringify(simulator.callbackBody(context, task));
    const final = TERMINAL_STATUSES.has(status as never);
    void (async () => {
      let httpStatus: number | undefined;
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(callbackOptions.timeoutMs) });
        httpStatus = response.status;
        await response.body?.cancel();
      } catch {
        // No answer within the timeout, or no connection: a failed delivery.
      }
      const delivered = httpStatus !== undefined && httpStatus >= 200 && httpStatus < 300;
      record({ taskId: task.id, url, status, attempt, outcome: delivered ? 'delivered' : 'failed', ...(httpStatus === undefined ? {} : { httpStatus }) });
      if (!delivered && final && attempt <= callbackOptions.retries) {
        clock.schedule(clock.now() + callbackOptions.retryDelayMs * attempt, () => deliver(context, task, status, attempt + 1));
      }
    })();
  }

  function contextFor(request: IncomingMessage, scenario: Scenario): SimContext {
    const origin = `http://${request.headers.host ?? `${options.host ?? '127.0.0.1'}`}`;
    const context: SimContext = {
      clock,
      store,
      lifecycle,
      origin,
      scenario,
      video,
      videoUrl: (task) => `${origin}/files/${task.id}.mp4`,
      lastFrameUrl: (task) => `${origin}/files/${task.id}-last-frame.png`,
      accept(task) {
        task.timeline = timelineFor(scenario, task.createdAt, lifecycle);
        if (scenario === 'fail' || scenario === 'expire') task.failure = { ...FAILURES[scenario] };
        store.add(task, clock.now());
        if (task.callbackUrl) {
          for (const entry of task.timeline) {
            const fire = () => {
              // A cancelled task does not go on to run: only changes that really happened are posted.
              if (store.get(task.id, clock.now()) && statusAt(task, entry.at) === entry.status) deliver(context, task, entry.status, 1);
            };
            if (entry.at <= clock.now()) queueMicrotask(fire);
            else clock.schedule(entry.at, fire);
          }
        }
      },
    };
    return context;
  }

  function serveFile(request: IncomingMessage, response: ServerResponse, path: string): boolean {
    const match = /^\/files\/([\w.-]+?)(-last-frame\.png|\.mp4)$/.exec(path);
    if (!match || !['GET', 'HEAD'].includes(request.method ?? '')) return false;
    const task = store.get(match[1] ?? '', clock.now());
    const wantsFrame = match[2] === '-last-frame.png';
    if (!task || statusAt(task, clock.now()) !== 'succeeded' || (wantsFrame && !task.returnLastFrame)) {
      sendJson(response, 404, { error: { message: 'No such file', type: 'not_found' } });
    } else {
      sendBytes(request, response, wantsFrame ? lastFrame : video, wantsFrame ? 'image/png' : 'video/mp4');
    }
    return true;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator.invalid');
    const method = request.method ?? 'GET';
    if (serveFile(request, response, url.pathname)) return;

    const dialect = DIALECT_IDS.find((id) => url.pathname === `/${id}` || url.pathname.startsWith(`/${id}/`));
    if (!dialect) {
      sendJson(response, 404, { error: { message: `No dialect at ${url.pathname}; the simulator serves ${DIALECT_IDS.map((id) => `/${id}`).join(', ')}`, type: 'not_found' } });
      return;
    }
    const simulator = SIMULATORS[dialect];
    const path = url.pathname.slice(dialect.length + 1);
    const matched = ROUTES.filter((candidate) => candidate.dialect === dialect)
      .map((candidate) => {
        const found = candidate.match.exec(path);
        return { ...candidate, params: found ? (found.groups ?? {}) : undefined };
      })
      .find((candidate) => candidate.params && candidate.route.method === method);
    if (!matched?.params) return answer(response, request, notFoundRoute(dialect, method, path));
    const { route } = matched;
    const params = Object.fromEntries(Object.entries(matched.params).map(([key, value]) => [key, decodeURIComponent(value)]));

    const authorization = request.headers.authorization ?? '';
    const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!key || (options.apiKey !== undefined && key !== options.apiKey)) {
      request.resume();
      return answer(response, request, simulator.error({ kind: 'unauthorized', message: 'The API key in the request is missing or invalid.' }, route.operationId));
    }

    const requested = request.headers['x-mock-scenario'];
    if (requested !== undefined && !isScenario(requested)) {
      request.resume();
      return answer(response, request, simulator.error({ kind: 'invalid', field: '/X-Mock-Scenario', message: `Unknown X-Mock-Scenario "${String(requested)}"; known: ${SCENARIOS.join(', ')}.` }, route.operationId));
    }

    // Overload refuses before the body is read; a prompt marker can only act once it is parsed (below).
    const refusal = (scenario: string | undefined): Exchange | undefined =>
      scenario === 'rate-limit'
        ? simulator.error({ kind: 'rate-limited', message: 'Too many requests; retry after 1 second. (simulated)' }, route.operationId)
        : scenario === 'server-error'
          ? simulator.error({ kind: 'server-error', message: 'Internal error. (simulated)' }, route.operationId)
          : undefined;
    const early = refusal(typeof requested === 'string' ? requested : undefined);
    if (early) {
      request.resume();
      return answer(response, request, early);
    }

    let body: Record<string, unknown> = {};
    let files: Record<string, File> = {};
    const expected = contracts[dialect].operations[route.operationId]?.requestMediaType;
    if (expected) {
      let raw: Buffer;
      try {
        raw = await readBody(request, bodyLimit);
        bytesRead += raw.length;
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          response.setHeader('connection', 'close');
          sendJson(response, 413, { error: { message: `Request body exceeds ${bodyLimit} bytes`, type: 'request_too_large' } });
          request.destroy();
          return;
        }
        throw error;
      }
      const mediaType = mediaTypeOf(request);
      if (mediaType !== expected) {
        return answer(response, request, simulator.error({ kind: 'unsupported-media', field: '/', message: `Content-Type must be ${expected}, not ${mediaType || 'missing'}.` }, route.operationId));
      }
      try {
        if (expected === 'application/json') {
          const parsed: unknown = JSON.parse(raw.toString('utf8'));
          body = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { '': parsed };
        } else {
          ({ fields: body, files } = await parseMultipart(raw, String(request.headers['content-type'])));
        }
      } catch (error) {
        const what = expected === 'application/json' ? 'not valid JSON' : 'not valid multipart/form-data';
        return answer(response, request, simulator.error({ kind: 'invalid', field: '/', message: `The request body is ${what}: ${(error as Error).message}` }, route.operationId));
      }
    }

    const scenario = (typeof requested === 'string' ? requested : undefined) ?? (MARKER.exec(JSON.stringify(body))?.[1] as Scenario | undefined) ?? options.scenario ?? 'succeed';
    const late = refusal(scenario);
    if (late) return answer(response, request, late);

    if (expected) {
      const issues = checkRequestBody(dialect, route.operationId, body);
      if (issues[0]) {
        const message = issues.map((issue) => `${issue.path}: ${issue.message} [${issue.rule}]`).join('; ');
        return answer(response, request, simulator.error({ kind: 'invalid', field: issues[0].path, rule: issues[0].rule, message }, route.operationId));
      }
    }

    const context = contextFor(request, isScenario(scenario) ? scenario : 'succeed');
    answer(response, request, await route.handle(context, { request, params, query: url.searchParams, body, files }));
  }

  function answer(response: ServerResponse, request: IncomingMessage, exchange: Exchange): void {
    if (exchange.bytes) sendBytes(request, response, exchange.bytes.data, exchange.bytes.type, exchange.headers);
    else sendJson(response, exchange.status, exchange.body, exchange.headers);
  }

  const server = createServer((request, response) => {
    const started = Date.now();
    response.on('finish', () => options.log?.(`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname} -> ${response.statusCode} (${Date.now() - started} ms)`));
    handle(request, response).catch((error: unknown) => {
      options.log?.(`internal error: ${(error as Error).message}`);
      if (!response.headersSent) sendJson(response, 500, { error: { message: 'simulator internal error', type: 'server_error' } });
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', resolveListen);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  const urls = Object.fromEntries(DIALECT_IDS.map((id) => [id, `${base}/${id}`])) as Record<DialectId, string>;
  const nativeUrls = { ...urls, ark: `${urls.ark}/api/v3`, 'content-metadata': `${urls['content-metadata']}/v1`, 'multipart-videos': `${urls['multipart-videos']}/v1`, 'unified-jobs': `${urls['unified-jobs']}/v1` };
  return {
    url: base,
    urls,
    nativeUrls,
    store,
    clock,
    callbacks,
    bytesRead: () => bytesRead,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
