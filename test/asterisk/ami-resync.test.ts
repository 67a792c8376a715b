/**
 * S13 (fixtures README, "state resync, then an Asterisk restart while connected"): a call
 * answered before the CTI logged in is rebuilt from CoreShowChannels; the restart clears it;
 * the resync after the reconnect finds nothing — no call lost, none invented.
 */
import { describe, expect, it } from 'vitest';
import { mapAmiMessage } from '../../src/telephony/asterisk/ami-event-mapper.js';
import { resyncFromChannels, snapshotCalls } from '../../src/telephony/asterisk/ami-resync.js';
import type { AmiMapperState } from '../../src/telephony/asterisk/ami-call-model.js';
import type { ProviderEvent } from '../../src/telephony/provider.js';
import { loadFixture, receivedMessages } from './ami-fixtures.js';
import { fixtureContext, replayMapper } from './ami-mapper-timeline.js';

const s13 = loadFixture('S13');
const ctx = fixtureContext(s13);
const received = receivedMessages(s13);
const listOf = (actionId: string) => received.filter((r) => r.message.ActionID === actionId && r.message.Event === 'CoreShowChannel').map((r) => r.message);

describe('resync from the live channel list (S13)', () => {
  it('rebuilds the call that was up before login: the caller connected with Alice, grouped by Linkedid', () => {
    const { calls } = resyncFromChannels(listOf('s13-csc-1'), 10_000, ctx);
    expect(calls).toEqual([{
      callRef: '1795666852.40',
      callingNumber: '+442075550123',
      calledNumber: '+442079460001',
      startedAt: 10_000 - 2_000,
      connections: [
        { device: '+442075550123', remote: true, state: 'connected' },
        { device: 'PJSIP/6001', state: 'connected' },
      ],
    }]);
  });

  it('rebuilds it exactly as the mapper shows the same call followed live (S05 at 3 s, same caller and DID)', () => {
    const live = snapshotCalls(replayMapper(loadFixture('S05'), 3000).state);
    const rebuilt = resyncFromChannels(listOf('s13-csc-1'), 0, ctx).calls;
    const shape = (calls: typeof live) => calls.map(({ callRef: _r, startedAt: _s, ...rest }) => rest);
    expect(shape(rebuilt)).toEqual(shape(live));
  });

  it('follows the rebuilt call live: the restart clears both legs, and the state then equals the empty resync after reconnecting', () => {
    let state: AmiMapperState = resyncFromChannels(listOf('s13-csc-1'), 0, ctx).state;
    const before = snapshotCalls(state);
    const events: ProviderEvent[] = [];
    for (const r of received.filter((x) => x.connection === 0 && x.t > 306)) {
      const out = mapAmiMessage(state, r.message, r.t, ctx);
      state = out.state;
      events.push(...out.events);
    }
    expect(before).toHaveLength(1);
    expect(events.map((e) => `${e.type} ${e.device}@${e.at}`)).toEqual([
      'connection-cleared +442075550123@2934',
      'connection-cleared PJSIP/6001@2934',
    ]);
    expect(received.some((r) => r.message.Event === 'Shutdown' && r.message.Restart === 'True')).toBe(true);
    const afterReconnect = resyncFromChannels(listOf('s13-csc-2'), 5_000, ctx);
    expect(received.find((r) => r.message.ActionID === 's13-csc-2' && r.message.Event === 'CoreShowChannelsComplete')?.message.ListItems).toBe('0');
    expect(afterReconnect.calls).toEqual([]);
    expect(snapshotCalls(state)).toEqual(afterReconnect.calls);
  });

  it('a call still ringing an agent resyncs as alerting, and a queue caller with no agent yet is kept but not reported', () => {
    const ringing = { Event: 'CoreShowChannel', Channel: 'PJSIP/6002-00000030', ChannelStateDesc: 'Ringing', Uniqueid: '9.2', Linkedid: '9.1', Context: 'from-internal', Exten: '6002', CallerIDNum: '6002', ConnectedLineNum: '+441', Application: 'AppDial', Duration: '00:00:01' };
    const caller = { Event: 'CoreShowChannel', Channel: 'PJSIP/pstn-00000031', ChannelStateDesc: 'Ring', Uniqueid: '9.1', Linkedid: '9.1', Context: 'from-pstn', Exten: '+442079460002', CallerIDNum: '+441', Application: 'Dial', Duration: '00:00:01' };
    const queued = { Event: 'CoreShowChannel', Channel: 'PJSIP/pstn-00000032', ChannelStateDesc: 'Up', Uniqueid: '9.5', Linkedid: '9.5', Context: 'from-pstn-queue', Exten: 'support', CallerIDNum: '+442', Application: 'Queue', Duration: '00:00:09' };
    const { calls, state } = resyncFromChannels([ringing, caller, queued], 0, ctx);
    expect(calls).toEqual([expect.objectContaining({ callRef: '9.1', connections: [
      { device: '+441', remote: true, state: 'initiated' },
      { device: 'PJSIP/6002', state: 'alerting' },
    ] })]);
    expect(state.calls.get('9.5')?.pending).toEqual([expect.objectContaining({ type: 'queued', device: '+442' })]);
  });
});
