/**
 * `npm run bench:screenpop [-- --help]` — screen pop at scale (issue 4).
 *
 * Three processes on one machine: this conductor; the real server (bench/screenpop/
 * server.ts: createApp on the API bench's SQLite file of 1,000,000 persons, copied so the
 * run's call log does not grow it, with the simulated phone system); and a separate client
 * process (bench/screenpop/clients.ts) holding one real WebSocket per agent, authenticated
 * by session cookies, CTI window open.
 *
 * Steps (defaults = the issue's figures; flags shorten them):
 *   1. 1,000 agents, 50 incoming calls/s for 60 s, every caller a person of the data set;
 *   2. the same with 5 % of the sockets stalled (the client stops reading them);
 *   3. the large site: 10,000 agents, 500 calls/s.
 * Every call rings an agent (round-robin) for 3 s, then its caller hangs up: calls end,
 * the live call count stays bounded, and each call is logged as missed.
 *
 * Measured: provider event → snapshot received by the agent's socket (the server harness
 * stamps the injection time just before the simulated PBX emits its events; the client
 * stamps the receive time; one machine clock, `performance.timeOrigin + performance.now()`),
 * p50/p99/p99.9 for healthy agents, events lost to them (pops and ends), the server's
 * event-loop delay and RSS, the agent hub's pending messages per stalled socket. Prints a
 * table with the targets beside; asserts nothing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { constants, copyFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { progressBar } from '../src/cli/seed.js';
import { DEFAULT_ARGS, parseArgs, stalledAgents, USAGE, type ScreenpopArgs } from './screenpop/args.js';
import type { AgentsPrepared, FromClients, FromServer, LoadDone, ServerReady, ToClients, ToServer } from './screenpop/protocol.js';
import { latencyTable, stalledLines, summariseStep, type StepResult } from './screenpop/report.js';
import { ensureDataSet } from './support/bench-data.js';

/** The agent hub's cap on coalesced messages per stalled socket (src/cti/agent-hub.ts default). */
const HUB_MAX_PENDING = 32;

interface Child<In, Out> {
  process: ChildProcess;
  /** Sends `message` (unless null) and resolves with the child's next message of type `answer`. */
  ask<T extends Out>(message: In | null, answer: string): Promise<T>;
}

