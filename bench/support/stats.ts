/** Latency summaries and the printed table of the benchmarks. */
export interface Summary {
  name: string;
  requests: number;
  errors: number;
  concurrency: number;
  seconds: number;
  rps: number;
  mean: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** Mean number of items a search returned (undefined for non-search routes). */
  hits?: number;
}

/** Nearest-rank percentile of sorted values (ms). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // (p * n) / 100, not (p / 100) * n: 99.9 / 100 * 1000 is 999.0000000000001 and would round up a rank.
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function summarise(name: string, latenciesMs: readonly number[], errors: number, concurrency: number, seconds: number, hits?: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(sorted.length, 1);
  return {
    name, requests: sorted.length, errors, concurrency, seconds, rps: sorted.length / seconds, mean,
    p50: percentile(sorted, 50), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9), max: sorted[sorted.length - 1] ?? Number.NaN,
    ...(hits !== undefined ? { hits } : {}),
  };
}

const ms = (v: number): string => (Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));

export function table(rows: readonly Summary[]): string {
  const head = ['scenario', 'requests', 'errors', 'conc.', 'req/s', 'mean ms', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'hits/req'];
  const body = rows.map((r) => [
    r.name, String(r.requests), String(r.errors), String(r.concurrency), r.rps.toFixed(0),
    ms(r.mean), ms(r.p50), ms(r.p99), ms(r.p999), ms(r.max), r.hits === undefined ? '' : r.hits.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
