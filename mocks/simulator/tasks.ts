// Tasks in memory, bounded by count and age, in dialect-neutral form. A task's status is never
// stored: it is read off its timeline at the current simulated time, so ten thousand tasks cost
// no timers, and a stepped clock moves them all at once.
import { TERMINAL_STATUSES, type TaskStatus } from '../../src/task.ts';
import type { DialectId } from '../../generated/dialects.ts';

export type Scalar = string | number | boolean | null;

/**
 * What a task keeps of a request body: its top-level scalar fields, which is all the renderers read.
 * Nested values are dropped: an unknown field holding a megabyte of `[{},{},...]` (Ark accepts
 * unknown fields) would otherwise cost twenty times its bytes once parsed, for as long as the task lives.
 */
export function keptFields(body: Record<string, unknown>): Record<string, Scalar> {
  const kept: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(body))
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') kept[name] = value;
  return kept;
}

/** What a task costs beyond its strings: the object, its timeline, the store's entry (a rough, deliberately high figure). */
const TASK_OVERHEAD_BYTES = 1_024;

/** The bytes a task holds: its strings at two bytes a character, a word per other field, and the overhead. */
export function taskBytes(task: SimTask): number {
  const text = (value: string | undefined) => 2 * (value?.length ?? 0);
  let bytes = TASK_OVERHEAD_BYTES + text(task.id) + text(task.model) + text(task.upstreamId) + text(task.callbackUrl);
  bytes += text(task.failure?.code) + text(task.failure?.message);
  for (const [name, value] of Object.entries(task.request)) bytes += 16 + text(name) + (typeof value === 'string' ? text(value) : 8);
  return bytes;
}

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
  /** The createTask body's scalar fields (files as their names): all the renderers read (see keptFields). */
  request: Record<string, Scalar>;
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
  // The latest matching entry, found from the end without copying the timeline (this runs on every poll).
  const timeline = task.timeline;
  for (let index = timeline.length - 1; index >= 0; index--) {
    const entry = timeline[index]!;
    if (entry.status === status && entry.at <= now) return entry.at;
  }
  return task.createdAt;
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
export function cancelTask(task: SimTask, now: number): void {
  task.timeline = [...task.timeline.filter((entry) => entry.at <= now), { at: now, status: 'cancelled' }];
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits for ids: unguessable enough for a simulator (freshId redraws a taken one), and cheap. */
export function randomToken(length: number): string {
  let token = '';
  for (let index = 0; index < length; index++) token += ALPHANUMERIC[Math.floor(Math.random() * ALPHANUMERIC.length)];
  return token;
}

/** YYYYMMDDhhmmss in UTC, as in Ark's `cgt-20250331175019-68d9t` and asset ids. */
export function stamp(time: number): string {
  return new Date(Math.floor(time / 1_000) * 1_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export const ids = {
  ark: (now: number) => `cgt-${stamp(now)}-${randomToken(5)}`,
  newApi: () => `task_${randomToken(32)}`,
  video: () => `video_${crypto.randomUUID()}`,
};

export interface StoreLimits {
  /** Most tasks kept. */
  maxTasks: number;
  /** Most bytes the stored tasks hold (as taskBytes counts them). */
  maxBytes: number;
  /** Tasks older than this (simulated ms) are forgotten, as Ark forgets them after 7 days. */
  maxAgeMs: number;
}

/** A stored task, its byte estimate, and whether it has been deleted (the order queue still holds it until passed). */
interface Stored {
  task: SimTask;
  size: number;
  gone: boolean;
}

/** Gone entries tolerated in the order queue before it is rebuilt without them. */
const COMPACT_AFTER = 1_024;

/**
 * Tasks by id, bounded by count, bytes and age. When full, finished tasks go first, oldest first;
 * a queued or running task is never evicted: a client waiting on it would see it vanish. When only
 * live tasks remain, `makeRoom` says no and the caller refuses the new task.
 *
 * The oldest tasks are found through an array in insertion order, not by iterating the Map: a Map
 * keeps deleted entries as holes at its front until it rehashes, so scanning it from the start on
 * every create cost more as the store churned (15 % of a full store's CPU, perf under autocannon).
 */
export class TaskStore {
  private readonly tasks = new Map<string, Stored>();
  /** Every stored task in insertion (= creation) order from `head` on, with deleted ones marked gone. */
  private order: Array<Stored | undefined> = [];
  private head = 0;
  /** How many entries in `order` from `head` on are gone. */
  private goneInOrder = 0;
  private bytes = 0;
  /** `compactAfter`: gone entries tolerated in the order queue (small in tests, to exercise the rebuilds). */
  constructor(
    private readonly limits: StoreLimits,
    private readonly compactAfter = COMPACT_AFTER,
  ) {}

  /** Frees room for a task of `size` bytes by evicting finished tasks; false when it cannot. */
  makeRoom(size: number, now: number): boolean {
    this.forgetAged(now);
    if (!this.full(size)) return true;
    let room = false;
    let skippedGone = 0;
    for (let index = this.head; index < this.order.length; index++) {
      const entry = this.order[index]!;
      if (entry.gone) skippedGone++;
      if (entry.gone || !TERMINAL_STATUSES.has(statusAt(entry.task, now))) continue;
      this.remove(entry);
      if (!this.full(size)) {
        room = true;
        break;
      }
    }
    // Live tasks at the front make every scan walk past the gone entries behind them: drop those now.
    this.tidy(skippedGone > this.compactAfter);
    return room;
  }

  /** Stores a task; call `makeRoom` first (the store does not refuse here, so it never loses a task it accepted). */
  add(task: SimTask, size = taskBytes(task)): void {
    const existing = this.tasks.get(task.id);
    if (existing) {
      // Same id again: replaced in place, as Map.set keeps the key's position.
      this.bytes += size - existing.size;
      existing.task = task;
      existing.size = size;
      return;
    }
    const entry: Stored = { task, size, gone: false };
    this.tasks.set(task.id, entry);
    this.order.push(entry);
    this.bytes += size;
  }

  get(id: string, now: number): SimTask | undefined {
    const entry = this.tasks.get(id);
    if (entry === undefined) return undefined;
    if (now - entry.task.createdAt > this.limits.maxAgeMs) {
      this.remove(entry);
      this.tidy();
      return undefined;
    }
    return entry.task;
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
    const entry = this.tasks.get(id);
    if (entry === undefined) return;
    this.remove(entry);
    this.tidy();
  }

  /** Newest first, as Ark lists them. */
  list(dialect: DialectId, now: number): SimTask[] {
    this.forgetAged(now);
    const found: SimTask[] = [];
    for (let index = this.order.length - 1; index >= this.head; index--) {
      const entry = this.order[index]!;
      if (!entry.gone && entry.task.dialect === dialect) found.push(entry.task);
    }
    return found;
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Estimated bytes held by stored tasks. */
  get storedBytes(): number {
    return this.bytes;
  }

  private full(size: number): boolean {
    return this.tasks.size + 1 > this.limits.maxTasks || this.bytes + size > this.limits.maxBytes;
  }

  private remove(entry: Stored): void {
    entry.gone = true;
    this.goneInOrder++;
    this.tasks.delete(entry.task.id);
    this.bytes -= entry.size;
  }

  /** Drops gone entries from the front, and rebuilds the queue once gone ones outnumber the stored (or when told to). */
  private tidy(compact = false): void {
    const order = this.order;
    while (this.head < order.length && order[this.head]!.gone) {
      order[this.head++] = undefined; // released for GC: nothing below head is read again
      this.goneInOrder--;
    }
    if ((compact && this.goneInOrder > 0) || (this.goneInOrder > this.compactAfter && this.goneInOrder > this.tasks.size)) {
      this.order = order.slice(this.head).filter((entry) => !entry!.gone);
      this.head = 0;
      this.goneInOrder = 0;
    } else if (this.head > this.compactAfter && this.head * 2 > order.length) {
      this.order = order.slice(this.head);
      this.head = 0;
    }
  }

  private forgetAged(now: number): void {
    // Insertion order is creation order: the oldest sit at the front.
    const order = this.order;
    for (let index = this.head; index < order.length; index++) {
      const entry = order[index]!;
      if (entry.gone) continue;
      if (now - entry.task.createdAt <= this.limits.maxAgeMs) break;
      this.remove(entry);
    }
    this.tidy();
  }
}