function start<In, Out extends { type: string }>(script: string, args: string[], execArgv: string[] = []): Child<In, Out> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T extends Out>(message: In | null, answer: string): Promise<T> => new Promise((resolve, reject) => {
    const onMessage = (m: Out) => {
      if (m.type !== answer && m.type !== 'error') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (m.type === 'error') reject(new Error(`${script}: ${(m as unknown as { message: string }).message}`));
      else resolve(m as T);
    };
    const onExit = (code: number | null) => reject(new Error(`${script} exited with ${String(code)}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message !== null) child.send(message as object);
  });
  return { process: child, ask };
}

const stop = (child: ChildProcess): Promise<void> => new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) {
    resolve();
    return;
  }
  child.once('exit', () => resolve());
  child.kill('SIGTERM');
});

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function step(
  name: string, agents: number, rate: number, seconds: number, stalledPercent: number, a: ScreenpopArgs,
  server: Child<ToServer, FromServer>, clients: Child<ToClients, FromClients>, url: string,
): Promise<StepResult> {
  const t = performance.now();
  say(`${name}: ${agents} agents, ${rate} calls/s for ${seconds} s${stalledPercent > 0 ? `, ${stalledPercent} % stalled` : ''}`);
  const prepared = await server.ask<AgentsPrepared>({ type: 'prepare', agents }, 'prepared');
  say(`  agents ready in ${(prepared.ms / 1000).toFixed(1)} s (${prepared.created} created, ${agents} sessions)`);
  const opened = await clients.ask<Extract<FromClients, { type: 'opened' }>>({ type: 'open', url, cookies: prepared.cookies }, 'opened');
  say(`  ${opened.sockets} sockets CTI online in ${(opened.ms / 1000).toFixed(1)} s`);
  const stalled = stalledAgents(agents, stalledPercent);
  if (stalled.length > 0) await clients.ask({ type: 'stall', indices: stalled }, 'stalled');
  const done = await server.ask<LoadDone>({ type: 'run', agents, callsPerSecond: rate, seconds, ringMs: a.ringMs }, 'done');
  say(`  ${done.injections.length} calls in ${done.seconds.toFixed(1)} s (${done.refused} refused, ${done.callsLeft} not ended), call log drained ${done.drainMs.toFixed(0)} ms after the last call ended`);
  const resumed = stalled.length === 0 ? undefined
    : await clients.ask<Extract<FromClients, { type: 'resumed' }>>({ type: 'resume', indices: stalled }, 'resumed');
  const collected = await clients.ask<Extract<FromClients, { type: 'collected' }>>({ type: 'collect' }, 'collected');
  await clients.ask({ type: 'close' }, 'closed');
  return summariseStep(name, agents, rate, new Set(stalled), done, collected.received, collected.rssMb, (performance.now() - t) / 1000,
    resumed === undefined ? undefined : { maxBytes: resumed.maxBytes, totalBytes: resumed.totalBytes, unended: resumed.unended });
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const a = parseArgs(process.argv.slice(2));
  const began = performance.now();
  const source = a.file ?? `/tmp/switchboard-bench-${a.persons}.db`;
  const data = await ensureDataSet(source, a.persons, progressBar(process.stderr, 'seeding persons'));
  const copy = `/tmp/switchboard-screenpop-${process.pid}.db`;
  const tCopy = performance.now();
  copyFileSync(source, copy, constants.COPYFILE_FICLONE);
  say(`data set ${source} (${data.seededNow ? 'seeded now' : 'reused'}), copied to ${copy} in ${((performance.now() - tCopy) / 1000).toFixed(1)} s`);
  const maxAgents = a.skipLarge ? a.agents : Math.max(a.agents, a.largeAgents);
  const server = start<ToServer, FromServer>('./screenpop/server.ts', [`sqlite:${copy}`, String(maxAgents), String(data.persons)],
    a.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${a.profile}`]);
  const clients = start<ToClients, FromClients>('./screenpop/clients.ts', []);
  try {
    const ready = await server.ask<ServerReady>(null, 'ready');
    say(`server up in ${(ready.startupMs / 1000).toFixed(1)} s; caller-ID keys ${ready.reindexed ? 'were stale: reindexed' : 'current'} (${ready.keysChecked} sample callers match a person)`);
    const url = `ws://127.0.0.1:${ready.port}`;
    const load0 = loadavg()[0] ?? 0;
    const steps: StepResult[] = [];
    steps.push(await step('1. normal', a.agents, a.rate, a.seconds, 0, a, server, clients, url));
    steps.push(await step(`2. ${a.stalledPercent} % stalled`, a.agents, a.rate, a.seconds, a.stalledPercent, a, server, clients, url));
    if (!a.skipLarge) steps.push(await step('3. large site', a.largeAgents, a.largeRate, a.largeSeconds, 0, a, server, clients, url));
    const cpu = cpus();
    const [normal, withStalled] = steps as [StepResult, StepResult];
    process.stdout.write([
      '',
      `Switchboard screen-pop benchmark — ${new Date().toISOString()}`,
      `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, load average ${load0.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`,
      `data: ${data.persons.toLocaleString('en')} persons, ${data.indexRows.toLocaleString('en')} caller-ID keys (SQLite, ${(data.bytes / 2 ** 20).toFixed(0)} MB); every caller is a person's number`,
      `load: calls ring ${a.ringMs / 1000} s then the caller hangs up (logged as missed); server, clients and conductor in 3 processes`,
      `latency: provider event (injection) → first snapshot received by the agent's socket, healthy agents only`,
      '',
      latencyTable(steps),
      '',
      ...stalledLines(normal, withStalled, HUB_MAX_PENDING),
      `server RSS per step (start → max → end MB): ${steps.map((s) => `${s.server.rssMb.start} → ${s.server.rssMb.max} → ${s.server.rssMb.end}`).join(';  ')}; client RSS: ${steps.map((s) => s.clientRssMb).join(', ')} MB`,
      `event-loop delay p50 per step: ${steps.map((s) => s.server.loopDelayMs.p50.toFixed(2)).join(', ')} ms; messages sent by the hub: ${steps.map((s) => s.server.hub.sent).join(', ')}`,
      `total ${((performance.now() - began) / 1000).toFixed(0)} s${a.seconds !== DEFAULT_ARGS.seconds || a.agents !== DEFAULT_ARGS.agents || a.rate !== DEFAULT_ARGS.rate || a.skipLarge ? ' (shortened run: not the issue\'s figures)' : ''}`,
      '',
    ].join('\n'));
  } finally {
    await stop(clients.process);
    await stop(server.process);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:screenpop failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
