/**
 * Clocks and the RFC 3261 timer values (§17.1.1.1, Table 4 in §A). The clock is
 * injected so transaction tests run on a manual clock, deterministically.
 */

export interface TimerHandle {
  cancel(): void;
}

export interface SipClock {
  now(): number;
  setTimer(ms: number, fn: () => void): TimerHandle;
}

export interface TimerValues {
  /** RTT estimate, default 500 ms. */
  T1: number;
  /** Maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s. */
  T2: number;
  /** Maximum duration a message remains in the network, default 5 s. */
  T4: number;
}

export const DEFAULT_TIMERS: TimerValues = { T1: 500, T2: 4000, T4: 5000 };

interface WheelEntry {
  fn: (() => void) | undefined;
}

// Handles are classes (methods on the prototype) rather than `{ cancel: () => … }`
// literals: one fewer closure per armed timer.
class TimeoutHandle implements TimerHandle {
  constructor(private readonly t: ReturnType<typeof setTimeout>) {}
  cancel(): void {
    clearTimeout(this.t);
  }
}

class WheelHandle implements TimerHandle {
  constructor(private readonly e: WheelEntry) {}
  cancel(): void {
    this.e.fn = undefined;
  }
}

/**
 * The real clock. Short timers (retransmissions, ≤ T2) are plain `setTimeout`s; long
 * ones (T4 and 64*T1 waits: Timers B, D, F, H, I, J, K, L) go on a coarse wheel with
 * `granularityMs` resolution. Those timers only bound how long state lingers (RFC 3261
 * gives them as minimums), and at thousands of calls per second a Node `Timeout` per
 * lingering transaction costs more memory than the transaction itself.
 */
export const createSystemClock = (granularityMs = 100, wheelFromMs = 5000): SipClock => {
  const buckets = new Map<number, WheelEntry[]>();
  let ticker: ReturnType<typeof setInterval> | undefined;
  let nextSlot = 0;
  const tick = (): void => {
    const slot = Math.floor(Date.now() / granularityMs);
    for (; nextSlot <= slot; nextSlot++) {
      const list = buckets.get(nextSlot);
      if (!list) continue;
      buckets.delete(nextSlot);
      for (const e of list) {
        const fn = e.fn;
        e.fn = undefined;
        try {
          fn?.();
        } catch {
          // one failing timer must not stop the others in its slot
        }
      }
    }
    if (buckets.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
  return {
    now: () => Date.now(),
    setTimer: (ms, fn) => {
      if (ms < wheelFromMs) return new TimeoutHandle(setTimeout(fn, ms));
      // never early: round the due time up to the next slot
      const slot = Math.ceil((Date.now() + ms) / granularityMs);
      const e: WheelEntry = { fn };
      const list = buckets.get(slot);
      if (list) list.push(e);
      else buckets.set(slot, [e]);
      if (!ticker) {
        nextSlot = Math.floor(Date.now() / granularityMs);
        ticker = setInterval(tick, granularityMs);
        ticker.unref();
      }
      return new WheelHandle(e);
    },
  };
};

export const systemClock: SipClock = createSystemClock();

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told: `advance(ms)` fires due timers in time order. */
export class ManualClock implements SipClock {
  private current = 0;
  private seq = 0;
  private pending: Pending[] = [];

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const p: Pending = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.pending.push(p);
    return { cancel: () => { p.cancelled = true; } };
  }

  /** Moves time forward, firing every timer due on the way (including ones they set). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.pending = this.pending.filter((p) => !p.cancelled);
      let next: Pending | undefined;
      for (const p of this.pending) if (p.at <= target && (!next || p.at < next.at || (p.at === next.at && p.seq < next.seq))) next = p;
      if (!next) break;
      this.current = next.at;
      next.cancelled = true;
      next.fn();
    }
    this.current = target;
  }

  /** Timers still armed. */
  activeTimers(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }
}
