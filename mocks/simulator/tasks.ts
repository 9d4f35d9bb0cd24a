// Tasks in memory, bounded by count and age, in dialect-neutral form. A task's status is never
// stored: it is read off its timeline at the current simulated time, so ten thousand tasks cost
// no timers, and a stepped clock moves them all at once.
import { randomFillSync, randomUUID } from 'node:crypto';
import { TERMINAL_STATUSES, type TaskStatus } from '../../src/task.ts';
import type { DialectId } from '../../src/dialects/ids.ts';

export const SCENARIOS = ['succeed', 'fail', 'expire', 'stay-queued', 'rate-limit', 'server-error'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export function isScenario(value: unknown): value is Scenario {
  return typeof value === 'string' && (SCENARIOS as readonly string[]).includes(value);
}

export interface Lifecycle {
  /** How long a task stays queued, in simulated ms. */
  queuedMs: number;
  /** How long it runs before it ends. */
  runningMs: number;
}

export interface SimTask {
  id: string;
  dialect: DialectId;
  model: string;
  createdAt: number;
  /** Status changes in order; the status at time t is the last entry at or before t. */
  timeline: Array<{ at: number; status: TaskStatus }>;
  failure?: { code: string; message: string };
  /** The createTask body as received (files replaced by their names). */
  request: Record<string, unknown>;
  callbackUrl?: string;
  returnLastFrame: boolean;
  /** The Ark task id behind a relayed task (new-api hides it behind its own `task_...` id). */
  upstreamId?: string;
}

/**
 * Documented task-level failures (the reseller Ark page / Ark errors (Ark Go SDK, Ark Python SDK and BytePlus ModelArk docs)):
 * moderation, and Ark's timeout.
 */
export const FAILURES = {
  fail: { code: 'OutputVideoSensitiveContentDetected', message: 'The generated video may contain sensitive content. (simulated failure)' },
  expire: { code: 'TaskExpired', message: 'The task did not finish within execution_expires_after. (simulated expiry)' },
} as const;

export function timelineFor(scenario: Scenario, start: number, lifecycle: Lifecycle): SimTask['timeline'] {
  const running = start + lifecycle.queuedMs;
  const end = running + lifecycle.runningMs;
  switch (scenario) {
    case 'stay-queued':
      return [{ at: start, status: 'queued' }];
    case 'fail':
      return [
        { at: start, status: 'queued' },
        { at: running, status: 'running' },
        { at: end, status: 'failed' },
      ];
    case 'expire':
      return [
        { at: start, status: 'queued' },
        { at: end, status: 'expired' },
      ];
    default:
      return [
        { at: start, status: 'queued' },
        { at: running, status: 'running' },
        { at: end, status: 'succeeded' },
      ];
  }
}

export function statusAt(task: SimTask, now: number): TaskStatus {
  let status: TaskStatus = 'queued';
  for (const entry of task.timeline) if (entry.at <= now) status = entry.status;
  return status;
}

/** When the task reached its current status (for updated_at, started, finished). */
export function changedAt(task: SimTask, now: number, status: TaskStatus = statusAt(task, now)): number {
  return [...task.timeline].reverse().find((entry) => entry.status === status && entry.at <= now)?.at ?? task.createdAt;
}

/** 0 while queued, rising while running, 100 once finished. */
export function progressAt(task: SimTask, now: number): number {
  const status = statusAt(task, now);
  if (status === 'queued') return 0;
  if (status !== 'running') return 100;
  const start = changedAt(task, now, 'running');
  const end = task.timeline.find((entry) => entry.at > start)?.at;
  if (end === undefined || end <= start) return 50;
  return Math.min(99, Math.max(1, Math.floor(((now - start) / (end - start)) * 100)));
}

/** Ark's cancel: a queued task becomes cancelled now, for good. */
export function cancel(task: SimTask, now: number): void {
  task.timeline = [...task.timeline.filter((entry) => entry.at <= now), { at: now, status: 'cancelled' }];
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

// Random bytes drawn 4 KiB at a time: one crypto call per id was a visible share of a create in
// the CPU profile (node --cpu-prof under autocannon).
const pool = Buffer.alloc(4_096);
let poolOffset = pool.length;

export function randomToken(length: number): string {
  let token = '';
  for (let index = 0; index < length; index++) {
    if (poolOffset >= pool.length) {
      randomFillSync(pool);
      poolOffset = 0;
    }
    token += ALPHANUMERIC[pool[poolOffset++]! % ALPHANUMERIC.length];
  }
  return token;
}

let lastSecond = Number.NaN;
let lastStamp = '';

/** YYYYMMDDhhmmss in UTC, as in Ark's `cgt-20250331175019-68d9t` and asset ids (formatted once per second). */
export function stamp(time: number): string {
  const second = Math.floor(time / 1_000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastStamp = new Date(second * 1_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  }
  return lastStamp;
}

export const ids = {
  ark: (now: number) => `cgt-${stamp(now)}-${randomToken(5)}`,
  newApi: () => `task_${randomToken(32)}`,
  video: () => `video_${randomUUID()}`,
};

export interface StoreLimits {
  /** Most tasks kept. */
  maxTasks: number;
  /** Most bytes of stored request bodies kept (an estimate of the memory tasks hold). */
  maxBytes: number;
  /** Tasks older than this (simulated ms) are forgotten, as Ark forgets them after 7 days. */
  maxAgeMs: number;
}

/** What a task costs beyond its body: ids, timeline, map entry (a rough, deliberately high estimate). */
const TASK_OVERHEAD_BYTES = 1_024;

/**
 * Tasks by id, bounded by count, bytes and age. When full, finished tasks go first, oldest first;
 * a queued or running task is never evicted: a client waiting on it would see it vanish. When only
 * live tasks remain, `makeRoom` says no and the caller refuses the new task.
 */
export class TaskStore {
  private readonly tasks = new Map<string, SimTask>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  constructor(private readonly limits: StoreLimits) {}

  /** Frees room for a task of `size` bytes by evicting finished tasks; false when it cannot. */
  makeRoom(size: number, now: number): boolean {
    this.forgetAged(now);
    const full = () => this.tasks.size + 1 > this.limits.maxTasks || this.bytes + size > this.limits.maxBytes;
    if (!full()) return true;
    for (const [id, task] of this.tasks) {
      if (!TERMINAL_STATUSES.has(statusAt(task, now))) continue;
      this.delete(id);
      if (!full()) return true;
    }
    return false;
  }

  /** Stores a task; call `makeRoom` first (the store does not refuse here, so it never loses a task it accepted). */
  add(task: SimTask, size = TASK_OVERHEAD_BYTES): void {
    this.tasks.set(task.id, task);
    this.sizes.set(task.id, size);
    this.bytes += size;
  }

  get(id: string, now: number): SimTask | undefined {
    const task = this.tasks.get(id);
    if (task && now - task.createdAt > this.limits.maxAgeMs) {
      this.delete(id);
      return undefined;
    }
    return task;
  }

  /**
   * A fresh id from `make`, drawn again while taken: Ark's `cgt-<second>-<5 chars>` collides
   * within a busy second, and a collision would silently replace a task.
   */
  freshId(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.tasks.has(id)) return id;
    }
  }

  delete(id: string): void {
    this.bytes -= this.sizes.get(id) ?? 0;
    this.sizes.delete(id);
    this.tasks.delete(id);
  }

  /** Newest first, as Ark lists them. */
  list(dialect: DialectId, now: number): SimTask[] {
    this.forgetAged(now);
    return [...this.tasks.values()].filter((task) => task.dialect === dialect).reverse();
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Estimated bytes held by stored tasks. */
  get storedBytes(): number {
    return this.bytes;
  }

  private forgetAged(now: number): void {
    // Insertion order is creation order: the oldest sit at the front.
    for (const [id, task] of this.tasks) {
      if (now - task.createdAt <= this.limits.maxAgeMs) break;
      this.delete(id);
    }
  }
}
