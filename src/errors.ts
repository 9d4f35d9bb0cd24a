// Typed errors of the client. Every error the client throws passes through `redactSecrets` first,
// so the API key never survives in a message, a stack, a cause chain, a response body the server
// echoed, or anything JSON.stringify would show.
import type { DialectId } from './dialects/ids.ts';
import type { TaskHandle } from './task.ts';

export class SeedanceError extends Error {
  override name = 'SeedanceError';

  toJSON(): Record<string, unknown> {
    const own = Object.fromEntries(Object.entries(this).filter(([key]) => key !== 'cause'));
    return { ...own, name: this.name, message: this.message, ...(this.cause === undefined ? {} : { cause: serialiseCause(this.cause) }) };
  }
}

function serialiseCause(cause: unknown): unknown {
  if (cause instanceof SeedanceError) return cause.toJSON();
  if (cause instanceof Error) return { name: cause.name, message: cause.message, ...(cause.cause === undefined ? {} : { cause: serialiseCause(cause.cause) }) };
  return cause;
}

export interface ValidationIssue {
  /** Where the problem is: a canonical field (`images[1].role`) or, for contract rules, the wire field (`/content/1/role`). */
  path: string;
  /** The rule broken: an `x-rules` id from the dialect's contract, or `not-expressible`, `invalid-type`, ... */
  rule: string;
  message: string;
}

/** The request breaks a rule of the canonical model or of the dialect's contract. Nothing was sent. */
export class ValidationError extends SeedanceError {
  override name = 'ValidationError';
  constructor(
    readonly dialect: DialectId | undefined,
    readonly issues: ValidationIssue[],
  ) {
    super(
      `${dialect ? `${dialect}: ` : ''}invalid request: ${issues.map((issue) => `${issue.path || '(request)'}: ${issue.message} [${issue.rule}]`).join('; ')}`,
    );
  }
}

/** No route maps the model to a dialect. */
export class UnknownModelError extends SeedanceError {
  override name = 'UnknownModelError';
  constructor(
    readonly model: string,
    readonly knownPatterns: string[],
  ) {
    super(`no dialect is known for model "${model}"; known patterns: ${knownPatterns.join(', ')}. Pass { dialect } to choose one.`);
  }
}

/** The gateway answered with an error status. */
export class ApiError extends SeedanceError {
  override name = 'ApiError';
  constructor(
    readonly dialect: DialectId,
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly requestId: string | undefined,
    readonly body: unknown,
    /** For a submit: whether the gateway may have accepted (and billed) the task anyway. */
    readonly mayHaveBeenAccepted = false,
  ) {
    super(`${dialect}: HTTP ${status}${code ? ` ${code}` : ''}: ${message}${requestId ? ` (request id ${requestId})` : ''}`);
  }
}

/** The request never got an answer: connection refused, reset, DNS. */
export class ConnectionError extends SeedanceError {
  override name = 'ConnectionError';
  constructor(
    readonly dialect: DialectId,
    message: string,
    options: { cause?: unknown } = {},
    /** For a submit: the request may have reached the gateway before the connection failed. */
    readonly mayHaveBeenAccepted = false,
  ) {
    super(`${dialect}: ${message}`, options);
  }
}

/** The task ended without a video: failed, cancelled or expired. */
export class TaskFailedError extends SeedanceError {
  override name = 'TaskFailedError';
  constructor(
    readonly handle: TaskHandle,
    readonly status: 'failed' | 'cancelled' | 'expired',
    readonly code: string | undefined,
    readonly reason: string | undefined,
    readonly raw: unknown,
  ) {
    super(`task ${handle.taskId} (${handle.dialect}) ${status}${code ? `: ${code}` : ''}${reason ? `: ${reason}` : ''}`);
  }
}

/** `wait` gave up. The task was accepted and may still finish: resume with `wait(handle)`. */
export class WaitTimeoutError extends SeedanceError {
  override name = 'WaitTimeoutError';
  constructor(
    readonly handle: TaskHandle,
    readonly timeoutMs: number,
    readonly lastStatus: string | undefined,
  ) {
    super(
      `gave up waiting for task ${handle.taskId} (${handle.dialect}) after ${timeoutMs} ms${lastStatus ? `, last status ${lastStatus}` : ''}; ` +
        'the task may still finish and is billed either way: resume with wait(handle) rather than submitting again',
    );
  }
}

/** The gateway reported a status the contract does not know; polling stops instead of looping forever. */
export class UnknownStatusError extends SeedanceError {
  override name = 'UnknownStatusError';
  constructor(
    readonly dialect: DialectId,
    readonly rawStatus: unknown,
    readonly raw: unknown,
  ) {
    super(`${dialect}: unknown task status ${JSON.stringify(rawStatus)}`);
  }
}

/** The dialect has no such operation (cancel on a gateway without one). */
export class UnsupportedOperationError extends SeedanceError {
  override name = 'UnsupportedOperationError';
  constructor(
    readonly dialect: DialectId,
    readonly operation: string,
  ) {
    super(`${dialect} has no ${operation} operation`);
  }
}

const REDACTED = '[redacted]';

function scrub(value: unknown, secrets: readonly string[], seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, index) => (value[index] = scrub(item, secrets, seen)));
    return value;
  }
  if (value instanceof Error) {
    value.message = scrub(value.message, secrets, seen) as string;
    if (value.stack) value.stack = scrub(value.stack, secrets, seen) as string;
    if (value.cause !== undefined) value.cause = scrub(value.cause, secrets, seen);
  }
  for (const key of Object.keys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor?.writable) (value as Record<string, unknown>)[key] = scrub(descriptor.value, secrets, seen);
  }
  return value;
}

/**
 * Removes every occurrence of the secrets from an error in place: message, stack, cause chain and
 * own properties (response bodies a server may have echoed the key into), then returns it.
 * Objects that cannot be rewritten (Response, Headers) are never put on errors.
 */
export function redactSecrets<T>(error: T, secrets: ReadonlyArray<string | undefined>): T {
  const present = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
  return present.length === 0 ? error : (scrub(error, present, new WeakSet()) as T);
}
