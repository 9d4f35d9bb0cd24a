// The canonical task: one shape for every dialect's task object.
import type { DialectId } from '../generated/dialects.ts';

/**
 * `unknown`: the gateway reported a status no contract lists. It is not terminal: a paid task is
 * neither abandoned on the first strange word nor polled forever (see `wait` and WaitTimeoutError).
 */
export const TASK_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired', 'unknown'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses after which a task never changes again. */
export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['succeeded', 'failed', 'cancelled', 'expired']);

/**
 * Everything needed to find a task again, as plain JSON: store it, send it to another process,
 * and `get`/`wait` it there. It never holds the API key.
 */
export interface TaskHandle {
  v: 1;
  dialect: DialectId;
  model: string;
  taskId: string;
  baseUrl: string;
}

export interface Task {
  id: string;
  dialect: DialectId;
  model: string;
  status: TaskStatus;
  /** The status exactly as the gateway wrote it (for content-metadata, `WRAPPER/upstream`). */
  rawStatus: string;
  /** 0-100 when the gateway reports it (or the task has succeeded). */
  progress?: number;
  videoUrl?: string;
  lastFrameUrl?: string;
  error?: { code?: string; message: string };
  /** Unix seconds, as the gateways send them. */
  createdAt?: number;
  updatedAt?: number;
  completedAt?: number;
  usage?: { completionTokens?: number; totalTokens?: number };
  /** The wire body this task was read from. */
  raw: unknown;
}

export function isTerminal(task: Pick<Task, 'status'>): boolean {
  return TERMINAL_STATUSES.has(task.status);
}

/** Parses progress as the gateways write it (50, "50%", "50") into an integer 0-100. */
export function parseProgress(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(number) ? Math.min(100, Math.max(0, Math.round(number))) : undefined;
}

/**
 * A gateway's value for one of the task's text fields (id, model, status word, error code and
 * message): a string as it is, a number or boolean written out, nothing for null or undefined, and
 * anything else (an object, a list nested to any depth) as a short JSON excerpt, so no answer can
 * make reading a task throw, and every text field is text.
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return undefined;
  try {
    return JSON.stringify(value)?.slice(0, 200);
  } catch {
    return '[unprintable]';
  }
}

/** A status word as the gateway wrote it, `undefined` and `null` included. */
export function wordOf(value: unknown): string {
  return textOf(value) ?? String(value);
}
