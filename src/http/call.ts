// One HTTP call to a gateway: the per-request timeout, the caller's abort signal, HTTP retries,
// and every way it can fail turned into a typed error. Foreign errors (fetch's TypeError, the
// signals' DOMExceptions) only ever travel as the `cause` of a toolkit error.
import type { CallOptions, WireResult } from '../dialects/shared/adapter.ts';
import type { DialectId } from '../../generated/dialects.ts';
import { settleJsonAnswer, UnusableAnswer } from './answer.ts';
import {
  AbortedError,
  AnswerTooLargeError,
  ApiError,
  ConnectionError,
  type OtherDialects,
  RequestTimeoutError,
  type SeedanceError,
  UnreadableAnswerError,
} from '../errors.ts';
import type { OutgoingRequest } from './outgoing-request.ts';
import { createRetryingFetch, neverConnected, RetryAfterBeyondDeadline, type Clock, type RetryOptions } from './retry.ts';
import type { TaskHandle } from '../task.ts';

export interface CallerOptions {
  /** Sends one attempt of a call (the client's fetch, given the URL and init). */
  send: (request: OutgoingRequest) => Promise<Response>;
  retry: RetryOptions;
  clock: Clock;
  requestTimeoutMs: number;
  /** The largest JSON answer read (src/http/answer.ts). */
  maxAnswerBytes: number;
  onRetry?: (event: { attempt: number; delayMs: number; method: string; status?: number }) => void;
}

export interface CallContext {
  dialect: DialectId;
  /** A submit may be accepted by the gateway even when the client sees no answer. */
  isSubmit: boolean;
  /** The task the call is about, put on timeout and abort errors so the caller can resume. */
  handle?: TaskHandle;
  signal?: AbortSignal;
  /** A 2xx answer must be a JSON object (a submit's, a task): anything else is an unusable answer (src/http/answer.ts). */
  expectsJson?: boolean;
  /** For a submit: the other dialects that sell its model, named when the gateway answers 404 (no such route or model there). */
  otherDialects?: OtherDialects;
}

/** What a call returns: the gateway's 2xx answer. */
export type Answer = WireResult & { data: unknown };

export type Call = (context: CallContext, run: (options: CallOptions) => Promise<WireResult>) => Promise<Answer>;

function readErrorEnvelope(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body ? { message: body.slice(0, 500) } : {};
  const envelope = body as { error?: unknown; code?: unknown; message?: unknown };
  const inner = typeof envelope.error === 'object' && envelope.error !== null ? (envelope.error as { code?: unknown; message?: unknown }) : undefined;
  const raw = inner?.code ?? envelope.code;
  // OpenRouter writes the HTTP status again as a number: kept as its text.
  const code = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  const message = inner?.message ?? envelope.message;
  return { ...(typeof code === 'string' && code ? { code } : {}), ...(typeof message === 'string' ? { message } : {}) };
}

function requestIdOf(response: Response): string | undefined {
  return response.headers.get('x-request-id') ?? response.headers.get('x-oneapi-request-id') ?? response.headers.get('x-tt-logid') ?? undefined;
}

/**
 * An error answer as an ApiError. A submit answered with 5xx, or with 408 (a proxy or gateway that
 * gave up waiting, possibly after the task was taken), may still have created the task.
 */
function apiError(context: CallContext, result: WireResult): ApiError {
  const { code, message } = readErrorEnvelope(result.error);
  const { status, statusText } = result.response;
  const ambiguous = context.isSubmit && (status >= 500 || status === 408);
  const others = status === 404 && context.otherDialects && context.otherDialects.dialects.length > 0 ? context.otherDialects : undefined;
  return new ApiError(context.dialect, status, code, message ?? statusText, requestIdOf(result.response), result.error, ambiguous, others);
}

/**
 * Tracks whether a request may have reached the gateway with its outcome unknown: set when an
 * attempt goes out, cleared when it was certainly refused (a 429, or a connection that never
 * opened) and so retried. Any failure while it is set leaves a submit ambiguous.
 */
