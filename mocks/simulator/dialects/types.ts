// What each dialect contributes to the simulator: its routes, its words for a task, and its error
// envelope. Each dialect file (mocks/simulator/dialects/<id>.ts) exports one `simulator` of this
// shape, mirroring src/dialects/.
import type { DialectId } from '../../../generated/dialects.ts';
import type { AssetLibrary } from '../assets.ts';
import type { SimClock } from '../clock.ts';
import type { Lifecycle, Scenario, SimTask, TaskStore } from '../tasks.ts';

export interface SimContext {
  clock: SimClock;
  store: TaskStore;
  lifecycle: Lifecycle;
  /** `http://host:port` the simulator is reached at (its bound address, or `publicUrl`): file links point here. */
  origin: string;
  /** Where a finished task's video and last frame are served. */
  videoUrl(task: SimTask): string;
  lastFrameUrl(task: SimTask): string;
  /** Registers a new task: stores it and schedules its callbacks; false when the store has no room (answer `full()`). */
  accept(task: SimTask): boolean;
  /** The dialect's refusal of a task the store has no room for (only live tasks remain). */
  full(): HandlerReply;
  scenario: Scenario;
  video: Uint8Array<ArrayBuffer>;
  /** This simulator's asset library (content-metadata's asset endpoints). */
  assets: AssetLibrary;
}

export interface HandlerReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON (the video download). */
  bytes?: { data: Uint8Array<ArrayBuffer>; type: string };
  /** JSON written as it is read instead of `body` (the journal). */
  stream?: ReadableStream<Uint8Array<ArrayBuffer>>;
}

export interface OperationInput {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The validated body: JSON, or multipart fields with files as their names. */
  body: Record<string, unknown>;
  files: Record<string, File>;
}

/** A handler for one documented operation; its method and path come from the contract bundle. */
export interface OperationHandler {
  operationId: string;
  handle(context: SimContext, input: OperationInput): HandlerReply | Promise<HandlerReply>;
}

export interface Problem {
  /** Which kind of refusal, in the simulator's terms; each dialect words it its own way. */
  kind: 'invalid' | 'unauthorized' | 'not-found' | 'rate-limited' | 'server-error' | 'conflict' | 'unsupported-media' | 'too-large';
  message: string;
  /** The field at fault, as a JSON pointer into the request. */
  field?: string;
  rule?: string;
}

/** The HTTP status of each kind of refusal, as the gateways answer it (content-metadata's task routes differ, see there). */
export const PROBLEM_STATUS: Record<Problem['kind'], number> = {
  invalid: 400,
  conflict: 400,
  'unsupported-media': 400,
  unauthorized: 401,
  'not-found': 404,
  'too-large': 413,
  'rate-limited': 429,
  'server-error': 500,
};

export interface DialectSimulator {
  id: DialectId;
  routes: OperationHandler[];
  /** The dialect's error envelope, for this operation (some gateways answer different routes differently). */
  error(problem: Problem, operationId: string | undefined): HandlerReply;
  /**
   * The answer to a path below the dialect's prefix that no operation serves, where the gateway's
   * router answers it in an envelope of its own; without one, the OpenAI envelope (openai-error.ts).
   */
  unknownPath?(message: string): HandlerReply;
  /** The body posted to `callback_url` on each status change. */
  callbackBody?(context: SimContext, task: SimTask): unknown;
}

/** Unix seconds, as every dialect writes times. */
export const epochSeconds = (ms: number) => Math.floor(ms / 1000);

/** A request id in Ark's style, for error messages and headers. */
export function requestId(): string {
  return `0217${Date.now()}${Math.random().toString(16).slice(2, 18)}`;
}
