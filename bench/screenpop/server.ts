/**
 * The server process of `npm run bench:screenpop`: the real app (`createApp`, real
 * HTTP/WebSocket server on 127.0.0.1, the real SQLite database of 1,000,000 persons)
 * with the simulated phone system on the real clock, one extension per agent device.
 * Driven by the conductor over IPC (protocol.ts): it creates the agents and their
 * sessions, then injects incoming calls at the asked rate and reports, per call, the
 * wall-clock time of the injection (taken here, in the harness, just before the provider
 * emits its events), with the event-loop delay, RSS and the agent hub's figures.
 *
 * Agents: N CTI users inserted directly in the users table with ONE scrypt hash computed
 * once and shared (10,000 hashes would take minutes), and a session each created with the
 * product's own SessionStore: the sockets authenticate with real session cookies.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createApp, type App } from '../../src/cli/create-app.js';
import { loadConfig } from '../../src/config.js';
import { benchNumber } from '../../src/crm/demo/bulk-seed.js';
import { hashPassword } from '../../src/crm/passwords.js';
import { phoneIndexLookup } from '../../src/crm/phone-index.js';
import { locationOf, phoneContextOf, phoneKeyer } from '../../src/crm/phone-settings.js';
import { reindexPhones } from '../../src/crm/reindex.js';
import { createCallerIdMatcher } from '../../src/cti/phone-ports.js';
import { SessionStore, SESSION_COOKIE } from '../../src/server/sessions.js';
import { SimProvider } from '../../src/telephony/sim/sim-provider.js';
import type { FromServer, Injection, LoadDone, RunLoad, ToServer } from './protocol.js';

/**
 * The histogram records the time between its timer's runs, resolution included (an idle
 * loop reads ~LOOP_RESOLUTION_MS): the lag is what exceeds it.
 */
const LOOP_RESOLUTION_MS = 5;
const lag = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

const wall = (): number => performance.timeOrigin + performance.now();
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

export const deviceOf = (agent: number): string => String(200_000 + agent);
export const loginOf = (agent: number): string => `screenpop-${String(agent).padStart(5, '0')}`;

const send = (m: FromServer): void => {
  process.send?.(m);
};

/** The bench data set's callers must match a person: check the caller-ID keys are current. */
async function checkKeys(app: App, persons: number): Promise<{ checked: number; reindexed: boolean }> {
  const matcher = createCallerIdMatcher(() => locationOf(app.services.settings.get()), phoneIndexLookup(app.db).async);
  const sample = Array.from({ length: 50 }, (_, i) => Math.floor((i * persons) / 50) + 3);
  const missing = async () => {
    let n = 0;
    for (const p of sample) {
      const m = await matcher.match(benchNumber(p).e164);
      if (!m.matches.some((x) => x.type === 'person')) n += 1;
    }
    return n;
  };
  if ((await missing()) === 0) return { checked: sample.length, reindexed: false };
  process.stderr.write('bench:screenpop: caller-ID keys of the data set are stale; rebuilding the index (npm run reindex)…\n');
  await reindexPhones(app.db, phoneKeyer(phoneContextOf(app.services.settings.get())));
  const still = await missing();
  if (still > 0) throw new Error(`${still} of ${sample.length} sample callers match no person even after reindexing`);
  return { checked: sample.length, reindexed: true };
}

/** Creates the agents that do not exist yet (one shared hash), and a fresh session for each. */
async function prepareAgents(app: App, agents: number): Promise<{ cookies: string[]; created: number }> {
  const k = app.db.kysely;
  const existing = new Set((await k.selectFrom('users').select('login').where('login', 'like', 'screenpop-%').execute()).map((r) => r.login));
  const missing = Array.from({ length: agents }, (_, i) => i).filter((i) => !existing.has(loginOf(i)));
  if (missing.length > 0) {
    const hash = await hashPassword(`screenpop-${Date.now()}`);
    const now = new Date().toISOString();
    for (let from = 0; from < missing.length; from += 500) {
      const rows = missing.slice(from, from + 500).map((i) => ({
        login: loginOf(i), name: `Screenpop Agent ${i}`, email: null, password_hash: hash, role: 'agent' as const,
        phone: null, extension: null, locale: 'en' as const, cti_enabled: 1, cti_device: deviceOf(i),
        cti_call_screen: 'person-summary', always_show_call_screen: 0, created_at: now, updated_at: now,
      }));
      await k.insertInto('users').values(rows).execute();
    }
  }
  const ids = new Map((await k.selectFrom('users').select(['id', 'login']).where('login', 'like', 'screenpop-%').execute()).map((r) => [r.login, r.id]));
  // Sessions of earlier runs are of no use: start clean.
  await k.deleteFrom('sessions').where('user_id', 'in', k.selectFrom('users').select('id').where('login', 'like', 'screenpop-%')).execute();
  const sessions = new SessionStore(app.db, 24);
  const cookies: string[] = [];
  for (let i = 0; i < agents; i++) {
    const id = ids.get(loginOf(i));
    if (id === undefined) throw new Error(`agent ${loginOf(i)} was not created`);
    const { token } = await sessions.create(id);
    cookies.push(`${SESSION_COOKIE}=${token}`);
  }
  // Direct inserts do not go through UserService: tell the CTI's directory.
  await app.cti.directory.refresh();
  return { cookies, created: missing.length };
}

