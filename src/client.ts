// The client, built from the dialect adapters it is given: write one canonical request, run it
// against any gateway whose dialect the client was built with. This module imports no dialect, so
// an app that talks to one gateway bundles that dialect's adapter and contract alone:
//
//   import { createClient } from 'seedance-contracts/core';
//   import { ark } from 'seedance-contracts/dialects/ark';
//   const client = createClient({ dialects: [ark], baseUrl: 'https://gateway.example', apiKey: process.env.KEY });
//   const handle = await client.submit({ model: 'doubao-seedance-2-0-260128', prompt: '...' });
//   const task = await client.wait(handle, { onProgress: (t) => console.log(t.status, t.progress) });
//
// Requests are validated before anything is sent (the canonical shape, then the dialect's contract
// on the translated body). A handle is plain JSON and never holds the key, so a task submitted in
// one process can be awaited in another; the key goes only to the base URLs the client was
// configured with, whatever URL a handle names. Every error the client throws is a typed
// SeedanceError with the key removed.
import { dialectOfBaseUrl, isUnderBaseUrl, resolveBaseUrls, type BaseUrlOption, type GatewayDialect } from './base-url.ts';
import { createCaller, type Call } from './http/call.ts';
import type { DialectAdapter } from './dialects/shared/adapter.ts';
import { isDialectId, KNOWN_MODELS, type DialectId } from '../generated/dialects.ts';
import {
  AbortedError,
  ApiError,
  ConnectionError,
  SeedanceError,
  TaskFailedError,
  TaskStateError,
  UnsupportedOperationError,
  UnreadableAnswerError,
  UntrustedBaseUrlError,
  ValidationError,
  type ValidationIssue,
  WaitTimeoutError,
  redactSecrets,
} from './errors.ts';
import { DEFAULT_MAX_ANSWER_BYTES, readCapped } from './http/answer.ts';
import { DEFAULT_MAX_VIDEO_BYTES, fetchVideo, videoStream } from './download.ts';
import type { OutgoingRequest } from './http/outgoing-request.ts';
import { createWireClient } from './http/wire-client.ts';
import { parseVideoRequest, type VideoRequestInput } from './request.ts';
import { defaultRetryOptions, isRetryableStatus, realClock, type Clock, type RetryOptions } from './http/retry.ts';
import { defaultRoutes, dialectsSelling, routeModel, type Route } from './routing.ts';
import { isTerminal, type Task, type TaskHandle } from './task.ts';

/** The settings every client takes, whichever dialects it was built with. */
export interface ClientSettings {
  /**
   * Where the gateway is: one URL for every dialect, a template with `{dialect}`
   * (`http://127.0.0.1:4010/{dialect}`), or one URL per dialect (a simulator's `urls`).
   * These URLs are also the only places the key is sent.
   */
  baseUrl: BaseUrlOption;
  /** Sent as a bearer token; never stored on errors, handles or anything the client returns. */
  apiKey: string;
  /**
   * Follow a handle to whatever base URL it names, sending the key there. Off by default: a handle
   * (read from a file, a queue, stdin) whose base URL is not under a configured one is refused with
   * UntrustedBaseUrlError before any request.
   */
  trustHandleBaseUrls?: boolean;
  /** Route models to dialects with this table instead of the default one. */
  routes?: readonly Route[];
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
  retry?: Partial<RetryOptions>;
  /** Per HTTP request, retries included; separate from how long `wait` waits. Default 60 s. */
  requestTimeoutMs?: number;
  /**
   * The largest JSON answer the client reads, in bytes (default 8 MiB, DEFAULT_MAX_ANSWER_BYTES; a
   * task body is a few KiB). A larger answer is an AnswerTooLargeError, never read whole.
   */
  maxAnswerBytes?: number;
  /** Default poll interval for `wait`. Default 5 s. */
  pollIntervalMs?: number;
  /** Default overall timeout for `wait`. Default 10 min. */
  waitTimeoutMs?: number;
  /** Time source and sleep: inject for tests or durable workflows. */
  clock?: Clock;
  /** Called before each HTTP retry (for logging; it never sees headers or keys). */
  onRetry?: (event: { attempt: number; delayMs: number; method: string; status?: number }) => void;
  /**
   * How a request the dialect's contract refuses (or cannot express) is treated before it is sent:
   * `strict` (the default) throws a ValidationError and sends nothing; `warn` sends the body as
   * translated and reports the issues to `onWarning`; `off` checks nothing and sends what the
   * caller wrote (the canonical request's shape is still parsed: it is what is translated).
   */
  validation?: ValidationMode;
  /** With `validation: 'warn'`: called with the issues of each request sent despite them. */
  onWarning?: (warning: ValidationWarning) => void;
}

