/**
 * In-process screen-pop measurement of the CTI core (not a test; run it by hand):
 *
 *   npx tsx test/cti/screenpop-inprocess.ts [agents] [callsPerSecond] [seconds] [stalledPercent]
 *
 * The real simulated phone system injects incoming calls at the given rate, round-robin
 * over the agents' extensions; the registry matches each caller against an in-memory
 * book of 1,000,000 persons, and the agent hub pushes snapshots to one socket per agent.
 * It prints p50/p99/p99.9 of "provider event emitted → first snapshot handed to the
 * agent's socket", the event-loop delay, RSS, and the hub's coalescing figures. Stalled
 * sockets report a huge `bufferedAmount` and never drain.
 *
 * What it does NOT measure: WebSocket framing and a separate client process (that is the
 * `npm run bench:screenpop` of issue 4, built with the server).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { AgentHub, type AgentSocket } from '../../src/cti/agent-hub.js';
import { CallRegistry } from '../../src/cti/call-registry.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from '../../src/cti/phone-ports.js';
import type { CallLogStore, DeviceDirectory, DeviceUser } from '../../src/cti/ports.js';
import { defaultLocation, type IndexRow } from '../../src/phone/index.js';
import { SimProvider } from '../../src/telephony/sim/sim-provider.js';

const [agents = 1_000, rate = 50, seconds = 10, stalledPct = 0] = process.argv.slice(2).map(Number);
const PERSONS = 1_000_000;

const extensions = Array.from({ length: agents }, (_, i) => String(100_000 + i));
const users = new Map<string, DeviceUser>(extensions.map((d, i) => [d, { userId: i + 1, device: d, extension: d, ctiEnabled: true }]));
const byUser = new Map([...users.values()].map((u) => [u.userId, u]));
const directory: DeviceDirectory = { byDevice: (d) => users.get(d), byUser: (id) => byUser.get(id) };

// One million persons in a phone index keyed like the database's (E.164 digits); the
// real matcher (src/phone) computes the candidate keys and ranks the rows. The index is
// arithmetic here (person i has +44 20 7000 0000 + i): in the product it lives in the
// database, and a million row objects on this heap would only measure V8's major GCs.
const location = defaultLocation('GB', '20', '9', 6);
const FIRST = 442070_000_000;
const lookup = async (keys: string[]): Promise<IndexRow[]> => keys.flatMap((key) => {
  const n = Number(key) - FIRST;
  return key.length === 12 && n >= 0 && n < PERSONS
    ? [{ key, ownerType: 'person' as const, ownerId: n + 1, name: `Person ${n + 1}`, phone: `+${key}`, field: 'phone' }]
    : [];
});
const matcher = createCallerIdMatcher(() => location, lookup);

// The call log's cost belongs to the database; here it only counts the writes.
let logWrites = 0;
const callLog: CallLogStore = { upsert: async () => { logWrites += 1; }, listOpen: async () => [] };

const emittedAt = new Map<string, number>();
const latencies: number[] = [];
const healthyLatencies: number[] = [];
let stalledSockets = 0;
let matchedPops = 0;
const stalledDevices = new Set<string>();
let toHealthy = 0;

class BenchSocket implements AgentSocket {
  readonly seen = new Set<string>();
  constructor(readonly bufferedAmount: number) {}
  send(text: string): void {
    const id = /"id":"(sim-\d+)"/.exec(text)?.[1];
    if (id === undefined || this.seen.has(id)) return;
    this.seen.add(id);
    if (text.includes('"matches":[{"type":"person"')) matchedPops += 1;
    const t0 = emittedAt.get(id);
    if (t0 !== undefined) {
      const ms = performance.now() - t0;
      latencies.push(ms);
      if (this.bufferedAmount === 0) healthyLatencies.push(ms);
    }
  }
  close(): void {}
}

const logger = pino({ level: 'silent' });
const sim = new SimProvider({ config: { extensions } });
const late: { hub?: AgentHub } = {};
const registry = new CallRegistry({
  logger, matcher, numbers: createPhoneNumberPlan(() => location), callLog, directory,
  sink: { publish: (s) => late.hub?.publish(s), providerStatus: (st) => late.hub?.providerStatus(st) },
});
const hub = new AgentHub({ directory, calls: registry, logger });
late.hub = hub;
// Stamp the moment the provider emits the agent's `delivered` (listeners run in order).
sim.onEvent((e) => {
  if (e.type === 'delivered' && e.remote !== true) emittedAt.set(e.callRef, performance.now());
});
registry.attach(sim);
await sim.start();
for (const u of users.values()) {
  const stalled = (u.userId % 100) < stalledPct;
  if (stalled) {
    stalledSockets += 1;
    stalledDevices.add(u.device);
  }
  const s = new BenchSocket(stalled ? 1e9 : 0);
  hub.connect(s, u.userId);
  await hub.receive(s, '{"type":"cti","online":true}');
}

const lag = monitorEventLoopDelay({ resolution: 1 });
lag.enable();
const total = rate * seconds;
let placed = 0;
const started = performance.now();
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (placed < due) {
      const to = extensions[placed % extensions.length] as string;
      if (!stalledDevices.has(to)) toHealthy += 1;
      sim.world.injectIncoming(`+${FIRST + ((placed * 7919) % PERSONS)}`, to, { abandonAfterMs: 1_000 });
      placed += 1;
    }
    if (placed >= total) {
      clearInterval(tick);
      resolve();
    }
  }, 1);
});
await new Promise((r) => setTimeout(r, 1_500));
await registry.idle();
lag.disable();

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
console.log(JSON.stringify({
  agents, callsPerSecond: rate, seconds, stalledSockets, calls: total,
  screenPopsReceived: latencies.length, withPersonMatched: matchedPops, lostToHealthy: toHealthy - healthyLatencies.length,
  p50ms: +pct(healthyLatencies, 50).toFixed(3), p99ms: +pct(healthyLatencies, 99).toFixed(3), p999ms: +pct(healthyLatencies, 99.9).toFixed(3),
  eventLoopDelayP99ms: +(lag.percentile(99) / 1e6).toFixed(3), eventLoopDelayMaxMs: +(lag.max / 1e6).toFixed(3),
  rssMB: Math.round(process.memoryUsage().rss / 1e6), hub: hub.stats(), logWrites,
}));
await sim.stop();
