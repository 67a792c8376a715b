import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PhoneContext } from './context.js';
import { e164Of, normalise } from './parse.js';

const ctx = (defaultCountry: PhoneContext['defaultCountry'], defaultAreaCode: string): PhoneContext => ({
  defaultCountry,
  defaultAreaCode,
  internalLength: 4,
  outsidePrefix: '9',
});

// Real-world ways people type numbers, per country (R5.4: any format is accepted).
// [context country, context area code, as typed, E.164, area code or '' when none]
const TABLE: ReadonlyArray<readonly [PhoneContext['defaultCountry'], string, string, string, string]> = [
  ['US', '202', '555-0100', '+12025550100', '202'],
  ['US', '202', '(202) 555-0100', '+12025550100', '202'],
  ['US', '202', '202.555.0100', '+12025550100', '202'],
  ['US', '202', '1 212 736-4440', '+12127364440', '212'],
  ['US', '202', '+1 (212) 736-4440', '+12127364440', '212'],
  ['US', '202', '212/736-4440', '+12127364440', '212'],
  ['US', '202', '011 44 161 5527789', '+441615527789', '161'],
  ['US', '202', '+1 212 736 4440 x 12', '+12127364440', '212'],
  ['GB', '20', '020 7555 0123', '+442075550123', '20'],
  ['GB', '20', '7555 0123', '+442075550123', '20'],
  ['GB', '20', '+44 (0)20 7555 0123', '+442075550123', '20'],
  ['GB', '20', '0044 20 7555 0123', '+442075550123', '20'],
  ['GB', '20', '0161 552 7789', '+441615527789', '161'],
  ['GB', '20', '07911 123456', '+447911123456', '7911'],
  ['FR', '1', '01 42 68 53 00', '+33142685300', '1'],
  ['FR', '1', '01.42.68.53.00', '+33142685300', '1'],
  ['FR', '1', '+33 (0)6 12 34 56 78', '+33612345678', '6'],
  ['FR', '', '0033 1 42 68 53 00', '+33142685300', '1'],
  ['DE', '211', '0211 12345678', '+4921112345678', '211'],
  ['DE', '211', '0211/12345678', '+4921112345678', '211'],
  ['DE', '211', '(0211) 123 456-78', '+4921112345678', '211'],
  ['DE', '211', '12345678', '+4921112345678', '211'],
  ['DE', '30', '+49 30 901820', '+4930901820', '30'],
  ['ES', '', '912 34 56 78', '+34912345678', ''],
  ['ES', '', '+34 912 345 678', '+34912345678', ''],
  ['ES', '', '0034 612 34 56 78', '+34612345678', ''],
  ['IT', '', '06 1234 5678', '+390612345678', ''],
  ['IT', '', '+39 06 1234 5678', '+390612345678', ''],
  ['IT', '', '347 123 4567', '+393471234567', ''],
  ['NL', '20', '020 - 123 45 67', '+31201234567', '20'],
  ['NL', '20', '+31 (0)20 123 4567', '+31201234567', '20'],
  ['NL', '20', '06-12345678', '+31612345678', '6'],
  ['BE', '2', '02 212 34 56', '+3222123456', '2'],
  ['BE', '2', '+32 (0)2 212 34 56', '+3222123456', '2'],
  ['BE', '2', '0470 12 34 56', '+32470123456', '470'],
  ['CH', '44', '044 668 18 00', '+41446681800', '44'],
  ['CH', '44', '+41 44 668 18 00', '+41446681800', '44'],
  ['CH', '44', '0041 79 123 45 67', '+41791234567', '79'],
  ['AU', '2', '(02) 9876 5432', '+61298765432', '2'],
  ['AU', '2', '9876 5432', '+61298765432', '2'],
  ['AU', '2', '0011 44 20 7555 0123', '+442075550123', '20'],
  ['AU', '2', '0412 345 678', '+61412345678', '412'],
  ['SG', '', '6123 4567', '+6561234567', ''],
  ['SG', '', '+65 9123 4567', '+6591234567', ''],
  ['DK', '', '32 12 34 56', '+4532123456', ''],
  ['DK', '', '+45 32 12 34 56', '+4532123456', ''],
  ['NO', '', '22 12 34 56', '+4722123456', ''],
  ['NO', '', '00 47 22 12 34 56', '+4722123456', ''],
];

