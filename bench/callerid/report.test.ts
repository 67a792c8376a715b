import { describe, expect, it } from 'vitest';
import { describeOutcomes, formatMicros, mergeSamples, renderTable, renderTargets, rowOf, type Row } from './report.js';

const samples = (micros: number[], outcomes: Record<string, number>) => ({ micros, cpuMicros: micros.map((m) => m / 2), outcomes: new Map(Object.entries(outcomes)) });
const row = (label: string, p50: number, p99: number, cpuP99 = p99): Row => ({ label, n: 1000, outcome: 'exact 100%', p50, p99, p999: p99, max: p99, cpuP50: p50, cpuP99 });

describe('the caller-ID benchmark report', () => {
  it('takes nearest-rank percentiles of the samples, whatever their order', () => {
    const micros = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    const r = rowOf('exact', samples(micros, { exact: 1000 }), 50);
    expect([r.n, r.p50, r.p99, r.max]).toEqual([1000, 500, 990, 1000]);
    // bench/support/stats.ts: 99.9 / 100 * 1000 is 999.0000000000001 in floating point, one rank up.
    expect(r.p999).toBeGreaterThanOrEqual(999);
    expect(r.targetP99).toBe(50);
    expect([r.cpuP50, r.cpuP99]).toEqual([250, 495]);
  });

  it('describes outcomes most frequent first, with percentages', () => {
    expect(describeOutcomes(new Map([['none', 5], ['prefix', 995]]))).toBe('prefix 99.5%, none 0.5%');
    expect(describeOutcomes(new Map([['exact', 20]]))).toBe('exact 100%');
  });

  it('merges the groups of several formats into one', () => {
    const m = mergeSamples([samples([1, 2], { exact: 2 }), undefined, samples([3], { variant: 1 })]);
    expect(m.micros).toEqual([1, 2, 3]);
    expect(m.cpuMicros).toEqual([0.5, 1, 1.5]);
    expect(m.outcomes).toEqual(new Map([['exact', 2], ['variant', 1]]));
  });

  it('prints microseconds with a decimal when small and whole with separators when large', () => {
    expect([formatMicros(12.345), formatMicros(1234567.8), formatMicros(Number.NaN)]).toEqual(['12.3', '1,234,568', '-']);
  });

  it('marks a row whose p99 is over its target as MISSED', () => {
    const text = renderTable([{ ...row('exact', 10, 40), targetP99: 50 }, { ...row('miss', 10, 250), targetP99: 200 }]);
    expect(text).toMatch(/exact .*≤ 50 met/);
    expect(text).toMatch(/miss .*≤ 200 MISSED/);
  });

  it('states the ratios against the floor and the LIKE scan, and which targets are met', () => {
    const exact = row('exact', 20, 45);
    const text = renderTargets(exact, [exact, row('prefix', 30, 260)], row('LIKE', 400_000, 500_000), row('floor', 3, 9));
    expect(text).toContain('exact-hit p99 / floor p99: 5.0×');
    expect(text).toContain('LIKE-scan p50 / exact-hit match p50: 20,000×');
    expect(text).toMatch(/exact-hit p99 ≤ 50 µs: 45\.0 µs — met/);
    expect(text).toMatch(/worst prefix 260 µs — MISSED/);
    expect(text).toMatch(/LIKE scan \(p50\): 20,000× — met/);
  });

  it('says so when the LIKE scan was not run', () => {
    const exact = row('exact', 20, 45);
    expect(renderTargets(exact, [exact], undefined, row('floor', 3, 9))).toMatch(/LIKE scan \(p50\): - — not run/);
  });

  it('says when the CPU time meets the exact-hit target and the wall clock does not', () => {
    const exact = row('exact', 20, 900, 31);
    expect(renderTargets(exact, [exact], undefined, row('floor', 3, 9))).toContain('900 µs — MISSED (CPU-time p99 31.0 µs: the excess is waiting for a core)');
  });
});
