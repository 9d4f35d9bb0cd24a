// What happens to a task once a dialect accepts it: its timeline is set by the scenario, it is
// stored, and each status change it will go through is scheduled for delivery to its callback_url.
import { TERMINAL_STATUSES, type TaskStatus } from '../../src/task.ts';
import { mayBeLoopback, type CallbackAttempt, type DeliveryResult } from './callbacks.ts';
import type { SimContext } from './dialects/types.ts';
import { SIMULATORS, type Instance } from './instance.ts';
import { FAILURES, statusAt, timelineFor, type Scenario, type SimTask } from './tasks.ts';

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

/** The context a dialect's handler works in, for one request; `storedBytes` is what the task's body costs. */
export function contextFor(sim: Instance, scenario: Scenario, storedBytes: number): SimContext {
  const { clock, store, lifecycle, origin } = sim;
  const context: SimContext = {
    clock,
    store,
    lifecycle,
    origin,
    scenario,
    video: sim.video,
    assets: sim.assets,
    videoUrl: (task) => `${origin}/files/${task.id}.mp4`,
    lastFrameUrl: (task) => `${origin}/files/${task.id}-last-frame.png`,
    accept(task) {
      task.timeline = timelineFor(scenario, task.createdAt, lifecycle);
      if (scenario === 'fail' || scenario === 'expire') task.failure = { ...FAILURES[scenario] };
      store.add(task, storedBytes);
      if (task.callbackUrl) scheduleCallbacks(sim, context, task);
    },
  };
  return context;
}
