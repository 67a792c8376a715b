/**
 * Injectable time for the simulated phone system: every delay in the sim (a remote party
 * answering after 2 s, a no-answer timeout) goes through a `SimClock`, so tests drive time
 * with `ManualClock.advance(ms)` instead of sleeping, and stay deterministic.
 */
export type TimerId = number;

export interface SimClock {
  now(): number;
  setTimer(ms: number, fn: () => void): TimerId;
  clearTimer(id: TimerId): void;
}

/** Real time, for the running product and demos. */
export const createSystemClock = (): SimClock => {
  const handles = new Map<TimerId, ReturnType<typeof setTimeout>>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimer(ms, fn) {
      const id = next++;
      const h = setTimeout(() => {
        handles.delete(id);
        fn();
      }, ms);
      // A pending scripted event must not keep a CLI or test process alive.
      h.unref?.();
      handles.set(id, h);
      return id;
    },
    clearTimer(id) {
      const h = handles.get(id);
      if (h !== undefined) clearTimeout(h);
      handles.delete(id);
    },
  };
};

interface Pending {
  id: TimerId;
  due: number;
  fn: () => void;
}

/** Time that moves only when told: timers fire in due order, ties in creation order. */
export class ManualClock implements SimClock {
  private current: number;
  private nextId = 1;
  private pending: Pending[] = [];

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): TimerId {
    const id = this.nextId++;
    this.pending.push({ id, due: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimer(id: TimerId): void {
    this.pending = this.pending.filter((p) => p.id !== id);
  }

  /** Moves time forward by `ms`, firing every timer that falls due (including new ones). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.pending
        .filter((p) => p.due <= target)
        .sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (due === undefined) break;
      this.pending = this.pending.filter((p) => p.id !== due.id);
      this.current = due.due;
      due.fn();
    }
    this.current = target;
  }

  pendingCount(): number {
    return this.pending.length;
  }
}
