/**
 * Outgoing calls through the CTI core on the simulated phone system (R6.4, R6.5, R6.9,
 * R6.10): what the agent's browser is pushed, in order, and what the call log holds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowedActions } from '../../src/cti/allowed-actions.js';
import { ALL_CAPABILITIES } from '../../src/telephony/provider.js';
import { ALICE, createCtiWorld, type CtiWorld } from './support/cti-world.js';

const caps = new Set(ALL_CAPABILITIES);
let w: CtiWorld;

beforeEach(async () => {
  w = await createCtiWorld();
});
afterEach(() => w.close());

describe('click-to-dial (R6.4)', () => {
  it('given a typed number, when the far party answers and the agent hangs up, the browser shows Dialing, Connected, then the call ends', async () => {
    const alice = await w.browser(ALICE);
    const { callId, snapshot } = await w.control.dial(ALICE, { number: '+44 161 5527789' });
    expect(snapshot).toMatchObject({
      direction: 'outbound', state: 'initiated', label: { en: 'Dialing', fr: 'Emission en cours' },
      number: { raw: '9011441615527789', e164: '+441615527789', dialable: '9011441615527789' },
    });
    expect(snapshot?.matches).toEqual([expect.objectContaining({ type: 'person', id: 10, name: 'Sam Carter', reason: 'exact' })]);

    await w.passTime(2_000);
    const connected = w.registry.snapshot(callId, '1001');
    expect(connected).toMatchObject({ state: 'connected', label: { en: 'Connected', fr: 'Connecté' } });
    expect(allowedActions(connected!, caps)).toEqual(['hangup', 'hold', 'transfer', 'consult']);

    await w.control.hangup(ALICE, callId);
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Dialing', 'Connected', 'Call ended']);
    const versions = alice.snapshots(callId).map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(alice.snapshots(callId).at(-1)).toMatchObject({ state: 'null', outcome: 'answered' });
    expect(w.registry.snapshotsFor('1001')).toEqual([]);

    expect(w.callLog.forCall(callId)).toEqual([expect.objectContaining({
      direction: 'outbound', userId: ALICE, outcome: 'answered', callBack: false,
      links: [{ type: 'person', id: 10, name: 'Sam Carter' }, { type: 'company', id: 20, name: 'Acme Ltd' }], startedAt: '2026-01-05T09:00:00.000Z',
      answeredAt: '2026-01-05T09:00:02.000Z', endedAt: '2026-01-05T09:00:02.000Z',
    })]);
    // Written at start (open), at answer, and at the end.
    expect(w.callLog.writes.filter((r) => r.callId === callId).map((r) => r.outcome ?? 'open')).toEqual(['open', 'open', 'answered']);
  });

  it('logs every connection move as from -[event]-> to', async () => {
    const { callId } = await w.control.dial(ALICE, { number: '212 736 4440' });
    await w.passTime(2_000);
    const moves = w.logLines.map((l) => (JSON.parse(l) as { msg: string }).msg).filter((m) => m.includes(callId));
    expect(moves).toEqual([
      `cti: ${callId} 1001: null -[originated]-> initiated`,
      // 212 is the site's own area: a local call, dialled 9 736 4440 (R3.3).
      `cti: ${callId} 7364440: null -[delivered]-> alerting`,
      `cti: ${callId} 7364440: alerting -[established]-> connected`,
      `cti: ${callId} 1001: initiated -[established]-> connected`,
    ]);
  });

  it('given the agent hangs up while it still rings, the call ends as abandoned and never connects', async () => {
    const alice = await w.browser(ALICE);
    const { callId } = await w.control.dial(ALICE, { number: '+44 161 5527789' });
    await w.passTime(1_000);
    await w.control.hangup(ALICE, callId);
    await w.passTime(5_000);
    expect(alice.labels(callId)).toEqual(['Dialing', 'Call ended']);
    expect(w.callLog.forCall(callId)).toEqual([expect.objectContaining({ outcome: 'abandoned', callBack: false })]);
    expect(w.callLog.forCall(callId)[0]?.answeredAt).toBeUndefined();
  });

  it('dials the phone field of a record through the same rules', async () => {
    const control = new (await import('../../src/cti/call-control.js')).CallControl({
      provider: w.sim, registry: w.registry, directory: w.directory, numbers: w.plan,
      records: { phoneOf: async (r) => (r.type === 'person' && r.id === 10 ? '+44 161 5527789' : undefined) },
    });
    const { snapshot } = await control.dial(ALICE, { record: { type: 'person', id: 10, field: 'phone' } });
    expect(snapshot?.number.dialable).toBe('9011441615527789');
    await expect(control.dial(ALICE, { record: { type: 'person', id: 99, field: 'phone' } })).rejects.toMatchObject({ code: 'invalid-phone-number' });
  });
});

describe('busy and invalid numbers (R6.9: no Hold offered)', () => {
  it('given a busy number, the browser shows Dialing then Busy, offers only Hang up, and logs busy', async () => {
    const alice = await w.browser(ALICE);
    const { callId } = await w.control.dial(ALICE, { number: '+44 161 5520111' });
    const busy = w.registry.snapshot(callId, '1001');
    expect(busy).toMatchObject({ failureCause: 'busy', label: { en: 'Busy', fr: 'Occupé' } });
    expect(allowedActions(busy!, caps)).toEqual(['hangup']);
    await expect(w.control.hold(ALICE, callId)).rejects.toMatchObject({ code: 'invalid-call-state', details: { state: 'initiated' } });
    await w.control.hangup(ALICE, callId);
    await w.settled();
    expect(alice.labels(callId)).toEqual(['Dialing', 'Busy', 'Call ended']);
    expect(w.callLog.forCall(callId)).toEqual([expect.objectContaining({ outcome: 'busy', callBack: false })]);
  });

  it('given a number the phone system cannot route (no such extension), the browser shows Invalid number and no Hold, and the PBX clears it', async () => {
    const alice = await w.browser(ALICE);
    const { callId } = await w.control.dial(ALICE, { number: '1099' });
    await w.passTime(0);
    const snap = w.registry.snapshot(callId, '1001');
    // An extension number makes it an internal call (R6.6).
    expect(snap?.label).toEqual({ en: 'Invalid number (internal)', fr: 'Numéro invalide (interne)' });
    expect(allowedActions(snap!, caps)).toEqual(['hangup']);
    await w.passTime(w.sim.config.failedClearAfterMs);
    expect(alice.labels(callId)).toEqual(['Dialing (internal)', 'Invalid number (internal)', 'Call ended']);
    expect(w.callLog.forCall(callId)).toEqual([expect.objectContaining({ outcome: 'invalid-number' })]);
  });

  it('refuses a typed number with other symbols before dialling (422 with the reason, R6.5)', async () => {
    await expect(w.control.dial(ALICE, { number: '0161-552*7789' })).rejects.toMatchObject({
      code: 'invalid-phone-number', status: 422, details: { reason: 'character-not-allowed' },
    });
    expect(w.registry.snapshotsFor('1001')).toEqual([]);
  });

  it('given no answer, the far party fails with no-answer after the timeout', async () => {
    const { callId } = await w.control.dial(ALICE, { number: '+44 161 5520122' });
    await w.passTime(w.sim.config.noAnswerTimeoutMs);
    expect(w.registry.snapshot(callId, '1001')?.label.en).toBe('No answer');
    await w.passTime(w.sim.config.failedClearAfterMs);
    expect(w.callLog.forCall(callId)).toEqual([expect.objectContaining({ outcome: 'no-answer' })]);
  });
});
