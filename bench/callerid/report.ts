/**
 * The printed result: one table per database (tier, n, outcome, p50, p99, p99.9, max in
 * µs of wall time, p50 and p99 of the process's CPU time, the target beside it) and the
 * ratios the targets are stated in. Pure: figures in, text out.
 */
import { percentile } from '../support/stats.js';
import { emptySamples, type GroupSamples } from './timing.js';

export interface Row {
  label: string;
  n: number;
  /** e.g. `exact 100%` or `prefix 99.5%, none 0.5%`. */
  outcome: string;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** Percentiles of the CPU time this process spent in the call (no waiting for a core). */
  cpuP50: number;
  cpuP99: number;
  /** The p99 this row should stay under, if any (µs). */
  targetP99?: number;
}

export const TARGETS = { exactP99: 50, anyTierP99: 200, likeOverMatch: 1000 } as const;

/** `{ exact: 1990, none: 10 }` → `exact 99.5%, none 0.5%`, most frequent first. */
export function describeOutcomes(outcomes: ReadonlyMap<string, number>): string {
  const total = [...outcomes.values()].reduce((s, v) => s + v, 0);
  return [...outcomes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, count]) => `${name} ${formatPercent(count / Math.max(total, 1))}`)
    .join(', ');
}

const formatPercent = (ratio: number): string => {
  const pct = ratio * 100;
  return `${pct === 100 || pct === 0 ? pct.toFixed(0) : pct >= 99.9 ? pct.toFixed(2) : pct.toFixed(1)}%`;
};

export function rowOf(label: string, samples: GroupSamples, targetP99?: number): Row {
  const sorted = [...samples.micros].sort((a, b) => a - b);
  const cpu = [...samples.cpuMicros].sort((a, b) => a - b);
  return {
    label, n: sorted.length, outcome: describeOutcomes(samples.outcomes),
    p50: percentile(sorted, 50), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9), max: sorted[sorted.length - 1] ?? Number.NaN,
    cpuP50: percentile(cpu, 50), cpuP99: percentile(cpu, 99),
    ...(targetP99 !== undefined ? { targetP99 } : {}),
  };
}

/** Merges groups (e.g. the exact-hit formats into "all formats"). */
export function mergeSamples(groups: ReadonlyArray<GroupSamples | undefined>): GroupSamples {
  const out = emptySamples();
  for (const g of groups) {
    if (!g) continue;
    out.micros.push(...g.micros);
    out.cpuMicros.push(...g.cpuMicros);
    for (const [k, v] of g.outcomes) out.outcomes.set(k, (out.outcomes.get(k) ?? 0) + v);
  }
  return out;
}

/** µs with one decimal below 100, whole above, thousands separated. */
export function formatMicros(v: number): string {
  if (Number.isNaN(v)) return '-';
  return v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en');
}

export function renderTable(rows: readonly Row[]): string {
  const head = ['tier', 'n', 'outcome', 'p50 µs', 'p99 µs', 'p99.9 µs', 'max µs', 'CPU p50', 'CPU p99', 'target p99'];
  const body = rows.map((r) => [
    r.label, r.n.toLocaleString('en'), r.outcome, formatMicros(r.p50), formatMicros(r.p99), formatMicros(r.p999), formatMicros(r.max),
    formatMicros(r.cpuP50), formatMicros(r.cpuP99),
    r.targetP99 === undefined ? '' : `≤ ${r.targetP99} ${r.p99 <= r.targetP99 ? 'met' : 'MISSED'}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const leftAligned = new Set([0, 2, 9]);
  const line = (cells: readonly string[]) => cells
    .map((c, i) => (leftAligned.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
    .join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export interface Ratios {
  /** exact-hit p99 / floor p99: what the match adds to a bare indexed query. */
  exactOverFloorP99: number;
  /** LIKE-scan p50 / exact-hit match p50: the "≥ 1,000× faster" figure. */
  likeOverMatchP50: number;
}

export function ratiosOf(exact: Row, floor: Row, like: Row | undefined): Ratios {
  return { exactOverFloorP99: exact.p99 / floor.p99, likeOverMatchP50: like ? like.p50 / exact.p50 : Number.NaN };
}

const times = (v: number): string => (Number.isNaN(v) ? '-' : v >= 100 ? `${Math.round(v).toLocaleString('en')}×` : `${v.toFixed(1)}×`);

/** The three targets of issue 3, each with the measured figure and met / MISSED. */
export function renderTargets(exact: Row, tiers: readonly Row[], like: Row | undefined, floor: Row): string {
  const r = ratiosOf(exact, floor, like);
  const worst = tiers.reduce((a, b) => (b.p99 > a.p99 ? b : a), tiers[0] ?? exact);
  const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  return [
    `exact-hit p99 / floor p99: ${times(r.exactOverFloorP99)} (${formatMicros(exact.p99)} / ${formatMicros(floor.p99)} µs)`,
    `LIKE-scan p50 / exact-hit match p50: ${times(r.likeOverMatchP50)}${like ? ` (${formatMicros(like.p50)} / ${formatMicros(exact.p50)} µs)` : ' (LIKE scan not run)'}`,
    `target exact-hit p99 ≤ ${TARGETS.exactP99} µs: ${formatMicros(exact.p99)} µs — ${verdict(exact.p99 <= TARGETS.exactP99)}`
      + ` (CPU-time p99 ${formatMicros(exact.cpuP99)} µs${exact.cpuP99 <= TARGETS.exactP99 && exact.p99 > TARGETS.exactP99 ? ': the excess is waiting for a core' : ''})`,
    `target every tier p99 ≤ ${TARGETS.anyTierP99} µs: worst ${worst.label} ${formatMicros(worst.p99)} µs — ${verdict(worst.p99 <= TARGETS.anyTierP99)}`,
    `target ≥ ${TARGETS.likeOverMatch.toLocaleString('en')}× faster than the LIKE scan (p50): ${times(r.likeOverMatchP50)} — ${like ? verdict(r.likeOverMatchP50 >= TARGETS.likeOverMatch) : 'not run'}`,
  ].join('\n');
}
