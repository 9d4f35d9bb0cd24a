// Retries at the HTTP layer, as a fetch wrapper the typed clients use.
//
// Reads (GET, HEAD) are retried on 408, 409, 429, 5xx, network errors and unusable answers (an
// empty or non-JSON 2xx where JSON belongs, src/http/answer.ts), with capped exponential
// backoff and jitter, honouring `retry-after-ms` and `Retry-After`. A submit is retried only when
// the gateway certainly did not take it: a 429 (rate limited, refused) or a connection that never
// opened. Anything else after a submit may have been accepted and billed, so it is surfaced instead.
// An abort signal ends everything at once, including a backoff sleep.
import { OutgoingRequest, outgoingOf } from './outgoing-request.ts';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's Retry-After longer than this is not waited for; the error is surfaced instead. */
  maxRetryAfterMs: number;
}

export const defaultRetryOptions: RetryOptions = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

const RETRYABLE_STATUSES = new Set([408, 409, 429]);
/** Error codes of connections that never opened: nothing reached the gateway. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status) || status >= 500;
}

function causeCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failure that says it is not worth another attempt (an answer too large to read). */
function isFinal(failure: unknown): boolean {
  return typeof failure === 'object' && failure !== null && (failure as { retryable?: unknown }).retryable === false;
}

export function neverConnected(error: unknown): boolean {
  const code = causeCode(error);
  return code !== undefined && NEVER_CONNECTED.has(code);
}

/** How long the server asked us to wait, from `retry-after-ms` or `Retry-After` (seconds or a date). */
function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Exponential backoff for attempt n (0-based), capped, minus up to 25 % jitter. */
function backoffMs(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  return Math.min(options.baseDelayMs * 2 ** attempt, options.maxDelayMs) * (1 - random() * 0.25);
}

/**
 * Thrown instead of sleeping when the next attempt would start after the request's deadline and
 * the server named the wait (Retry-After): the caller turns it into a typed timeout error at once
 * rather than sleeping into the timeout.
 */
export class RetryAfterBeyondDeadline extends Error {
  override name = 'RetryAfterBeyondDeadline';
  constructor(
    readonly delayMs: number,
    readonly leftMs: number,
    readonly status: number,
  ) {
    super(`the gateway asked to retry after ${Math.round(delayMs)} ms (HTTP ${status}), but only ${Math.max(0, Math.round(leftMs))} ms are left`);
  }
}

export interface RetryingFetchOptions {
  /** Sends one attempt. Given the same OutgoingRequest on every attempt: its body is a value, not a stream. */
  send: (request: OutgoingRequest) => Promise<Response>;
  retry: RetryOptions;
  clock: Clock;
  /** Clock time after which no new attempt starts (the per-request timeout). */
  deadline?: number;
  random?: () => number;
  /** Called before each retry: attempt number (1-based), the delay, and why. */
  onRetry?: ((event: { attempt: number; delayMs: number; method: string; status?: number }) => void) | undefined;
}

type Step = { kind: 'surface' } | { kind: 'retry'; delayMs: number } | { kind: 'beyond-deadline'; delayMs: number; leftMs: number };

/**
 * After an attempt: retry (and how long to wait first), or surface what it got. A server-named
 * wait that would start the next attempt after the deadline is reported as such (the caller makes
 * it a timeout); our own backoff past the deadline just surfaces the last answer.
 */
function nextStep(method: string, attempt: number, response: Response | undefined, failure: unknown, options: RetryingFetchOptions): Step {
  const { retry, clock } = options;
  const isRead = method === 'GET' || method === 'HEAD';
  const retryable = response
    ? isRead
      ? isRetryableStatus(response.status)
      : response.status === 429
    : (isRead && !isFinal(failure)) || neverConnected(failure);
  if (!retryable || attempt >= retry.maxRetries) return { kind: 'surface' };
  const waitFor = response ? retryAfterMs(response.headers, clock.now()) : undefined;
  const leftMs = options.deadline === undefined ? Number.POSITIVE_INFINITY : options.deadline - clock.now();
  if (waitFor !== undefined && waitFor >= leftMs) return { kind: 'beyond-deadline', delayMs: waitFor, leftMs };
  if (waitFor !== undefined && waitFor > retry.maxRetryAfterMs) return { kind: 'surface' };
  const delayMs = waitFor ?? backoffMs(attempt, retry, options.random);
  return delayMs >= leftMs ? { kind: 'surface' } : { kind: 'retry', delayMs };
}

export function createRetryingFetch(options: RetryingFetchOptions): (request: Request | OutgoingRequest) => Promise<Response> {
  const { clock } = options;
  return async (input) => {
    // Every attempt sends the same URL and init; no Request is built here, so none is cloned or read twice.
    const request = input instanceof OutgoingRequest ? input : await outgoingOf(input);
    const { method, signal } = request;
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await options.send(request);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        failure = error;
      }

      const next = nextStep(method, attempt, response, failure, options);
      if (next.kind === 'beyond-deadline' && response) {
        response.body?.cancel().catch(() => undefined);
        throw new RetryAfterBeyondDeadline(next.delayMs, next.leftMs, response.status);
      }
      if (next.kind !== 'retry') {
        if (response) return response;
        throw failure;
      }
      const { delayMs } = next;
      options.onRetry?.({ attempt: attempt + 1, delayMs, method, ...(response ? { status: response.status } : {}) });
      // Discard the refused answer's body without waiting for it.
      response?.body?.cancel().catch(() => undefined);
      await clock.sleep(delayMs, signal);
    }
  };
}
