/**
 * What the phones do themselves is seen by the CTI like any other change (R6.7–R6.9):
 * a call dialled on the keypad (authenticated INVITE), the phone's own hold and resume
 * (re-INVITE sendonly/inactive, RFC 3264 §8.4) with music for the far party, and a
 * transfer started on the phone (REFER, RFC 3515).
 */
import { afterEach, expect, it } from 'vitest';
import { EventRecorder } from '../../src/telephony/provider.contract.js';
import type { ProviderEvent } from '../../src/telephony/provider.js';
import { describeWith } from '../support/peers.js';
import { OUTSIDE, SipWorld } from './support/sip-world.js';

type Ev = ProviderEvent;

describeWith(['baresip'])('calls and changes started on the phones (real baresip phones)', { timeout: 60_000 }, () => {
  let w: SipWorld | undefined;
  afterEach(async () => { await w?.close(); w = undefined; });

  const connectedIncoming = async (world: SipWorld, rec: EventRecorder): Promise<string> => {
    await world.incoming('1001');
    const d = await rec.waitFor('agent alerted', (e) => e.type === 'delivered' && e.device === '1001') as Ev;
    await world.provider.answer({ callRef: d.callRef, device: '1001' });
    await rec.waitFor('agent established', (e) => e.type === 'established' && e.device === '1001');
    await rec.waitFor('caller established', (e) => e.type === 'established' && e.remote === true);
    return d.callRef;
  };

  it('a number dialled on the agent phone keypad goes out through the trunk, seen as originated then established', async () => {
    w = await SipWorld.start({ agentMode: 'auto', colleague: false });
    const rec = new EventRecorder(8_000);
    w.provider.onEvent(rec.listener);
    await w.agent.command('dial', `sip:9${OUTSIDE.answers}@127.0.0.1:${w.serverPort}`);
    const o = await rec.waitFor('originated', (e) => e.type === 'originated' && e.device === '1001') as Ev;
    expect(o).toMatchObject({ calledNumber: OUTSIDE.answers });
    await rec.waitFor('far party established', (e) => e.type === 'established' && e.remote === true && 'callRef' in e && e.callRef === o.callRef);
    await rec.waitFor('agent established', (e) => e.type === 'established' && e.device === '1001' && 'callRef' in e && e.callRef === o.callRef);
  });

  it('the phone holds and resumes by itself: held then retrieved, the caller hears music meanwhile', async () => {
    w = await SipWorld.start({ agentMode: 'auto', colleague: false });
    const rec = new EventRecorder(8_000);
    w.provider.onEvent(rec.listener);
    const callRef = await connectedIncoming(w, rec);
    await w.agent.command('hold');
    await rec.waitFor('held', (e) => e.type === 'held' && e.device === '1001' && 'callRef' in e && e.callRef === callRef);
    // The caller hears the music (both phones play silence): wait for it, not for a fixed time.
    expect(await w.world.waitToHear(1.2)).toBeGreaterThanOrEqual(1.2);
    await w.agent.command('resume');
    await rec.waitFor('retrieved', (e) => e.type === 'retrieved' && e.device === '1001');
    const from = w.world.events.length;
    await w.world.command('hangup');
    await w.world.waitEvent('CALL_CLOSED', from).catch(() => undefined);
  });

  it('a blind transfer started on the phone (REFER) moves the caller to the colleague', async () => {
    w = await SipWorld.start({ agentMode: 'auto' });
    const rec = new EventRecorder(8_000);
    w.provider.onEvent(rec.listener);
    const callRef = await connectedIncoming(w, rec);
    await w.agent.command('transfer', `sip:1002@127.0.0.1:${w.serverPort}`);
    const t = await rec.waitFor('transferred', (e) => e.type === 'transferred' && e.device === '1001') as Ev;
    expect(t).toMatchObject({ callRef, transferredTo: '1002' });
    await rec.waitFor('colleague alerted', (e) => e.type === 'delivered' && e.device === '1002');
    await w.provider.answer({ callRef, device: '1002' });
    await rec.waitFor('colleague established', (e) => e.type === 'established' && e.device === '1002');
    await w.agent.waitEvent('CALL_CLOSED');
  });
});
