/**
 * SIP core benchmark: parser throughput, then sipp UAC → a UAS on our stack at
 * increasing call rates (10 s each by default), printing per rate the successful and
 * failed calls and sipp's INVITE→200 response time p50/p99 (from -trace_rtt), and the
 * highest rate with zero failures.
 *
 *   npx tsx bench/sip-core.ts [--rates 200,500,1000,2000] [--seconds 10] [--transport udp|tcp]
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseMessage } from '../src/telephony/sip/sip-parser.js';
import { serializeMessage } from '../src/telephony/sip/sip-serializer.js';
import { startSimpleUas } from '../test/sip/support/simple-uas.js';
import { freePort, hasBinary, run } from '../test/sip/support/peers.js';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? def) : def;
};
const rates = arg('rates', '200,500,1000,1500,2000,2500,3000').split(',').map(Number);
const seconds = Number(arg('seconds', '10'));
const transport = arg('transport', 'udp') as 'udp' | 'tcp';

const INVITE = Buffer.from([
  'INVITE sip:service@127.0.0.1:5060 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1234-1-0',
  'From: sipp <sip:sipp@127.0.0.1:5061>;tag=1234SIPpTag001',
  'To: service <sip:service@127.0.0.1:5060>',
  'Call-ID: 1-1234@127.0.0.1',
  'CSeq: 1 INVITE',
  'Contact: sip:sipp@127.0.0.1:5061',
  'Max-Forwards: 70',
  'Subject: Performance Test',
  'Content-Type: application/sdp',
  'Content-Length: 129',
  '',
  'v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n',
].join('\r\n'));

const parserThroughput = (): { parse: number; roundTrip: number } => {
  const n = 200_000;
  for (let i = 0; i < 20_000; i++) parseMessage(INVITE);
  let t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) parseMessage(INVITE);
  const parse = n / (Number(process.hrtime.bigint() - t) / 1e9);
  t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = parseMessage(INVITE);
    if (r.ok) serializeMessage(r.message);
  }
  const roundTrip = n / (Number(process.hrtime.bigint() - t) / 1e9);
  return { parse, roundTrip };
};

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface RateResult { rate: number; ok: number; failed: number; p50: number; p99: number; achieved: number; cpuUsPerCall: number; heapMb: number }

const runRate = async (uasPort: number, rate: number): Promise<RateResult> => {
  const dir = mkdtempSync(path.join(tmpdir(), `sipp-bench-${rate}-`));
  const port = await freePort();
  const total = rate * seconds;
  const args = ['-sn', 'uac', `127.0.0.1:${uasPort}`, '-i', '127.0.0.1', '-p', String(port), '-m', String(total), '-r', String(rate),
    '-d', '100', '-l', String(rate * 5), '-nostdin', '-timeout', `${seconds + 40}s`, '-trace_rtt', '-rtt_freq', '1', '-trace_stat', '-fd', '1', '-trace_err'];
  if (transport === 'tcp') args.push('-t', 't1', '-max_socket', '5000');
  // CPU of this process only (the UAS); sipp is a child and not counted
  const cpu0 = process.cpuUsage();
  const r = await run('sipp', args, (seconds + 60) * 1000, dir);
  const cpu = process.cpuUsage(cpu0);
  // heap right after the run: transactions in Timer J/L (32 s over UDP) are still alive
  const heapMb = process.memoryUsage().heapUsed / 1048576;
  const num = (label: string): number => Number(new RegExp(`${label}\\s+\\|\\s+\\d+\\s+\\|\\s+(\\d+)`).exec(r.stdout)?.[1] ?? NaN);
  const rateMatch = /Call Rate\s+\|[^|]+\|\s+([\d.]+) cps/.exec(r.stdout);
  const rtts: number[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('_rtt.csv'))) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n').slice(1)) {
      const v = Number(line.split(';')[1]);
      if (Number.isFinite(v) && line.length > 0) rtts.push(v);
    }
  }
  rtts.sort((a, b) => a - b);
  return { rate, ok: num('Successful call'), failed: num('Failed call'), p50: percentile(rtts, 50), p99: percentile(rtts, 99), achieved: Number(rateMatch?.[1] ?? NaN), cpuUsPerCall: (cpu.user + cpu.system) / Math.max(1, num('Successful call')), heapMb };
};

const main = async (): Promise<void> => {
  const p = parserThroughput();
  console.log(`parser: ${Math.round(p.parse).toLocaleString('en')} INVITEs/s parsed; ${Math.round(p.roundTrip).toLocaleString('en')} parse+serialize/s`);
  if (!hasBinary('sipp')) {
    console.log('sipp not installed: skipping the call-rate ramp');
    return;
  }
  const uas = await startSimpleUas();
  const target = transport === 'udp' ? uas.udp.port : uas.tcp.port;
  console.log(`sipp UAC → our UAS over ${transport}, ${seconds} s per rate, call = INVITE/200/ACK, 100 ms, BYE/200`);
  console.log('(sipp measures response times in whole milliseconds: 0 means under 1 ms)');
  console.log('rate/s  achieved  ok       failed  INVITE→200 p50 ms  p99 ms  UAS CPU µs/call  heap MB');
  let best: RateResult | undefined;
  for (const rate of rates) {
    const res = await runRate(target, rate);
    console.log(`${String(rate).padEnd(7)} ${res.achieved.toFixed(0).padEnd(9)} ${String(res.ok).padEnd(8)} ${String(res.failed).padEnd(7)} ${String(res.p50).padEnd(18)} ${String(res.p99).padEnd(7)} ${res.cpuUsPerCall.toFixed(0).padEnd(16)} ${res.heapMb.toFixed(0)}`);
    // sustained = every call succeeded AND sipp managed to place them at (≥95% of) the asked rate
    if (res.failed === 0 && res.ok === rate * seconds && res.achieved >= 0.95 * rate) best = res;
    else break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const { loadavg } = await import('node:os');
  console.log(`load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other processes share this machine)`);
  console.log(best ? `highest rate sustained with zero failures: ${best.rate} calls/s (INVITE→200 p50 ${best.p50} ms, p99 ${best.p99} ms)` : 'no rate passed with zero failures');
  await uas.close();
};

void main().then(() => process.exit(0));
