/**
 * Issue 12, toll fraud by SIP REFER, performed with sipp against the built-in SIP provider
 * (R2.2) and a real baresip agent phone. An outside caller (sipp, sending from the trunk's
 * address, which is also where any call out through the trunk would go) calls a DID, the
 * agent's phone answers, then the caller asks for a transfer to an international number:
 * (a) in its own dialog from the dialog's own address, (b) in its own dialog from another
 * source port, (c) in the agent phone's dialog, posing as the phone from another port
 * (the phone itself may dial out, so only the peer check stands between this and a call).
 * Each REFER is refused, no INVITE ever reaches the trunk, and the refusals are logged
 * with the source address. RFC 3261 §12.2.2, RFC 3515.
 */
import { afterEach, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { SipProvider } from '../../src/telephony/sip/sip-provider.js';
import { defaultSipConfig, InMemoryAccountStore } from '../../src/telephony/sip/sip-config.js';
import type { Dialog } from '../../src/telephony/sip/sip-dialog.js';
import type { SipStack } from '../../src/telephony/sip/sip-stack.js';
import { EventRecorder } from '../../src/telephony/provider.contract.js';
import type { ProviderEvent } from '../../src/telephony/provider.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { freePort, run, startProcess, stop } from './support/peers.js';
import { describeWith } from '../support/peers.js';

/** 9 (the trunk prefix) + a London number in international dialling format. */
const INTERNATIONAL = '900442079460000';
const scenario = (name: string): string => path.join(import.meta.dirname, 'scenarios', name);

describeWith(['sipp', 'baresip'])('toll fraud by REFER (sipp as the outside caller on the trunk, baresip as the agent phone)', () => {
  let provider: SipProvider | undefined;
  let agent: BaresipPhone | undefined;
  let caller: ChildProcess | undefined;
  afterEach(async () => {
    if (caller) await stop(caller);
    await provider?.stop();
    await agent?.close();
    caller = undefined;
    provider = undefined;
    agent = undefined;
  });

  it('a REFER to an international number, from the dialog\'s address or another port, in the caller\'s or the phone\'s dialog, gets 403 and the trunk sees no INVITE', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'sipp-refer-'));
    const trunkPort = await freePort();
    const serverPort = await freePort();
    const warnings: string[] = [];
    const p = new SipProvider(defaultSipConfig({
      listenHost: '127.0.0.1', listenPort: serverPort,
      accounts: new InMemoryAccountStore({ '1001': 'agent-secret' }),
      autoAnswer: { '1001': 'always' },
      trunk: { host: '127.0.0.1', port: trunkPort, prefix: '9', dids: { '5551001': '1001' } },
    }), { info: () => undefined, warn: (_d, m) => { warnings.push(m); } });
    provider = p;
    const rec = new EventRecorder(15_000);
    const events: ProviderEvent[] = [];
    p.onEvent((e) => { if ('callRef' in e && e.type !== 'party-changed') events.push(e); });
    p.onEvent(rec.listener);
    await p.start();
    agent = await BaresipPhone.start({ user: '1001', password: 'agent-secret', registrar: serverPort, answermode: 'auto' });
    await until(() => p.registrar?.isRegistered('1001') === true);

    // the outside caller, on the trunk's address: whatever the server sends the trunk reaches it
    const errors = path.join(cwd, 'caller-errors.log');
    caller = startProcess('sipp', ['-sf', scenario('refer-fraud-caller.xml'), `127.0.0.1:${serverPort}`, '-s', '5551001', '-i', '127.0.0.1', '-p', String(trunkPort),
      '-m', '1', '-nostdin', '-timeout', '60s', '-key', 'target', INTERNATIONAL, '-trace_err', '-error_file', errors], cwd);
    const callerOut = collect(caller);
    const delivered = await rec.waitFor('agent alerted', (e) => e.type === 'delivered' && e.device === '1001') as ProviderEvent & { callRef: string };
    await p.answer({ callRef: delivered.callRef, device: '1001' });
    await rec.waitFor('caller established', (e) => e.type === 'established' && 'remote' in e && e.remote === true);

    // (a) from the dialog's own address: refused as the outside party's (it may not make us dial)
    await until(() => warnings.some((w) => /REFER refused \(403\).*outside party/.test(w)));

    const stack = p.stack as SipStack;
    const dialogs = [...(stack as unknown as { dialogs: Map<string, Dialog> }).dialogs.values()];
    const trunkDialog = dialogs.find((d) => d.peer?.port === trunkPort);
    const phoneDialog = dialogs.find((d) => d.peer?.port === agent?.sipPort);
    if (!trunkDialog || !phoneDialog) throw new Error('the call has no dialog with the trunk or the phone');
    const spoof = async (d: Dialog): Promise<number> => {
      const port = await freePort();
      const r = await run('sipp', ['-sf', scenario('refer-spoofed.xml'), `127.0.0.1:${serverPort}`, '-s', 'attacker', '-i', '127.0.0.1', '-p', String(port), '-m', '1', '-nostdin', '-timeout', '20s',
        '-cid_str', d.id.callId.replace(/%/g, '%%'), '-key', 'fromtag', d.id.remoteTag, '-key', 'totag', d.id.localTag, '-key', 'target', INTERNATIONAL], 40_000, cwd);
      expect(r.stdout, r.stdout + r.stderr).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+1\s/);
      expect(r.code).toBe(0);
      return port;
    };
    // (b) the caller's dialog from another port; (c) the phone's dialog, posing as the phone
    const portB = await spoof(trunkDialog);
    const portC = await spoof(phoneDialog);
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`REFER in a dialog refused \\(403\\): it came from 127\\.0\\.0\\.1:${portB} over udp, not from the dialog's peer`)));
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`REFER in a dialog refused \\(403\\): it came from 127\\.0\\.0\\.1:${portC} over udp, not from the dialog's peer`)));

    // the call goes on untouched, then the agent hangs up: the server's BYE ends sipp's scenario
    await p.clear({ callRef: delivered.callRef, device: '1001' });
    const code = await exited(caller);
    expect(callerOut(), callerOut()).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+1\s/);
    expect(code).toBe(0);
    // nothing was placed: no party for the number, no transfer, no INVITE at the trunk
    expect(events.filter((e) => e.type === 'transferred' || ('device' in e && INTERNATIONAL.endsWith(e.device)))).toEqual([]);
    expect(existsSync(errors) ? readFileSync(errors, 'utf8') : '').not.toMatch(/INVITE sip:/);
  }, 120_000);
});

/** Output kept as the process runs (a full pipe would stall it). */
const collect = (child: ChildProcess): (() => string) => {
  let out = '';
  const keep = (d: Buffer): void => { out = (out + d.toString()).slice(-200_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => out;
};

const exited = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => {
  if (child.exitCode !== null) return resolve(child.exitCode);
  child.once('exit', (code) => resolve(code));
});

/** Awaits a condition reached through real traffic; fails (it does not time anything) if never reached. */
const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!cond()) throw new Error('condition never reached');
};
