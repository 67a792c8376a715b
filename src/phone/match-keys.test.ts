import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import type { PhoneContext } from './context.js';
import { formatNational } from './format.js';
import { allKeys, candidateKeys, indexKeysFor } from './match-keys.js';
import { normalise } from './parse.js';

const london: PhoneContext = { defaultCountry: 'GB', defaultAreaCode: '20', internalLength: 4, outsidePrefix: '9' };
const dc: PhoneContext = { defaultCountry: 'US', defaultAreaCode: '202', internalLength: 4, outsidePrefix: '9' };
const dusseldorf: PhoneContext = { defaultCountry: 'DE', defaultAreaCode: '211', internalLength: 3, outsidePrefix: '0' };

describe('candidateKeys: every form a phone system sends (R6.6)', () => {
  it.each([
    '+442075550123',
    '02075550123',
    '00442075550123',
    '0044 20 7555 0123',
    '+44 (0)20 7555 0123',
    'tel:+44-20-7555-0123',
    'sip:+442075550123@pbx.example.com;user=phone',
    '"Arthur Browne" <sip:+442075550123@10.0.0.1:5060>',
    '<sip:02075550123@pbx.example.com>',
    'sip:%2B442075550123@pbx.example.com',
    '2075550123',
  ])('in London, %j has the exact key 442075550123', (callerId) => {
    expect(candidateKeys(callerId, london).exact).toEqual(['442075550123']);
  });

  it('in London, 442075550123 (country code without +) is a variant, not an exact reading', () => {
    const c = candidateKeys('442075550123', london);
    expect(c.exact).toEqual([]);
    expect(c.variants).toContain('442075550123');
  });

  it('in Washington, a 7-digit local caller ID has the default area as a variant', () => {
    expect(candidateKeys('5550100', dc)).toMatchObject({ exact: [], variants: ['12025550100'] });
    expect(candidateKeys('2127364440', dc).exact).toEqual(['12127364440']);
    expect(candidateKeys('12127364440', dc).exact).toEqual(['12127364440']);
    expect(candidateKeys('011441615527789', dc).exact).toEqual(['441615527789']);
  });

  it('lists every leading part of the number from length − 1 down to 6 digits, longest first', () => {
    expect(candidateKeys('+4921112345678', dusseldorf).prefixes).toEqual([
      '492111234567', '49211123456', '4921112345', '492111234', '49211123', '4921112', '492111',
    ]);
  });

  it('gives an internal-length caller ID the extension key only', () => {
    expect(candidateKeys('1234', dc)).toEqual({ exact: ['x1234'], variants: [], prefixes: [], extension: true });
  });

  it.each(['anonymous', 'Anonymous', 'withheld', 'Restricted', 'unknown', 'sip:anonymous@anonymous.invalid', '"Anonymous" <sip:anonymous@anonymous.invalid>', '', 'not a number'])(
    'gives %j no key at all, so it never matches',
    (callerId) => {
      expect(allKeys(candidateKeys(callerId, london))).toEqual([]);
    },
  );

  it('never throws, whatever the string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[-+0-9 ()]{0,24}$/)), (s) => Array.isArray(allKeys(candidateKeys(s, london)))),
      { numRuns: 1000, seed: 3 },
    );
  });
});

describe('indexKeysFor: what the index stores for a CRM phone value', () => {
  it('stores the E.164 digits of a number typed in any format', () => {
    expect(indexKeysFor('1 212 736-4440', dc)).toEqual([{ key: '12127364440', kind: 'number' }]);
    expect(indexKeysFor('020 7555 0123', london)).toEqual([{ key: '442075550123', kind: 'number' }]);
  });

  it('stores a German switchboard typed as 0211 12345-0 as its number and its block', () => {
    expect(indexKeysFor('0211 12345-0', dusseldorf)).toEqual([
      { key: '49211123450', kind: 'number' },
      { key: '4921112345', kind: 'block' },
    ]);
    expect(indexKeysFor('+49 211 12345-0', dc)).toEqual([
      { key: '49211123450', kind: 'number' },
      { key: '4921112345', kind: 'block' },
    ]);
  });

  it('stores a number block typed with trailing x or … as a block only', () => {
    expect(indexKeysFor('+1 212 555 01xx', dc)).toEqual([{ key: '121255501', kind: 'block' }]);
    expect(indexKeysFor('0211 12345…', dusseldorf)).toEqual([{ key: '4921112345', kind: 'block' }]);
  });

  it('stores an extension (internal length) under its own key', () => {
    expect(indexKeysFor('1234', dc)).toEqual([{ key: 'x1234', kind: 'extension' }]);
  });

  it('stores nothing for values that are not numbers', () => {
    expect(indexKeysFor('n/a', dc)).toEqual([]);
    expect(indexKeysFor('', dc)).toEqual([]);
  });
});

describe('the fast caller-ID reading agrees with the full parser (property)', () => {
  const countries = getCountries().filter((c) => getExampleNumber(c, examples) !== undefined);
  const numbers = fc
    .tuple(fc.constantFrom(...countries), fc.integer({ min: 0, max: 9999 }), fc.constantFrom('e164' as const, 'national' as const, 'idd' as const))
    .map(([country, tail, form]) => {
      const e164 = String(getExampleNumber(country, examples)?.number ?? '').slice(0, -4) + String(tail).padStart(4, '0');
      const text = form === 'e164' ? e164 : form === 'national' ? (formatNational(e164) ?? '') : `00${e164.slice(1)}`;
      const ctx: PhoneContext = { defaultCountry: country, defaultAreaCode: '', internalLength: 8, outsidePrefix: '' };
      return { ctx, text, n: normalise(text, ctx) };
    })
    // Only real numbers of the country (not 4-digit numbers that would be extensions).
    .filter(({ n, text, ctx }) => n.ok && n.valid && text.replace(/\D/g, '').length !== ctx.internalLength);

  it('whatever form a real number arrives in, its E.164 is among the exact or variant keys', () => {
    fc.assert(
      fc.property(numbers, ({ ctx, text, n }) => {
        const c = candidateKeys(text, ctx);
        return n.ok && [...c.exact, ...c.variants].includes(n.e164.slice(1));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