interface ServerSockets { clients: Set<{ bufferedAmount: number }> }

async function runLoad(app: App, sim: SimProvider, persons: number, r: RunLoad): Promise<LoadDone> {
  const injections: Injection[] = [];
  const ended = new Set<string>();
  const agentDevices = new Set(Array.from({ length: r.agents }, (_, i) => deviceOf(i)));
  const off = sim.onEvent((e) => {
    if (e.type === 'connection-cleared' && agentDevices.has(e.device)) ended.add(e.callRef);
  });
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const wss = (app.server as unknown as { websocketServer: ServerSockets }).websocketServer;
  const rssStart = process.memoryUsage.rss();
  const figures = { rssMax: rssStart, maxStalled: 0, maxPending: 0, maxPendingPerStalled: 0, maxBuffered: 0 };
  const sample = setInterval(() => {
    figures.rssMax = Math.max(figures.rssMax, process.memoryUsage.rss());
    const h = app.cti.hub.stats();
    figures.maxStalled = Math.max(figures.maxStalled, h.stalled);
    figures.maxPending = Math.max(figures.maxPending, h.pendingMessages);
    if (h.stalled > 0) figures.maxPendingPerStalled = Math.max(figures.maxPendingPerStalled, h.pendingMessages / h.stalled);
    for (const c of wss.clients) figures.maxBuffered = Math.max(figures.maxBuffered, c.bufferedAmount);
  }, 250);
  const hubBefore = app.cti.hub.stats();
  loop.enable();
  let refused = 0;
  const total = Math.round(r.callsPerSecond * r.seconds);
  const started = performance.now();
  const startedWall = wall();
  await new Promise<void>((done) => {
    // A 1 ms tick injects every call that is due by now: the rate holds whatever the timer granularity.
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * r.callsPerSecond) / 1000));
      while (injections.length + refused < due) {
        const n = injections.length + refused;
        const agent = n % r.agents;
        // Spread the callers over the whole data set: every caller ID is a person's number.
        const caller = benchNumber((n * 7_919) % persons).e164;
        const at = wall();
        try {
          const { callRef } = sim.world.injectIncoming(caller, deviceOf(agent), { abandonAfterMs: r.ringMs });
          injections.push({ callId: callRef, agent, at, due: startedWall + (n * 1_000) / r.callsPerSecond });
        } catch {
          refused += 1;
        }
      }
      if (injections.length + refused >= total) {
        clearInterval(tick);
        done();
      }
    }, 1);
  });
  const seconds = (performance.now() - started) / 1000;
  // Every call ends by itself (the caller gives up after ringMs): wait for the last one.
  for (let i = 0; ended.size < injections.length && i < (r.ringMs + 60_000) / 50; i++) await new Promise((ok) => setTimeout(ok, 50));
  const drainStart = performance.now();
  await app.cti.registry.idle();
  const drainMs = performance.now() - drainStart;
  loop.disable();
  clearInterval(sample);
  off();
  const hub = app.cti.hub.stats();
  return {
    type: 'done', injections, refused, seconds,
    loopDelayMs: { p50: lag(loop.percentile(50)), p99: lag(loop.percentile(99)), max: lag(loop.max) },
    rssMb: { start: mb(rssStart), max: mb(figures.rssMax), end: mb(process.memoryUsage.rss()) },
    hub: {
      sessions: hub.sessions, maxStalledSockets: figures.maxStalled, maxPendingMessages: figures.maxPending,
      maxPendingPerStalled: figures.maxPendingPerStalled, coalesced: hub.coalesced - hubBefore.coalesced, sent: hub.sent - hubBefore.sent,
    },
    maxBufferedBytes: figures.maxBuffered,
    callsLeft: injections.length - ended.size,
    drainMs,
  };
}

async function main(): Promise<void> {
  const [url, maxAgentsArg, personsArg] = process.argv.slice(2);
  if (!url || !maxAgentsArg || !personsArg) throw new Error('usage: server.ts <database-url> <max-agents> <persons>');
  const maxAgents = Number(maxAgentsArg);
  const persons = Number(personsArg);
  const t0 = performance.now();
  const sim = new SimProvider({ config: { extensions: Array.from({ length: maxAgents }, (_, i) => deviceOf(i)) } });
  const app = await createApp(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }), { webRoot: '/nonexistent', cti: { provider: sim } });
  const keys = await checkKeys(app, persons);
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.server.address();
  send({
    type: 'ready', port: typeof address === 'object' && address ? address.port : 0, persons,
    keysChecked: keys.checked, reindexed: keys.reindexed, startupMs: performance.now() - t0,
  });
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('message', (m: ToServer) => {
    const handle = async (): Promise<void> => {
      switch (m.type) {
        case 'prepare': {
          const t = performance.now();
          const { cookies, created } = await prepareAgents(app, m.agents);
          send({ type: 'prepared', cookies, devices: cookies.map((_, i) => deviceOf(i)), created, ms: performance.now() - t });
          return;
        }
        case 'run':
          send(await runLoad(app, sim, persons, m));
          return;
        case 'stop':
          stop();
      }
    };
    handle().catch((e: unknown) => send({ type: 'error', message: (e as Error).stack ?? String(e) }));
  });
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

main().catch((e: unknown) => {
  send({ type: 'error', message: (e as Error).stack ?? String(e) });
  process.stderr.write(`bench:screenpop server failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
