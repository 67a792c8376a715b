import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { fr } from '../../i18n/fr.js';
import { ApiError } from '../../lib/http.js';
import { numberErrorText } from './number-error.js';

const refused = (details: Record<string, unknown>) => new ApiError(422, { code: 'invalid-phone-number', message: 'server words', details });

describe('why a typed number cannot be dialled, in the user\'s language (R6.5, issue 12 §3)', () => {
  it('names the character to remove and where, in English and French', () => {
    const e = refused({ reason: 'character-not-allowed', char: 'B', position: 12 });
    expect(numberErrorText(e, en)).toMatch(/^Remove "B" \(character 12\)/);
    expect(numberErrorText(e, fr)).toMatch(/^Retirez « B » \(caractère 12\)/);
  });

  it('says what to change for every reason the server gives', () => {
    for (const reason of Object.keys(en.numberErrors)) {
      expect(numberErrorText(refused({ reason }), en)).toBe(en.numberErrors[reason as keyof typeof en.numberErrors].replace(/\{\w+\}/g, (m) => m));
      expect(numberErrorText(refused({ reason }), fr)).not.toBe(numberErrorText(refused({ reason }), en));
    }
  });

  it('falls back to the server\'s message for anything else', () => {
    expect(numberErrorText(new ApiError(503, { code: 'provider-down', message: 'The phone system is not connected.' }), fr)).toBe('The phone system is not connected.');
  });
});
