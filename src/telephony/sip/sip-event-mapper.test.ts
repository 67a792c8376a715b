import { describe, expect, it } from 'vitest';
import { stateAfter, toCallState, toEvent, type CallView } from './sip-event-mapper.js';

const call: CallView = {
  ref: 'c1', callingNumber: '+12127364440', calledNumber: '1001', startedAt: 5,
  parties: [{ device: '+12127364440', remote: true, state: 'connected' }, { device: '1001', remote: false, state: 'hold' }],
};
const [caller, agent] = call.parties as [CallView['parties'][0], CallView['parties'][0]];

describe('B2BUA happenings become contract events (one connection each)', () => {
  it('an agent phone alerted by an outside caller is delivered with both numbers', () => {
    expect(toEvent(call, agent, { kind: 'alerting' }, 9)).toEqual({ type: 'delivered', callRef: 'c1', device: '1001', at: 9, callingNumber: '+12127364440', calledNumber: '1001' });
  });
  it('the far party is flagged remote', () => {
    expect(toEvent(call, caller, { kind: 'failed', cause: 'busy' }, 1)).toMatchObject({ type: 'failed', remote: true, cause: 'busy' });
  });
  it('a merged transfer names the consultation call', () => {
    expect(toEvent(call, agent, { kind: 'transferred', to: '1002', secondaryCallRef: 'c2' }, 1)).toMatchObject({ type: 'transferred', transferredTo: '1002', secondaryCallRef: 'c2' });
  });
  it('hang-up clears the connection and leaves no state', () => {
    expect(toEvent(call, agent, { kind: 'hung-up' }, 1)).toMatchObject({ type: 'connection-cleared', cause: 'normal' });
    expect(stateAfter({ kind: 'hung-up' })).toBeUndefined();
    expect(stateAfter({ kind: 'held' })).toBe('hold');
  });
  it('a phone rung by a transfer is told who it will talk to, not who started the call (issue 17)', () => {
    expect(toEvent(call, agent, { kind: 'alerting', callingNumber: '1002' }, 9)).toMatchObject({ type: 'delivered', callingNumber: '1002' });
  });
  it('a party whose partner changed hears the new party, and keeps its state (issue 17)', () => {
    expect(toEvent(call, agent, { kind: 'party-changed', number: '1003' }, 9)).toEqual({ type: 'party-changed', callRef: 'c1', device: '1001', at: 9, number: '1003' });
    expect(stateAfter({ kind: 'party-changed', number: '1003' })).toBeUndefined();
  });
  it('a live call resyncs with each connection state', () => {
    expect(toCallState(call).connections).toEqual([{ device: '+12127364440', remote: true, state: 'connected' }, { device: '1001', state: 'hold' }]);
  });
});
