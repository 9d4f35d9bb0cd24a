// What every dialect module provides, so the client can drive any of them the same way. Each
// dialect file (src/dialects/<id>.ts) exports one adapter of this shape (as `adapter` and under
// its own name, e.g. `ark`), next to its raw typed client. The adapter carries its dialect's contract and wire check, so a client built from one
// adapter (`createClient({ dialects: [ark] })` from the core entry) ships that contract alone.
import type { DialectContract } from '../../contracts/types.ts';
import type { OutgoingRequest } from '../../http/outgoing-request.ts';
import type { ValidationIssue } from '../../errors.ts';
import type { VideoRequest } from '../../request.ts';
import type { Task, TaskHandle } from '../../task.ts';
import type { DialectId } from '../../../generated/dialects.ts';

/** What an HTTP call through openapi-fetch returns: the typed success body, or the error body. */
export interface WireResult<Data = unknown> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** Per call: the abort signal (timeout and caller's) and the fetch that retries for this call. */
export interface CallOptions {
  signal: AbortSignal;
  fetch: (request: Request | OutgoingRequest) => Promise<Response>;
}

/** Widens literal unions to their base type, makes fields optional and drops index signatures, keeping every field name. */
type Widen<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends Blob
        ? T
        : T extends ReadonlyArray<infer Item>
          ? Array<Widen<Item>>
          : T extends object
            ? { [K in keyof T as string extends K ? never : number extends K ? never : K]?: Widen<T[K]> }
            : T;

/**
 * A wire body as `toWire` builds it: exactly the generated type's field names (a misspelt or
 * unknown field does not compile), with enum and range values widened to their base types and
 * every field optional, because values and presence are the contract's to check at run time
 * (`checkRequestBody` names the field and what was expected), not the compiler's.
 */
export type WireDraft<Body> = Widen<Body>;

/**
 * What every dialect module provides, so the client can drive any of them the same way.
 * `Client` is the wire client the facade hands the adapter's calls (src/http/wire-client.ts,
 * typed like openapi-fetch's client for the dialect's paths),
 * `Body` is the dialect's generated createTask request, `WireTask` its generated task answer,
 * `Id` the dialect's id (a literal, so a client built from adapters knows which dialects it speaks).
 */
export interface DialectAdapter<Client = unknown, Body = Record<string, unknown>, WireTask = unknown, Id extends DialectId = DialectId> {
  id: Id;
  /** This dialect's contract, built from its own generated bundle alone. */
  contract: DialectContract;
  /**
   * Every rule a createTask body (as `toWire` built it) breaks, judged as the gateway would judge
   * the body on the wire: the contract's schema and, for multipart uploads, the files' bytes.
   */
  checkWire(body: Record<string, unknown>): Promise<ValidationIssue[]>;
  /**
   * The canonical request as this dialect's createTask body. Fields the dialect cannot express are
   * reported as issues (rule `not-expressible`), never dropped. Ranges, enums and mixing rules are
   * not checked here: the contract does that on the result.
   */
  toWire(request: VideoRequest): Promise<{ body: WireDraft<Body>; issues: ValidationIssue[] }>;
  /** The task id in a createTask answer. */
  taskIdOf(submitted: unknown): string | undefined;
  /** A task body (getTask answer) as the canonical task. */
  fromWire(body: WireTask, handle: TaskHandle): Task;
  /** Sends a body that `toWire` built and the contract accepted. */
  submit(client: Client, body: Body, options: CallOptions): Promise<WireResult>;
  get(client: Client, taskId: string, options: CallOptions): Promise<WireResult<WireTask>>;
  /**
   * Where the gateway serves a finished task's video itself: this path (with the task id in its one
   * `{parameter}`) under the base URL, answered with the bytes. Without it, the video is at the
   * task's own (expiring) video URL.
   */
  videoContentPath?: string;
  /**
   * The dialect's DELETE of a task, present only where the gateway has one. On Ark it cancels a
   * queued task and deletes a finished one; the client decides which is meant (cancel/delete).
   */
  deleteTask?(client: Client, taskId: string, options: CallOptions): Promise<WireResult>;
}

/** Reports canonical fields the dialect has no place for. */
export function notExpressible(dialect: DialectId, request: VideoRequest, fields: ReadonlyArray<keyof VideoRequest>): ValidationIssue[] {
  return fields
    .filter((field) => {
      const value = request[field];
      return value !== undefined && !(Array.isArray(value) && value.length === 0);
    })
    .map((field) => ({
      path: String(field),
      rule: 'not-expressible',
      message: `${dialect} has no field for ${String(field)}; remove it or choose another dialect`,
    }));
}
