/**
 * Incoming calls through the CTI core on the simulated phone system (R6.3, R6.6, R6.7,
 * R6.10, R2.4): screen pop with matches already in the first Ringing snapshot, answer
 * from the page or the handset, internal calls, and what a closed CTI window means.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, createCtiWorld, type CtiWorld } from './support/cti-world.js';

let w: CtiWorld;

beforeEach(async () => {
  w = await createCtiWorld();
});
afterEach(() => w.close());

const ring = async (from: string, to = '1001'): Promise<string> => {
  const { callId } = await w.phone.injectIncoming(from, to);
  await w.settled();
  return callId;
};

describe('screen pop (R6.6)', () => {
  it('given a caller with one match, the first Ringing snapshot already names the person and company', async () => {
    const alice = await w.browser(ALICE);
    const callId = await ring('+44 161 5527789');
    const first = alice.snapshots(callId)[0];
    expect(first).toMatchObject({
      direction: 'inbound', internal: false, state: 'alerting', label: { en: 'Ringing', fr: 'Appel' },
      number: { raw: '+441615527789', e164: '+441615527789' },
      matches: [{ type: 'person', id: 10, name: 'Sam Carter', company: { id: 20, name: 'Acme Ltd' }, reason: 'exact' }],
    });
    // Matched once, at delivery: one index lookup for the whole call.
    expect(w.index.lookups).toHaveLength(1);
  });

  it('given two persons on one number, both are listed', async () => {
    const alice = await w.browser(ALICE);
    const callId = await ring('+33 1 42 68 53 00');
    expect(alice.snapshots(callId)[0]?.matches.map((m) => m.name)).toEqual(['Claire Martin', 'Paul Martin']);
  });

  it('given a direct-dial number under a switchboard number, the company matches by prefix', async () => {
    const alice = await w.browser(ALICE);
    const callId = await ring('+1 212 736 4440');
    expect(alice.snapshots(callId)[0]?.matches).toEqual([expect.objectContaining({ type: 'company', id: 22, reason: 'prefix' })]);
  });

  it('given an unknown caller, the number shows alone and the missed call is flagged for call-back', async () => {
    const alice = await w.browser(ALICE);
    const callId = await ring('+49 30 901820');
    expect(alice.snapshots(callId)[0]).toMatchObject({ matches: [], label: { en: 'Ringing' } });
    w.phone.remoteHangup(callId);
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Ringing', 'Call ended']);
    expect(alice.snapshots(callId).at(-1)?.outcome).toBe('missed');
    expect(w.callLog.forCall(callId)).toEqual([expect.objectContaining({ direction: 'inbound', outcome: 'missed', callBack: true, links: [] })]);
  });

  it('given the agent refuses the ringing call (Hang up), it is logged declined, not missed, and not for call-back (issue 12)', async () => {
    const alice = await w.browser(ALICE);
    const callId = await ring('+49 30 901820');
    await w.control.hangup(ALICE, callId);
    await w.settled();
    expect(alice.snapshots(callId).at(-1)).toMatchObject({ state: 'null', outcome: 'declined' });
    expect(w.callLog.forCall(callId)).toEqual([expect.objectContaining({ direction: 'inbound', outcome: 'declined', callBack: false })]);
  });

  it('given a colleague calls, both see an internal call: Dialing/Ringing then Connected, with the colleague matched', async () => {
    const alice = await w.browser(ALICE);
    const bob = await w.browser(BOB);
    const { callId } = await w.control.dial(ALICE, { number: '1002' });
    await w.settled();
    expect(bob.snapshots(callId)[0]).toMatchObject({
      direction: 'internal', internal: true, label: { en: 'Ringing (internal)', fr: 'Appel (interne)' },
      matches: [{ type: 'user', id: ALICE, name: 'Alice Agent', reason: 'internal' }],
    });
    await w.control.answer(BOB, callId);
    await w.control.hangup(BOB, callId);
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Dialing (internal)', 'Connected (internal)', 'Call ended']);
    expect(bob.labels(callId)).toEqual(['Ringing (internal)', 'Connected (internal)', 'Call ended']);
    expect(w.callLog.forCall(callId).map((r) => [r.userId, r.direction, r.outcome, r.links])).toEqual([
      [ALICE, 'internal', 'answered', [{ type: 'user', id: BOB, name: 'Bob Agent' }]],
      [BOB, 'internal', 'answered', [{ type: 'user', id: ALICE, name: 'Alice Agent' }]],
    ]);
  });
});

describe('answering (R6.7)', () => {
  it('answered from the page: Ringing then Connected, with Hold offered', async () => {
    const alice = await w.browser(ALICE);
    const callId = await ring('+44 161 5527789');
    const snap = await w.control.answer(ALICE, callId);
    expect(snap).toMatchObject({ state: 'connected', label: { en: 'Connected' }, answeredAt: '2026-01-05T09:00:00.000Z' });
    expect(alice.labels(callId)).toEqual(['Ringing', 'Connected']);
    expect(w.callLog.forCall(callId)[0]).toMatchObject({ answeredAt: '2026-01-05T09:00:00.000Z', links: [{ type: 'person', id: 10 }, { type: 'company', id: 20 }] });
    expect(w.callLog.forCall(callId)[0]?.endedAt).toBeUndefined();
  });

  it('answered by lifting the handset: the same states as from the page', async () => {
    const alice = await w.browser(ALICE);
    const callId = await ring('+44 161 5527789');
    w.clock.advance(3_000);
    w.sim.world.lift('1001');
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Ringing', 'Connected']);
    w.sim.world.hangup('1001');
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Ringing', 'Connected', 'Call ended']);
    expect(w.callLog.forCall(callId)).toEqual([expect.objectContaining({ outcome: 'answered', answeredAt: '2026-01-05T09:00:03.000Z', endedAt: '2026-01-05T09:00:03.000Z' })]);
  });

  it('a call placed from the phone keypad is seen like any other', async () => {
    const alice = await w.browser(ALICE);
    w.sim.world.lift('1001');
    const { callId } = await w.phone.dial('1001', '9011441615527789');
    await w.passTime(2_000);
    expect(alice.labels(callId)).toEqual(['Dialing', 'Connected']);
    expect(alice.snapshots(callId)[0]?.matches[0]?.name).toBe('Sam Carter');
  });

  it('refuses to answer a call on another agent\'s device (403 not-your-device)', async () => {
    const callId = await ring('+44 161 5527789');
    await expect(w.control.answer(BOB, callId)).rejects.toMatchObject({ code: 'not-your-device', status: 403 });
    await expect(w.control.hold(ALICE, callId)).rejects.toMatchObject({ code: 'invalid-call-state', status: 409, details: { state: 'alerting' } });
  });
});

describe('agent sessions (R2.4, R6.3)', () => {
  it('given the CTI window is closed, the call is not offered in that browser, though it rings the phone and is logged', async () => {
    const carol = await w.browser(CAROL, false);
    const callId = await ring('+44 161 5527789', '1003');
    expect(carol.snapshots(callId)).toEqual([]);
    // Reopening the window does not bring back a call that was not offered...
    const before = carol.sent.length;
    await w.hub.receive(carol, JSON.stringify({ type: 'cti', online: true }));
    expect(carol.sent.slice(before)).toEqual([]);
    w.sim.world.lift('1003');
    await w.settled();
    expect(carol.snapshots(callId)).toEqual([]);
    expect(w.callLog.forCall(callId)[0]).toMatchObject({ userId: CAROL, answeredAt: expect.any(String) });
    // ...but the next call is offered.
    w.sim.world.hangup('1003');
    const next = await ring('+33 1 42 68 53 00', '1003');
    expect(carol.labels(next)).toEqual(['Ringing']);
  });

  it('closing the window turns CTI off for that browser only', async () => {
    const popup = await w.browser(ALICE);
    await w.hub.receive(popup, JSON.stringify({ type: 'cti', online: false }));
    const callId = await ring('+44 161 5527789');
    expect(popup.snapshots(callId)).toEqual([]);
  });

  it('several tabs on one device all get the same snapshots; a reconnecting tab gets the calls at once', async () => {
    const tab1 = await w.browser(ALICE);
    const tab2 = await w.browser(ALICE, false);
    const callId = await ring('+44 161 5527789');
    await w.control.answer(ALICE, callId);
    expect(tab2.snapshots(callId)).toEqual(tab1.snapshots(callId));
    w.hub.disconnect(tab2);
    const again = await w.browser(ALICE, false);
    expect(again.sent[0]).toEqual({ type: 'calls', calls: [w.registry.snapshot(callId, '1001')] });
  });

  it('enabling CTI for a user takes effect at once (R4.5)', async () => {
    w.directory.set({ userId: CAROL, device: '1003', extension: '1003', ctiEnabled: false });
    const carol = await w.browser(CAROL);
    const first = await ring('+44 161 5527789', '1003');
    expect(carol.snapshots(first)).toEqual([]);
    await expect(w.control.dial(CAROL, { number: '1001' })).rejects.toMatchObject({ code: 'cti-not-enabled' });
    w.phone.remoteHangup(first);
    w.directory.set({ userId: CAROL, device: '1003', extension: '1003', ctiEnabled: true });
    const second = await ring('+44 161 5527789', '1003');
    expect(carol.labels(second)).toEqual(['Ringing']);
  });

  it('pushes provider down and up to every socket, and refuses commands while down (503)', async () => {
    const alice = await w.browser(ALICE);
    w.sim.world.linkDown();
    await w.settled();
    expect(alice.sent.at(-1)).toEqual({ type: 'provider', status: 'down' });
    await expect(w.control.dial(ALICE, { number: '1002' })).rejects.toMatchObject({ code: 'provider-down', status: 503 });
    w.sim.world.linkUp();
    await w.settled();
    expect(alice.sent.at(-1)).toEqual({ type: 'provider', status: 'up' });
  });

  it('answers commands sent over the socket with a result', async () => {
    const alice = await w.browser(ALICE);
    const callId = await ring('+44 161 5527789');
    await w.hub.receive(alice, JSON.stringify({ type: 'command', id: 7, command: 'hold', callId }));
    expect(alice.sent.at(-1)).toMatchObject({ type: 'result', id: 7, ok: false, error: { code: 'invalid-call-state', details: { state: 'alerting' } } });
    await w.hub.receive(alice, JSON.stringify({ type: 'command', id: 8, command: 'answer', callId }));
    expect(alice.sent.at(-1)).toMatchObject({ type: 'result', id: 8, ok: true, call: { state: 'connected' } });
  });
});
