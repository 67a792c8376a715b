import { describe, expect, it } from 'vitest';
import type { CountryCode } from '../../phone/index.js';
import { phoneKeyer } from '../phone-settings.js';
import { buildDemoSet, colleaguePhone, DEMO_COMPANIES, DEMO_PERSONS } from './demo-records.js';

describe('the demo set', () => {
  it.each(['US', 'GB', 'DE', 'FR', 'AU', 'CA'])('is readable for a CRM at home in %s: 200 companies, 600 persons, every number an E.164 number', (home) => {
    const set = buildDemoSet(home);
    expect(set.companies).toHaveLength(DEMO_COMPANIES);
    expect(set.persons).toHaveLength(DEMO_PERSONS);
    const keyer = phoneKeyer({ defaultCountry: home as CountryCode, defaultAreaCode: '', internalLength: 4, outsidePrefix: '9' });
    const values = [...set.companies, ...set.persons].flatMap((r) => r.phones.map((p) => p.value));
    expect(values.filter((v) => keyer.keys(v).e164 === null)).toEqual([]);
    const e164s = values.map((v) => keyer.keys(v).e164);
    // Only Arthur Browne and Ben Barrow share a number.
    expect(e164s.length - new Set(e164s).size).toBe(1);
    for (let i = 0; i < 10; i++) expect(e164s).not.toContain(keyer.keys(colleaguePhone(home, i)).e164);
  });

  it('is the same for the same home country and seed, and another for another seed', () => {
    expect(buildDemoSet('US')).toEqual(buildDemoSet('US'));
    expect(buildDemoSet('US', 2)).not.toEqual(buildDemoSet('US'));
  });

  it('types the named cases as the spec writes them, for a CRM in the US', () => {
    const { persons, companies } = buildDemoSet('US');
    expect(persons.slice(0, 2).map((p) => [p.firstName, p.lastName, p.phones[0]?.value])).toEqual([
      ['Arthur', 'Browne', '1 212 736-4440'], ['Ben', 'Barrow', '1 212 736-4440'],
    ]);
    expect(companies[1]?.phones[0]?.value).toBe('+44 161 496 0000');
    expect(buildDemoSet('DE').companies[2]?.phones[0]?.value).toBe('0211 12345-0');
    expect(buildDemoSet('DE').persons[4]?.phones[0]?.value).toBe('0211 12345-67');
  });
});
