import { describe, expect, it } from 'vitest';
import type { PhoneContext } from './context.js';
import { validateTypedNumber } from './typed-input.js';

const dc: PhoneContext = { defaultCountry: 'US', defaultAreaCode: '202', internalLength: 4, outsidePrefix: '9' };
const london: PhoneContext = { defaultCountry: 'GB', defaultAreaCode: '20', internalLength: 3, outsidePrefix: '9' };

describe('the call screen number field (R6.5)', () => {
  it.each([
    ['44 161 5527789', '+441615527789', '+44 (161) 5527789'],
    ['+ 44 (161) 5527789', '+441615527789', '+44 (161) 5527789'],
    ['+44 (161) 5527789', '+441615527789', '+44 (161) 5527789'],
    ['011 44 161 5527789', '+441615527789', '+44 (161) 5527789'],
    ['+441615527789', '+441615527789', '+44 (161) 5527789'],
    ['212 736 4440', '+12127364440', '+1 (212) 7364440'],
    ['1 212 736 4440', '+12127364440', '+1 (212) 7364440'],
    ['555 0100', '+12025550100', '+1 (202) 5550100'],
    ['  555 0100  ', '+12025550100', '+1 (202) 5550100'],
    ['+1 (212) 7364440', '+12127364440', '+1 (212) 7364440'],
    ['+45 32123456', '+4532123456', '+45 32123456'],
  ])('in Washington DC accepts %j as %s (%s)', (input, e164, canonical) => {
    expect(validateTypedNumber(input, dc)).toMatchObject({ ok: true, kind: 'number', e164, canonical });
  });

  it('accepts an extension of exactly the internal length as it is', () => {
    expect(validateTypedNumber('1234', dc)).toEqual({ ok: true, kind: 'extension', extension: '1234' });
    expect(validateTypedNumber('123', london)).toEqual({ ok: true, kind: 'extension', extension: '123' });
  });

  it('reads R6.5 cases in London: local, another area, international', () => {
    expect(validateTypedNumber('7555 0123', london)).toMatchObject({ ok: true, e164: '+442075550123' });
    expect(validateTypedNumber('0161 5527789', london)).toMatchObject({ ok: true, e164: '+441615527789' });
    expect(validateTypedNumber('00 1 212 736 4440', london)).toMatchObject({ ok: true, e164: '+12127364440' });
  });

  it.each([
    ['212-736-4440', '-', 3],
    ['(212) 736 4440', '(', 0],
    ['44 161 5527789 ext', 'e', 15],
    ['+44 (161) 552-7789', '-', 13],
    ['+44 161 (552) 7789', '(', 8],
    ['44 + 161 5527789', '+', 3],
    ['+44 (161 5527789', ' ', 8],
    ['+(161) 5527789', '(', 1],
    ['212.736.4440', '.', 3],
    ['212 736 4440 📞', '📞', 13],
  ])('refuses %j and names the character %j at index %i', (input, char, index) => {
    const r = validateTypedNumber(input, dc);
    expect(r).toMatchObject({ ok: false, reason: 'character-not-allowed', offending: { char, index } });
    if (!r.ok) expect(r.message).toContain(`${char}`);
  });

  it('says what it expects when the field is empty or holds no usable number', () => {
    expect(validateTypedNumber('', dc)).toMatchObject({ ok: false, reason: 'empty' });
    expect(validateTypedNumber('+', dc)).toMatchObject({ ok: false, reason: 'too-short' });
    expect(validateTypedNumber('12', dc)).toMatchObject({ ok: false, reason: 'too-short' });
    expect(validateTypedNumber('+999 1234567', dc)).toMatchObject({ ok: false, reason: 'invalid-country' });
  });
});
