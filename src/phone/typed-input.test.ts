import { describe, expect, it } from 'vitest';
import type { PhoneContext } from './context.js';
import { validateTypedNumber } from './typed-input.js';

const dc: PhoneContext = { defaultCountry: 'US', defaultAreaCode: '202', internalLength: 4, outsidePrefix: '9' };
const london: PhoneContext = { defaultCountry: 'GB', defaultAreaCode: '20', internalLength: 3, outsidePrefix: '9' };
const dusseldorf: PhoneContext = { defaultCountry: 'DE', defaultAreaCode: '211', internalLength: 4, outsidePrefix: '0' };

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
    ['(212) 555-0136', '+12125550136'],
    ['212.555.0136', '+12125550136'],
    ['212-736-4440', '+12127364440'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['0044 20 7946 0958', '+442079460958'],
    ['+44 (161) 552-7789', '+441615527789'],
    ['+49 (0)30 1234567', '+49301234567'],
    ['0044 (0)20-7946 0958', '+442079460958'],
    ['011 44 161 552 7789', '+441615527789'],
    ['tel:+1-212-736-4440', '+12127364440'],
    ['tel:+1-212-736-4440;ext=12', '+12127364440'],
    ['212 736 4440 x123', '+12127364440'],
    ['(212) 736-4440 ext. 123', '+12127364440'],
    ['+44\u00a020\u20117946\u20110958', '+442079460958'],
    ])('accepts what people paste (issue 12, R5.4): %j is %s', (input, e164) => {
    expect(validateTypedNumber(input, dc)).toMatchObject({ ok: true, kind: 'number', e164 });
  });

  it.each([
    ['212 736 4440 📞', '📞', 13],
    ['44 + 161 5527789', '+', 3],
    ['call 212 736 4440', 'c', 0],
    ['+1 212 555 01xx', 'x', 13],
    ['212*736*4440', '*', 3],
  ])('refuses %j and names the character %j at index %i, saying what to change', (input, char, index) => {
    const r = validateTypedNumber(input, dc);
    expect(r).toMatchObject({ ok: false, reason: 'character-not-allowed', offending: { char, index } });
    if (!r.ok) expect(r.message).toMatch(new RegExp(`^(remove the character "|"\\+" is only allowed at the start)`));
  });

  it('reads German national forms with a slash in Düsseldorf', () => {
    expect(validateTypedNumber('040/50372104', dusseldorf)).toMatchObject({ ok: true, e164: '+494050372104' });
    expect(validateTypedNumber('(0211) 5493560', dusseldorf)).toMatchObject({ ok: true, e164: '+492115493560' });
  });

  it('says what it expects when the field is empty or holds no usable number', () => {
    expect(validateTypedNumber('', dc)).toMatchObject({ ok: false, reason: 'empty' });
    expect(validateTypedNumber('+', dc)).toMatchObject({ ok: false, reason: 'too-short' });
    expect(validateTypedNumber('12', dc)).toMatchObject({ ok: false, reason: 'too-short' });
    expect(validateTypedNumber('+999 1234567', dc)).toMatchObject({ ok: false, reason: 'invalid-country' });
  });
});
