/**
 * Issue 6 (gaps), the SIP trunk with credentials, against sipp as the carrier: the server
 * registers to the trunk (RFC 3261 §10.2, digest §22.4) and answers the trunk's challenge
 * to an outbound INVITE once (§22.2); sipp checks every digest with its own code
 * (verifyauth), so a wrong password fails. R2.2 (the built-in SIP provider), R6.4
 * (click-to-dial an outside number through the trunk).
 */
import { afterEach, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { SipProvider } from '../../src/telephony/sip/sip-provider.js';
import { defaultSipConfig, InMemoryAccountStore, type SipTrunkConfig } from '../../src/telephony/sip/sip-config.js';
import type { RegistrationLog } from '../../src/telephony/sip/trunk-registration.js';
import dgram from 'node:dgram';
import { EventRecorder } from '../../src/telephony/provider.contract.js';
import type { ProviderEvent } from '../../src/telephony/provider.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { freePort, startProcess, stop } from './support/peers.js';
import { describeWith } from '../support/peers.js';

const work = mkdtempSync(path.join(tmpdir(), 'sipp-trunk-'));
const scenarioFile = (name: string): string => path.join(import.meta.dirname, 'scenarios', name);
const scenario = scenarioFile('trunk-registrar.xml');

describeWith(['sipp'])('registration to the trunk (sipp as the carrier registrar)', () => {
  let sipp: ChildProcess | undefined;
  let provider: SipProvider | undefined;
  const warnings: string[] = [];
  const log: RegistrationLog = { info: () => undefined, warn: (_d, m) => { warnings.push(m); } };
  afterEach(async () => {
    await provider?.stop();
    if (sipp) await stop(sipp);
    provider = undefined;
    sipp = undefined;
    warnings.length = 0;
  });

  const startWorld = async (trunk: Partial<SipTrunkConfig>): Promise<SipProvider> => {
    const sippPort = await freePort();
    sipp = await startSipp(scenario, sippPort);
    provider = new SipProvider(defaultSipConfig({
      listenHost: '127.0.0.1', listenPort: await freePort(),
      accounts: new InMemoryAccountStore({}),
      trunk: { host: '127.0.0.1', port: sippPort, prefix: '9', dids: {}, username: 'acme', password: 'trunk-secret', ...trunk },
    }), log);
    await provider.start();
    return provider;
  };

  it('registers with the right password (401 answered, verified by sipp), and un-REGISTERs with Expires: 0 on stop', async () => {
    const p = await startWorld({});
    await untilTrue(() => p.trunkStatus().state === 'registered');
    expect(p.trunkStatus()).toMatchObject({ state: 'registered' });
    // what the admin sees (GET /api/telephony/status)
    expect(await p.links()).toEqual([{ name: `SIP trunk 127.0.0.1:${p.config.trunk?.port}`, state: 'up', detail: expect.stringMatching(/^registered until \d\d:\d\d:\d\d UTC$/) }]);
    await p.stop();
    expect(p.trunkStatus()).toEqual({ state: 'unregistered' });
    // sipp only ends its call well if the un-REGISTER came, with Expires 0 and valid credentials
    const r = await sippExit(sipp);
    expect(r.stdout).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+1\s/);
    expect(r.code).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('given a wrong password, sipp refuses (403): the status says failed with the reason, it is logged, and nothing is retried', async () => {
    const p = await startWorld({ password: 'not-the-secret' });
    await untilTrue(() => p.trunkStatus().state === 'failed');
    expect(p.trunkStatus()).toEqual({ state: 'failed', reason: 'refused by the trunk: 403 Forbidden' });
    expect((await p.links())[0]).toMatchObject({ state: 'down', detail: 'refused by the trunk: 403 Forbidden; not retrying (check the credentials)' });
    expect(warnings.join('\n')).toMatch(/rejected: refused by the trunk: 403/);
    const r = await sippExit(sipp);
    expect(r.code).toBe(0); // its one "call" (the registration attempt) ended with the 403
  });

  it('without credentials the trunk is not registered to, and says so', async () => {
    provider = new SipProvider(defaultSipConfig({
      listenHost: '127.0.0.1', listenPort: await freePort(), accounts: new InMemoryAccountStore({}),
      trunk: { host: '127.0.0.1', port: 5060, prefix: '9', dids: {} },
    }), log);
    await provider.start();
    expect(provider.trunkStatus()).toEqual({ state: 'not-configured' });
  });
});

describeWith(['sipp', 'baresip'])('an outbound call to a trunk that challenges (sipp as the carrier, baresip as the agent phone)', () => {
  let sipp: ChildProcess | undefined;
  let provider: SipProvider | undefined;
  let agent: BaresipPhone | undefined;
  afterEach(async () => {
    await provider?.stop();
    await agent?.close();
    if (sipp) await stop(sipp);
    provider = undefined;
    agent = undefined;
    sipp = undefined;
  });

  const startWorld = async (password: string): Promise<{ p: SipProvider; rec: EventRecorder }> => {
    const sippPort = await freePort();
    sipp = await startSipp(scenarioFile('trunk-uas-challenge.xml'), sippPort);
    const serverPort = await freePort();
    // registerExpires 0: no registration (the carrier takes us by IP) but its INVITE challenges are answered
    const p = new SipProvider(defaultSipConfig({
      listenHost: '127.0.0.1', listenPort: serverPort,
      accounts: new InMemoryAccountStore({ '1001': 'agent-secret' }),
      autoAnswer: { '1001': 'always' },
      trunk: { host: '127.0.0.1', port: sippPort, prefix: '9', dids: {}, username: 'acme', password, registerExpires: 0 },
    }), { info: () => undefined, warn: () => undefined });
    provider = p;
    const rec = new EventRecorder(10_000);
    p.onEvent(rec.listener);
    await p.start();
    agent = await BaresipPhone.start({ user: '1001', password: 'agent-secret', registrar: serverPort, answermode: 'auto' });
    await untilTrue(() => p.registrar?.isRegistered('1001') === true);
    return { p, rec };
  };

  it('answers the 401 once with credentials sipp accepts (same Call-ID, CSeq 2): the far party is established, then hung up with BYE', async () => {
    const { p, rec } = await startWorld('trunk-secret');
    const { callRef } = await p.makeCall('1001', '95550100');
    await rec.waitFor('far party established', (e) => e.type === 'established' && 'callRef' in e && e.callRef === callRef && e.remote === true);
    await p.clear({ callRef, device: '1001' });
    const r = await sippExit(sipp);
    expect(r.stdout).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+1\s/);
    expect(r.code).toBe(0);
  });

  it('given a wrong password, the second 401 is not answered again: the call fails with cause network', async () => {
    const { p, rec } = await startWorld('not-the-secret');
    const { callRef } = await p.makeCall('1001', '95550100');
    const failed = await rec.waitFor('far party failed', (e) => e.type === 'failed' && 'callRef' in e && e.callRef === callRef && e.remote === true) as ProviderEvent;
    expect(failed).toMatchObject({ type: 'failed', cause: 'network', device: '5550100' });
    const r = await sippExit(sipp);
    expect(r.code).toBe(0); // sipp got the ACK for its second 401 and nothing else
    expect(r.stdout).not.toMatch(/Unexpected-Msg\s+\|\s+\d+\s+\|\s+[1-9]/);
  });
});

// --- helpers: sipp started with its output collected (a full pipe would stall it), stopped by PID in afterEach

const outputs = new WeakMap<ChildProcess, () => string>();

const startSipp = async (file: string, port: number): Promise<ChildProcess> => {
  const child = startProcess('sipp', ['-sf', file, '-i', '127.0.0.1', '-p', String(port), '-m', '1', '-nostdin', '-timeout', '30s'], work);
  let out = '';
  const keep = (d: Buffer): void => { out = (out + d.toString()).slice(-200_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  outputs.set(child, () => out);
  await waitForUdpListener(port);
  return child;
};

/** Resolves once something (sipp) holds the UDP port on 127.0.0.1 (our bind attempt fails). */
const waitForUdpListener = async (port: number): Promise<void> => {
  for (let i = 0; i < 400; i++) {
    const taken = await new Promise<boolean>((resolve) => {
      const s = dgram.createSocket('udp4');
      s.once('error', () => { s.close(); resolve(true); });
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(false)));
    });
    if (taken) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing listens on udp ${port}`);
};

/** Waits for sipp to end by itself (its scenario done); its output and exit code (null: it did not end). */
const sippExit = async (child: ChildProcess | undefined): Promise<{ code: number | null; stdout: string }> => {
  if (!child) throw new Error('no sipp');
  const code = await new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const t = setTimeout(() => resolve(null), 20_000);
    child.once('exit', (x) => { clearTimeout(t); resolve(x); });
  });
  return { code, stdout: outputs.get(child)?.() ?? '' };
};

/** Awaits a condition reached through real traffic; fails (it does not time anything) if never reached. */
const untilTrue = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!cond()) throw new Error('condition never reached');
};
