// One client for every dialect: write one canonical request, run it against any gateway.
//
//   const client = createClient({ baseUrl: 'https://gateway.example', apiKey: process.env.KEY });
//   const handle = await client.submit({ model: 'doubao-seedance-2-0-260128', prompt: '...' });
//   const task = await client.wait(handle, { onProgress: (t) => console.log(t.status, t.progress) });
//
// Requests are validated before anything is sent (the canonical shape, then the dialect's contract
// on the translated body). A handle is plain JSON and never holds the key, so a task submitted in
// one process can be awaited in another. Every error the client throws has the key removed.
import { contracts, checkRequestBody } from './contract.ts';
import { adapters, isDialectId, type DialectAdapter, type DialectId } from './dialects/index.ts';
import {
  ApiError,
  ConnectionError,
  SeedanceError,
  TaskFailedError,
  UnsupportedOperationError,
  ValidationError,
  WaitTimeoutError,
  redactSecrets,
} from './errors.ts';
import { parseVideoRequest, type VideoRequestInput } from './request.ts';
import { createRetryingFetch, defaultRetryOptions, isRetryableStatus, realClock, type Clock, type RetryOptions } from './retry.ts';
import { defaultRoutes, routeModel, type Route } from './routing.ts';
import { isTerminal, type Task, type TaskHandle } from './task.ts';
import type { WireResult } from './dialects/adapter.ts';

export interface ClientOptions {
  /** One URL for every dialect (a gateway serving several), or one per dialect (the simulator's prefixes). */
  baseUrl: string | Partial<Record<DialectId, string>>;
  /** Sent as a bearer token; never stored on errors, handles or anything the client returns. */
  apiKey: string;
  /** Route models to dialects with this table instead of the default one. */
  routes?: readonly Route[];
  /** Send every request to this dialect, whatever the model. */
  dialect?: DialectId;
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
  retry?: Partial<RetryOptions>;
  /** Per HTTP request; separate from how long `wait` waits. Default 60 s. */
  requestTimeoutMs?: number;
  /** Default poll interval for `wait`. Default 5 s. */
  pollIntervalMs?: number;
  /** Default overall timeout for `wait`. Default 10 min. */
  waitTimeoutMs?: number;
  /** Time source and sleep: inject for tests or durable workflows. */
  clock?: Clock;
  /** Called before each HTTP retry (for logging; it never sees headers or keys). */
  onRetry?: (event: { attempt: number; delayMs: number; method: string; status?: number }) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface WaitOptions extends RequestOptions {
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Called with each task read while waiting, the first one included. */
  onProgress?: (task: Task) => void;
}

export interface PreparedRequest {
  dialect: DialectId;
  model: string;
  /** The createTask body exactly as it will be sent (files as Blobs for multipart dialects). */
  body: Record<string, unknown>;
}

export interface SeedanceClient {
  /** Validates and translates a request without sending it. Throws ValidationError or UnknownModelError. */
  prepare(request: VideoRequestInput): Promise<PreparedRequest>;
  submit(request: VideoRequestInput, options?: RequestOptions): Promise<TaskHandle>;
  get(handle: TaskHandle, options?: RequestOptions): Promise<Task>;
  /** Polls until the task succeeds (returns it), ends otherwise (TaskFailedError) or the timeout passes (WaitTimeoutError). */
  wait(handle: TaskHandle, options?: WaitOptions): Promise<Task>;
  cancel(handle: TaskHandle, options?: RequestOptions): Promise<void>;
  generate(request: VideoRequestInput, options?: WaitOptions): Promise<Task>;
  /** The dialect a model routes to under this client's table. */
  dialectFor(model: string): DialectId;
}

/** File parts are validated as the name the gateway would see, the way Prism reads multipart. */
function forValidation(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, value instanceof Blob ? (value instanceof File ? value.name : 'upload') : value]));
}

function readErrorEnvelope(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body ? { message: body.slice(0, 500) } : {};
  const envelope = body as { error?: unknown; code?: unknown; message?: unknown; state?: unknown };
  const inner = typeof envelope.error === 'object' && envelope.error !== null ? (envelope.error as { code?: unknown; message?: unknown }) : undefined;
  const code = inner?.code ?? envelope.code;
  const message = inner?.message ?? envelope.message;
  return { ...(typeof code === 'string' && code ? { code } : {}), ...(typeof message === 'string' ? { message } : {}) };
}

function requestIdOf(response: Response): string | undefined {
  return response.headers.get('x-request-id') ?? response.headers.get('x-oneapi-request-id') ?? response.headers.get('x-tt-logid') ?? undefined;
}

