import { describe, expect, it } from 'vitest';
import { runTasks, task, type Clocks } from './timing.js';

/** Fake clocks: the wall clock moves when a call says so; the CPU clock moves by `cpuPerRead` µs at each reading. */
function fakeClocks(cpuPerRead = 0): Clocks & { advance(ns: bigint): void } {
  let t = 0n;
  let c = 0;
  return { now: () => t, cpu: () => (c += cpuPerRead), advance: (ns) => { t += ns; } };
}

describe('timing single calls', () => {
  it('gives each call the wall time between the readings around it, in microseconds', async () => {
    const clocks = fakeClocks();
    const slow = task('slow', () => { clocks.advance(7_500n); return 1; }, String);
    const fast = task('fast', () => { clocks.advance(1_000n); return 0; }, String);
    const groups = await runTasks([slow, fast, slow], clocks);
    expect(groups.get('slow')?.micros).toEqual([7.5, 7.5]);
    expect(groups.get('fast')?.micros).toEqual([1]);
  });

  it('reads the CPU clock around the same call', async () => {
    const clocks = fakeClocks(3);
    const groups = await runTasks([task('q', () => 0, String), task('q', () => 0, String)], clocks);
    expect(groups.get('q')?.cpuMicros).toEqual([3, 3]);
  });

  it('times a call that returns a promise until the promise settles', async () => {
    const clocks = fakeClocks();
    const asyncCall = task('db', async () => { await Promise.resolve(); clocks.advance(42_000n); return [1, 2]; }, (rows) => `${rows.length} rows`);
    const groups = await runTasks([asyncCall], clocks);
    expect(groups.get('db')?.micros).toEqual([42]);
    expect(groups.get('db')?.outcomes).toEqual(new Map([['2 rows', 1]]));
  });

  it('counts the outcomes per group, read after the clocks stopped', async () => {
    const clocks = fakeClocks();
    let readsWhileTiming = 0;
    let timing = false;
    const hit = task('match', () => { timing = true; clocks.advance(250n); timing = false; return 'exact'; }, (r) => { if (timing) readsWhileTiming++; return r; });
    const miss = task('match', () => { clocks.advance(250n); return ''; }, (r) => r || 'none');
    const groups = await runTasks([hit, miss, hit], clocks);
    expect(groups.get('match')?.outcomes).toEqual(new Map([['exact', 2], ['none', 1]]));
    expect(groups.get('match')?.micros).toEqual([0.25, 0.25, 0.25]);
    expect(readsWhileTiming).toBe(0);
  });
});
