/**
 * The Asterisk provider against recorded Asterisk 22 sessions played over a real TCP socket
 * on 127.0.0.1 (ami-replay-server.ts): its commands must produce the recorded actions, and
 * the events it publishes must be the mapper's for the same recording.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderStatusEvent } from '../../src/telephony/provider.js';
import { loadFixture, type FixtureId } from './ami-fixtures.js';
import { replayMapper } from './ami-mapper-timeline.js';
import { startHarness, typesByDevice, type Harness } from './ami-provider-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const problemsOf = (h: Harness) => h.server.checks.filter((c) => c.problems.length > 0).map((c) => `${c.action}: ${c.problems.join(', ')}`);
const actionsOf = (h: Harness) => h.server.checks.map((c) => c.action);
const synced = (e: { type: string }): e is Extract<ProviderStatusEvent, { type: 'synced' }> => e.type === 'synced';

/** The provider publishes exactly what the pure mapper concludes from the same bytes. */
const expectSameAsMapper = async (h: Harness, id: FixtureId) => {
  const expected = replayMapper(loadFixture(id)).events;
  const last = expected[expected.length - 1];
  if (last) await h.log.next((e) => e.type === last.type && 'device' in e && e.device === last.device && e.callRef === last.callRef);
  expect(typesByDevice(h.log.callEvents())).toEqual(typesByDevice(expected));
};

