/**
 * `npm run bench:api [-- --persons N] [--connections C] [--requests R] [--max-seconds S] [--file PATH]`
 *
 * Latency and throughput of the HTTP API on a large data set: person search by name
 * prefix and by phone digits, with `/healthz` as the baseline of the stack itself.
 * The app runs in a child process (its own event loop and core); this process is the
 * load generator, over real sockets with keep-alive. Prints a table; asserts nothing.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { progressBar } from '../src/cli/seed.js';
import { ensureDataSet, nameQueries, phoneQueries } from './support/bench-data.js';
import type { ServerReady } from './support/app-server.js';
import { runLoad } from './support/http-load.js';
import { summarise, table, type Summary } from './support/stats.js';

interface Args { persons: number; connections: number; requests: number; maxSeconds: number; file?: string }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { persons: 1_000_000, connections: 8, requests: 4000, maxSeconds: 60 };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = (argv[i] ?? '').split('=', 2);
    const value = inline ?? argv[++i] ?? '';
    const num = Number(value.replace(/[_,]/g, ''));
    if (name === '--persons') args.persons = num;
    else if (name === '--connections') args.connections = num;
    else if (name === '--requests') args.requests = num;
    else if (name === '--max-seconds') args.maxSeconds = num;
    else if (name === '--file') args.file = value;
    else throw new Error(`unknown option ${name}`);
  }
  return args;
}

function startServer(url: string): Promise<{ ready: ServerReady; stop: () => Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./support/app-server.ts', import.meta.url)), [url], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ ready: m as ServerReady, stop }));
    child.once('exit', (code) => reject(new Error(`app server exited with ${String(code)}`)));
  });
}

async function login(port: number, user: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: user, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

async function scenario(name: string, port: number, paths: string[], concurrency: number, headers: Record<string, string>, countHits: boolean, maxSeconds: number): Promise<Summary> {
  // Warm-up: JIT, SQLite page cache, prepared statements. Not measured.
  await runLoad({ port, paths: paths.slice(0, Math.min(300, paths.length)), concurrency, headers, countHits: false, maxSeconds: maxSeconds / 4 });
  const r = await runLoad({ port, paths, concurrency, headers, countHits, maxSeconds });
  return summarise(name, r.latenciesMs, r.errors, concurrency, r.seconds, countHits ? r.hits / Math.max(r.bodies, 1) : undefined);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = args.file ?? `/tmp/switchboard-bench-${args.persons}.db`;
  const data = await ensureDataSet(file, args.persons, progressBar(process.stderr, 'seeding persons'));
  const { ready, stop } = await startServer(data.url);
  try {
    const headers = await login(ready.port, ready.login, ready.password);
    const load0 = loadavg()[0] ?? 0;
    const n = args.requests;
    const rows: Summary[] = [];
    rows.push(await scenario('GET /healthz (baseline)', ready.port, Array.from({ length: n * 5 }, () => '/healthz'), args.connections, {}, false, args.maxSeconds));
    rows.push(await scenario('persons?q=<name prefix>', ready.port, nameQueries(n, data.persons, data.home), args.connections, headers, true, args.maxSeconds));
    rows.push(await scenario('persons?phone=<digits>', ready.port, phoneQueries(n, data.persons), args.connections, headers, true, args.maxSeconds));
    rows.push(await scenario('persons?q=… (1 connection)', ready.port, nameQueries(Math.floor(n / 4), data.persons, data.home, 99), 1, headers, true, args.maxSeconds));
    rows.push(await scenario('persons?phone=… (1 connection)', ready.port, phoneQueries(Math.floor(n / 4), data.persons, 99), 1, headers, true, args.maxSeconds));
    const load1 = loadavg()[0] ?? 0;
    const cpu = cpus();
    process.stdout.write([
      '',
      `Switchboard API benchmark — ${new Date().toISOString()}`,
      `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, load average ${load0.toFixed(2)} → ${load1.toFixed(2)}`,
      `data: ${data.persons.toLocaleString('en')} persons, ${data.companies.toLocaleString('en')} companies, ${data.phones.toLocaleString('en')} phones, `
        + `${data.indexRows.toLocaleString('en')} caller-ID keys; SQLite ${(data.bytes / 2 ** 20).toFixed(0)} MB at ${data.file}${data.seededNow ? ' (seeded now)' : ' (reused)'}`,
      `load: closed loop, ${args.connections} keep-alive connections unless noted, app in a child process; search limit 50; at most ${args.maxSeconds} s per scenario`,
      '',
      table(rows),
      '',
    ].join('\n'));
  } finally {
    await stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:api failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
