import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AmiMessage } from './ami-parser.js';
import { EMPTY_REGISTRATIONS, applyRegistration, registrationOf, type RegistrationState } from './ami-registrations.js';

const fold = (...ms: AmiMessage[]): RegistrationState => ms.reduce(applyRegistration, EMPTY_REGISTRATIONS);
const peer = (status: string): AmiMessage => ({ Event: 'PeerStatus', ChannelType: 'PJSIP', Peer: 'PJSIP/6002', PeerStatus: status });
const contact = (status: string, uri = 'sip:6002@127.0.0.1:5062;ob'): AmiMessage => ({ Event: 'ContactStatus', URI: uri, ContactStatus: status, AOR: '6002', EndpointName: '6002' });
const device = (state: string): AmiMessage => ({ Event: 'DeviceStateChange', Device: 'PJSIP/6002', State: state });

describe('registrations tracked from PeerStatus, ContactStatus and DeviceStateChange (issue 12 §5)', () => {
  it('a phone no event named is not known, never guessed', () => {
    expect(registrationOf(fold({ Event: 'Newchannel', Channel: 'PJSIP/6002-00000001' }), 'PJSIP/6002')).toBeUndefined();
  });

  it.each([
    [[peer('Unreachable')], 'unregistered'],
    [[peer('Unreachable'), peer('Reachable')], 'registered'],
    [[peer('Rejected')], 'unregistered'],
    [[device('UNAVAILABLE')], 'unregistered'],
    [[device('UNAVAILABLE'), device('NOT_INUSE')], 'registered'],
    [[contact('Created')], 'registered'],
    [[contact('Created'), contact('Removed')], 'unregistered'],
    // Two contacts (two phones on one AOR): losing one leaves the device registered.
    [[contact('Created'), contact('Created', 'sip:6002@10.0.0.9:5060'), contact('Removed')], 'registered'],
    [[contact('Created'), peer('Unreachable'), contact('Created', 'sip:6002@10.0.0.9:5060')], 'registered'],
  ] as const)('%j → %s', (events, expected) => {
    expect(registrationOf(fold(...events), 'PJSIP/6002')).toBe(expected);
  });

  it('the last word wins, whichever event says it, and other devices are untouched', () => {
    const words: Array<[AmiMessage, 'registered' | 'unregistered']> = [
      [peer('Reachable'), 'registered'], [peer('Unreachable'), 'unregistered'],
      [device('INUSE'), 'registered'], [device('UNAVAILABLE'), 'unregistered'],
    ];
    fc.assert(fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 20 }), (seq) => {
      const state = fold({ Event: 'PeerStatus', Peer: 'PJSIP/6001', PeerStatus: 'Reachable' }, ...seq.map(([m]) => m));
      expect(registrationOf(state, 'PJSIP/6002')).toBe(seq[seq.length - 1]?.[1]);
      expect(registrationOf(state, 'PJSIP/6001')).toBe('registered');
    }));
  });

  it('does not change its input', () => {
    const before = fold(peer('Reachable'));
    applyRegistration(before, peer('Unreachable'));
    expect(registrationOf(before, 'PJSIP/6002')).toBe('registered');
  });
});
