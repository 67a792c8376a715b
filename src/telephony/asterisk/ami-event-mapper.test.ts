import { describe, expect, it } from 'vitest';
import { mapAmiMessage } from './ami-event-mapper.js';
import { EMPTY_MAPPER_STATE, type AmiMapperContext, type AmiMapperState } from './ami-call-model.js';
import type { AmiMessage } from './ami-parser.js';
import type { ProviderEvent } from '../provider.js';

const ctx: AmiMapperContext = { isAgentDevice: (d) => /^PJSIP\/[0-9]+$/.test(d), holdContext: 'cti-hold', originateNumber: () => undefined };

const run = (messages: AmiMessage[], seed: AmiMapperState = EMPTY_MAPPER_STATE) => {
  let state = seed;
  const events: ProviderEvent[] = [];
  messages.forEach((m, i) => {
    const out = mapAmiMessage(state, m, i, ctx);
    state = out.state;
    events.push(...out.events);
  });
  return { state, events, words: events.map((e) => `${e.device} ${e.type}${e.type === 'failed' ? ` ${e.cause}` : ''}`) };
};

const leg = (event: string, channel: string, uniqueid: string, extra: Record<string, string> = {}): AmiMessage =>
  ({ Event: event, Channel: channel, Uniqueid: uniqueid, Linkedid: '1.1', CallerIDNum: '6001', ...extra });

/** An internal call 6001 → 6002, as in S11, up to Bob's phone ringing. */
const ringing: AmiMessage[] = [
  leg('Newchannel', 'PJSIP/6001-00000001', '1.1', { ChannelState: '4', ChannelStateDesc: 'Ring', Exten: '6002' }),
  leg('Newchannel', 'PJSIP/6002-00000002', '1.2', { ChannelState: '0', ChannelStateDesc: 'Down', CallerIDNum: '6002', Exten: 's' }),
  { Event: 'DialBegin', Channel: 'PJSIP/6001-00000001', Uniqueid: '1.1', Linkedid: '1.1', CallerIDNum: '6001', DestChannel: 'PJSIP/6002-00000002', DestUniqueid: '1.2', DestLinkedid: '1.1', DialString: '6002' },
  leg('Newstate', 'PJSIP/6002-00000002', '1.2', { ChannelStateDesc: 'Ringing', CallerIDNum: '6002', Exten: '6002' }),
];

describe('the pure AMI event mapper', () => {
  it('returns the very same state for what it ignores (VarSet, Newexten, RTCP, Cdr, unknown events)', () => {
    const { state } = run(ringing);
    const ignored: AmiMessage[] = [
      { Event: 'VarSet', Channel: 'PJSIP/6001-00000001', Uniqueid: '1.1', Linkedid: '1.1', Variable: 'DIALSTATUS', Value: '' },
      { Event: 'Newexten', Channel: 'PJSIP/6001-00000001', Uniqueid: '1.1', Linkedid: '1.1' },
      { Event: 'RTCPSent', Channel: 'PJSIP/6001-00000001', Uniqueid: '1.1', Linkedid: '1.1' },
      { Event: 'Cdr', Channel: 'PJSIP/6001-00000001' },
      { Event: 'SomethingNew', Uniqueid: '1.1', Linkedid: '1.1' },
      { Response: 'Success', ActionID: 'x' },
    ];
    for (const m of ignored) {
      const out = mapAmiMessage(state, m, 9, ctx);
      expect(out.state).toBe(state);
      expect(out.events).toEqual([]);
    }
  });

  it('a phone that rejects a ringing call (cause 21) fails it as rejected; the caller is cleared', () => {
    const { words, state } = run([
      ...ringing,
      leg('Hangup', 'PJSIP/6002-00000002', '1.2', { CallerIDNum: '6002', Cause: '21' }),
      leg('Hangup', 'PJSIP/6001-00000001', '1.1', { Cause: '21' }),
    ]);
    expect(words).toEqual(['PJSIP/6001 originated', 'PJSIP/6002 delivered', 'PJSIP/6002 failed rejected', 'PJSIP/6001 connection-cleared', 'PJSIP/6002 connection-cleared']);
    expect(state.calls.size).toBe(0);
  });

  it('events of a channel it never saw created change nothing (a stream joined mid-call)', () => {
    const { words, state } = run([leg('Hangup', 'PJSIP/6001-00000009', '7.9', { Linkedid: '7.1', Cause: '16' }), leg('Hold', 'PJSIP/6001-00000009', '7.9', { Linkedid: '7.1' })]);
    expect(words).toEqual([]);
    expect(state.calls.size).toBe(0);
  });

  it('an Originate by another application (no CTI_REQUEST_ID) is still originated, not a call in, its number unknown', () => {
    const { words, events } = run([
      leg('Newchannel', 'PJSIP/6001-00000003', '1.1', { ChannelState: '0', ChannelStateDesc: 'Down', Exten: 's' }),
      leg('Newstate', 'PJSIP/6001-00000003', '1.1', { ChannelStateDesc: 'Ringing' }),
      leg('Newstate', 'PJSIP/6001-00000003', '1.1', { ChannelStateDesc: 'Up' }),
    ]);
    expect(words).toEqual(['PJSIP/6001 originated', 'PJSIP/6001 established']);
    expect(events[0]).toMatchObject({ calledNumber: '' });
  });

  it('a call between trunks only (no agent leg) is never reported', () => {
    const { events, state } = run([
      { Event: 'Newchannel', Channel: 'PJSIP/pstn-00000001', Uniqueid: '5.1', Linkedid: '5.1', ChannelState: '4', ChannelStateDesc: 'Ring', CallerIDNum: '+441', Exten: '+442' },
      { Event: 'Hangup', Channel: 'PJSIP/pstn-00000001', Uniqueid: '5.1', Linkedid: '5.1', Cause: '16' },
    ]);
    expect(events).toEqual([]);
    expect(state.calls.size).toBe(0);
  });
});