export type ValidationMode = 'strict' | 'warn' | 'off';

/** What `validation: 'warn'` reports of a request it sends anyway. */
export interface ValidationWarning {
  dialect: DialectId;
  model: string;
  /** Every rule the body breaks and every field the dialect cannot express, as a ValidationError would list them. */
  issues: ValidationIssue[];
}

/**
 * Any dialect adapter, whatever its raw client, body and task types. The client keeps each
 * adapter's own pairing: it submits only a body that adapter's `toWire` drafted and its
 * `checkWire` accepted, reads with that adapter's raw client, and hands `fromWire` only what that
 * adapter's `get` returned.
 */
export type AnyDialectAdapter = DialectAdapter;

/** A client for the dialects in `dialects` (adapters from seedance-contracts/dialects/<id>). */
export interface DialectClientOptions<Adapter extends AnyDialectAdapter = AnyDialectAdapter> extends ClientSettings {
  /** The dialects this client speaks, e.g. `[ark]`; models are routed among these alone. */
  dialects: readonly Adapter[];
  /** Send every request to this dialect, whatever the model. */
  dialect?: Adapter['id'];
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

export interface DownloadOptions extends RequestOptions {
  /**
   * The most bytes the video may have (default 2 GiB, DEFAULT_MAX_VIDEO_BYTES): a larger declared
   * length is refused before reading (VideoTooLargeError), and the stream errors once it passes it.
   */
  maxBytes?: number;
}

export interface PreparedRequest<Id extends DialectId = DialectId> {
  dialect: Id;
  model: string;
  /** The createTask body exactly as it will be sent (files as Blobs for multipart dialects). */
  body: Record<string, unknown>;
  /**
   * What the client noticed without refusing, in words: a model the dialect's documents do not list
   * (a documented list is what the gateway is known to sell, not a rule, so the gateway judges it).
   */
  notes?: string[];
  /** With `validation: 'warn'`: the issues the body is sent with (also given to `onWarning`). */
  issues?: ValidationIssue[];
}

/** A client; `Id` is the dialects it was built with (all four from the root entry). */
export interface SeedanceClient<Id extends DialectId = DialectId> {
  /** Validates and translates a request without sending it. Throws ValidationError or UnknownModelError. */
  prepare(request: VideoRequestInput): Promise<PreparedRequest<Id>>;
  submit(request: VideoRequestInput, options?: RequestOptions): Promise<TaskHandle>;
  get(handle: TaskHandle, options?: RequestOptions): Promise<Task>;
  /** Polls until the task succeeds (returns it), ends otherwise (TaskFailedError) or the timeout passes (WaitTimeoutError). */
  wait(handle: TaskHandle, options?: WaitOptions): Promise<Task>;
  /**
   * Cancels a queued task. Reads the task first and refuses (TaskStateError) once it is running or
   * finished: on Ark the same DELETE that cancels a queued task would delete a finished one.
   * UnsupportedOperationError where the dialect cannot cancel.
   */
  cancel(handle: TaskHandle, options?: RequestOptions): Promise<void>;
  /**
   * Deletes a finished task's record (a later `get` answers 404, the video URL is gone). Refuses a
   * task that is still queued or running (TaskStateError): stop those with `cancel`.
   * UnsupportedOperationError where the dialect cannot delete.
   */
  delete(handle: TaskHandle, options?: RequestOptions): Promise<void>;
  generate(request: VideoRequestInput, options?: WaitOptions): Promise<Task>;
  /**
   * The finished video as a web stream, the way the task's dialect serves it: through the gateway's
   * content endpoint (content-metadata, multipart-videos), or from the task's own video URL (ark,
   * unified-jobs; from a handle the task is read first, so an expiring URL is a fresh one). The key
   * goes only where `get` would send it: a video URL on another host gets no key. The first bytes
   * must be a video the documents name (NotAVideoError), the size stays under `maxBytes`
   * (VideoTooLargeError), and a connection that breaks off ends the stream with a ConnectionError;
   * every error carries the task's handle. `signal` ends the download, the stream included.
   */
  download(taskOrHandle: Task | TaskHandle, options?: DownloadOptions): Promise<ReadableStream<Uint8Array>>;
  /** The dialect a model routes to under this client's table. */
  dialectFor(model: string): Id;
}

/** What every step of the client needs: the settings, the configured URLs and the HTTP caller. */
interface ClientContext {
  options: DialectClientOptions;
  clock: Clock;
  retry: RetryOptions;
  /** The adapters this client was built with, by dialect. */
  adapters: ReadonlyMap<string, AnyDialectAdapter>;
  /** The route table, narrowed to those dialects. */
  routes: readonly Route[];
  /** The dialect the one base URL names (a host, path or prefix of one dialect's gateway), which every model goes to. */
  gateway: GatewayDialect | undefined;
  baseUrls: Partial<Record<DialectId, string>>;
  isConfiguredBaseUrl(url: string): boolean;
  call: Call;
  /** The most of an answer's body that is read. */
  maxAnswerBytes: number;
  rawClient(adapter: DialectAdapter, baseUrl: string): unknown;
}

/** An error thrown by the caller's own callback (onProgress): given back untouched, it is not ours. */
class CallerError {
  constructor(readonly error: unknown) {}
}

/**
 * How one attempt goes out: the global fetch given the URL and init, as hand-written code calls it;
 * a caller's own fetch (which takes a Request) gets a fresh Request per attempt.
 */
function sender(custom: ClientSettings['fetch']): (request: OutgoingRequest) => Promise<Response> {
  if (custom) return ({ url, init }) => custom(new Request(url, init));
  return ({ url, init }) => fetch(url, init);
}

/** The adapters by dialect id, refusing anything that is not one and a dialect given twice. */
function adaptersById(dialects: readonly AnyDialectAdapter[]): ReadonlyMap<string, AnyDialectAdapter> {
  if (!Array.isArray(dialects) || dialects.length === 0) throw new SeedanceError('dialects must list at least one dialect adapter, e.g. [ark]');
  const byId = new Map<string, AnyDialectAdapter>();
  for (const adapter of dialects) {
    if (!isDialectId(adapter?.id)) throw new SeedanceError(`not a dialect adapter: ${String(adapter?.id)}`);
    if (byId.has(adapter.id)) throw new SeedanceError(`dialect ${adapter.id} is listed twice`);
    byId.set(adapter.id, adapter);
  }
  return byId;
}

const VALIDATION_MODES: readonly ValidationMode[] = ['strict', 'warn', 'off'];

function createContext(options: DialectClientOptions): ClientContext {
  const adapters = adaptersById(options.dialects);
  if (options.validation !== undefined && !VALIDATION_MODES.includes(options.validation)) {
    throw new SeedanceError(`validation must be one of ${VALIDATION_MODES.join(', ')}, not ${JSON.stringify(options.validation)}`);
  }
  if (options.dialect !== undefined && !adapters.has(options.dialect)) {
    throw new SeedanceError(`unknown dialect ${String(options.dialect)}; this client has ${[...adapters.keys()].join(', ')}`);
  }
  const clock = options.clock ?? realClock;
  const retry = { ...defaultRetryOptions, ...options.retry };
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const rawClients = new Map<string, unknown>();
  // One base URL that names a dialect's gateway decides the dialect of every model sent there.
  const named = typeof options.baseUrl === 'string' ? dialectOfBaseUrl(options.baseUrl) : undefined;
  const gateway = named && adapters.has(named.dialect) ? named : undefined;
  const baseUrls = { ...resolveBaseUrls(options.baseUrl), ...(gateway ? { [gateway.dialect]: gateway.baseUrl } : {}) };
  return {
    options,
    clock,
    retry,
    adapters,
    routes: (options.routes ?? defaultRoutes).filter((route) => adapters.has(route.dialect)),
    gateway,
    baseUrls,
    isConfiguredBaseUrl: configuredBaseUrlCheck(baseUrls),
    maxAnswerBytes,
    call: createCaller({
      send: sender(options.fetch),
      retry,
      clock,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      maxAnswerBytes,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    }),
    rawClient(adapter, baseUrl) {
      const key = `${adapter.id} ${baseUrl}`;
      if (!rawClients.has(key)) {
        const headers = options.headers ? { headers: options.headers } : {};
        const multipart = adapter.contract.operations.createTask?.requestMediaType?.startsWith('multipart/') === true;
        rawClients.set(key, createWireClient({ baseUrl, apiKey: options.apiKey, multipart, maxAnswerBytes, ...headers }));
      }
      return rawClients.get(key);
    },
  };
}

/** The adapter for a dialect, or an error saying this client was built without it. */
function adapterFor(context: ClientContext, dialect: DialectId): AnyDialectAdapter {
  const adapter = context.adapters.get(dialect);
  if (adapter) return adapter;
  const built = [...context.adapters.keys()].join(', ');
  throw new SeedanceError(`this client was built without the ${dialect} dialect (it has ${built}); add its adapter to dialects`);
}

function baseUrlFor(context: ClientContext, dialect: DialectId): string {
  const url = context.baseUrls[dialect];
  if (!url) throw new SeedanceError(`no baseUrl for dialect ${dialect}; give one URL, a {dialect} template, or one per dialect`);
  return url;
}

/**
 * The dialect for a model: the one the options name, else the one the base URL names (its gateway
 * serves every model there), else the first route among this client's dialects.
 */
function dialectFor(context: ClientContext, model: string): DialectId {
  return context.options.dialect ?? context.gateway?.dialect ?? routeModel(model, context.routes);
}

/** A note when the base URL, not the model's name, chose the dialect and the name alone would have chosen another. */
function gatewayNote(context: ClientContext, dialect: DialectId, model: string, explicit: boolean): string | undefined {
  const gateway = context.gateway;
  if (explicit || context.options.dialect !== undefined || gateway?.dialect !== dialect) return undefined;
  const byName = context.routes.find((route) => route.match.test(model))?.dialect;
  if (byName === dialect) return undefined;
  const how = { prefix: 'its prefix', path: `its path (${context.options.baseUrl})`, host: 'its host' }[gateway.by];
  return `${model} goes to ${dialect}: the base URL names that dialect's gateway by ${how}${byName ? `, though the name alone routes to ${byName}` : ''}`;
}

/** The base URL to send a handle's requests to: the handle's own, if the key may go there. */
function handleBaseUrl(context: ClientContext, handle: TaskHandle): string {
  if (
    typeof handle !== 'object' ||
    handle === null ||
    !isDialectId(handle.dialect) ||
    typeof handle.baseUrl !== 'string' ||
    typeof handle.taskId !== 'string'
  ) {
    throw new SeedanceError('not a task handle: it needs v: 1, dialect, model, taskId and baseUrl');
  }
  if (context.options.trustHandleBaseUrls || context.isConfiguredBaseUrl(handle.baseUrl)) return handle.baseUrl.replace(/\/+$/, '');
  throw new UntrustedBaseUrlError(handle, [...new Set(Object.values(context.baseUrls))]);
}

/**
 * Whether a URL lies under one of the configured base URLs. A pure function of two fixed strings,
 * so each handle URL's verdict is remembered (a client reads the same few URLs over and over);
 * the memory is bounded, in case a client sees endless distinct URLs.
 */
function configuredBaseUrlCheck(baseUrls: Partial<Record<DialectId, string>>): (url: string) => boolean {
  const configured = [...new Set(Object.values(baseUrls))];
  const verdicts = new Map<string, boolean>();
  return (url) => {
    let verdict = verdicts.get(url);
    if (verdict === undefined) {
      verdict = configured.some((base) => isUnderBaseUrl(url, base));
      if (verdicts.size >= 256) verdicts.clear();
      verdicts.set(url, verdict);
    }
    return verdict;
  };
}

/** A note when the dialect's documents list the models its gateways sell and this is not one of them. */
function unlistedModelNote(dialect: DialectId, model: string): string | undefined {
  const listed = KNOWN_MODELS.filter((known) => known.dialect === dialect).map((known) => known.id);
  if (listed.length === 0 || listed.includes(model)) return undefined;
  return `${model} is not among the models openapi/${dialect}.yaml lists (${listed.join(', ')}); it is sent as written and the gateway judges it`;
}

async function prepare(context: ClientContext, input: VideoRequestInput): Promise<PreparedRequest> {
  const request = parseVideoRequest(input);
  const dialect = request.dialect ?? dialectFor(context, request.model);
  const adapter = adapterFor(context, dialect);
  const { body, issues } = await adapter.toWire(request);
  const notes = [gatewayNote(context, dialect, request.model, request.dialect !== undefined), unlistedModelNote(dialect, request.model)].filter(
    (note): note is string => note !== undefined,
  );
  const prepared = { dialect, model: request.model, body, ...(notes.length > 0 ? { notes } : {}) };
  const mode = context.options.validation ?? 'strict';
  if (mode === 'off') return prepared;
  // The body as the wire will carry it, against the dialect's contract (and file bytes, for uploads).
  const found = [...issues, ...(await adapter.checkWire(body))];
  if (found.length === 0) return prepared;
  if (mode === 'strict') throw new ValidationError(dialect, found);
  try {
    context.options.onWarning?.({ dialect, model: request.model, issues: found });
  } catch (error) {
    throw new CallerError(error);
  }
  return { ...prepared, issues: found };
}

async function submit(context: ClientContext, input: VideoRequestInput, { signal }: RequestOptions = {}): Promise<TaskHandle> {
  const prepared = await prepare(context, input);
  const { dialect } = prepared;
  const adapter = adapterFor(context, dialect);
  const baseUrl = baseUrlFor(context, dialect);
  const client = context.rawClient(adapter, baseUrl);
  const handleFor = (taskId: string): TaskHandle => ({ v: 1, dialect, model: prepared.model, taskId, baseUrl });
  let data: unknown;
  try {
    // Should the gateway not know the route or model, the error names the other dialects that sell it.
    const otherDialects = { model: prepared.model, dialects: dialectsSelling(prepared.model, context.routes).filter((other) => other !== dialect) };
    ({ data } = await context.call({ dialect, isSubmit: true, expectsJson: true, otherDialects, ...(signal ? { signal } : {}) }, (call) =>
      adapter.submit(client, prepared.body, call),
    ));
  } catch (error) {
    // An ambiguous refusal that names the task anyway: the caller can wait for it instead of paying twice.
    const named = error instanceof ApiError && error.mayHaveBeenAccepted ? adapter.taskIdOf(error.body) : undefined;
    if (error instanceof ApiError && typeof named === 'string' && named) error.handle = handleFor(named);
    throw error;
  }
  const taskId = adapter.taskIdOf(data);
  if (!taskId) throw new ApiError(dialect, 200, 'missing_task_id', 'the gateway accepted the task but returned no task id', undefined, data, true);
  return handleFor(taskId);
}

async function get(context: ClientContext, handle: TaskHandle, { signal }: RequestOptions = {}): Promise<Task> {
  const baseUrl = handleBaseUrl(context, handle);
  const adapter = adapterFor(context, handle.dialect);
  const client = context.rawClient(adapter, baseUrl);
  const { data } = await context.call({ dialect: handle.dialect, isSubmit: false, handle, expectsJson: true, ...(signal ? { signal } : {}) }, (call) =>
    adapter.get(client, handle.taskId, call),
  );
  return adapter.fromWire(data, handle);
}

/** A transient failure that outlived the HTTP retries does not end a wait: the task is still there. */
function isTransient(error: unknown): boolean {
  return error instanceof ConnectionError || error instanceof UnreadableAnswerError || (error instanceof ApiError && isRetryableStatus(error.status));
}

/** One poll of a wait: the task, or undefined after a transient failure. Anything else ends the wait. */
async function poll(context: ClientContext, handle: TaskHandle, { signal, onProgress }: WaitOptions): Promise<Task | undefined> {
  let task: Task;
  try {
    task = await get(context, handle, signal ? { signal } : {});
  } catch (error) {
    if (isTransient(error) && !signal?.aborted) return undefined;
    throw error;
  }
  try {
    onProgress?.(task);
  } catch (error) {
    throw new CallerError(error);
  }
  if (isTerminal(task) && task.status !== 'succeeded') {
    throw new TaskFailedError(handle, task.status as 'failed' | 'cancelled' | 'expired', task.error?.code, task.error?.message, task.raw);
  }
  return task;
}

async function wait(context: ClientContext, handle: TaskHandle, waitOptions: WaitOptions = {}): Promise<Task> {
  handleBaseUrl(context, handle);
  const { signal } = waitOptions;
  const timeoutMs = waitOptions.timeoutMs ?? context.options.waitTimeoutMs ?? 600_000;
  const interval = waitOptions.pollIntervalMs ?? context.options.pollIntervalMs ?? 5_000;
  const deadline = context.clock.now() + timeoutMs;
  let last: Task | undefined;
  for (let failures = 0; ; ) {
    const task = await poll(context, handle, waitOptions);
    if (task?.status === 'succeeded') return task;
    last = task ?? last;
    failures = task ? 0 : failures + 1;
    const pause = failures === 0 ? interval : Math.min(interval * 2 ** failures, Math.max(interval, context.retry.maxDelayMs * 4));
    if (context.clock.now() + pause > deadline) throw new WaitTimeoutError(handle, timeoutMs, last?.rawStatus, last?.raw);
    try {
      await context.clock.sleep(pause, signal);
    } catch (error) {
      throw signal?.aborted ? new AbortedError(handle.dialect, { cause: signal.reason, handle }) : error;
    }
  }
}

/** The dialect's DELETE operation, or UnsupportedOperationError. */
function deleteOperation(context: ClientContext, handle: TaskHandle, operation: 'cancel' | 'delete') {
  const adapter = adapterFor(context, handle.dialect);
  const deleteTask = adapter.deleteTask;
  if (!deleteTask || !adapter.contract.operations.deleteTask) throw new UnsupportedOperationError(handle.dialect, operation);
  return { adapter, deleteTask };
}

const REFUSALS = {
  cancel: (task: Task) =>
    task.status === 'queued'
      ? undefined
      : task.status === 'running'
        ? 'only a queued task can be cancelled, and a running one runs to its end'
        : 'only a queued task can be cancelled; it has already finished (use delete(handle) to remove a finished task)',
  delete: (task: Task) => (isTerminal(task) ? undefined : 'only a finished task can be deleted (use cancel(handle) to stop a queued task)'),
} as const;

/**
 * Cancel and delete are one DELETE on the wire (Ark cancels a queued task and deletes a finished
 * one), so the task is read first and the call is made only when it does what was asked.
 */
async function deleteAs(context: ClientContext, operation: 'cancel' | 'delete', handle: TaskHandle, { signal }: RequestOptions = {}): Promise<void> {
  const { adapter, deleteTask } = deleteOperation(context, handle, operation);
  const task = await get(context, handle, signal ? { signal } : {});
  const refusal = REFUSALS[operation](task);
  if (refusal) throw new TaskStateError(handle, operation, task.rawStatus, refusal);
  const client = context.rawClient(adapter, handleBaseUrl(context, handle));
  await context.call({ dialect: handle.dialect, isSubmit: false, handle, ...(signal ? { signal } : {}) }, (call) => deleteTask(client, handle.taskId, call));
}

function isHandle(value: Task | TaskHandle): value is TaskHandle {
  return typeof value === 'object' && value !== null && 'taskId' in value && 'baseUrl' in value;
}

/** The handle of a task read through this client: its dialect's configured base URL. */
function handleOfTask(context: ClientContext, task: Task): TaskHandle {
  if (typeof task !== 'object' || task === null || !isDialectId(task.dialect) || typeof task.id !== 'string') {
    throw new SeedanceError('not a task or a task handle: download takes what get, wait or submit returned');
  }
  return { v: 1, dialect: task.dialect, model: task.model, taskId: task.id, baseUrl: baseUrlFor(context, task.dialect) };
}

/** Where a task's video is, and whether the key may go there (the same scope as `get`'s). */
async function videoLocation(context: ClientContext, target: Task | TaskHandle, signal: AbortSignal | undefined) {
  const handle = isHandle(target) ? target : handleOfTask(context, target);
  const baseUrl = handleBaseUrl(context, handle);
  const adapter = adapterFor(context, handle.dialect);
  const trusted = (url: string) => context.isConfiguredBaseUrl(url) || (context.options.trustHandleBaseUrls === true && isUnderBaseUrl(url, baseUrl));
  if (adapter.videoContentPath) {
    const path = adapter.videoContentPath.replace(/\{[^{}]+\}/, encodeURIComponent(handle.taskId));
    return { handle, url: `${baseUrl}${path}`, trusted };
  }
  const task = isHandle(target) ? await get(context, handle, signal ? { signal } : {}) : target;
  if (task.status !== 'succeeded') {
    throw new TaskStateError(handle, 'download', task.rawStatus, 'only a succeeded task has a video: wait(handle) for it first');
  }
  if (!task.videoUrl) throw new TaskStateError(handle, 'download', task.rawStatus, 'the gateway named no video URL for it');
  return { handle, url: task.videoUrl, trusted };
}

async function download(context: ClientContext, target: Task | TaskHandle, options: DownloadOptions, fail: (error: unknown) => unknown) {
  const { signal } = options;
  const { handle, url, trusted } = await videoLocation(context, target, signal);
  const { response } = await context.call({ dialect: handle.dialect, isSubmit: false, handle, ...(signal ? { signal } : {}) }, async (call) => {
    const answer = await fetchVideo({ url, mayCarryKey: trusted, apiKey: context.options.apiKey, headers: context.options.headers }, call);
    if (answer.ok) return { response: answer };
    const { text } = await readCapped(answer, context.maxAnswerBytes);
    let error: unknown = text;
    try {
      error = JSON.parse(text);
    } catch {
      // Not JSON: the text is the message.
    }
    return { error, response: answer };
  });
  return videoStream(response, { handle, dialect: handle.dialect, maxBytes: options.maxBytes ?? DEFAULT_MAX_VIDEO_BYTES, signal, fail });
}

/** Any failure as the typed, key-free error the client throws; a caller's own callback error as it was. */
function toClientError(error: unknown, secrets: readonly string[]): unknown {
  if (error instanceof CallerError) return error.error;
  const typed =
    error instanceof SeedanceError
      ? error
      : new SeedanceError(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return redactSecrets(typed, secrets);
}

/**
 * A client for the dialects given in `dialects`. Models are routed among those dialects alone
 * (`dialect` sends everything to one); a handle of another dialect is refused before any request.
 */
export function createClient<const Adapter extends AnyDialectAdapter>(options: DialectClientOptions<Adapter>): SeedanceClient<Adapter['id']> {
  type Id = Adapter['id'];
  const context = createContext(options);
  const secrets = [options.apiKey];
  const guard =
    <Args extends unknown[], Result>(method: (...args: Args) => Promise<Result>) =>
    async (...args: Args): Promise<Result> => {
      try {
        return await method(...args);
      } catch (error) {
        throw toClientError(error, secrets);
      }
    };
  return {
    // Every dialect the client resolves has an adapter in `dialects` (adapterFor refuses any
    // other), so a prepared request's dialect and dialectFor's answer are of type Id.
    prepare: guard((request: VideoRequestInput) => prepare(context, request) as Promise<PreparedRequest<Id>>),
    submit: guard((request: VideoRequestInput, requestOptions?: RequestOptions) => submit(context, request, requestOptions)),
    get: guard((handle: TaskHandle, requestOptions?: RequestOptions) => get(context, handle, requestOptions)),
    wait: guard((handle: TaskHandle, waitOptions?: WaitOptions) => wait(context, handle, waitOptions)),
    cancel: guard((handle: TaskHandle, requestOptions?: RequestOptions) => deleteAs(context, 'cancel', handle, requestOptions)),
    delete: guard((handle: TaskHandle, requestOptions?: RequestOptions) => deleteAs(context, 'delete', handle, requestOptions)),
    generate: guard(async (request: VideoRequestInput, waitOptions: WaitOptions = {}) =>
      wait(context, await submit(context, request, waitOptions), waitOptions),
    ),
    download: guard((target: Task | TaskHandle, downloadOptions: DownloadOptions = {}) =>
      download(context, target, downloadOptions, (error) => toClientError(error, secrets)),
    ),
    dialectFor: (model) => {
      try {
        return dialectFor(context, model) as Id;
      } catch (error) {
        throw toClientError(error, secrets);
      }
    },
  };
}
