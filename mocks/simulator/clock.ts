// The simulator's time. Task lifecycles are read off this clock, and callbacks are scheduled on
// it, so a test can run time instantly or step it by hand while a demo runs in real time.

export interface SimClock {
  /** Milliseconds since the epoch, in simulated time. */
  now(): number;
  /** Runs `run` once simulated time reaches `at`; returns a function that cancels it. */
  schedule(at: number, run: () => void): () => void;
}

/** Real time. */
export function systemClock(): SimClock {
  return {
    now: () => Date.now(),
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
    pending: () => timers.size,
  };
}
