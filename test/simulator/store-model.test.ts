// The task store finds its oldest tasks through its own insertion-order queue, not by scanning
// the Map from its start. Differential check: for any sequence of
// adds, room-making, reads, deletes and lists, it answers exactly as a plain model of the rules
// does: a Map walked in insertion order, finished tasks evicted oldest first, live ones never,
// tasks past maxAgeMs forgotten. The queue is rebuilt after 3 gone entries here (1,024 in use),
// so the rebuilds run often.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TERMINAL_STATUSES } from '../../src/task.ts';
import type { DialectId } from '../../generated/dialects.ts';
import { cancelTask, changedAt, type Scenario, type SimTask, type StoreLimits, statusAt, TaskStore, timelineFor } from '../../mocks/simulator/tasks.ts';

/** The rules of the store, stated as simply as they can be. */
class ModelStore {
  readonly tasks = new Map<string, { task: SimTask; size: number }>();
  constructor(private readonly limits: StoreLimits) {}
  private bytes = () => [...this.tasks.values()].reduce((sum, entry) => sum + entry.size, 0);
  private full = (size: number) => this.tasks.size + 1 > this.limits.maxTasks || this.bytes() + size > this.limits.maxBytes;
  private forgetAged(now: number) {
    for (const [id, { task }] of this.tasks) {
      if (now - task.createdAt <= this.limits.maxAgeMs) break;
      this.tasks.delete(id);
    }
  }
  makeRoom(size: number, now: number): boolean {
    this.forgetAged(now);
    if (!this.full(size)) return true;
    for (const [id, { task }] of this.tasks) {
      if (!TERMINAL_STATUSES.has(statusAt(task, now))) continue;
      this.tasks.delete(id);
      if (!this.full(size)) return true;
    }
    return false;
  }
  add(task: SimTask, size: number) {
    this.tasks.set(task.id, { task, size });
  }
  get(id: string, now: number): SimTask | undefined {
    const entry = this.tasks.get(id);
    if (entry && now - entry.task.createdAt > this.limits.maxAgeMs) {
      this.tasks.delete(id);
      return undefined;
    }
    return entry?.task;
  }
  delete(id: string) {
    this.tasks.delete(id);
  }
  list(dialect: DialectId, now: number): SimTask[] {
    this.forgetAged(now);
    return [...this.tasks.values()]
      .map((entry) => entry.task)
      .filter((task) => task.dialect === dialect)
      .reverse();
  }
  get size() {
    return this.tasks.size;
  }
  get storedBytes() {
    return this.bytes();
  }
}

type Op =
  | { kind: 'create'; id: number; advance: number; scenario: Scenario; dialect: DialectId; size: number }
  | { kind: 'get'; id: number; advance: number }
  | { kind: 'delete'; id: number; advance: number }
  | { kind: 'list'; dialect: DialectId; advance: number };

const dialect = fc.constantFrom<DialectId>('ark', 'unified-jobs');
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      id: fc.nat(40),
      advance: fc.nat(300),
      scenario: fc.constantFrom<Scenario>('succeed', 'fail', 'stay-queued'),
      dialect,
      size: fc.integer({ min: 1, max: 600 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('get' as const), id: fc.nat(40), advance: fc.nat(300) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.nat(40), advance: fc.nat(300) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('list' as const), dialect, advance: fc.nat(3_000) }) },
);

/** Runs the ops on a store the way the simulator does (room first, then add) and returns every answer. */
function run(store: TaskStore | ModelStore, ops: Op[]): unknown[] {
  let now = 0;
  const answers: unknown[] = [];
  for (const step of ops) {
    now += step.advance;
    if (step.kind === 'create') {
      const room = store.makeRoom(step.size, now);
      answers.push(room);
      const task: SimTask = {
        id: `t${step.id}`,
        dialect: step.dialect,
        model: 'm',
        createdAt: now,
        timeline: timelineFor(step.scenario, now, { queuedMs: 100, runningMs: 200 }),
        request: {},
        returnLastFrame: false,
      };
      if (room) store.add(task, step.size);
    } else if (step.kind === 'get') answers.push(store.get(`t${step.id}`, now)?.createdAt);
    else if (step.kind === 'delete') store.delete(`t${step.id}`);
    else answers.push(store.list(step.dialect, now).map((task) => task.id));
    answers.push([store.size, store.storedBytes]);
  }
  return answers;
}

describe('task store against a plain model of its rules', () => {
  it('answers every sequence of creates, reads, deletes and lists as the model does, full or not', () => {
    const limits = fc.record({
      maxTasks: fc.integer({ min: 1, max: 12 }),
      maxBytes: fc.integer({ min: 600, max: 4_000 }),
      maxAgeMs: fc.integer({ min: 200, max: 5_000 }),
    });
    fc.assert(
      fc.property(limits, fc.array(op, { maxLength: 120 }), (limit, ops) => {
        expect(run(new TaskStore(limit, 3), ops)).toEqual(run(new ModelStore(limit), ops));
      }),
      { numRuns: 600, seed: 20261126 },
    );
  });

  it('keeps evicting finished tasks behind a live one at the front across many rebuilds', () => {
    // One task that never finishes, then thousands of creates through a store of 5: each create
    // evicts the oldest finished task behind the live one.
    const limits = { maxTasks: 5, maxBytes: 1_000_000, maxAgeMs: 100_000_000 };
    const ops: Op[] = [{ kind: 'create', id: 0, advance: 0, scenario: 'stay-queued', dialect: 'ark', size: 1 }];
    for (let index = 1; index < 3_000; index++) ops.push({ kind: 'create', id: index, advance: 400, scenario: 'succeed', dialect: 'ark', size: 1 });
    ops.push({ kind: 'list', dialect: 'ark', advance: 1_000 });
    const answers = run(new TaskStore(limits, 3), ops);
    expect(answers).toEqual(run(new ModelStore(limits), ops));
    expect(answers.at(-2)).toEqual(['t2999', 't2998', 't2997', 't2996', 't0']);
  });
});

describe('when a task reached its status', () => {
  it('is the latest timeline entry with that status at or before now, else the creation time, for any scenario, cancel and time', () => {
    const scenario = fc.constantFrom<Scenario>('succeed', 'fail', 'expire', 'stay-queued');
    const status = fc.constantFrom('queued', 'running', 'succeeded', 'failed', 'expired', 'cancelled' as const);
    fc.assert(
      fc.property(scenario, fc.nat(1_000), fc.option(fc.nat(1_500)), fc.nat(2_000), fc.option(status), (chosen, start, cancelAt, now, asked) => {
        const task: SimTask = {
          id: 't',
          dialect: 'ark',
          model: 'm',
          createdAt: start,
          timeline: timelineFor(chosen, start, { queuedMs: 100, runningMs: 300 }),
          request: {},
          returnLastFrame: false,
        };
        if (cancelAt !== null) cancelTask(task, cancelAt);
        const wanted = asked ?? statusAt(task, now);
        const matching = task.timeline.filter((entry) => entry.status === wanted && entry.at <= now).map((entry) => entry.at);
        const expected = matching.length ? matching[matching.length - 1] : start;
        expect(asked === null ? changedAt(task, now) : changedAt(task, now, asked)).toBe(expected);
      }),
      { numRuns: 1_000, seed: 20261126 },
    );
  });
});
