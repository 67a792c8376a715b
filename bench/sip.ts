/**
 * SIP provider benchmark (issue 6): sipp UAC → Switchboard B2BUA → sipp UAS (the trunk),
 * ramped until the first failures, with the CTI call model and call logging attached as
 * the product wires them (CallRegistry, caller-ID match on the phone index and the call
 * log in a real SQLite database; `--in-memory-log` swaps in the in-memory ports). The SIP
 * provider runs in a worker thread (`WorkerSipProvider`) with the CTI core and the
 * database on the main thread; `--in-thread` puts everything on one thread. Every call is
 * digest-authenticated (407 then INVITE with credentials: toll-fraud protection) and its
 * media anchored on a relay. CPU per call counts every thread of the process. Prints,
 * per rate, calls ok/failed and the setup delay (INVITE → 180/200) p50/p99, and at the
 * end the highest rate sustained with zero failures, the delay added at `--delay-rate`
 * versus sipp UAC → UAS direct, and memory per active call (from a separate run at
 * `--delay-rate`: the full collections it needs would stall the timed runs). The same
 * ramp through Kamailio (stateful proxy, from Debian) is the reference.
 *
 *   node --expose-gc --import tsx bench/sip.ts [--seconds 60] [--rates 100,200,…,1200,1400,1600,2000] [--delay-rate 200] [--hold-ms 2000] [--no-cti | --in-memory-log] [--in-thread] [--no-kamailio]
 */
import { loadavg } from 'node:os';
import { SipProvider } from '../src/telephony/sip/sip-provider.js';
import { WorkerSipProvider } from '../src/telephony/sip/sip-worker-provider.js';
import { defaultSipConfig, InMemoryAccountStore } from '../src/telephony/sip/sip-config.js';
import { freePort, hasBinary } from '../test/sip/support/peers.js';
import { attachCti, attachCtiInMemory, percentile, runUac, startKamailio, startUas, stop, uacScenario, type SippRun } from './sip-bench-support.js';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? def) : def;
};
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const seconds = Number(arg('seconds', '60'));
const rates = arg('rates', '100,200,300,400,500,600,800,1000,1200,1400,1600,2000').split(',').map(Number);
const delayRate = Number(arg('delay-rate', '200'));
const holdMs = Number(arg('hold-ms', '2000'));

// sipp's cumulative rate counts the last calls' hold time too: expect rate·s/(s + hold)
const sustained = (r: SippRun, rate: number): boolean => r.failed === 0 && r.ok === rate * seconds && r.achieved >= 0.9 * (rate * seconds) / (seconds + holdMs / 1000);
const row = (label: string, rate: number, r: SippRun, extra = ''): string =>
  `${label.padEnd(12)} ${String(rate).padEnd(6)} ${r.achieved.toFixed(0).padEnd(9)} ${String(r.ok).padEnd(8)} ${String(r.failed).padEnd(7)} ${String(percentile(r.delays, 50)).padEnd(8)} ${String(percentile(r.delays, 99)).padEnd(8)} ${extra}`;

/** Ramps `one(rate)` up the list until a rate fails; returns every result. */
const ramp = async (label: string, one: (rate: number) => Promise<{ res: SippRun; extra?: string }>): Promise<Array<{ rate: number; res: SippRun }>> => {
  const out: Array<{ rate: number; res: SippRun }> = [];
  for (const rate of rates) {
    const { res, extra } = await one(rate);
    console.log(row(label, rate, res, extra));
    out.push({ rate, res });
    if (!sustained(res, rate)) break;
    await new Promise((r) => setTimeout(r, 3000)); // lingering transactions (Timer J/L, 32 s) drain a little
  }
  return out;
};

const best = (runs: Array<{ rate: number; res: SippRun }>): number | undefined => runs.filter((x) => sustained(x.res, x.rate)).at(-1)?.rate;

