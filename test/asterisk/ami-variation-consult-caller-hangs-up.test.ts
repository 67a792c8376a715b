/**
 * Issue 12 §5, variation 1 (R6.9, R6.10): Alice consults Bob (Atxfer) while the outside
 * caller waits on hold, and the caller hangs up during the consultation. Synthetic session
 * X01 (test/asterisk/synthetic/README.md): the recorded S10 up to Bob's answer, then what
 * Asterisk 22's attended-transfer state machine does when the transferee hangs up while
 * CONSULTING (main/bridge_basic.c `consulting_exit`, STIMULUS_TRANSFEREE_HANGUP): the held
 * bridge is destroyed, Alice and Bob stay bridged as a normal call, no `AttendedTransfer`,
 * no `Unhold` for Alice.
 *
 * The connector and the CTI core must conclude: the held call ends for Alice at once (no
 * Retrieve offered for a caller who is gone), the consultation goes on as a plain internal
 * call between Alice and Bob and ends cleanly, and Bob never sees a ringing call again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../src/domain/call.js';
import { loadFixture, SYNTHETIC_DIR } from './ami-fixtures.js';
import { replayMapper, timeline } from './ami-mapper-timeline.js';
import { ALICE, BOB, createAmiCtiWorld, type AmiCtiWorld } from './ami-cti-world.js';

const X01 = () => loadFixture('X01', SYNTHETIC_DIR);
const HELD = '1795667105.50';
/** The consultation's callRef: the Uniqueid of the Atxfer's `Local/…;1` (README S09). */
const CONSULT = '1795667109.52';

