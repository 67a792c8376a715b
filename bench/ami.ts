/**
 * `npm run bench:ami` — issue 7's benchmark of the Asterisk connector's hot path.
 *
 * 1. Throughput: the recorded sessions' events, many copies interleaved (own Uniqueids,
 *    Linkedids, channels and bridges per copy), fed at full speed through the parser, the
 *    pure mapper (the provider's call table) and a snapshot step (JSON of the affected call,
 *    what is pushed to the agent). One thread = one core. Target ≥ 50,000 events/s.
 * 2. Lag at a paced rate (default 1,000 events/s for 60 s; `--seconds 300` for the 5-minute
 *    run): a worker thread sends the stream over real TCP on 127.0.0.1; lag is the time from
 *    the message's write to its snapshot being produced. Target p99 ≤ 5 ms, flat over time.
 *
 * Options: --seconds N (60) --rate R (1000) --copies C (3000) --spread-ms S (copies × 20: about
 * 400 calls in progress) --rounds K (5) --skip-paced
 */
import { connect } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { AmiParser, type AmiMessage } from '../src/telephony/asterisk/ami-parser.js';
import { callKeyOf, reduceAmiCall } from '../src/telephony/asterisk/ami-event-mapper.js';
import { snapshotCall } from '../src/telephony/asterisk/ami-resync.js';
import type { AmiCall, AmiMapperContext } from '../src/telephony/asterisk/ami-call-model.js';
import { interleave, loadTemplates } from './ami-stream.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
};
const SECONDS = arg('seconds', 60);
const RATE = arg('rate', 1000);
const COPIES = arg('copies', 3000);
const ROUNDS = arg('rounds', 5);
const SPREAD_MS = arg('spread-ms', COPIES * 20);
const SKIP_PACED = process.argv.includes('--skip-paced');

const ctx: AmiMapperContext = {
  isAgentDevice: (device) => /^PJSIP\/[0-9]+$/.test(device),
  holdContext: 'cti-hold',
  originateNumber: () => undefined,
};

/** The connector's hot path for one message: map it, store the call, snapshot it if it changed. */
const makeConnector = (stage: 'parse' | 'map' | 'snapshot') => {
  const calls = new Map<string, AmiCall>();
  let events = 0;
  let snapshots = 0;
  let bytes = 0;
  const handle = (m: AmiMessage): boolean => {
    if (stage === 'parse') return false;
    const key = callKeyOf(m);
    if (key === undefined) return false;
    const before = calls.get(key);
    const out = reduceAmiCall(before, m, 0, ctx);
    if (out.call) calls.set(key, out.call);
    else calls.delete(key);
    events += out.events.length;
    if (stage !== 'snapshot' || out.events.length === 0) return false;
    const snapshot = out.call ? snapshotCall(out.call) : { callRef: key, ended: true };
    bytes += JSON.stringify(snapshot ?? { callRef: key }).length;
    snapshots += 1;
    return true;
  };
  return { handle, calls, stats: () => ({ events, snapshots, bytes }) };
};

const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const table = (head: string[], rows: string[][]): string => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
};

const throughput = (): void => {
  const templates = loadTemplates();
  const stream = `Asterisk Call Manager/11.0.0\r\n${interleave(templates, COPIES, SPREAD_MS).join('')}`;
  const buffer = Buffer.from(stream, 'utf8');
  const messages = (stream.match(/\r\n\r\n/g) ?? []).length;
  const CHUNK = 16 * 1024;
  const rows: string[][] = [];
  for (const stage of ['parse', 'map', 'snapshot'] as const) {
    const rates: number[] = [];
    const wallRates: number[] = [];
    let last = { events: 0, snapshots: 0, bytes: 0 };
    let maxCalls = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const connector = makeConnector(stage);
      const parser = new AmiParser({ maxMessageBytes: 256 * 1024, maxHeaders: 1024 });
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < buffer.length; i += CHUNK) {
        for (const frame of parser.push(buffer.subarray(i, i + CHUNK))) {
          if (frame.kind === 'message') connector.handle(frame.message);
        }
        if (connector.calls.size > maxCalls) maxCalls = connector.calls.size;
      }
      const wall = (performance.now() - t0) / 1000;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      // Per core = per CPU-second of this thread; wall time also counts other processes' turns.
      rates.push(messages / cpuSeconds);
      wallRates.push(messages / wall);
      last = connector.stats();
    }
    rates.sort((a, b) => a - b);
    wallRates.sort((a, b) => a - b);
    const label = { parse: 'parser only', map: 'parser + mapper', snapshot: 'parser + mapper + snapshot (JSON)' }[stage];
    rows.push([label, fmt(percentile(rates, 50)), fmt(rates[0] ?? 0), fmt(percentile(wallRates, 50)), fmt(last.events), fmt(last.snapshots), stage === 'parse' ? '-' : fmt(maxCalls)]);
  }
  console.log(`\nThroughput: ${fmt(messages)} AMI events (${fmt(buffer.length / 1e6, 1)} MB), ${fmt(COPIES)} calls started over ${fmt(SPREAD_MS / 1000)} s (interleaved) from ${templates.length} recordings, ${ROUNDS} rounds, one thread`);
  console.log(table(['stage', 'events/s per core (median)', 'worst round', 'wall-clock events/s (median)', 'contract events', 'snapshots', 'max live calls'], rows));
  console.log(`(load average while measuring: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs)`);
};

