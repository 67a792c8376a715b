import { describe, expect, it } from 'vitest';
import { makeTranslate } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/http.js';
import { commandErrorText } from './command-error.js';

describe('the words of a failed command (issue 12 §5)', () => {
  const unavailable = new ApiError(409, { code: 'device-unavailable', message: 'PJSIP/6002 is not registered with Asterisk', details: { reason: 'unavailable' } });

  it('says the phone is not registered, in English and in French', () => {
    expect(commandErrorText(unavailable, makeTranslate('en'))).toBe('Your phone is not registered with the phone system: switch it on and log it in, then try again.');
    expect(commandErrorText(unavailable, makeTranslate('fr'))).toContain('n’est pas enregistré');
  });

  it('shows the server\'s message for any other error', () => {
    expect(commandErrorText(new ApiError(502, { code: 'provider-error', message: 'Asterisk refused Originate' }), makeTranslate('fr'))).toBe('Asterisk refused Originate');
  });
});
