import { describe, expect, it } from 'vitest';
import { callingCodeAt, countryPlan, isPossibleLength, mainCountryOf } from './metadata.js';

describe('numbering-plan facts read from the max metadata', () => {
  it.each([
    ['US', '1', '1', '011'],
    ['GB', '44', '0', '00'],
    ['FR', '33', '0', '00'],
    ['AU', '61', '0', '0011'],
    ['RU', '7', '8', '810'],
    ['DK', '45', null, '00'],
    ['IT', '39', null, '00'],
  ] as const)('%s: calling code %s, trunk prefix %j, international prefix %s', (country, callingCode, trunkPrefix, internationalPrefix) => {
    expect(countryPlan(country)).toMatchObject({ country, callingCode, trunkPrefix, internationalPrefix });
  });

  it('reads the plan once per country', () => {
    expect(countryPlan('DE')).toBe(countryPlan('DE'));
  });

  it('finds the calling code at the start of international digits', () => {
    expect(callingCodeAt('12127364440')).toBe('1');
    expect(callingCodeAt('442075550123')).toBe('44');
    expect(callingCodeAt('35312345678')).toBe('353');
    expect(callingCodeAt('0044')).toBeUndefined();
  });

  it('knows the main country of shared calling codes and possible lengths', () => {
    expect(mainCountryOf('1')).toBe('US');
    expect(mainCountryOf('44')).toBe('GB');
    expect(isPossibleLength('44', 10)).toBe(true);
    expect(isPossibleLength('44', 12)).toBe(false);
  });
});