describe('AmiProvider on replayed Asterisk sessions (real TCP, 127.0.0.1)', () => {
  it('S01: logs in, resyncs to no call, click-to-dial sends the recorded Originate, clear sends the recorded Hangup', async () => {
    harness = await startHarness('S01');
    const h = harness;
    await h.provider.start();
    expect(h.provider.isUp()).toBe(true);
    expect((await h.log.next(synced)).calls).toEqual([]);
    const { callRef } = await h.provider.makeCall('PJSIP/6001', '02075550123');
    expect(callRef).toBe('1795666706.0');
    await h.log.on('established', '02075550123');
    await h.provider.clear({ callRef, device: 'PJSIP/6001' });
    await h.log.on('connection-cleared', '02075550123');
    await h.server.done;
    expect(actionsOf(h)).toEqual(['Login', 'CoreShowChannels', 'Originate', 'Hangup']);
    expect(problemsOf(h)).toEqual([]);
    expect(h.server.checks.find((c) => c.action === 'Originate')?.sent).toMatchObject({
      Channel: 'PJSIP/6001', Context: 'from-internal', Exten: '02075550123', Priority: '1', Async: 'true', Variable: 'CTI_REQUEST_ID=sb-req-1', Timeout: '30000',
    });
    await expectSameAsMapper(h, 'S01');
  });

  it('S02: click-to-dial to a busy number ends with the far party failed busy', async () => {
    harness = await startHarness('S02');
    await harness.provider.start();
    await harness.provider.makeCall('PJSIP/6001', '02075550111');
    const failed = await harness.log.on('failed', '02075550111');
    expect(failed).toMatchObject({ cause: 'busy', remote: true });
    await harness.server.done;
    await harness.log.on('connection-cleared', 'PJSIP/6001');
    expect(problemsOf(harness)).toEqual([]);
    await expectSameAsMapper(harness, 'S02');
  });

  it('S04: click-to-dial to a number one digit short ends with the far party failed invalid-number', async () => {
    harness = await startHarness('S04');
    await harness.provider.start();
    await harness.provider.makeCall('PJSIP/6001', '0207555012');
    expect(await harness.log.on('failed', '0207555012')).toMatchObject({ cause: 'invalid-number', remote: true });
    await harness.server.done;
    await harness.log.on('connection-cleared', 'PJSIP/6001');
    expect(problemsOf(harness)).toEqual([]);
    await expectSameAsMapper(harness, 'S04');
  });

  it('a click-to-dial with a different number is caught by the replay (the Originate does not match the recording)', async () => {
    harness = await startHarness('S01');
    await harness.provider.start();
    await harness.provider.makeCall('PJSIP/6001', '02075550999');
    expect(problemsOf(harness)).toEqual(['Originate: Exten: expected "02075550123", got "02075550999"']);
  });

  it('S03: the CTI cancels a ringing click-to-dial with the recorded Hangup', async () => {
    harness = await startHarness('S03');
    await harness.provider.start();
    const { callRef } = await harness.provider.makeCall('PJSIP/6001', '02075550122');
    await harness.log.on('delivered', '02075550122');
    await harness.provider.clear({ callRef, device: 'PJSIP/6001' });
    await harness.log.on('connection-cleared', 'PJSIP/6001');
    await harness.server.done;
    expect(actionsOf(harness)).toEqual(['Login', 'CoreShowChannels', 'Originate', 'Hangup']);
    expect(problemsOf(harness)).toEqual([]);
  });

  it('S07b: hold sends the recorded dual Redirect into cti-hold, retrieve the recorded Bridge', async () => {
    harness = await startHarness('S07b');
    const h = harness;
    await h.provider.start();
    const established = await h.log.on('established', 'PJSIP/6001');
    const conn = { callRef: 'callRef' in established ? established.callRef : '', device: 'PJSIP/6001' };
    await h.log.on('established', '+442075550123');
    await h.provider.hold(conn);
    await h.log.on('held', 'PJSIP/6001');
    await h.provider.retrieve(conn);
    await h.log.on('retrieved', 'PJSIP/6001');
    await h.server.done;
    await h.log.on('connection-cleared', 'PJSIP/6001');
    expect(actionsOf(h)).toEqual(['Login', 'CoreShowChannels', 'Redirect', 'Bridge']);
    expect(problemsOf(h)).toEqual([]);
    await expectSameAsMapper(h, 'S07b');
  });

  it('S08: single-step transfer sends the recorded BlindTransfer; Alice is transferred, Bob rings and answers', async () => {
    harness = await startHarness('S08');
    const h = harness;
    await h.provider.start();
    const e = await h.log.on('established', '0044 20 7555 0123');
    await h.provider.singleStepTransfer({ callRef: 'callRef' in e ? e.callRef : '', device: 'PJSIP/6001' }, '6002');
    expect(await h.log.on('transferred', 'PJSIP/6001')).toMatchObject({ transferredTo: 'PJSIP/6002' });
    await h.log.on('established', 'PJSIP/6002');
    await h.server.done;
    await h.log.on('connection-cleared', 'PJSIP/6002');
    expect(actionsOf(h)).toEqual(['Login', 'CoreShowChannels', 'BlindTransfer']);
    expect(problemsOf(h)).toEqual([]);
    await expectSameAsMapper(h, 'S08');
  });

  it('S09: consult sends the recorded Atxfer, completeTransfer the recorded Hangup of Alice\'s leg', async () => {
    harness = await startHarness('S09');
    const h = harness;
    await h.provider.start();
    const e = await h.log.on('established', '+442075550123');
    const held = { callRef: 'callRef' in e ? e.callRef : '', device: 'PJSIP/6001' };
    const consult = await h.provider.consult(held, '6002');
    expect(consult.callRef).toBe('1795666794.23');
    expect(consult.callRef).not.toBe(held.callRef);
    await h.log.on('held', 'PJSIP/6001');
    await h.log.on('established', 'PJSIP/6002');
    await h.provider.completeTransfer(held, { callRef: consult.callRef, device: 'PJSIP/6001' });
    await h.log.on('transferred', 'PJSIP/6001');
    await h.server.done;
    await h.log.on('connection-cleared', 'PJSIP/6002');
    expect(actionsOf(h)).toEqual(['Login', 'CoreShowChannels', 'Atxfer', 'Hangup']);
    expect(problemsOf(h)).toEqual([]);
    await expectSameAsMapper(h, 'S09');
  });

  it('S10: consult sends the recorded Atxfer; when Bob hangs up, Alice is retrieved', async () => {
    harness = await startHarness('S10');
    const h = harness;
    await h.provider.start();
    const e = await h.log.on('established', '+442075550123');
    const consult = await h.provider.consult({ callRef: 'callRef' in e ? e.callRef : '', device: 'PJSIP/6001' }, '6002');
    expect(consult.callRef).toBe('1795666809.28');
    await h.log.on('connection-cleared', 'PJSIP/6002');
    await h.log.on('retrieved', 'PJSIP/6001');
    await h.server.done;
    await h.log.on('connection-cleared', 'PJSIP/6001');
    expect(actionsOf(h)).toEqual(['Login', 'CoreShowChannels', 'Atxfer']);
    expect(problemsOf(h)).toEqual([]);
    await expectSameAsMapper(h, 'S10');
  });

  it('dropping a consultation (clear on it, or reconnect) is CancelAtxfer on the agent\'s leg, never a Hangup that would complete it', async () => {
    harness = await startHarness('S10');
    const h = harness;
    await h.provider.start();
    const e = await h.log.on('established', '+442075550123');
    const held = { callRef: 'callRef' in e ? e.callRef : '', device: 'PJSIP/6001' };
    const consult = await h.provider.consult(held, '6002');
    await h.log.next((x) => x.type === 'established' && 'callRef' in x && x.callRef === consult.callRef && x.device === 'PJSIP/6001');
    // The recording has no CancelAtxfer (README S09 "Other ... methods"): the replay answers
    // an unrecorded action with an error, and reports what was sent.
    await expect(h.provider.clear({ callRef: consult.callRef, device: 'PJSIP/6001' })).rejects.toMatchObject({ reason: 'not-supported' });
    await expect(h.provider.reconnect(held, { callRef: consult.callRef, device: 'PJSIP/6001' })).rejects.toMatchObject({ reason: 'not-supported' });
    const sent = h.server.checks.filter((c) => c.action === 'CancelAtxfer').map((c) => c.sent.Channel);
    expect(sent).toEqual(['PJSIP/6001-00000017', 'PJSIP/6001-00000017']);
    expect(h.server.checks.some((c) => c.action === 'Hangup')).toBe(false);
  });

  it('S13: rebuilds the call that was up at login, reports the restart as down, reconnects and resyncs to no call', async () => {
    harness = await startHarness('S13', { omitActions: ['Status', 'BridgeList'] });
    const h = harness;
    await h.provider.start();
    const first = await h.log.next(synced);
    expect(first.calls).toEqual([expect.objectContaining({
      callRef: '1795666852.40',
      connections: [{ device: '+442075550123', remote: true, state: 'connected' }, { device: 'PJSIP/6001', state: 'connected' }],
    })]);
    const down = await h.log.next((e) => e.type === 'provider-down');
    expect(down).toMatchObject({ reason: 'Asterisk shut down (Cleanly, restarting)' });
    const second = await h.log.next((e): e is Extract<ProviderStatusEvent, { type: 'synced' }> => e.type === 'synced' && e !== first);
    expect(second.calls).toEqual([]);
    await h.server.done;
    expect(h.provider.isUp()).toBe(true);
    expect(h.server.connections()).toBe(2);
    expect(actionsOf(h)).toEqual(['Login', 'CoreShowChannels', 'Login', 'CoreShowChannels']);
    expect(problemsOf(h)).toEqual([]);
    // The call cleared by the restart was reported before the link went down: nothing left.
    expect(h.log.events.map((e) => (e.type === 'connection-cleared' ? `${e.type} ${e.device}` : e.type))).toEqual([
      'provider-up', 'synced', 'connection-cleared +442075550123', 'connection-cleared PJSIP/6001', 'provider-down', 'provider-up', 'synced',
    ]);
  });

  for (const id of ['S05', 'S06', 'S07a', 'S11', 'S12', 'S14'] as const) {
    it(`${id}: a session the CTI only watches publishes exactly the mapper's events`, async () => {
      harness = await startHarness(id);
      await harness.provider.start();
      await harness.server.done;
      const expected = replayMapper(loadFixture(id)).events;
      const last = expected[expected.length - 1];
      if (last) await harness.log.next((e) => e.type === last.type && 'device' in e && e.device === last.device && e.callRef === last.callRef);
      expect(actionsOf(harness)).toEqual(['Login', 'CoreShowChannels']);
      await expectSameAsMapper(harness, id);
    });
  }
});