const paced = async (): Promise<void> => {
  // The worker is TypeScript too: a tiny bootstrap registers tsx in it, then loads the sender.
  const sender = new URL('./ami-sender.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(sender)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { rate: RATE, seconds: SECONDS } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { type: string; port?: number }) => { if (m.type === 'listening') resolve(m.port ?? 0); });
  });
  const clock = (): number => performance.timeOrigin + performance.now();
  const connector = makeConnector('snapshot');
  const parser = new AmiParser({ maxMessageBytes: 256 * 1024, maxHeaders: 1024 });
  // Two lags per snapshot: from the sender's write (end to end over loopback, scheduler
  // delays of the machine included) and from the moment the connector's socket delivered
  // the bytes (the connector's own lag: parse + map + snapshot of what came before it).
  const lags: number[] = [];
  const readLags: number[] = [];
  const buckets = new Map<number, { write: number[]; read: number[] }>();
  const interval = SECONDS >= 120 ? 60 : 10;
  let first = 0;
  let received = 0;
  const socket = connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  const eluStart = performance.eventLoopUtilization();
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.on('data', (chunk) => {
      const readAt = clock();
      for (const frame of parser.push(chunk)) {
        if (frame.kind !== 'message') continue;
        received += 1;
        const sentAt = Number(frame.message.BenchSentAt);
        if (!connector.handle(frame.message) || !Number.isFinite(sentAt)) continue;
        const now = clock();
        if (first === 0) first = sentAt;
        lags.push(now - sentAt);
        readLags.push(now - readAt);
        const bucket = Math.floor((sentAt - first) / 1000 / interval);
        const lists = buckets.get(bucket) ?? { write: [], read: [] };
        lists.write.push(now - sentAt);
        lists.read.push(now - readAt);
        buckets.set(bucket, lists);
      }
    });
  });
  const elu = performance.eventLoopUtilization(eluStart);
  await worker.terminate();
  const cells = (list: readonly number[]): string[] => {
    const sorted = [...list].sort((x, y) => x - y);
    return [fmt(percentile(sorted, 50), 3), fmt(percentile(sorted, 99), 3), fmt(percentile(sorted, 99.9), 3), fmt(sorted[sorted.length - 1] ?? 0, 3)];
  };
  console.log(`\nLag at a paced ${fmt(RATE)} events/s for ${SECONDS} s over TCP 127.0.0.1: ${fmt(received)} events received, ${fmt(lags.length)} snapshots; connector event-loop utilisation ${fmt(elu.utilization * 100, 1)} %; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`);
  console.log(table(['window', 'snapshots', 'write→snapshot p50 ms', 'p99', 'p99.9', 'max', 'read→snapshot p50 ms', 'p99', 'p99.9', 'max'], [
    ...[...buckets.entries()].sort(([a], [b]) => a - b).map(([b, l]) => [`${b * interval}–${(b + 1) * interval} s`, fmt(l.write.length), ...cells(l.write), ...cells(l.read)]),
    ['whole run', fmt(lags.length), ...cells(lags), ...cells(readLags)],
  ]));
};

console.log(`bench:ami — Node ${process.version}, ${process.platform}/${process.arch}`);
throughput();
if (!SKIP_PACED) await paced();
