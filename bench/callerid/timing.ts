/**
 * Times single calls with `process.hrtime.bigint()` around each one, and reads the
 * process's CPU time (`process.cpuUsage()`, user + system, µs) around the same call: on
 * a busy machine the wall clock also counts the time the thread waited for a core, the
 * CPU time does not. A task is one call and the group it counts for; the tasks run one
 * after another in the order given (the caller shuffles them, so every group meets the
 * same cache and GC conditions). A call that returns a promise is timed until it
 * settles. What the call returned is summed up per group (e.g. the best match reason)
 * after the clocks have stopped.
 */
export interface Clocks {
  /** Wall clock, ns. */
  now: () => bigint;
  /** CPU time used by this process so far, µs. */
  cpu: () => number;
}

export const REAL_CLOCKS: Clocks = {
  now: process.hrtime.bigint,
  cpu: () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  },
};

export interface Sample { micros: number; cpuMicros: number; outcome: string }

export interface Task {
  readonly group: string;
  exec(clocks: Clocks): Sample | Promise<Sample>;
}

export interface GroupSamples {
  micros: number[];
  cpuMicros: number[];
  /** How many calls ended how, e.g. `{ exact: 1990, none: 10 }`. */
  outcomes: Map<string, number>;
}

export const emptySamples = (): GroupSamples => ({ micros: [], cpuMicros: [], outcomes: new Map() });

const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => typeof (v as { then?: unknown } | null)?.then === 'function';

/** One timed call; `outcomeOf` runs after the clocks have stopped. */
export function task<R>(group: string, call: () => R | Promise<R>, outcomeOf: (result: R) => string): Task {
  return {
    group,
    exec({ now, cpu }) {
      const c0 = cpu();
      const t0 = now();
      const r = call();
      const done = (v: R): Sample => {
        const t1 = now();
        const c1 = cpu();
        return { micros: Number(t1 - t0) / 1000, cpuMicros: c1 - c0, outcome: outcomeOf(v) };
      };
      return isPromise(r) ? r.then(done) : done(r);
    },
  };
}

/** Runs the tasks in order, one at a time; samples per group. */
export async function runTasks(tasks: readonly Task[], clocks: Clocks = REAL_CLOCKS): Promise<Map<string, GroupSamples>> {
  const groups = new Map<string, GroupSamples>();
  for (const t of tasks) {
    const pending = t.exec(clocks);
    const s = isPromise(pending) ? await pending : pending;
    let g = groups.get(t.group);
    if (!g) { g = emptySamples(); groups.set(t.group, g); }
    g.micros.push(s.micros);
    g.cpuMicros.push(s.cpuMicros);
    g.outcomes.set(s.outcome, (g.outcomes.get(s.outcome) ?? 0) + 1);
  }
  return groups;
}
