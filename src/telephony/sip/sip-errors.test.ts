import { describe, expect, it } from 'vitest';
import { failureCause } from './sip-errors.js';

describe('SIP failures become the contract failure causes (R6.9)', () => {
  it.each([
    [486, 'busy'], [600, 'busy'], [480, 'no-answer'], [408, 'no-answer'], ['no-answer', 'no-answer'], ['timeout', 'no-answer'],
    [404, 'invalid-number'], [484, 'invalid-number'], [604, 'invalid-number'], [603, 'rejected'],
    [500, 'network'], [503, 'network'], [488, 'network'], ['transport-error', 'network'],
  ] as const)('%s maps to %s', (status, cause) => {
    expect(failureCause(status)).toBe(cause);
  });
});
