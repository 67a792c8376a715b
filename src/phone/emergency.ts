/**
 * Emergency numbers, dialled as short codes. libphonenumber-js ships no short-number
 * metadata, so this is a small table: 112 everywhere (ITU-T E.161.1 recommends 112 and
 * 911; 112 is the EU-wide number of the Universal Service Directive, Art. 26) plus the
 * national numbers of the countries the product is tested for. Extend as needed.
 */
import type { CountryCode } from './metadata.js';

const NATIONAL: Partial<Record<CountryCode, readonly string[]>> = {
  US: ['911'], CA: ['911'], PR: ['911'], MX: ['911'],
  GB: ['999'], IE: ['999'],
  AU: ['000'], NZ: ['111'],
  FR: ['15', '17', '18', '114', '115', '119', '196'],
  DE: ['110'], AT: ['122', '133', '144'], CH: ['117', '118', '144'],
  IT: ['113', '115', '118'], ES: ['091', '092', '061', '080'], BE: ['100', '101'], NL: [],
  DK: ['114'], NO: ['110', '112', '113'], SG: ['995', '999'],
};

/** Whether `digits` is an emergency number in `country`. */
export function isEmergencyNumber(country: CountryCode, digits: string): boolean {
  return digits === '112' || (NATIONAL[country]?.includes(digits) ?? false);
}
