// The simulator's time. Task lifecycles are read off this clock, and callbacks are scheduled on
// it, so a test can run time instantly or step it by hand while a demo runs in real time. Every
// simulator clock is also a client clock (src/http/retry.ts's `Clock`): a client given
// `clock: sim.clock` sleeps on the simulator's time, so with a manual clock its waits, retries and
// Retry-After step simulated time and take no real time.
import { type Clock, realClock } from '../../src/http/retry.ts';

export interface SimClock extends Clock {
  /** Milliseconds since the epoch, in simulated time. */
  now(): number;
  /** Runs `run` once simulated time reaches `at`; returns a function that cancels it. */
  schedule(at: number, run: () => void): () => void;
}

/** Real time, as the client's default clock keeps it. */
export function systemClock(): SimClock {
  return {
    now: () => Date.now(),
    sleep: realClock.sleep,
    schedule(at, run) {
      const timer = setTimeout(run, Math.max(0, at - Date.now()));
      // A pending callback delivery never keeps a process alive on its own.
      (timer as { unref?: () => void }).unref?.();
      return () => clearTimeout(timer);
    },
  };
}

export interface ManualClock extends SimClock {
  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void;
  /**
   * The client's sleep: advances simulated time by `ms` (running what falls due), then resolves
   * after one turn of the event loop, so answers already on their way arrive first.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Timers not yet run. */
  pending(): number;
}

export function manualClock(start = Date.now()): ManualClock {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  const advance = (ms: number) => {
    const target = now + Math.max(0, ms);
    for (;;) {
      let due: [number, { at: number; run: () => void }] | undefined;
      for (const entry of timers) if (entry[1].at <= target && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      timers.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].run();
    }
    now = target;
  };
  return {
    now: () => now,
    schedule(at, run) {
      const id = nextId++;
      timers.set(id, { at, run });
      return () => timers.delete(id);
    },
    advance,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      advance(ms);
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
    },
    pending: () => timers.size,
  };
}
