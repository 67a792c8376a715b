/**
 * Call control on a connected call through the CTI core on the simulated phone system
 * (R6.9, R6.10): hold/retrieve, blind transfer, consult then complete, consult then hang
 * up then retrieve, two calls at once. Each checks the words pushed, in order, to every
 * agent involved, and the communications written (one conversation per transfer).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowedActions } from '../../src/cti/allowed-actions.js';
import { ALL_CAPABILITIES } from '../../src/telephony/provider.js';
import { ALICE, BOB, createCtiWorld, type CtiWorld } from './support/cti-world.js';

const caps = new Set(ALL_CAPABILITIES);
let w: CtiWorld;

beforeEach(async () => {
  w = await createCtiWorld();
});
afterEach(() => w.close());

/** Sam Carter calls Alice, who answers. */
const samCallsAlice = async (): Promise<string> => {
  const { callId } = await w.phone.injectIncoming('+44 161 5527789', '1001');
  await w.settled();
  await w.control.answer(ALICE, callId);
  return callId;
};

describe('hold and retrieve (R6.9)', () => {
  it('Connected, On hold (Retrieve offered, Hold not), Connected again', async () => {
    const alice = await w.browser(ALICE);
    const callId = await samCallsAlice();
    const held = await w.control.hold(ALICE, callId);
    expect(held).toMatchObject({ state: 'hold', label: { en: 'On hold', fr: 'En attente' } });
    expect(allowedActions(held!, caps)).toEqual(['hangup', 'retrieve']);
    await expect(w.control.hold(ALICE, callId)).rejects.toMatchObject({ code: 'invalid-call-state', details: { state: 'hold' } });
    await w.control.retrieve(ALICE, callId);
    expect(alice.labels(callId)).toEqual(['Ringing', 'Connected', 'On hold', 'Connected']);
  });

  it('the held colleague sees Held (En suspens) on an internal call', async () => {
    const bob = await w.browser(BOB);
    const { callId } = await w.control.dial(ALICE, { number: '1002' });
    await w.control.answer(BOB, callId);
    await w.control.hold(ALICE, callId);
    expect(bob.snapshots(callId).at(-1)?.label).toEqual({ en: 'Held (internal)', fr: 'En suspens (interne)' });
  });

  it('a provider without hold does not offer it and refuses it (not-supported)', async () => {
    const callId = await samCallsAlice();
    const snap = w.registry.snapshot(callId, '1001')!;
    const noHold = new Set(ALL_CAPABILITIES.filter((c) => c !== 'hold' && c !== 'singleStepTransfer'));
    expect(allowedActions(snap, noHold)).toEqual(['hangup', 'consult']);
    const original = w.sim.capabilities.bind(w.sim);
    w.sim.capabilities = () => noHold;
    await expect(w.control.hold(ALICE, callId)).rejects.toMatchObject({ code: 'not-supported' });
    w.sim.capabilities = original;
  });
});

describe('blind transfer (R6.9)', () => {
  it('Alice transfers Sam to extension 1002: Alice is disconnected, Bob rings with Sam already matched, one conversation', async () => {
    const alice = await w.browser(ALICE);
    const bob = await w.browser(BOB);
    const callId = await samCallsAlice();
    await w.control.transfer(ALICE, callId, '1002');
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Ringing', 'Connected', 'Call ended']);
    expect(alice.snapshots(callId).at(-1)).toMatchObject({ outcome: 'transferred', transferredTo: '1002' });
    expect(bob.snapshots(callId)[0]).toMatchObject({
      direction: 'inbound', label: { en: 'Ringing' }, matches: [expect.objectContaining({ name: 'Sam Carter' })],
    });
    await w.control.answer(BOB, callId);
    expect(bob.labels(callId)).toEqual(['Ringing', 'Connected']);
    const [a, b] = w.callLog.forCall(callId);
    expect(a).toMatchObject({ userId: ALICE, outcome: 'transferred', transferredTo: '1002', links: [{ type: 'person', id: 10 }, { type: 'company', id: 20 }] });
    expect(b).toMatchObject({ userId: BOB, answeredAt: expect.any(String), links: [{ type: 'person', id: 10 }, { type: 'company', id: 20 }] });
    expect(b?.conversationId).toBe(a?.conversationId);
  });
});

