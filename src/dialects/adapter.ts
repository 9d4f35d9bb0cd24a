// What every dialect module provides, so the client can drive any of them the same way. Each
// dialect file (ark.ts, content-metadata.ts, multipart-videos.ts, unified-jobs.ts) exports one
// `adapter` of this shape, next to its raw typed client.
import type { ValidationIssue } from '../errors.ts';
import type { VideoRequest } from '../request.ts';
import type { Task, TaskHandle } from '../task.ts';
import type { DialectId } from './ids.ts';
import type { RawClientOptions } from './raw-client.ts';

/** What an HTTP call through openapi-fetch returns, without its per-path typing. */
export interface WireResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Per call: the abort signal (timeout and caller's) and the fetch that retries for this call. */
export interface CallOptions {
  signal: AbortSignal;
  fetch: (request: Request) => Promise<Response>;
}

export interface DialectAdapter<Client = unknown> {
  id: DialectId;
  createRawClient(options: RawClientOptions): Client;
  /**
   * The canonical request as this dialect's createTask body. Fields the dialect cannot express are
   * reported as issues (rule `not-expressible`), never dropped. Ranges, enums and mixing rules are
   * not checked here: the contract does that on the result.
   */
  toWire(request: VideoRequest): Promise<{ body: Record<string, unknown>; issues: ValidationIssue[] }>;
  /** The task id in a createTask answer. */
  taskIdOf(submitted: unknown): string | undefined;
  /** A task body (getTask answer, or a createTask answer that is a task) as the canonical task. */
  fromWire(body: unknown, handle: TaskHandle): Task;
  submit(client: Client, body: Record<string, unknown>, options: CallOptions): Promise<WireResult>;
  get(client: Client, taskId: string, options: CallOptions): Promise<WireResult>;
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Blob);
}

/** Merges `extra` into `base` (objects deeply, everything else replaced): the per-dialect passthrough. */
export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extra) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

/** Drops undefined fields (a body sends only what the caller set). */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
