/**
 * Issue 12 §3, R5.4, R6.5, R6.6: every everyday way of writing a number is read as that
 * number, for storing (index keys), for the caller ID (candidate keys) and for dialling
 * (the call screen's field and the dialling rules), whatever the system's country.
 */
import fc from 'fast-check';
import { getExampleNumber, parsePhoneNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import type { PhoneContext } from './context.js';
import { defaultLocation } from './location.js';
import { candidateKeys, indexKeysFor } from './match-keys.js';
import type { CountryCode } from './metadata.js';
import { translate } from './translate.js';
import { validateTypedNumber } from './typed-input.js';
import { writtenForms } from './written-forms.js';

/** The demo's countries (src/crm/demo/countries.ts). */
const COUNTRIES: readonly CountryCode[] = ['US', 'GB', 'FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'CH', 'AU'];

/** Fixed-line number heads (country code + area code) and national lengths, per country. */
const FIXED: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  US: [['1212', 10], ['1415', 10], ['1713', 10]], GB: [['4420', 10], ['44161', 10], ['44113', 10]],
  FR: [['331', 9], ['334', 9]], DE: [['4930', 10], ['49211', 10], ['4989', 10]], ES: [['3491', 9], ['34954', 9]],
  IT: [['3902', 10], ['39011', 9]], NL: [['3120', 9], ['3110', 9]], BE: [['322', 8], ['323', 8]],
  CH: [['4144', 9], ['4131', 9]], AU: [['612', 9], ['613', 9]],
};

/** A valid number of one of the countries: a fixed line or a mobile, with random digits. */
const numbers = fc
  .tuple(fc.constantFrom(...COUNTRIES), fc.boolean(), fc.nat(2), fc.integer({ min: 0, max: 99_999_999 }))
  .map(([country, mobile, pick, digits]) => {
    const cc = parsePhoneNumber(String(getExampleNumber(country, examples)?.number)).countryCallingCode;
    if (mobile) return String(getExampleNumber(country, examples)?.number).slice(0, -5) + String(digits % 100_000).padStart(5, '0');
    const heads = FIXED[country] ?? [];
    const [head, length] = heads[pick % heads.length] ?? ['', 0];
    const tail = length + cc.length - head.length;
    return `+${head}${String(digits).padStart(8, '0').slice(-tail).padStart(tail, '0')}`;
  })
  .filter((e164) => parsePhoneNumber(e164).isValid());

const homes = fc.record({
  defaultCountry: fc.constantFrom(...COUNTRIES),
  defaultAreaCode: fc.constantFrom('', 'own'),
  internalLength: fc.constantFrom(3, 4, 5),
  outsidePrefix: fc.constantFrom('', '9', '0'),
}).map((h): PhoneContext => ({ ...h, defaultAreaCode: h.defaultAreaCode === '' ? '' : (FIXED[h.defaultCountry]?.[0]?.[0] ?? '').slice(parsePhoneNumber(String(getExampleNumber(h.defaultCountry, examples)?.number)).countryCallingCode.length) }));

const cases = fc.tuple(numbers, homes).chain(([e164, ctx]) => {
  const forms = writtenForms(e164, ctx.defaultCountry);
  return fc.constantFrom(...forms).map((form) => ({ e164, ctx, form }));
});

describe('every everyday way of writing a number is that number (issue 12 §3, property)', () => {
  it('writes at least ten ways for every number, national ones for the home country', () => {
    expect(writtenForms('+12127364440', 'US').map((f) => f.text)).toEqual(expect.arrayContaining([
      '+12127364440', '+1 212 736 4440', '001 212 736 4440', '011 1 212 736 4440', '(212) 736-4440', '212.736.4440', 'tel:+1-212-736-4440',
    ]));
    expect(writtenForms('+442079460958', 'US').map((f) => f.text)).toEqual(expect.arrayContaining(['+44 (0)20 7946 0958', '0044 (0)20-7946 0958']));
    for (const c of COUNTRIES) expect(writtenForms(String(getExampleNumber(c, examples)?.number), 'US').length).toBeGreaterThanOrEqual(10);
  });

  it('the call screen accepts it as the same number and dials it (R6.5, R5.4)', () => {
    fc.assert(fc.property(cases, ({ e164, ctx, form }) => {
      if (form.text.replace(/\D/g, '').length === ctx.internalLength) return true;
      const typed = validateTypedNumber(form.text, ctx);
      const dial = translate(form.text, defaultLocation(ctx.defaultCountry, ctx.defaultAreaCode, ctx.outsidePrefix, ctx.internalLength));
      return typed.ok && typed.kind === 'number' && typed.e164 === e164 && dial.ok && dial.e164 === e164;
    }), { numRuns: 3000, seed: 12 });
  });

  it('stored in a record, it is keyed under its E.164 digits (R6.6)', () => {
    fc.assert(fc.property(cases, ({ e164, ctx, form }) =>
      indexKeysFor(form.text, ctx).some((k) => k.kind === 'number' && k.key === e164.slice(1))), { numRuns: 3000, seed: 13 });
  });

  it('as a caller ID, its E.164 digits are among the exact or variant keys (R6.6)', () => {
    fc.assert(fc.property(cases, ({ e164, ctx, form }) => {
      const c = candidateKeys(form.text, ctx);
      return [...c.exact, ...c.variants].includes(e164.slice(1));
    }), { numRuns: 3000, seed: 14 });
  });
});

describe('a number block written without a marker (issue 12 §3)', () => {
  const dc: PhoneContext = { defaultCountry: 'US', defaultAreaCode: '202', internalLength: 4, outsidePrefix: '9' };
  it.each([['+1 (415) 555-01', '141555501'], ['(415) 555-01', '141555501'], ['+44 (0)20 7946 09', '4420794609'], ['+49 211 12345', null]])(
    '%j is keyed as the block %s', (value, stem) => {
      const keys = indexKeysFor(value, dc);
      if (stem === null) expect(keys.some((k) => k.kind === 'block')).toBe(false);
      else expect(keys).toEqual([{ key: stem, kind: 'block' }]);
    });

  it('is never keyed when it is too short to be anyone\'s block', () => {
    expect(indexKeysFor('+1 415 5', dc)).toEqual([]);
    expect(indexKeysFor('555-01', dc)).toEqual([]);
  });
});
