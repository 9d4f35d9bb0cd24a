// The simulator's task model: derived statuses and progress, unique ids, bounded storage.
import { describe, expect, it } from 'vitest';
import { progressAt, statusAt, TaskStore, timelineFor, type SimTask } from '../../mocks/simulator/tasks.ts';

const task = (id: string, createdAt = 0): SimTask => ({
  id,
  dialect: 'ark',
  model: 'm',
  createdAt,
  timeline: timelineFor('succeed', createdAt, { queuedMs: 1_000, runningMs: 4_000 }),
  request: {},
  returnLastFrame: false,
});

describe('task lifecycle', () => {
  it('reads status and progress off the clock: queued, running (rising), succeeded', () => {
    const t = task('t');
    expect([0, 999, 1_000, 3_000, 4_999, 5_000].map((now) => statusAt(t, now))).toEqual(['queued', 'queued', 'running', 'running', 'running', 'succeeded']);
    expect([0, 1_000, 3_000, 4_999, 5_000].map((now) => progressAt(t, now))).toEqual([0, 1, 50, 99, 100]);
  });
});

describe('task store', () => {
  const limits = { maxTasks: 10, maxBytes: 1_000_000, maxAgeMs: 100_000 };

  it('never reuses a taken id: a colliding id is drawn again', () => {
    const store = new TaskStore(limits);
    store.add(task('cgt-20260101000000-aaaaa'));
    const draws = ['cgt-20260101000000-aaaaa', 'cgt-20260101000000-aaaaa', 'cgt-20260101000000-bbbbb'];
    expect(store.freshId(() => draws.shift()!)).toBe('cgt-20260101000000-bbbbb');
  });

  it('makes room by forgetting finished tasks, oldest first, and forgets tasks past maxAgeMs', () => {
    const store = new TaskStore({ ...limits, maxTasks: 2, maxAgeMs: 10_000 });
    for (const [id, at] of [
      ['a', 0],
      ['b', 10],
    ] as const)
      store.add(task(id, at));
    expect(store.makeRoom(100, 6_000)).toBe(true);
    store.add(task('c', 6_000));
    expect([store.get('a', 6_000), store.get('b', 6_000)?.id, store.get('c', 6_000)?.id]).toEqual([undefined, 'b', 'c']);
    expect(store.get('b', 10_011)).toBeUndefined();
    expect(store.get('c', 10_011)?.id).toBe('c');
  });

  it('never evicts a queued or running task: with only live tasks it has no room, by count or by bytes', () => {
    const byCount = new TaskStore({ ...limits, maxTasks: 2 });
    byCount.add(task('finished', 0));
    byCount.add(task('running', 5_000));
    expect(byCount.makeRoom(1, 6_000)).toBe(true);
    expect(byCount.get('finished', 6_000)).toBeUndefined();
    byCount.add(task('queued', 6_000));
    expect(byCount.makeRoom(1, 6_000)).toBe(false);
    expect([byCount.get('running', 6_000)?.id, byCount.get('queued', 6_000)?.id]).toEqual(['running', 'queued']);

    const byBytes = new TaskStore({ ...limits, maxBytes: 3_000 });
    byBytes.add(task('big', 0), 2_000);
    expect(byBytes.makeRoom(2_000, 10)).toBe(false);
    expect(byBytes.makeRoom(2_000, 5_000)).toBe(true);
    expect(byBytes.storedBytes).toBe(0);
  });
});
