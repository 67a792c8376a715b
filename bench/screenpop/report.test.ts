import { describe, expect, it } from 'vitest';
import type { LoadDone } from './protocol.js';
import { latencyTable, p99Target, popLatencies, stalledLines, summariseStep } from './report.js';

const server = (injections: LoadDone['injections']): LoadDone => ({
  type: 'done', injections, refused: 0, seconds: 1, loopDelayMs: { p50: 0.1, p99: 1, max: 2 }, rssMb: { start: 100, max: 120, end: 110 },
  hub: { sessions: 3, maxStalledSockets: 1, maxPendingMessages: 4, maxPendingPerStalled: 4, coalesced: 2, sent: 9 },
  maxBufferedBytes: 300_000, callsLeft: 0, drainMs: 1,
});

describe('pop latency', () => {
  it('is the first snapshot\'s receive time minus the injection time, for healthy agents only', () => {
    const injections = [{ callId: 'sim-1', agent: 0, at: 1_000, due: 999 }, { callId: 'sim-2', agent: 1, at: 1_010, due: 1_010 }, { callId: 'sim-3', agent: 2, at: 1_020, due: 1_020 }];
    const received = [
      { socket: 0, calls: [['sim-1', 1_002.5, 4_000]] as Array<[string, number, number]> },
      { socket: 1, calls: [['sim-2', 1_500, 4_100]] as Array<[string, number, number]> },
    ];
    // From when it was due: the second the injector was held back counts too.
    expect(popLatencies(injections, received, new Set([1]))).toEqual({ latencies: [2.5], fromDue: [3.5], lostPops: 1, lostEnds: 1 });
  });

  it('counts a pop whose end never came as a lost event', () => {
    const r = popLatencies([{ callId: 'sim-1', agent: 0, at: 0, due: 0 }], [{ socket: 0, calls: [['sim-1', 3, 0]] }], new Set());
    expect(r).toEqual({ latencies: [3], fromDue: [3], lostPops: 0, lostEnds: 1 });
  });
});

describe('the printed figures', () => {
  it('put the targets beside the measures: 10 ms at 1,000 agents, 50 ms at 10,000, ratio ≤ 1.1, nothing lost', () => {
    expect(p99Target(1_000)).toBe(10);
    expect(p99Target(10_000)).toBe(50);
    const inj = Array.from({ length: 100 }, (_, i) => ({ callId: `sim-${i}`, agent: i % 4, at: 0, due: 0 }));
    const received = [0, 1, 2, 3].map((socket) => ({
      socket, calls: inj.filter((x) => x.agent === socket).map((x, k) => [x.callId, socket === 3 ? 50 : 1 + k / 100, 9] as [string, number, number]),
    }));
    const normal = summariseStep('1. normal', 4, 50, new Set(), server(inj), received, 90, 12);
    const stalled = summariseStep('2. stalled', 4, 50, new Set([3]), server(inj), received, 90, 12, { maxBytes: 2_048, totalBytes: 2_048, unended: 0 });
    expect(normal.p99).toBe(50);
    expect(stalled.p99).toBeLessThan(2);
    const table = latencyTable([normal, stalled]);
    expect(table).toMatch(/1\. normal .* ≤ 10 MISSED/);
    expect(table).toMatch(/2\. stalled .* ≤ 10 ok/);
    const lines = stalledLines(normal, stalled, 32).join('\n');
    expect(lines).toMatch(/= 0\.0\d +\(target ≤ 1\.10: ok\)/);
    expect(lines).toMatch(/0 pops \+ 0 ends .*\(target 0: ok\)/);
    expect(lines).toMatch(/hub pending ≤ 4\.00 messages \(cap 32.*\(target bounded: ok\)/);
    expect(lines).toMatch(/at most 2\.0 KiB had waited for one socket/);
  });
});
