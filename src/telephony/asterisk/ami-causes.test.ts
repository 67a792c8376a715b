import { describe, expect, it } from 'vitest';
import { clearCauseOf, failureOfCause, failureOfDialStatus } from './ami-causes.js';

describe('Q.850 causes and Dial statuses as failure causes', () => {
  it.each([
    [17, 'busy'], [1, 'invalid-number'], [19, 'no-answer'], [21, 'rejected'], [34, 'network'],
    // Issue 12 §5: subscriber absent, a phone that is not registered.
    [20, 'unavailable'],
    [16, undefined], [0, undefined], [26, undefined], [127, undefined],
  ] as const)('cause %i → %s', (cause, expected) => {
    expect(failureOfCause(cause)).toBe(expected);
  });

  it('a normal clearing is normal, a failure cause says which', () => {
    expect(clearCauseOf(16)).toBe('normal');
    expect(clearCauseOf(20)).toBe('unavailable');
    expect(failureOfDialStatus('BUSY')).toBe('busy');
    expect(failureOfDialStatus('CANCEL')).toBeUndefined();
  });
});
