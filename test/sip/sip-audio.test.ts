/**
 * Audio is checked, not assumed: real baresip phones play a 1 kHz tone as their
 * microphone and record what they hear (sndfile.so); we measure the decoded recordings.
 * The B2BUA relays SDP so media flows phone to phone, except music on hold, which the
 * server itself sends (RFC 3550 RTP, G.711) from the bundled file.
 */
import { afterEach, expect, it } from 'vitest';
import { EventRecorder } from '../../src/telephony/provider.contract.js';
import type { ProviderEvent } from '../../src/telephony/provider.js';
import { describeWith } from '../support/peers.js';
import { OUTSIDE, SipWorld } from './support/sip-world.js';
import type { BaresipPhone } from './support/baresip-phone.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describeWith(['baresip'])('audio through the SIP provider (real phones, recordings measured)', { timeout: 60_000 }, () => {
  let w: SipWorld | undefined;
  afterEach(async () => { await w?.close(); w = undefined; });

  const hangUpAndSettle = async (phone: BaresipPhone): Promise<void> => {
    const from = phone.events.length;
    await w?.world.command('hangup');
    await phone.waitEvent('CALL_CLOSED', from).catch(() => undefined);
    await sleep(300);
  };

  it('a tone played by the agent phone is heard by the far party on a connected click-to-dial call (R6.4)', async () => {
    w = await SipWorld.start({ agentMode: 'auto', colleague: false, tone: { agent: true } });
    const rec = new EventRecorder(8_000);
    w.provider.onEvent(rec.listener);
    const { callRef } = await w.provider.makeCall('1001', `9${OUTSIDE.answers}`);
    await rec.waitFor('agent established', (e) => e.type === 'established' && 'callRef' in e && e.callRef === callRef && e.device === '1001');
    expect(await w.world.waitToHear(1.5)).toBeGreaterThanOrEqual(1.5);
    await hangUpAndSettle(w.world);
  });

  it('the held party hears the music on hold, sent by the server (R6.9)', async () => {
    w = await SipWorld.start({ agentMode: 'auto', colleague: false });
    const rec = new EventRecorder(8_000);
    w.provider.onEvent(rec.listener);
    await w.incoming('1001');
    const d = await rec.waitFor('agent alerted', (e) => e.type === 'delivered' && e.device === '1001') as ProviderEvent;
    await w.provider.answer({ callRef: d.callRef, device: '1001' });
    await rec.waitFor('established', (e) => e.type === 'established' && e.device === '1001');
    await w.provider.hold({ callRef: d.callRef, device: '1001' });
    await rec.waitFor('held', (e) => e.type === 'held' && e.device === '1001');
    // Both phones play silence: whatever the caller hears loud is the music
    expect(await w.world.waitToHear(1.5)).toBeGreaterThanOrEqual(1.5);
    await hangUpAndSettle(w.world);
    expect(w.agent.loudSeconds()).toBeLessThan(0.2);
  });

  it('after a completed consult transfer the colleague hears the caller (R6.9)', async () => {
    w = await SipWorld.start({ agentMode: 'auto', tone: { world: true } });
    const rec = new EventRecorder(8_000);
    w.provider.onEvent(rec.listener);
    await w.incoming('1001');
    const d = await rec.waitFor('agent alerted', (e) => e.type === 'delivered' && e.device === '1001') as ProviderEvent;
    await w.provider.answer({ callRef: d.callRef, device: '1001' });
    await rec.waitFor('established', (e) => e.type === 'established' && e.device === '1001');
    const { callRef: consult } = await w.provider.consult({ callRef: d.callRef, device: '1001' }, '1002');
    await rec.waitFor('colleague alerted', (e) => e.type === 'delivered' && e.device === '1002');
    await w.provider.answer({ callRef: consult, device: '1002' });
    await rec.waitFor('consult established', (e) => e.type === 'established' && e.device === '1001' && 'callRef' in e && e.callRef === consult);
    await w.provider.completeTransfer({ callRef: d.callRef, device: '1001' }, { callRef: consult, device: '1001' });
    await rec.waitFor('transferred', (e) => e.type === 'transferred');
    const colleague = w.colleague as BaresipPhone;
    expect(await colleague.waitToHear(1.5), colleague.diagnosis()).toBeGreaterThanOrEqual(1.5);
    await hangUpAndSettle(colleague);
  });
});
