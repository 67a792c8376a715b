/**
 * The figures of `npm run bench:screenpop` (pure): pop latencies of the healthy agents,
 * events lost, and the printed table with the targets beside.
 */
import { percentile } from '../support/stats.js';
import type { Injection, LoadDone, Received } from './protocol.js';

export interface StepResult {
  name: string;
  agents: number;
  rate: number;
  stalled: number;
  calls: number;
  /** Healthy agents' calls whose screen pop never arrived. */
  lostPops: number;
  /** Healthy agents' calls whose end never arrived. */
  lostEnds: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** p99 counted from when each call was due: includes the time a blocked loop held the injection back. */
  p99FromDue: number;
  server: LoadDone;
  clientRssMb: number;
  wallSeconds: number;
  /** What the stalled sockets got once they read again. */
  resumed?: { maxBytes: number; totalBytes: number; unended: number };
}

/** Provider event (injection) → first snapshot received, for every call of a healthy agent. */
export function popLatencies(injections: readonly Injection[], received: readonly Received[], stalled: ReadonlySet<number>): { latencies: number[]; fromDue: number[]; lostPops: number; lostEnds: number } {
  const bySocket = new Map(received.map((r) => [r.socket, new Map(r.calls.map(([id, first, ended]) => [id, { first, ended }]))]));
  const latencies: number[] = [];
  const fromDue: number[] = [];
  let lostPops = 0;
  let lostEnds = 0;
  for (const inj of injections) {
    if (stalled.has(inj.agent)) continue;
    const seen = bySocket.get(inj.agent)?.get(inj.callId);
    if (seen === undefined) {
      lostPops += 1;
      lostEnds += 1;
      continue;
    }
    latencies.push(seen.first - inj.at);
    fromDue.push(seen.first - Math.min(inj.at, inj.due));
    if (seen.ended === 0) lostEnds += 1;
  }
  return { latencies, fromDue, lostPops, lostEnds };
}

export function summariseStep(
  name: string, agents: number, rate: number, stalled: ReadonlySet<number>, server: LoadDone, received: readonly Received[], clientRssMb: number, wallSeconds: number,
  resumed?: StepResult['resumed'],
): StepResult {
  const { latencies, fromDue, lostPops, lostEnds } = popLatencies(server.injections, received, stalled);
  const sorted = latencies.sort((a, b) => a - b);
  const sortedFromDue = fromDue.sort((a, b) => a - b);
  return {
    name, agents, rate, stalled: stalled.size, calls: server.injections.length, lostPops, lostEnds,
    p50: percentile(sorted, 50), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9), max: sorted.at(-1) ?? Number.NaN,
    p99FromDue: percentile(sortedFromDue, 99),
    server, clientRssMb, wallSeconds, ...(resumed === undefined ? {} : { resumed }),
  };
}

const f = (v: number): string => (Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

function grid(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The p99 target of a step: 10 ms at the 1,000-agent size, 50 ms at the large site. */
export const p99Target = (agents: number): number => (agents >= 10_000 ? 50 : 10);

export function latencyTable(steps: readonly StepResult[]): string {
  return grid(
    ['step', 'agents', 'calls/s', 'stalled', 'calls', 'lost', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'p99 target', 'p99 from due', 'loop p99 ms', 'loop max ms', 'RSS max MB', 'step s'],
    steps.map((s) => [
      s.name, String(s.agents), String(s.rate), String(s.stalled), String(s.calls), String(s.lostPops + s.lostEnds),
      f(s.p50), f(s.p99), f(s.p999), f(s.max), `≤ ${p99Target(s.agents)} ${verdict(s.p99 <= p99Target(s.agents))}`, f(s.p99FromDue),
      f(s.server.loopDelayMs.p99), f(s.server.loopDelayMs.max), String(s.server.rssMb.max), s.wallSeconds.toFixed(0),
    ]),
  );
}

export function stalledLines(normal: StepResult, stalled: StepResult, maxPendingPerSocket: number): string[] {
  const ratio = stalled.p99 / normal.p99;
  const h = stalled.server.hub;
  return [
    `healthy p99 with ${stalled.stalled} stalled sockets / without: ${f(stalled.p99)} / ${f(normal.p99)} ms = ${ratio.toFixed(2)}   (target ≤ 1.10: ${verdict(ratio <= 1.1)})`,
    `events lost to healthy agents: ${stalled.lostPops} pops + ${stalled.lostEnds} ends with stalled sockets, ${normal.lostPops + normal.lostEnds} without   (target 0: ${verdict(stalled.lostPops + stalled.lostEnds + normal.lostPops + normal.lostEnds === 0)})`,
    `memory per stalled socket: hub pending ≤ ${f(h.maxPendingPerStalled)} messages (cap ${maxPendingPerSocket}; ${h.maxStalledSockets} sockets seen stalled by the hub, ${h.coalesced} messages coalesced), `
      + `server-side ws buffer max ${(stalled.server.maxBufferedBytes / 1024).toFixed(0)} KiB   (target bounded: ${verdict(h.maxPendingPerStalled <= maxPendingPerSocket + 2)})`,
    ...(stalled.resumed === undefined ? [] : [
      `stalled sockets read again: at most ${(stalled.resumed.maxBytes / 1024).toFixed(1)} KiB had waited for one socket (kernel + server buffers, `
        + `${(stalled.resumed.totalBytes / 1024).toFixed(0)} KiB for all ${stalled.stalled}); calls they never saw end: ${stalled.resumed.unended}`,
    ]),
  ];
}
