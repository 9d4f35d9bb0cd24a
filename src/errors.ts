// Typed errors of the client. Every error the client throws passes through `redactSecrets` first,
// so the API key (where it appears as a key: src/redact.ts) never survives in a message, a stack, a
// cause chain, a response body the server echoed, or anything JSON.stringify would show; the task
// handle an error carries is the caller's, to resume with, and is never rewritten. Errors from elsewhere (fetch's TypeError, an
// AbortSignal's DOMException) are never thrown as they are: they become the `cause` of a typed
// error, as a redacted copy, because their fields may be read-only and are not ours to rewrite.
import type { DialectId } from '../generated/dialects.ts';
import { redactText } from './redact.ts';
import { UNKNOWN_MEDIA_TYPE } from './sniff.ts';
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

/** Said of a submit whose outcome is unknown: retrying could pay for the same video twice. */
const MAY_HAVE_BEEN_ACCEPTED = '; the submit may have reached the gateway and been accepted (and billed): check for the task before submitting again';

/** The gateway answered with an error status. */
/** A submit a gateway did not find a route for, and the other dialects whose documents sell its model. */
export interface OtherDialects {
  model: string;
  dialects: readonly DialectId[];
}

/** How to choose another dialect, in the words of the library (`{ dialect }`) or the command line (`--dialect`). */
export function otherDialectsAdvice({ model, dialects }: OtherDialects, surface: 'library' | 'cli'): string {
  const first = dialects[0] ?? '';
  const how = surface === 'cli' ? `--dialect ${first}` : `createClient({ dialect: '${first}' }) or { dialect: '${first}' } on the request`;
  return ` The gateway may speak another dialect: ${model} is also sold by ${dialects.join(', ')}; if so, choose it with ${how}.`;
}

export class ApiError extends SeedanceError {
  override name = 'ApiError';
  constructor(
    readonly dialect: DialectId,
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly requestId: string | undefined,
    readonly body: unknown,
    /** For a submit: whether the gateway may have accepted (and billed) the task anyway (a 5xx or 408). */
    readonly mayHaveBeenAccepted = false,
    /** A submit answered 404 whose model other dialects also sell: which, said in the message too. */
    readonly otherDialects?: OtherDialects,
  ) {
    super(
      `${dialect}: HTTP ${status}${code ? ` ${code}` : ''}: ${message}${requestId ? ` (request id ${requestId})` : ''}` +
        (mayHaveBeenAccepted ? MAY_HAVE_BEEN_ACCEPTED : '') +
        (otherDialects ? otherDialectsAdvice(otherDialects, 'library') : ''),
    );
  }
  /** On an ambiguous submit, the task the answer named anyway, when it named one: resume with `wait(handle)` instead of submitting again. */
  declare handle?: TaskHandle;
}

/** The request never got an answer, or the answer broke off: connection refused, reset, DNS. */
export class ConnectionError extends SeedanceError {
  override name = 'ConnectionError';
  constructor(
    readonly dialect: DialectId,
    message: string,
    options: { cause?: unknown; handle?: TaskHandle } = {},
    /** For a submit: the request may have reached the gateway before the connection failed. */
    readonly mayHaveBeenAccepted = false,
  ) {
    super(`${dialect}: ${message}${mayHaveBeenAccepted ? MAY_HAVE_BEEN_ACCEPTED : ''}`, options.cause === undefined ? {} : { cause: options.cause });
    if (options.handle) this.handle = options.handle;
  }
  /** The task the request was about, where there is one (a read, a download): the task itself is unaffected. */
  declare readonly handle?: TaskHandle;
}

/**
 * A 2xx answer the client could not use where a JSON object belongs (a task, a submit's answer): an
 * empty body or one that is not a JSON object. A read is retried first (like a 5xx) and `wait` keeps
 * polling through it; on a submit the gateway may have taken the task.
 */
export class UnreadableAnswerError extends SeedanceError {
  override name = 'UnreadableAnswerError';
  constructor(
    readonly dialect: DialectId,
    readonly status: number,
    readonly reason: 'empty' | 'not-json',
    options: { mayHaveBeenAccepted?: boolean; handle?: TaskHandle } = {},
  ) {
    const what = reason === 'empty' ? 'an empty answer' : 'an answer that is not a JSON object';
    super(
      `${dialect}: HTTP ${status} with ${what}${options.handle ? ` (task ${options.handle.taskId})` : ''}` +
        (options.mayHaveBeenAccepted ? MAY_HAVE_BEEN_ACCEPTED : ''),
    );
    this.mayHaveBeenAccepted = options.mayHaveBeenAccepted ?? false;
    if (options.handle) this.handle = options.handle;
  }
  readonly mayHaveBeenAccepted: boolean;
  declare readonly handle?: TaskHandle;
}

