import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { ProviderError } from '../telephony/provider.js';
import { toAppError } from './command-errors.js';

describe('a provider refusal becomes a catalogue error', () => {
  it.each([
    ['not-supported', 'not-supported', 409],
    ['invalid-state', 'invalid-call-state', 409],
    ['down', 'provider-down', 503],
    ['unknown-call', 'not-found', 404],
    ['unknown-device', 'provider-error', 502],
    ['refused', 'provider-error', 502],
    ['unavailable', 'device-unavailable', 409],
  ] as const)('%s → %s (%i)', (reason, code, status) => {
    const e = toAppError(new ProviderError(reason, 'no'), 'alerting');
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code, status });
  });

  it('says why a device cannot call: not registered (issue 12 §5)', () => {
    expect(toAppError(new ProviderError('unavailable', 'PJSIP/6002 is not registered'), undefined)).toMatchObject({ details: { reason: 'unavailable' } });
  });

  it('puts the call state in the details of invalid-call-state', () => {
    expect(toAppError(new ProviderError('invalid-state', 'no'), 'hold')).toMatchObject({ details: { state: 'hold' } });
  });

  it('leaves anything else alone', () => {
    const bug = new TypeError('bug');
    expect(toAppError(bug, undefined)).toBe(bug);
  });
});
