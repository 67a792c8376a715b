import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../domain/call.js';
import { ALL_CAPABILITIES } from '../telephony/provider.js';
import { allowedActions } from './allowed-actions.js';

const all = new Set(ALL_CAPABILITIES);
type Snap = Parameters<typeof allowedActions>[0];
const snap = (over: Partial<CallSnapshot>): Snap => ({
  device: '1001', state: 'connected', connections: [{ device: '1001', state: 'connected' }, { device: 'X', state: 'connected' }], ...over,
});

describe('which buttons the UI may offer (R6.9)', () => {
  it('a ringing call offers Answer and Hang up', () => {
    expect(allowedActions(snap({ state: 'alerting', connections: [{ device: '1001', state: 'alerting' }] }), all)).toEqual(['answer', 'hangup']);
  });
  it('a connected call offers Hang up, Hold, Transfer, Consult', () => {
    expect(allowedActions(snap({}), all)).toEqual(['hangup', 'hold', 'transfer', 'consult']);
  });
  it('no Hold while dialling, nor when the called number is busy or invalid', () => {
    expect(allowedActions(snap({ state: 'initiated', connections: [{ device: '1001', state: 'initiated' }, { device: 'X', state: 'alerting' }] }), all)).toEqual(['hangup']);
    expect(allowedActions(snap({ state: 'initiated', failureCause: 'busy', connections: [{ device: '1001', state: 'initiated' }, { device: 'X', state: 'fail' }] }), all)).toEqual(['hangup']);
    expect(allowedActions(snap({ state: 'initiated', failureCause: 'invalid-number', connections: [{ device: '1001', state: 'initiated' }] }), all)).toEqual(['hangup']);
  });
  it('what the provider cannot do is not offered (no transfer on this system)', () => {
    const noTransfer = new Set(ALL_CAPABILITIES.filter((c) => c !== 'singleStepTransfer'));
    expect(allowedActions(snap({}), noTransfer)).toEqual(['hangup', 'hold', 'consult']);
  });
  it('a consultation offers Complete and Reconnect; its held call offers only Hang up', () => {
    expect(allowedActions(snap({ consultOf: 'c1' }), all)).toEqual(['hangup', 'complete', 'reconnect']);
    expect(allowedActions(snap({ state: 'hold', consultedBy: 'c2' }), all)).toEqual(['hangup']);
  });
});
