import { describe, expect, it } from 'vitest';
import { sipPasswordProblem, sipPasswordState } from './sip-password.js';

describe('a user\'s SIP password on the admin page', () => {
  it('reads set, not set, or must be set again (another realm or device name) from the user JSON', () => {
    expect(sipPasswordState({ sipPasswordSet: true, sipPasswordStale: false })).toBe('set');
    expect(sipPasswordState({ sipPasswordSet: false, sipPasswordStale: false })).toBe('not-set');
    expect(sipPasswordState({})).toBe('not-set');
    expect(sipPasswordState({ sipPasswordSet: false, sipPasswordStale: true })).toBe('stale');
  });

  it('is sent only for a user with a saved device and with 8 characters or more', () => {
    expect(sipPasswordProblem('long-enough', null)).toBe('needs-device');
    expect(sipPasswordProblem('short', '1001')).toBe('too-short');
    expect(sipPasswordProblem('12345678', '1001')).toBeNull();
  });
});