describe('consultation (R6.9, R6.10)', () => {
  it('consult then complete: On hold → Transfer on the held call, Consult on the new one; Bob ends up with Sam', async () => {
    const alice = await w.browser(ALICE);
    const bob = await w.browser(BOB);
    const held = await samCallsAlice();
    const { callId: consult, snapshot } = await w.control.consult(ALICE, held, '1002');
    expect(snapshot).toMatchObject({ consultOf: held, label: { en: 'Consult (internal)', fr: 'Conseil (interne)' } });
    expect(w.registry.snapshot(held, '1001')).toMatchObject({ consultedBy: consult, label: { en: 'On hold' } });
    expect(allowedActions(w.registry.snapshot(held, '1001')!, caps)).toEqual(['hangup']);
    await w.control.answer(BOB, consult);
    expect(w.registry.snapshot(held, '1001')?.label).toEqual({ en: 'Transfer', fr: 'Transférer' });
    expect(allowedActions(w.registry.snapshot(consult, '1001')!, caps)).toEqual(['hangup', 'complete', 'reconnect']);

    await w.control.complete(ALICE, consult);
    await w.settled();
    expect(alice.labels(held)).toEqual(['Ringing', 'Connected', 'On hold', 'Transfer', 'Call ended']);
    expect(alice.labels(consult)).toEqual(['Consult (internal)', 'Call ended']);
    expect(bob.labels(consult)).toEqual(['Ringing (internal)', 'Connected (internal)', 'Call ended']);
    expect(bob.labels(held)).toEqual(['Connected']);
    expect(bob.snapshots(held)[0]).toMatchObject({ direction: 'inbound', matches: [expect.objectContaining({ name: 'Sam Carter' })] });
    expect(w.registry.snapshotsFor('1001')).toEqual([]);

    const records = [...w.callLog.records.values()];
    expect(new Set(records.map((r) => r.conversationId)).size).toBe(1);
    expect(records.map((r) => [r.callId === held ? 'held' : 'consult', r.userId, r.outcome ?? 'open'])).toEqual([
      ['held', ALICE, 'transferred'],
      ['consult', ALICE, 'transferred'],
      ['consult', BOB, 'answered'],
      ['held', BOB, 'open'],
    ]);
  });

  it('consult then hang up the consultation then retrieve: back to Sam', async () => {
    const alice = await w.browser(ALICE);
    const held = await samCallsAlice();
    const { callId: consult } = await w.control.consult(ALICE, held, '1002');
    await w.control.answer(BOB, consult);
    await w.control.hangup(ALICE, consult);
    await w.settled();
    expect(w.registry.snapshot(held, '1001')).toMatchObject({ label: { en: 'On hold' } });
    expect(w.registry.snapshot(held, '1001')?.consultedBy).toBeUndefined();
    await w.control.retrieve(ALICE, held);
    expect(alice.labels(held)).toEqual(['Ringing', 'Connected', 'On hold', 'Transfer', 'On hold', 'Connected']);
    expect(alice.labels(consult)).toEqual(['Consult (internal)', 'Call ended']);
    expect(w.callLog.forCall(consult).map((r) => r.outcome)).toEqual(['answered', 'answered']);
  });

  it('reconnect drops the consultation and retrieves the held call in one command', async () => {
    const held = await samCallsAlice();
    const { callId: consult } = await w.control.consult(ALICE, held, '1002');
    const back = await w.control.reconnect(ALICE, held);
    expect(back).toMatchObject({ id: held, state: 'connected', label: { en: 'Connected' } });
    expect(w.registry.call(consult)).toBeUndefined();
  });
});

describe('two calls at once (R6.10)', () => {
  it('Alice holds Sam to take Claire\'s call; both rows live, each with its own words', async () => {
    const alice = await w.browser(ALICE);
    const first = await samCallsAlice();
    await w.control.hold(ALICE, first);
    const { callId: second } = await w.phone.injectIncoming('+33 1 42 68 53 00', '1001');
    await w.settled();
    expect(w.registry.snapshotsFor('1001').map((s) => s.label.en)).toEqual(['On hold', 'Ringing']);
    await w.control.answer(ALICE, second);
    expect(w.registry.snapshotsFor('1001').map((s) => [s.id, s.label.en])).toEqual([[first, 'On hold'], [second, 'Connected']]);
    await w.control.hangup(ALICE, second);
    await w.control.retrieve(ALICE, first);
    expect(alice.labels(second)).toEqual(['Ringing', 'Connected', 'Call ended']);
    expect(alice.labels(first)).toEqual(['Ringing', 'Connected', 'On hold', 'Connected']);
  });

  it('answering a second call while talking puts the first on hold (the phone does it)', async () => {
    const first = await samCallsAlice();
    const { callId: second } = await w.phone.injectIncoming('+33 1 42 68 53 00', '1001');
    await w.settled();
    await w.control.answer(ALICE, second);
    expect(w.registry.snapshot(first, '1001')?.label.en).toBe('On hold');
  });
});

describe('the far party hangs up', () => {
  it('the call ends for the agent with the outcome answered', async () => {
    const alice = await w.browser(ALICE);
    const callId = await samCallsAlice();
    w.phone.remoteHangup(callId);
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Ringing', 'Connected', 'Call ended']);
    expect(w.callLog.forCall(callId)[0]).toMatchObject({ outcome: 'answered', endedAt: expect.any(String) });
  });
});
