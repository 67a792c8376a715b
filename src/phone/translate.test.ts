import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLocation } from './location.js';
import type { Location } from './location.js';
import { translate } from './translate.js';

const washington = defaultLocation('US', '202', '9', 4);
const washingtonTenDigit: Location = { ...washington, areaCodeRules: [{ areaCode: '202', dialAreaCode: true, dialNationalPrefix: true }] };
const london = defaultLocation('GB', '20', '9', 4);

describe('translate (R3.3, TAPI lineTranslateAddress) in Washington DC, outside prefix 9', () => {
  it.each([
    ['+1 (202) 555-0100', '95550100', 'local'],
    ['+44 (161) 5527789', '9011441615527789', 'international'],
    ['1234', '1234', 'internal'],
    ['911', '9911', 'emergency'],
    ['+1 212 736 4440', '912127364440', 'national'],
    ['(212) 736-4440', '912127364440', 'national'],
    ['555-0100', '95550100', 'local'],
    ['011 44 161 5527789', '9011441615527789', 'international'],
    ['+33 1 42 68 53 00', '901133142685300', 'international'],
    ['+45 32 12 34 56', '90114532123456', 'international'],
    ['*72', '*72', 'internal'],
  ])('%j → %s (%s)', (input, dialable, kind) => {
    expect(translate(input, washington)).toMatchObject({ ok: true, dialable, kind });
  });

  it('dials 1 + area code for 202 when an area-code rule says so', () => {
    expect(translate('+1 (202) 555-0100', washingtonTenDigit)).toMatchObject({ ok: true, dialable: '912025550100', kind: 'local' });
  });

  it('dials the area code without national prefix when the rule says only that', () => {
    const loc: Location = { ...washington, areaCodeRules: [{ areaCode: '301', dialAreaCode: true, dialNationalPrefix: false }] };
    expect(translate('+1 301 555 0100', loc)).toMatchObject({ ok: true, dialable: '93015550100', kind: 'local' });
  });

  it('applies a rule only to the local prefixes it lists', () => {
    const loc: Location = { ...washington, areaCodeRules: [{ areaCode: '301', dialAreaCode: true, dialNationalPrefix: false, localPrefixes: ['555'] }] };
    expect(translate('+1 301 555 0100', loc)).toMatchObject({ dialable: '93015550100', kind: 'local' });
    expect(translate('+1 301 444 0100', loc)).toMatchObject({ dialable: '913014440100', kind: 'national' });
  });

  it('uses the long-distance outside prefix for long-distance calls only', () => {
    const loc: Location = { ...washington, outsidePrefixLongDistance: '8' };
    expect(translate('555-0100', loc)).toMatchObject({ dialable: '95550100' });
    expect(translate('+1 212 736 4440', loc)).toMatchObject({ dialable: '812127364440' });
    expect(translate('+44 161 5527789', loc)).toMatchObject({ dialable: '8011441615527789' });
  });

  it('ignores every non-digit when dialling (R5.4)', () => {
    expect(translate('+1 (212) 736-4440 ', washington)).toMatchObject({ dialable: '912127364440' });
    expect(translate('tel:+1-212-736-4440', washington)).toMatchObject({ dialable: '912127364440' });
  });

  it('puts emergency numbers before extensions, even with a 3-digit extension plan', () => {
    expect(translate('911', { ...washington, internalLength: 3 })).toMatchObject({ dialable: '9911', kind: 'emergency' });
  });
});

describe('translate in London, outside prefix 9', () => {
  it.each([
    ['+44 20 7555 0123', '975550123', 'local'],
    ['+44 161 5527789', '901615527789', 'national'],
    ['+1 212 736 4440', '90012127364440', 'international'],
    ['020 7555 0123', '975550123', 'local'],
    ['7555 0123', '975550123', 'local'],
    ['999', '9999', 'emergency'],
    ['112', '9112', 'emergency'],
  ])('%j → %s (%s)', (input, dialable, kind) => {
    expect(translate(input, london)).toMatchObject({ ok: true, dialable, kind });
  });
});

describe('translate elsewhere', () => {
  it('dials the national number in a closed plan (Copenhagen, no trunk prefix)', () => {
    expect(translate('32 12 34 56', defaultLocation('DK', '', '0'))).toMatchObject({ dialable: '032123456', kind: 'national' });
  });

  it('uses the preferred international prefix where several exist (Sydney: 0011)', () => {
    expect(translate('+44 20 7555 0123', defaultLocation('AU', '2', ''))).toMatchObject({ dialable: '0011442075550123', kind: 'international' });
  });

  it('honours an overridden international prefix', () => {
    const loc: Location = { ...washington, internationalPrefix: '00' };
    expect(translate('+44 161 5527789', loc)).toMatchObject({ dialable: '900441615527789' });
    expect(translate('00 44 161 5527789', loc)).toMatchObject({ dialable: '900441615527789' });
  });

  it('treats a Canadian number from the US as national (same calling code)', () => {
    expect(translate('+1 416 555 0199', washington)).toMatchObject({ dialable: '914165550199', kind: 'national' });
  });
});

describe('translate refuses what it cannot dial', () => {
  it.each([
    ['', 'empty'],
    ['anonymous', 'withheld'],
    ['hello', 'not-a-number'],
    ['12', 'too-short'],
  ])('%j → %s', (input, reason) => {
    expect(translate(input, washington)).toEqual({ ok: false, reason });
  });

  it('refuses to dial with a location whose prefixes are not dialable', () => {
    expect(translate('+1 212 736 4440', { ...washington, outsidePrefixLocal: '9w' })).toEqual({ ok: false, reason: 'invalid-location' });
  });
});

describe('translate (properties)', () => {
  const locations = [washington, washingtonTenDigit, london, defaultLocation('FR', '1', '0'), defaultLocation('AU', '2', ''), defaultLocation('DK', '', '0')];
  const inputs = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.stringMatching(/^\+?[0-9 ()\-.]{0,20}$/),
    fc.stringMatching(/^(\+|00|011)?[1-9][0-9]{6,13}$/),
  );

  it('never emits a character outside 0-9 * # and never throws', () => {
    fc.assert(
      fc.property(inputs, fc.constantFrom(...locations), (input, loc) => {
        const t = translate(input, loc);
        return !t.ok || /^[0-9*#]+$/.test(t.dialable);
      }),
      { numRuns: 1000, seed: 5 },
    );
  });
});