/** An answer larger than the client reads (`maxAnswerBytes`); it was not read past that. */
export class AnswerTooLargeError extends SeedanceError {
  override name = 'AnswerTooLargeError';
  constructor(
    readonly dialect: DialectId,
    readonly status: number,
    readonly limitBytes: number,
    options: { mayHaveBeenAccepted?: boolean; handle?: TaskHandle } = {},
  ) {
    super(
      `${dialect}: the HTTP ${status} answer${options.handle ? ` for task ${options.handle.taskId}` : ''} is larger than ${limitBytes} bytes ` +
        '(maxAnswerBytes); it was not read' +
        (options.mayHaveBeenAccepted ? MAY_HAVE_BEEN_ACCEPTED : ''),
    );
    this.mayHaveBeenAccepted = options.mayHaveBeenAccepted ?? false;
    if (options.handle) this.handle = options.handle;
  }
  readonly mayHaveBeenAccepted: boolean;
  declare readonly handle?: TaskHandle;
}

/** The request got no answer within `requestTimeoutMs`, or waiting out the gateway's Retry-After would outlast it. */
export class RequestTimeoutError extends ConnectionError {
  override name = 'RequestTimeoutError';
  constructor(
    dialect: DialectId,
    readonly timeoutMs: number,
    reason: string,
    options: { cause?: unknown; mayHaveBeenAccepted?: boolean; handle?: TaskHandle } = {},
  ) {
    super(
      dialect,
      `${reason}${options.handle ? ` (task ${options.handle.taskId})` : ''}`,
      options.cause === undefined ? {} : { cause: options.cause },
      options.mayHaveBeenAccepted ?? false,
    );
    if (options.handle) this.handle = options.handle;
  }
  /** The task the request was about, where there is one: resume with `wait(handle)`. */
  declare readonly handle?: TaskHandle;
}

/** The caller's AbortSignal ended the call. On a submit, the gateway may have taken the task already. */
export class AbortedError extends SeedanceError {
  override name = 'AbortedError';
  constructor(
    readonly dialect: DialectId | undefined,
    options: { cause?: unknown; mayHaveBeenAccepted?: boolean; handle?: TaskHandle } = {},
  ) {
    super(
      `${dialect ? `${dialect}: ` : ''}aborted by the caller` +
        (options.handle ? ` (task ${options.handle.taskId} is not affected: resume with wait(handle))` : '') +
        (options.mayHaveBeenAccepted ? '; the submit may have reached the gateway and been accepted' : ''),
      options.cause === undefined ? {} : { cause: options.cause },
    );
    this.mayHaveBeenAccepted = options.mayHaveBeenAccepted ?? false;
    if (options.handle) this.handle = options.handle;
  }
  /** For a submit: whether the gateway may have accepted (and billed) the task before the abort. */
  readonly mayHaveBeenAccepted: boolean;
  declare readonly handle?: TaskHandle;
}

/**
 * A handle names a base URL this client was not configured with. The key is sent only to the
 * configured base URLs; pass `trustHandleBaseUrls: true` to createClient to follow handles anywhere.
 */
export class UntrustedBaseUrlError extends SeedanceError {
  override name = 'UntrustedBaseUrlError';
  constructor(
    readonly handle: TaskHandle,
    readonly configured: readonly string[],
  ) {
    super(
      `task ${handle.taskId} (${handle.dialect}) names base URL ${handle.baseUrl}, which is not one this client was configured with ` +
        `(${configured.join(', ') || 'none'}); nothing was sent. ` +
        'Configure that URL as baseUrl, or pass trustHandleBaseUrls: true to send the key to any host a handle names',
    );
  }
}

/** The task is in a state where the operation does not apply (cancel on a running task, delete on a queued one, download before it succeeded). */
export class TaskStateError extends SeedanceError {
  override name = 'TaskStateError';
  constructor(
    readonly handle: TaskHandle,
    readonly operation: 'cancel' | 'delete' | 'download',
    readonly status: string,
    advice: string,
  ) {
    super(`cannot ${operation} task ${handle.taskId} (${handle.dialect}): it is ${status}; ${advice}`);
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
    /** The last task body the gateway sent (for a status no contract lists, the only record of what it said). */
    readonly lastRaw?: unknown,
  ) {
    super(
      `gave up waiting for task ${handle.taskId} (${handle.dialect}) after ${timeoutMs} ms${lastStatus ? `, last status ${lastStatus}` : ''}; ` +
        'the task may still finish and is billed either way: resume with wait(handle) rather than submitting again',
    );
  }
}

/**
 * A status the contract does not know. No longer thrown by `fromWire` or `wait`: such a task reads
 * as status `unknown` (with `rawStatus` and `raw` as sent), `wait` keeps polling and reports it
 * through onProgress, and the wait timeout ends it with a WaitTimeoutError carrying the raw body.
 * Kept for callers that want to refuse such a task themselves.
 */
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

