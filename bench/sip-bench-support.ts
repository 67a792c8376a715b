/**
 * Pieces of `bench/sip.ts`: sipp scenarios and runs (with per-call setup delays from
 * -trace_rtt), a sipp UAS in the background, Kamailio as a stateful proxy, and the CTI
 * core attached to the provider: the product's own (real SQLite call log and caller-ID
 * index), or in-memory ports for comparison.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import { pino } from 'pino';
import { createApp } from '../src/cli/create-app.js';
import { loadConfig } from '../src/config.js';
import { CallRegistry } from '../src/cti/call-registry.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from '../src/cti/phone-ports.js';
import { contextOfLocation, defaultLocation } from '../src/phone/index.js';
import type { TelephonyProvider } from '../src/telephony/provider.js';
import { InMemoryCallLog, InMemoryDirectory, InMemoryPhoneIndex } from '../test/cti/support/in-memory-ports.js';
import { freePort, run, startProcess, stop } from '../test/sip/support/peers.js';

const SDP = 'v=0\no=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]\ns=-\nc=IN IP[media_ip_type] [media_ip]\nt=0 0\nm=audio [media_port] RTP/AVP 0\na=rtpmap:0 PCMU/8000\n';

const invite = (cseq: number, auth: boolean): string => `INVITE sip:9[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:bench@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:9[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: ${cseq} INVITE
Contact: sip:bench@[local_ip]:[local_port]
Max-Forwards: 70
${auth ? '[authentication username=bench password=bench-secret]\n' : ''}Content-Type: application/sdp
Content-Length: [len]

${SDP}`;

/** In-dialog requests go to the remote target with the route set (RFC 3261 §12.2.1.1: sipp's [next_url], [routes]); the ACK for a non-2xx reuses the INVITE's Request-URI. */
const inDialog = (method: string, cseq: number, withTo: boolean, branch = '[branch]'): string => `${method} ${branch === '[branch]' ? '[next_url]' : 'sip:9[service]@[remote_ip]:[remote_port]'} SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=${branch}${branch === '[branch]' ? '\n[routes]' : ''}
From: <sip:bench@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:9[service]@[remote_ip]:[remote_port]>${withTo ? '[peer_tag_param]' : ''}
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Contact: sip:bench@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0

`;

const cdata = (s: string): string => `<![CDATA[\n${s}\n]]>`;

/**
 * A UAC call: INVITE (answering a 407 digest challenge when `auth`: toll-fraud protection
 * asks every call for credentials), 180/200, ACK, a pause, BYE. The setup delay (rtd 1) is
 * timed from the INVITE that gets through to its 180 (or 200).
 */
export const uacScenario = (auth: boolean, holdMs: number): string => `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="switchboard bench uac">
${auth ? `  <send retrans="500">${cdata(invite(1, false))}</send>
  <recv response="100" optional="true"/>
  <recv response="407" auth="true"/>
  <send>${cdata(inDialog('ACK', 1, true, '[branch-3]'))}</send>
  <send retrans="500" start_rtd="1">${cdata(invite(2, true))}</send>` : `  <send retrans="500" start_rtd="1">${cdata(invite(1, false))}</send>`}
  <recv response="100" optional="true"/>
  <recv response="180" optional="true" rtd="1"/>
  <recv response="200" rtd="1" rrs="true"/>
  <send>${cdata(inDialog('ACK', auth ? 2 : 1, true))}</send>
  <pause milliseconds="${holdMs}"/>
  <send retrans="500">${cdata(inDialog('BYE', auth ? 3 : 2, true))}</send>
  <recv response="200"/>
</scenario>
`;

export interface SippRun { ok: number; failed: number; achieved: number; delays: number[] }

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** sipp UAC against `target` at `rate` calls/s for `seconds`. */
export const runUac = async (target: string, rate: number, seconds: number, scenario: string, extra: string[] = []): Promise<SippRun> => {
  const dir = mkdtempSync(path.join(tmpdir(), `sipp-uac-${rate}-`));
  const sf = path.join(dir, 'uac.xml');
  writeFileSync(sf, scenario);
  const port = await freePort();
  const total = rate * seconds;
  const args = ['-sf', sf, target, '-s', '5550100', '-i', '127.0.0.1', '-p', String(port), '-m', String(total), '-r', String(rate),
    '-l', String(rate * 10), '-nostdin', '-timeout', `${seconds + 40}s`, '-trace_rtt', '-rtt_freq', '1', '-fd', '1', ...extra];
  const r = await run('sipp', args, (seconds + 60) * 1000, dir);
  const num = (label: string): number => Number(new RegExp(`${label}\\s+\\|\\s+\\d+\\s+\\|\\s+(\\d+)`).exec(r.stdout)?.[1] ?? NaN);
  const delays: number[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('_rtt.csv'))) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n').slice(1)) {
      const v = Number(line.split(';')[1]);
      if (line.length > 0 && Number.isFinite(v)) delays.push(v);
    }
  }
  delays.sort((a, b) => a - b);
  return { ok: num('Successful call'), failed: num('Failed call'), achieved: Number(/Call Rate\s+\|[^|]+\|\s+([\d.]+) cps/.exec(r.stdout)?.[1] ?? NaN), delays };
};

