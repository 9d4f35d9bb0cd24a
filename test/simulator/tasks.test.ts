// The simulator's task model: derived statuses and progress, unique ids, bounded storage.
import { describe, expect, it } from 'vitest';
import { progressAt, statusAt, TaskStore, timelineFor, type SimTask } from '../../mocks/simulator/tasks.ts';

const task = (id: string, createdAt = 0): SimTask => ({ id, dialect: 'ark', model: 'm', createdAt, timeline: timelineFor('succeed', createdAt, { queuedMs: 1_000, runningMs: 4_000 }), request: {}, returnLastFrame: false });

describe('task lifecycle', () => {
  it('reads status and progress off the clock: queued, running (rising), succeeded', () => {
    const t = task('t');
    expect([0, 999, 1_000, 3_000, 4_999, 5_000].map((now) => statusAt(t, now))).toEqual(['queued', 'queued', 'running', 'running', 'running', 'succeeded']);
    expect([0, 1_000, 3_000, 4_999, 5_000].map((now) => progressAt(t, now))).toEqual([0, 1, 50, 99, 100]);
  });
});

describe('task store', () => {
  it('never reuses a taken id: a colliding id is drawn again', () => {
    const store = new TaskStore({ maxTasks: 10, maxAgeMs: 1_000 });
    store.add(task('cgt-20260101000000-aaaaa'), 0);
    const draws = ['cgt-20260101000000-aaaaa', 'cgt-20260101000000-aaaaa', 'cgt-20260101000000-bbbbb'];
    expect(store.freshId(() => draws.shift()!)).toBe('cgt-20260101000000-bbbbb');
  });

  it('keeps at most maxTasks, forgetting the oldest first, and forgets tasks past maxAgeMs', () => {
    const store = new TaskStore({ maxTasks: 2, maxAgeMs: 1_000 });
    store.add(task('a', 0), 0);
    store.add(task('b', 10), 10);
    store.add(task('c', 20), 20);
    expect([store.get('a', 20), store.get('b', 20)?.id, store.get('c', 20)?.id]).toEqual([undefined, 'b', 'c']);
    expect(store.get('b', 1_011)).toBeUndefined();
    expect(store.get('c', 1_011)?.id).toBe('c');
  });
});