function deliveryTracker(send: (request: OutgoingRequest) => Promise<Response>) {
  const state = { maybeDelivered: false };
  const tracked = async (request: OutgoingRequest): Promise<Response> => {
    state.maybeDelivered = true;
    try {
      const response = await send(request);
      if (response.status === 429) state.maybeDelivered = false;
      return response;
    } catch (error) {
      if (neverConnected(error)) state.maybeDelivered = false;
      throw error;
    }
  };
  return { state, tracked };
}

function typedFailure(context: CallContext, error: unknown, timedOut: boolean, timeoutMs: number, maybeDelivered: boolean): SeedanceError {
  const mayHaveBeenAccepted = context.isSubmit && maybeDelivered;
  const about = { mayHaveBeenAccepted, ...(context.handle ? { handle: context.handle } : {}) };
  if (context.signal?.aborted) return new AbortedError(context.dialect, { cause: context.signal.reason, ...about });
  if (error instanceof UnusableAnswer) {
    return error.reason === 'too-large'
      ? new AnswerTooLargeError(context.dialect, error.status, error.limitBytes, about)
      : new UnreadableAnswerError(context.dialect, error.status, error.reason, about);
  }
  if (error instanceof RetryAfterBeyondDeadline)
    return new RequestTimeoutError(context.dialect, timeoutMs, `${error.message} of requestTimeoutMs ${timeoutMs}`, about);
  if (timedOut) return new RequestTimeoutError(context.dialect, timeoutMs, `no answer within ${timeoutMs} ms`, { cause: error, ...about });
  const reason = `request failed: ${error instanceof Error ? error.message : String(error)}`;
  return new ConnectionError(context.dialect, reason, { cause: error, ...(context.handle ? { handle: context.handle } : {}) }, mayHaveBeenAccepted);
}

/**
 * The signal a call runs under: the caller's, and a timer that aborts it after `timeoutMs` with a
 * TimeoutError (as AbortSignal.timeout would). One controller and a timer cleared when the call
 * ends cost a fraction of AbortSignal.timeout plus AbortSignal.any, and leave nothing behind.
 */
function callSignal(callerSignal: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  const state = { timedOut: false };
  const timer = setTimeout(() => {
    state.timedOut = true;
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  // Like AbortSignal.timeout's timer, this one does not keep a process alive by itself.
  if (typeof timer === 'object' && 'unref' in timer) timer.unref();
  const onAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onAbort, { once: true });
  const end = () => {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onAbort);
  };
  return { signal: controller.signal, state, end };
}

/** A function that makes one call with timeout, abort, retries and typed errors. */
export function createCaller(options: CallerOptions): Call {
  const { clock, requestTimeoutMs } = options;
  return async (context, run) => {
    if (context.signal?.aborted)
      throw new AbortedError(context.dialect, { cause: context.signal.reason, ...(context.handle ? { handle: context.handle } : {}) });
    const { signal, state: timer, end } = callSignal(context.signal, requestTimeoutMs);
    const { state, tracked } = deliveryTracker(options.send);
    // A JSON answer is read inside the retry loop, so an unusable one is retried like a failed attempt.
    const send = context.expectsJson ? async (request: OutgoingRequest) => settleJsonAnswer(await tracked(request), options.maxAnswerBytes) : tracked;
    const fetch = createRetryingFetch({ send, retry: options.retry, clock, deadline: clock.now() + requestTimeoutMs, onRetry: options.onRetry });
    let result: WireResult;
    try {
      result = await run({ signal, fetch });
    } catch (error) {
      throw typedFailure(context, error, timer.timedOut, requestTimeoutMs, state.maybeDelivered);
    } finally {
      end();
    }
    if (!result.response.ok) throw apiError(context, result);
    // A 2xx result: its `data` is the answer (undefined when the answer had no body), no copy needed.
    return result as Answer;
  };
}