const main = async (): Promise<void> => {
  if (!hasBinary('sipp')) {
    console.log('sipp (Debian package sip-tester) is not installed');
    return;
  }
  const uasPort = await freePort();
  const uas = await startUas(uasPort);
  const serverPort = await freePort();
  const config = defaultSipConfig({
    listenPort: serverPort, accounts: new InMemoryAccountStore({ bench: 'bench-secret' }),
    trunk: { host: '127.0.0.1', port: uasPort, prefix: '9', dids: {} },
    maxTransactionsPerSource: 1_000_000, maxDialogsPerSource: 1_000_000, noAnswerTimeoutMs: 30_000, digestAlgorithms: ['MD5'],
  });
  // the SIP provider in its own worker thread (the CTI core and the database on this one), or all on this thread
  const provider = flag('in-thread') ? new SipProvider(config) : new WorkerSipProvider(config);
  const gc = (globalThis as { gc?: () => void }).gc;
  /** Live calls and the V8 heap of both threads (after a full collection when asked and --expose-gc). */
  const live = async (collect: boolean): Promise<{ calls: number; heap: number }> => {
    if (collect) gc?.();
    if (provider instanceof WorkerSipProvider) {
      const s = await provider.stats(collect);
      return { calls: s.calls, heap: process.memoryUsage().heapUsed + s.heapUsed };
    }
    return { calls: provider.snapshot().length, heap: process.memoryUsage().heapUsed };
  };
  const cti = flag('no-cti') ? undefined : flag('in-memory-log') ? await attachCtiInMemory(provider) : await attachCti(provider);
  if (!cti) await provider.start();
  const ctiLabel = flag('in-memory-log') ? 'CTI call model + in-memory call log' : 'CTI call model + call log in SQLite';
  const host = provider instanceof WorkerSipProvider ? 'SIP provider in a worker thread' : 'SIP provider on the main thread';
  console.log(`sipp UAC → ${cti ? `Switchboard B2BUA + ${ctiLabel}` : 'Switchboard B2BUA'} (${host}) → sipp UAS; ${seconds} s per rate; call = INVITE(407, auth)/180/200/ACK, ${holdMs} ms, BYE/200`);
  console.log('setup delay = sipp rtd from the INVITE that gets through to its 180/200, whole ms');
  console.log('path         rate/s achieved ok       failed p50 ms   p99 ms   heap MB (no GC)/live calls at mid-run');
  let loggedBefore = 0;
  /** One sipp UAC run through Switchboard at `rate`, with `during` called `at` (0–1) of the way through. */
  const through = async <T>(rate: number, secs: number, during: () => Promise<T>, at = 0.5): Promise<{ res: SippRun; mid: T | undefined }> => {
    let mid: T | undefined;
    const sampler = setTimeout(() => void during().then((v) => { mid = v; }), secs * 1000 * at);
    const res = await runUac(`127.0.0.1:${serverPort}`, rate, secs, uacScenario(true, holdMs), ['-au', 'bench', '-ap', 'bench-secret', '-auth_uri', `95550100@127.0.0.1:${serverPort}`]);
    clearTimeout(sampler);
    return { res, mid };
  };
  const sb = await ramp('switchboard', async (rate) => {
    const cpu0 = process.cpuUsage();
    // No forced collection while delays are measured: a full GC stalls the SIP thread for
    // tens of ms, and its victims would be counted as setup delay. Memory per call has its own run.
    const { res, mid } = await through(rate, seconds, () => live(false));
    await cti?.idle();
    const loggedNow = (await cti?.logged()) ?? 0;
    const logged = cti ? `, ${loggedNow - loggedBefore} calls logged` : '';
    loggedBefore = loggedNow;
    const cpu = process.cpuUsage(cpu0);
    const cpuPerCall = (cpu.user + cpu.system) / Math.max(1, res.ok);
    return { res, extra: `${((mid?.heap ?? NaN) / 1048576).toFixed(0)}/${mid?.calls ?? NaN}, CPU (all threads) ${cpuPerCall.toFixed(0)} µs/call${logged}` };
  });
  // Memory per active call: its own run at --delay-rate, the heap measured after full
  // collections (with --expose-gc) before the run and once it is steady: past 32 s, when
  // the transactions that outlive their calls over UDP (Timers J and L) end as fast as new
  // ones start. So the figure is live state, lingering transactions included, per live call.
  await new Promise((r) => setTimeout(r, 35_000)); // the ramp's lingering transactions end
  const memSeconds = Math.max(seconds, 45);
  const heap0 = (await live(true)).heap;
  const memRun = await through(delayRate, memSeconds, () => live(true), 40 / memSeconds);
  const perCall = memRun.mid && memRun.mid.calls > 0 ? (memRun.mid.heap - heap0) / memRun.mid.calls / 1024 : NaN;
  const memory = `${perCall.toFixed(1)} KiB per active call at ${delayRate}/s (heap of both threads at 40 s${gc ? ' after a full GC' : ', no --expose-gc: garbage included'}, ${memRun.mid?.calls ?? 0} calls live; a separate run, not timed)`;
  if (cti) await cti.close();
  else await provider.stop();

  const direct = await runUac(`127.0.0.1:${uasPort}`, delayRate, Math.min(seconds, 30), uacScenario(false, holdMs));
  console.log(row('direct', delayRate, direct));

  let kam: Array<{ rate: number; res: SippRun }> = [];
  if (!flag('no-kamailio') && hasBinary('kamailio')) {
    const kPort = await freePort();
    const k = await startKamailio(kPort, uasPort);
    kam = await ramp('kamailio', async (rate) => ({ res: await runUac(`127.0.0.1:${kPort}`, rate, seconds, uacScenario(false, holdMs)) }));
    await stop(k);
  }
  await stop(uas);

  const at = (runs: Array<{ rate: number; res: SippRun }>): SippRun | undefined => runs.find((x) => x.rate === delayRate)?.res;
  const added = (r: SippRun | undefined, p: number): string => (r ? String(percentile(r.delays, p) - percentile(direct.delays, p)) : 'n/a');
  console.log('');
  console.log('| path | highest rate with 0 failures (calls/s, ' + `${seconds} s) | added setup delay at ${delayRate}/s p50 / p99 (ms) |`);
  console.log('|---|---|---|');
  const highest = (runs: Array<{ rate: number; res: SippRun }>): string => `${best(runs) ?? 'none'}${best(runs) === rates.at(-1) ? ' (top of the ramp)' : ''}`;
  console.log(`| Switchboard B2BUA${cti ? ` + ${ctiLabel}` : ''} | ${highest(sb)} | ${added(at(sb), 50)} / ${added(at(sb), 99)} |`);
  if (kam.length > 0) console.log(`| Kamailio 5.6 stateful proxy | ${highest(kam)} | ${added(at(kam), 50)} / ${added(at(kam), 99)} |`);
  console.log(`memory: ${memory}`);
  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
};

void main().then(() => process.exit(0));