export function createClient(options: ClientOptions): SeedanceClient {
  const clock = options.clock ?? realClock;
  const retry = { ...defaultRetryOptions, ...options.retry };
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const routes = options.routes ?? defaultRoutes;
  const secrets = [options.apiKey];
  if (options.dialect !== undefined && !isDialectId(options.dialect)) throw new SeedanceError(`unknown dialect ${String(options.dialect)}`);
  const fetchWithRetry = createRetryingFetch({
    fetch: options.fetch ?? ((request) => fetch(request)),
    retry,
    clock,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });

  const rawClients = new Map<string, unknown>();
  function rawClient(adapter: DialectAdapter<unknown>, baseUrl: string) {
    const key = `${adapter.id} ${baseUrl}`;
    let client = rawClients.get(key);
    if (!client) {
      client = adapter.createRawClient({ baseUrl, apiKey: options.apiKey, fetch: fetchWithRetry, ...(options.headers ? { headers: options.headers } : {}) });
      rawClients.set(key, client);
    }
    return client;
  }

  function baseUrlFor(dialect: DialectId): string {
    const url = typeof options.baseUrl === 'string' ? options.baseUrl : options.baseUrl[dialect];
    if (!url) throw new SeedanceError(`no baseUrl for dialect ${dialect}; give one URL, or one per dialect`);
    return url.replace(/\/+$/, '');
  }

  function dialectFor(model: string): DialectId {
    return options.dialect ?? routeModel(model, routes);
  }

  /** Runs an HTTP call with the per-request timeout and the caller's signal, turning failures into typed errors. */
  async function call(dialect: DialectId, signal: AbortSignal | undefined, isSubmit: boolean, run: (signal: AbortSignal) => Promise<WireResult>) {
    signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const result = await run(combined);
      if (result.response.ok) return result;
      const { code, message } = readErrorEnvelope(result.error);
      throw new ApiError(
        dialect,
        result.response.status,
        code,
        message ?? result.response.statusText,
        requestIdOf(result.response),
        result.error,
        isSubmit && result.response.status >= 500,
      );
    } catch (error) {
      if (error instanceof SeedanceError) throw error;
      if (signal?.aborted) throw signal.reason;
      const timedOut = timeout.aborted;
      const reason = timedOut ? `no answer within ${requestTimeoutMs} ms` : `request failed: ${error instanceof Error ? error.message : String(error)}`;
      throw new ConnectionError(dialect, reason, { cause: error }, isSubmit);
    }
  }

  async function prepare(input: VideoRequestInput): Promise<PreparedRequest> {
    const request = parseVideoRequest(input);
    const dialect = request.dialect ?? dialectFor(request.model);
    const adapter = adapters[dialect];
    const { body, issues } = await adapter.toWire(request);
    const contractIssues = checkRequestBody(dialect, 'createTask', forValidation(body));
    if (issues.length > 0 || contractIssues.length > 0) throw new ValidationError(dialect, [...issues, ...contractIssues]);
    return { dialect, model: request.model, body };
  }

  async function submit(input: VideoRequestInput, { signal }: RequestOptions = {}): Promise<TaskHandle> {
    const prepared = await prepare(input);
    const adapter = adapters[prepared.dialect];
    const baseUrl = baseUrlFor(prepared.dialect);
    const { data } = await call(prepared.dialect, signal, true, (s) => adapter.submit(rawClient(adapter, baseUrl), prepared.body, { signal: s }));
    const taskId = adapter.taskIdOf(data);
    if (!taskId) throw new ApiError(prepared.dialect, 200, 'missing_task_id', 'the gateway accepted the task but returned no task id', undefined, data, true);
    return { v: 1, dialect: prepared.dialect, model: prepared.model, taskId, baseUrl };
  }

  async function get(handle: TaskHandle, { signal }: RequestOptions = {}): Promise<Task> {
    const adapter = adapters[handle.dialect];
    const { data } = await call(handle.dialect, signal, false, (s) => adapter.get(rawClient(adapter, handle.baseUrl), handle.taskId, { signal: s }));
    return adapter.fromWire(data, handle);
  }

  async function wait(handle: TaskHandle, waitOptions: WaitOptions = {}): Promise<Task> {
    const { signal, onProgress } = waitOptions;
    const timeoutMs = waitOptions.timeoutMs ?? options.waitTimeoutMs ?? 600_000;
    const interval = waitOptions.pollIntervalMs ?? options.pollIntervalMs ?? 5_000;
    const deadline = clock.now() + timeoutMs;
    let last: Task | undefined;
    for (let failures = 0; ; ) {
      try {
        last = await get(handle, signal ? { signal } : {});
        failures = 0;
        onProgress?.(last);
        if (last.status === 'succeeded') return last;
        if (isTerminal(last)) {
          throw new TaskFailedError(handle, last.status as 'failed' | 'cancelled' | 'expired', last.error?.code, last.error?.message, last.raw);
        }
      } catch (error) {
        // A transient failure that outlived the HTTP retries does not end the wait: the task is
        // still there. Anything else (auth, unknown id, unknown status, failed task) does.
        const transient = error instanceof ConnectionError || (error instanceof ApiError && isRetryableStatus(error.status));
        if (!transient) throw error;
        failures++;
      }
      const pause = failures === 0 ? interval : Math.min(interval * 2 ** failures, Math.max(interval, retry.maxDelayMs * 4));
      if (clock.now() + pause > deadline) throw new WaitTimeoutError(handle, timeoutMs, last?.rawStatus);
      await clock.sleep(pause, signal);
    }
  }

  async function cancel(handle: TaskHandle, { signal }: RequestOptions = {}): Promise<void> {
    const adapter = adapters[handle.dialect];
    const cancelTask = adapter.cancel;
    if (!cancelTask || !contracts[handle.dialect].operations.deleteTask) throw new UnsupportedOperationError(handle.dialect, 'cancel');
    await call(handle.dialect, signal, false, (s) => cancelTask(rawClient(adapter, handle.baseUrl), handle.taskId, { signal: s }));
  }

  /** Every public method: errors leave without the key, wherever it may have been copied. */
  const guard =
    <Args extends unknown[], Result>(method: (...args: Args) => Promise<Result>) =>
    async (...args: Args): Promise<Result> => {
      try {
        return await method(...args);
      } catch (error) {
        throw redactSecrets(error, secrets);
      }
    };

  return {
    prepare: guard(prepare),
    submit: guard(submit),
    get: guard(get),
    wait: guard(wait),
    cancel: guard(cancel),
    generate: guard(async (request: VideoRequestInput, waitOptions: WaitOptions = {}) => wait(await submit(request, waitOptions), waitOptions)),
    dialectFor: (model) => {
      try {
        return dialectFor(model);
      } catch (error) {
        throw redactSecrets(error, secrets);
      }
    },
  };
}