/** sipp's built-in UAS (180, 200, waits for ACK and BYE) on `port`; stop it by PID. */
export const startUas = async (port: number): Promise<ChildProcess> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sipp-uas-'));
  const p = startProcess('sipp', ['-sn', 'uas', '-i', '127.0.0.1', '-p', String(port), '-nostdin', '-bg'].filter((a) => a !== '-bg'), dir);
  p.stdout?.resume();
  p.stderr?.resume();
  await new Promise((r) => setTimeout(r, 300));
  return p;
};

/** Kamailio as a stateful proxy (tm, record-route) in front of `uasPort`. PEERS.md: no alias, auto_aliases=no. */
export const startKamailio = async (port: number, uasPort: number): Promise<ChildProcess> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kamailio-'));
  const cfg = path.join(dir, 'kamailio.cfg');
  writeFileSync(cfg, `#!KAMAILIO
debug=0
log_stderror=yes
children=1  # one worker: with several, a 180 can overtake its 200 and sipp aborts the call
auto_aliases=no
listen=udp:127.0.0.1:${port}
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (has_totag()) {
    # sipp's built-in UAS does not echo Record-Route: in-dialog requests come without Route
    if (!loose_route()) { $du = "sip:127.0.0.1:${uasPort}"; }
    t_relay();
    exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
  t_check_trans();
  record_route();
  $du = "sip:127.0.0.1:${uasPort}";
  if (!t_relay()) { sl_reply_error(); }
  exit;
}
`);
  const p = startProcess('kamailio', ['-f', cfg, '-DD', '-E', '-m', '256', '-Y', dir, '-P', path.join(dir, 'kamailio.pid')], dir);
  p.stdout?.resume();
  p.stderr?.resume();
  await new Promise((r) => setTimeout(r, 500));
  return p;
};

export { stop };

export interface AttachedCti {
  /** Resolves when every provider event so far is applied and its call-log writes done. */
  idle(): Promise<void>;
  /** Call-log records written (communications rows with a call key). */
  logged(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The CTI core as the product wires it (`createApp`: CallRegistry on a ProviderSwitch,
 * the caller-ID matcher on the real phone index, the call log on the CRM's
 * communications), on a fresh SQLite file: every call is matched on the caller-ID index
 * and logged in the database. `provider` is started by the app.
 */
export const attachCti = async (provider: TelephonyProvider): Promise<AttachedCti> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sip-bench-db-'));
  const app = await createApp(loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }), { webRoot: '/nonexistent', cti: { provider } });
  await app.services.settings.save({ country: 'US', areaCode: '212', outsidePrefix: '9', internalLength: 4 });
  await app.services.users.create({ login: 'bench', name: 'Bench Agent', password: 'bench-password', ctiEnabled: true, ctiDevice: 'bench', extension: '1000' });
  await app.services.records.create('persons', { firstName: 'Sam', lastName: 'Carter', phones: [{ kind: 'business', value: '+1 212 555 0100' }] });
  await app.cti.directory.refresh();
  return {
    idle: () => app.cti.registry.idle(),
    logged: async () => Number((await app.db.kysely.selectFrom('communications').select((eb) => eb.fn.countAll().as('n')).where('call_key', 'is not', null).executeTakeFirstOrThrow()).n),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** The CTI core with in-memory ports (`--in-memory-log`, for comparison only). */
export const attachCtiInMemory = async (provider: TelephonyProvider): Promise<AttachedCti> => {
  const location = defaultLocation('US', '212', '9', 4);
  const plan = createPhoneNumberPlan(() => location);
  const directory = new InMemoryDirectory([{ userId: 1, device: 'bench', extension: '1000', ctiEnabled: true }]);
  const index = new InMemoryPhoneIndex(contextOfLocation(location));
  index.add({ ownerType: 'person', ownerId: 10, name: 'Sam Carter', phone: '+1 212 555 0100' });
  const callLog = new InMemoryCallLog();
  let logged = 0;
  // keep only the last records: the in-memory log's history of every write would grow without bound
  const writes = callLog.writes;
  const upsert = callLog.upsert.bind(callLog);
  callLog.upsert = async (r) => { await upsert(r); if (writes.length > 1000) writes.splice(0, writes.length - 1000); if (r.endedAt !== undefined) { callLog.records.delete(r.key); logged++; } };
  const logger = pino({ level: 'warn' }, new Writable({ write: (_c, _e, done) => done() }));
  const registry = new CallRegistry({
    logger, matcher: createCallerIdMatcher(() => location, index.lookup), numbers: plan, callLog, directory,
    sink: { publish: () => undefined, providerStatus: () => undefined },
  });
  const detach = registry.attach(provider);
  await provider.start();
  return { idle: () => registry.idle(), logged: async () => logged, close: async () => { detach(); await provider.stop(); } };
};