let world: AmiCtiWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('X01: the outside caller hangs up while the agent consults a colleague', () => {
  it('the mapper clears Alice\'s held call when the caller\'s Hangup arrives, and her consultation only when it ends', () => {
    const { events } = replayMapper(X01());
    expect(timeline(events)).toEqual({
      '+442075550123': ['initiated@508', 'connected@2031', 'cleared@8508'],
      Alice: ['alerting@513', 'connected@2031', 'hold@4283', 'cleared@8508'],
      // The consultation (a call of its own) outlives the held call.
      'Alice #2': ['initiated@4467', 'connected@6003', 'cleared@11515'],
      'Bob #2': ['alerting@4473', 'connected@6002', 'cleared@11515'],
    });
  });

  it('the held call ends for Alice at once without Retrieve; the consultation continues as an internal call and ends cleanly; Bob never rings again', async () => {
    world = await createAmiCtiWorld(X01());
    const w = world;
    const alice = await w.browser(ALICE);
    const bob = await w.browser(BOB);
    await w.provider.start();
    await w.log.on('established', '+442075550123');
    await w.registry.idle();
    // Commands and snapshots use our call ids; the recording names calls by Asterisk's Uniqueid.
    const heldId = w.registry.idOf(HELD) as string;
    const consult = await w.control.consult(ALICE, heldId, '6002');
    const consultId = consult.callId;
    expect(w.registry.idOf(CONSULT)).toBe(consultId);
    await w.playedOut();

    // Alice's held call: On hold (then Transfer once Bob answered) → ended when the caller hung up.
    const held = alice.snapshots(heldId);
    const heldEnd = held.findIndex((s) => s.state === 'null');
    expect(heldEnd).toBeGreaterThan(0);
    expect(held.slice(heldEnd).every((s) => s.state === 'null' && s.endedAt !== undefined)).toBe(true);
    expect(held.at(-1)).toMatchObject({ state: 'null', outcome: 'answered', label: { en: 'Call ended' } });
    expect(held.at(-1)?.actions ?? []).toEqual([]);
    // "At once": the held call was over before the consultation ended, while Alice still talked to Bob.
    const order = alice.snapshots().map((s) => `${s.id} ${s.state}`);
    expect(order.indexOf(`${heldId} null`)).toBeLessThan(order.indexOf(`${consultId} null`));
    const talking = (s: CallSnapshot) => s.state === 'connected' && s.connections.some((c) => c.device === 'PJSIP/6002' && c.state === 'connected');
    const whileTalking = alice.snapshots(consultId).filter(talking).at(-1) as CallSnapshot;
    expect(whileTalking).not.toHaveProperty('consultOf');
    expect(whileTalking).toMatchObject({ direction: 'internal', label: { en: 'Connected (internal)' } });
    expect(whileTalking.actions).toEqual(expect.arrayContaining(['hangup', 'hold', 'transfer', 'consult']));
    expect(whileTalking.actions).not.toContain('complete');
    expect(whileTalking.actions).not.toContain('reconnect');
    // No snapshot ever offered Retrieve for the held call once the caller was gone.
    expect(held.filter((s) => s.state !== 'hold' && s.actions?.includes('retrieve'))).toEqual([]);

    // Bob: one call, ringing → connected → ended; never ringing after he answered.
    expect(bob.callIds()).toEqual([consultId]);
    const states = bob.snapshots(consultId).map((s) => s.state).filter((s, i, a) => i === 0 || a[i - 1] !== s);
    expect(states).toEqual(['alerting', 'connected', 'null']);
    expect(bob.snapshots(consultId).at(-1)).toMatchObject({ outcome: 'answered', direction: 'internal' });

    // Nothing left live on either device; every leg is in the call log once, with its outcome.
    expect(w.registry.snapshotsFor('PJSIP/6001')).toEqual([]);
    expect(w.registry.snapshotsFor('PJSIP/6002')).toEqual([]);
    const records = [...w.callLog.records.values()].map((r) => `${r.callId} ${r.device} ${r.outcome ?? 'open'}`).sort();
    expect(records).toEqual([
      `${heldId} PJSIP/6001 answered`,
      `${consultId} PJSIP/6001 answered`,
      `${consultId} PJSIP/6002 answered`,
    ].sort());
    expect(w.harness.server.checks.map((c) => c.action)).toEqual(['Login', 'CoreShowChannels', 'Atxfer']);
    expect(w.harness.server.checks.filter((c) => c.problems.length > 0)).toEqual([]);
  });

  it('X04: the caller hangs up while Bob still rings: Alice\'s held call ends then, her consultation rings on, Bob answers, Alice hangs up', async () => {
    const x04 = loadFixture('X04', SYNTHETIC_DIR);
    expect(timeline(replayMapper(x04).events)).toEqual({
      '+442075550123': ['initiated@508', 'connected@2031', 'cleared@5500'],
      Alice: ['alerting@513', 'connected@2031', 'hold@4283', 'cleared@5500'],
      'Alice #2': ['initiated@4467', 'connected@6003', 'cleared@9010'],
      'Bob #2': ['alerting@4473', 'connected@6002', 'cleared@9010'],
    });
    world = await createAmiCtiWorld(x04);
    const w = world;
    const alice = await w.browser(ALICE);
    const bob = await w.browser(BOB);
    await w.provider.start();
    await w.log.on('established', '+442075550123');
    await w.registry.idle();
    const heldId = w.registry.idOf('1795667150.60') as string;
    const consult = await w.control.consult(ALICE, heldId, '6002');
    await w.playedOut();
    const mine = alice.snapshots(consult.callId);
    const afterHeld = mine.slice(mine.findIndex((s) => s.consultOf === undefined));
    // Once the held call is gone, the consultation is Alice's plain internal call: dialling, then talking.
    expect(afterHeld.map((s) => s.label.en).filter((l, i, a) => i === 0 || a[i - 1] !== l)).toEqual(['Dialing (internal)', 'Connected (internal)', 'Call ended']);
    expect(alice.snapshots(heldId).at(-1)).toMatchObject({ state: 'null', actions: [] });
    expect(bob.snapshots(consult.callId).map((s) => s.state).filter((s, i, a) => i === 0 || a[i - 1] !== s)).toEqual(['alerting', 'connected', 'null']);
    expect(w.registry.snapshotsFor('PJSIP/6001')).toEqual([]);
    expect(w.registry.snapshotsFor('PJSIP/6002')).toEqual([]);
  });
});
