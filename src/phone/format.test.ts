import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import type { PhoneContext } from './context.js';
import { formatCanonical, formatNational } from './format.js';
import { normalise } from './parse.js';

describe('formatCanonical: TAPI canonical address +CC (AREA) SUBSCRIBER', () => {
  it.each([
    ['+441615527789', '+44 (161) 5527789'],
    ['+442075550123', '+44 (20) 75550123'],
    ['+12127364440', '+1 (212) 7364440'],
    ['+12025550100', '+1 (202) 5550100'],
    ['+33142685300', '+33 (1) 42685300'],
    ['+4921112345678', '+49 (211) 12345678'],
    ['+31201234567', '+31 (20) 1234567'],
    ['+3222123456', '+32 (2) 2123456'],
    ['+41446681800', '+41 (44) 6681800'],
    ['+61298765432', '+61 (2) 98765432'],
  ])('shows %s as %s (area code in brackets where the country has one)', (e164, canonical) => {
    expect(formatCanonical(e164)).toBe(canonical);
  });

  it.each([
    ['+4532123456', '+45 32123456'],
    ['+4722123456', '+47 22123456'],
    ['+6561234567', '+65 61234567'],
    ['+34912345678', '+34 912345678'],
    ['+390612345678', '+39 0612345678'],
  ])('shows %s as %s: closed numbering plans have no area code', (e164, canonical) => {
    expect(formatCanonical(e164)).toBe(canonical);
  });

  it.each(['', '441615527789', '+', '+0441615527789', '+44 161 5527789', '+999123456', 'garbage'])('returns null for %j, which is not E.164', (bad) => {
    expect(formatCanonical(bad)).toBeNull();
    expect(formatNational(bad)).toBeNull();
  });
});

describe('formatNational', () => {
  it.each([
    ['+441615527789', '0161 552 7789'],
    ['+12127364440', '(212) 736-4440'],
    ['+33142685300', '01 42 68 53 00'],
    ['+4921112345678', '0211 12345678'],
  ])('shows %s as %s', (e164, national) => {
    expect(formatNational(e164)).toBe(national);
  });
});

describe('round trips (property)', () => {
  const countries = getCountries().filter((c) => getExampleNumber(c, examples) !== undefined);
  // A real number of a random country, with its last digits replaced at random.
  const numbers = fc
    .tuple(fc.constantFrom(...countries), fc.integer({ min: 0, max: 9999 }))
    .map(([country, tail]) => {
      const example = getExampleNumber(country, examples);
      const e164 = String(example?.number ?? '');
      const t = String(tail).padStart(4, '0');
      return { country, e164: e164.slice(0, -4) + t };
    })
    .filter(({ e164 }) => normalise(e164, usContext).ok);
  const usContext: PhoneContext = { defaultCountry: 'US', defaultAreaCode: '202', internalLength: 4, outsidePrefix: '9' };

  it('normalise → canonical → normalise gives back the same E.164', () => {
    fc.assert(
      fc.property(numbers, ({ e164 }) => {
        const first = normalise(e164, usContext);
        if (!first.ok) return false;
        const canonical = formatCanonical(first.e164);
        if (canonical === null) return false;
        const again = normalise(canonical, usContext);
        return again.ok && again.e164 === first.e164;
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('national format, read in the number’s own country, gives back the same E.164', () => {
    fc.assert(
      fc.property(numbers, ({ country, e164 }) => {
        const national = formatNational(e164);
        const own: PhoneContext = { defaultCountry: country, defaultAreaCode: '', internalLength: 4, outsidePrefix: '' };
        const again = national === null ? undefined : normalise(national, own);
        return again?.ok === true && again.e164 === e164;
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});
