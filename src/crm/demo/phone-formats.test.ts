import { describe, expect, it } from 'vitest';
import type { CountryCode } from '../../phone/index.js';
import { phoneKeyer } from '../phone-settings.js';
import { COUNTRIES, DEMO_COUNTRIES, type City } from './countries.js';
import { blockForm, e164Of, typedForms } from './phone-formats.js';

const sample = (country: (typeof DEMO_COUNTRIES)[number]) => {
  const city = COUNTRIES[country].cities[0] as City;
  return { country, area: city.area, rest: '2'.padEnd(city.restLength, '3') };
};

describe('typed phone numbers (R5.4)', () => {
  it.each(['US', 'GB', 'DE', 'FR'])('every form typed at home in %s reads back as the same E.164 number, for all ten countries', (home) => {
    const keyer = phoneKeyer({ defaultCountry: home as CountryCode, defaultAreaCode: '', internalLength: 4, outsidePrefix: '9' });
    for (const country of DEMO_COUNTRIES) {
      const n = sample(country);
      for (const form of typedForms(n, home)) expect([form, keyer.keys(form).e164]).toEqual([form, e164Of(n)]);
    }
  });

  it('uses national forms only for the home country, and the international prefix dialled from home', () => {
    const uk = { country: 'GB' as const, area: '161', rest: '4960012' };
    expect(typedForms(uk, 'GB')).toContain('(0161) 496-0012');
    expect(typedForms(uk, 'US')).not.toContain('(0161) 496-0012');
    expect(typedForms(uk, 'US')).toContain('011 44 161 496 0012');
    expect(typedForms(uk, 'FR')).toContain('0044 161 4960012');
    expect(typedForms({ country: 'US', area: '212', rest: '7364440' }, 'US')).toContain('1 212 736-4440');
  });

  it('writes a German number block as DIN 5008 does: 0211 12345-0 at home, +49 (0)211 12345-0 abroad', () => {
    const n = { country: 'DE' as const, area: '211', rest: '' };
    expect(blockForm(n, '12345', '0', 'DE')).toBe('0211 12345-0');
    expect(blockForm(n, '12345', '67', 'US')).toBe('+49 (0)211 12345-67');
  });
});