describe('normalise (R5.4)', () => {
  it.each(TABLE)('in %s/%s, %j is %s', (country, area, raw, e164, areaCode) => {
    const n = normalise(raw, ctx(country, area));
    expect(n).toMatchObject({ ok: true, e164 });
    if (n.ok) {
      expect(n.areaCode ?? '').toBe(areaCode);
      expect(n.nationalNumber.endsWith(n.subscriber)).toBe(true);
      expect(`${n.callingCode}${n.nationalNumber}`).toBe(e164.slice(1));
    }
  });

  it('puts a number typed without area code in the default area (US/202: 555-0100)', () => {
    expect(normalise('555-0100', ctx('US', '202'))).toMatchObject({ ok: true, e164: '+12025550100', reading: 'local' });
  });

  it('leaves a full national number alone even when the default area differs', () => {
    expect(normalise('01 42 68 53 00', ctx('FR', '4'))).toMatchObject({ ok: true, e164: '+33142685300', reading: 'national' });
  });

  it('reads a number that starts with the country code but has no + as international', () => {
    expect(normalise('442075550123', ctx('US', '202'))).toMatchObject({ ok: true, e164: '+442075550123', reading: 'international-without-plus' });
    expect(normalise('442075550123', ctx('GB', '20'))).toMatchObject({ ok: true, e164: '+442075550123' });
  });

  it('reads caller IDs sent as tel: and sip: URIs', () => {
    const us = ctx('US', '202');
    expect(normalise('tel:+1-212-736-4440', us)).toMatchObject({ ok: true, e164: '+12127364440' });
    expect(normalise('sip:+442075550123@pbx.example.com;user=phone', us)).toMatchObject({ ok: true, e164: '+442075550123' });
    expect(normalise('"Arthur Browne" <sip:+12127364440@10.0.0.1>', us)).toMatchObject({ ok: true, e164: '+12127364440' });
    expect(normalise('tel:+12127364440;ext=12', us)).toMatchObject({ ok: true, e164: '+12127364440', extension: '12' });
  });

  it('reports the kind of number from the max metadata', () => {
    expect(normalise('+33 6 12 34 56 78', ctx('FR', ''))).toMatchObject({ kind: 'mobile', valid: true });
    expect(normalise('+44 20 7555 0123', ctx('FR', ''))).toMatchObject({ kind: 'fixed-line', valid: true });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['anonymous', 'withheld'],
    ['Anonymous', 'withheld'],
    ['withheld', 'withheld'],
    ['Restricted', 'withheld'],
    ['unknown', 'withheld'],
    ['sip:anonymous@anonymous.invalid', 'withheld'],
    ['"Anonymous" <sip:anonymous@anonymous.invalid>', 'withheld'],
    ['1'.repeat(65), 'too-long'],
    ['call me maybe', 'not-a-number'],
    ['<script>alert(1)</script>', 'not-a-number'],
    ["'; DROP TABLE persons; --", 'not-a-number'],
    ['+', 'not-a-number'],
    ['12', 'too-short'],
    ['+999 1234 5678', 'invalid-country'],
    ['+44 1', 'too-short'],
    ['*72', 'not-a-number'],
  ])('says %j is not a phone number: %s', (raw, reason) => {
    expect(normalise(raw, ctx('US', '202'))).toEqual({ ok: false, reason });
  });

  it('never throws, whatever the string (ASCII and full Unicode)', () => {
    const us = ctx('US', '202');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => typeof normalise(s, us).ok === 'boolean'),
      { numRuns: 500, seed: 1 },
    );
  });

  it('gives the same answer for the same input (the cache is transparent)', () => {
    const gb = ctx('GB', '20');
    expect(normalise('020 7555 0123', gb)).toEqual(normalise('020 7555 0123', gb));
    expect(normalise('7555 0123', gb)).not.toEqual(normalise('7555 0123', ctx('GB', '161')));
  });
});

describe('e164Of (the index’s lighter reading)', () => {
  it.each(TABLE)('in %s/%s, %j gives the same E.164 as normalise', (country, area, raw, e164) => {
    expect(e164Of(raw, ctx(country, area))).toBe(e164);
  });

  it('always agrees with normalise (property)', () => {
    const gb = ctx('GB', '20');
    fc.assert(
      fc.property(fc.stringMatching(/^(\+|00)?[0-9 ]{3,16}$/), (s) => {
        const n = normalise(s, gb);
        return e164Of(s, gb) === (n.ok ? n.e164 : null);
      }),
      { numRuns: 500, seed: 2 },
    );
  });

  it('gives null where normalise gives a reason', () => {
    for (const raw of ['', 'anonymous', 'hello', '12', '+999 1234 5678', '*72']) expect(e164Of(raw, ctx('US', '202'))).toBeNull();
  });
});
