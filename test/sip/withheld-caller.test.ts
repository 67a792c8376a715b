/**
 * A withheld caller through the built-in SIP server (issue 12 §3, R6.6): the carrier
 * sends the INVITE from `sip:anonymous@…` (RFC 3323 §4.1.1.3: the From of a call whose
 * identity is withheld). The agent's phone rings as for any call, and the caller ID the
 * provider reports is one the CTI's number plan reads as withheld: no number, no match.
 */
import { afterEach, expect, it } from 'vitest';
import { createPhoneNumberPlan } from '../../src/cti/phone-ports.js';
import { defaultLocation } from '../../src/phone/index.js';
import { EventRecorder } from '../../src/telephony/provider.contract.js';
import { describeWith } from '../support/peers.js';
import { SipWorld } from './support/sip-world.js';

describeWith(['baresip'])('a withheld caller from the SIP trunk (real baresip phones)', () => {
  let w: SipWorld | undefined;
  afterEach(async () => { await w?.close(); w = undefined; });

  it('rings the agent; the caller ID reads as withheld', async () => {
    w = await SipWorld.start({ agentMode: 'manual', colleague: false, caller: 'anonymous' });
    const rec = new EventRecorder(8_000);
    w.provider.onEvent(rec.listener);
    await w.incoming('1001');
    const delivered = await rec.waitFor('agent alerted', (e) => e.type === 'delivered' && e.device === '1001');
    if (delivered.type !== 'delivered') throw new Error('not a delivered event');
    const { callingNumber, callRef } = delivered;
    expect(callingNumber).toBe('anonymous');
    const read = createPhoneNumberPlan(() => defaultLocation('US', '212', '9', 4)).fromNetwork(callingNumber);
    expect(read).toEqual({ ok: false, reason: 'withheld' });
    await w.provider.clear({ callRef, device: '1001' });
  });
});