/** A video download whose bytes are not a video the documents name (an HTML or JSON page answered 200, say); nothing more was read. */
export class NotAVideoError extends SeedanceError {
  override name = 'NotAVideoError';
  constructor(
    readonly handle: TaskHandle,
    /** What the leading bytes are (src/sniff.ts), and what the answer declared. */
    readonly sniffedType: string,
    readonly contentType: string | undefined,
    readonly expected: readonly string[],
  ) {
    super(
      `the download of task ${handle.taskId} (${handle.dialect}) is not a video: its bytes are ` +
        `${sniffedType === UNKNOWN_MEDIA_TYPE ? 'of no media type the documents name' : sniffedType}` +
        `${contentType ? ` (declared ${contentType})` : ''}, not ${expected.join(' or ')}`,
    );
  }
}

/** A video download larger than `maxBytes`: refused from its declared length, or stopped at the limit. */
export class VideoTooLargeError extends SeedanceError {
  override name = 'VideoTooLargeError';
  constructor(
    readonly handle: TaskHandle,
    readonly limitBytes: number,
    /** The length the answer declared, when it declared one. */
    readonly declaredBytes: number | undefined,
  ) {
    super(
      `the video of task ${handle.taskId} (${handle.dialect}) is larger than the limit of ${limitBytes} bytes` +
        `${declaredBytes === undefined ? '' : ` (it declares ${declaredBytes})`}; pass a larger maxBytes to download it`,
    );
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

/** Cause chains and nested bodies deeper than this are cut: a copy must terminate on hostile input. */
const MAX_DEPTH = 8;

/**
 * Own fields never rewritten: the error's name (ours), the dialect id (ours) and the task handle,
 * which the caller needs intact to resume the task.
 */
const KEPT_FIELDS = new Set(['name', 'dialect', 'handle']);

/** A stack with the key removed from everything after its name, which is the error's own. */
function redactStack(stack: string, name: string, secrets: readonly string[]): string {
  const kept = stack.startsWith(name) ? name : '';
  return kept + redactText(stack.slice(kept.length), secrets);
}

/** A redacted copy of any value: strings scrubbed, objects and arrays copied, errors rebuilt as plain Errors. */
function redactedCopy(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof SeedanceError) return redactInPlace(value, secrets, depth + 1);
  if (value instanceof Error) return copyError(value, secrets, depth);
  if (Array.isArray(value)) return value.map((item) => redactedCopy(item, secrets, depth + 1));
  if (value instanceof Blob || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, redactedCopy(field, secrets, depth + 1)]));
}

/** A foreign error (a DOMException's fields are getters) as a new plain Error with the same name, texts and code. */
function copyError(error: Error, secrets: readonly string[], depth: number): Error {
  const name = String(error.name);
  const copy = new Error(redactText(String(error.message), secrets));
  Object.defineProperty(copy, 'name', { value: name, writable: true, configurable: true });
  copy.stack = error.stack === undefined ? undefined : redactStack(error.stack, name, secrets);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code: typeof code === 'string' ? redactText(code, secrets) : code });
  if (error.cause !== undefined) copy.cause = redactedCopy(error.cause, secrets, depth + 1);
  return copy;
}

/** Our own errors are rewritten in place: their fields are plain writable data the client put there. */
function redactInPlace(error: SeedanceError, secrets: readonly string[], depth: number): SeedanceError {
  error.message = redactText(error.message, secrets);
  if (error.stack !== undefined) error.stack = redactStack(error.stack, error.name, secrets);
  if (error.cause !== undefined) error.cause = redactedCopy(error.cause, secrets, depth + 1);
  for (const key of Object.keys(error)) {
    if (key === 'cause' || KEPT_FIELDS.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    // Sound: `key` is one of the error's own writable data fields, given back a copy of its own value.
    if (descriptor?.writable) (error as unknown as Record<string, unknown>)[key] = redactedCopy(descriptor.value, secrets, depth + 1);
  }
  return error;
}

/**
 * The error without the secrets where they appear as keys (src/redact.ts): in its message, stack,
 * cause chain and own fields (response bodies a server may have echoed the key into). Its name,
 * dialect and task handle are never rewritten. A SeedanceError is cleaned in place and returned;
 * anything else is returned as a redacted copy (an Error keeps its name, message, stack, code and
 * cause), so objects that are not ours are never written to.
 */
export function redactSecrets<T>(error: T, secrets: ReadonlyArray<string | undefined>): T {
  const present = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
  // A copy of a value has the value's shape: an Error stays an Error, an object the same fields.
  return present.length === 0 ? error : (redactedCopy(error, present, 0) as T);
}
