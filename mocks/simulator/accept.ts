// What happens to a task once a dialect accepts it: its timeline is set by the scenario, it is
// stored, and each status change it will go through is scheduled for delivery to its callback_url.
import { TERMINAL_STATUSES, type TaskStatus } from '../../src/task.ts';
import { callbackAllowed, mayBeLoopback, type CallbackAttempt, type DeliveryResult } from './callbacks.ts';
import type { HandlerReply, SimContext } from './dialects/types.ts';
import { SIMULATORS } from './dialects/index.ts';
import type { Instance } from './instance.ts';
import type { AssetLibrary } from './assets.ts';
import type { SimClock } from './clock.ts';
import { FAILURES, statusAt, taskBytes, timelineFor, type Lifecycle, type Scenario, type SimTask, type TaskStore } from './tasks.ts';

const MAX_RECORDED_ATTEMPTS = 1_000;

function record(sim: Instance, attempt: CallbackAttempt): void {
  sim.callbacks.push(attempt);
  if (sim.callbacks.length > MAX_RECORDED_ATTEMPTS) sim.callbacks.shift();
}

function outcomeOf(result: DeliveryResult): Pick<CallbackAttempt, 'outcome' | 'httpStatus'> {
  if (result.kind === 'not-loopback') return { outcome: 'skipped-remote' };
  if (result.kind === 'no-answer') return { outcome: 'failed' };
  const delivered = result.httpStatus >= 200 && result.httpStatus < 300;
  return { outcome: delivered ? 'delivered' : 'failed', httpStatus: result.httpStatus };
}

/** Ark's policy (Ark callback (Volcengine docs copy)): every status change is posted; a final one is retried 3 times. */
function deliver(sim: Instance, context: SimContext, task: SimTask, status: TaskStatus, attempt: number): void {
  const url = task.callbackUrl;
  const render = SIMULATORS[task.dialect].callbackBody;
  if (!url || !render) return;
  const base = { taskId: task.id, url, status, attempt };
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return;
  }
  if (!sim.settings.allowRemoteCallbacks && !mayBeLoopback(hostname)) {
    record(sim, { ...base, outcome: 'skipped-remote' });
    return;
  }
  // Any caller may name a callback_url: only URLs the simulator's owner opted into are posted to.
  if (!callbackAllowed(sim.callbackOptions.allow, new URL(url))) {
    record(sim, { ...base, outcome: 'skipped-not-allowed' });
    return;
  }
  const queued = sim.dispatcher.enqueue({
    ...base,
    body: JSON.stringify(render(context, task)),
    done(result) {
      const outcome = outcomeOf(result);
      record(sim, { ...base, ...outcome });
      const retry = outcome.outcome === 'failed' && TERMINAL_STATUSES.has(status) && attempt <= sim.callbackOptions.retries;
      if (retry) sim.clock.schedule(sim.clock.now() + sim.callbackOptions.retryDelayMs * attempt, () => deliver(sim, context, task, status, attempt + 1));
    },
  });
  if (!queued) record(sim, { ...base, outcome: 'dropped' });
}

function scheduleCallbacks(sim: Instance, context: SimContext, task: SimTask): void {
  for (const entry of task.timeline) {
    const fire = () => {
      // A cancelled or evicted task does not go on: only changes that really happened are posted.
      if (sim.store.get(task.id, sim.clock.now()) && statusAt(task, entry.at) === entry.status) deliver(sim, context, task, entry.status, 1);
    };
    if (entry.at <= sim.clock.now()) queueMicrotask(fire);
    else sim.clock.schedule(entry.at, fire);
  }
}

/**
 * The context a dialect's handler works in, for one request; `full` is the dialect's refusal when
 * the store has no room. A class, so a request makes one small object (its methods live on the prototype).
 */
class RequestContext implements SimContext {
  readonly clock: SimClock;
  readonly store: TaskStore;
  readonly lifecycle: Lifecycle;
  readonly origin: string;
  readonly video: Uint8Array<ArrayBuffer>;
  readonly assets: AssetLibrary;
  constructor(
    private readonly sim: Instance,
    readonly scenario: Scenario,
    readonly full: () => HandlerReply,
  ) {
    this.clock = sim.clock;
    this.store = sim.store;
    this.lifecycle = sim.lifecycle;
    this.origin = sim.origin;
    this.video = sim.video;
    this.assets = sim.assets;
  }

  videoUrl(task: SimTask): string {
    return `${this.origin}/files/${task.id}.mp4`;
  }

  lastFrameUrl(task: SimTask): string {
    return `${this.origin}/files/${task.id}-last-frame.png`;
  }

  /** Room is made and the task stored in one synchronous stretch, so concurrent creates cannot overfill the store. */
  accept(task: SimTask): boolean {
    const scenario = this.scenario;
    task.timeline = timelineFor(scenario, task.createdAt, this.lifecycle);
    if (scenario === 'fail' || scenario === 'expire') task.failure = { ...FAILURES[scenario] };
    const size = taskBytes(task);
    if (!this.store.makeRoom(size, this.clock.now())) return false;
    this.store.add(task, size);
    if (task.callbackUrl) scheduleCallbacks(this.sim, this, task);
    return true;
  }
}

export function contextFor(sim: Instance, scenario: Scenario, full: () => HandlerReply): SimContext {
  return new RequestContext(sim, scenario, full);
}
