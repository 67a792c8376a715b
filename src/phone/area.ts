/**
 * Where the area code ends. libphonenumber-js does not expose area-code lengths, so we
 * read them from the metadata's formatting rules: the ITU-T E.123 international format
 * it produces (`+44 161 552 7789`, `+1 212 736 4440`, `+33 1 42 68 53 00`) puts the
 * area code in the first group after the country code.
 *
 * Rule, per country: a country has area codes when its plan has a national (trunk)
 * prefix (`0` in most of Europe and Australia, `1` in NANP); the area code of a number
 * is then the first digit group of its international format, provided more digits
 * follow it. Closed numbering plans without a trunk prefix (DK, NO, SG, IT, ES, PT…)
 * have no separate area code: the whole national number is the subscriber number.
 * Mobile and non-geographic numbers get their first group as "area" too (UK `7700`,
 * FR `6`): harmless for dialling, since it never equals a geographic area code.
 */
import type { PhoneNumber } from 'libphonenumber-js/max';
import { countryPlan, mainCountryOf } from './metadata.js';

export interface AreaSplit {
  readonly areaCode?: string;
  readonly subscriber: string;
}

export function splitArea(pn: PhoneNumber): AreaSplit {
  const national = String(pn.nationalNumber);
  const country = pn.country ?? mainCountryOf(String(pn.countryCallingCode));
  if (!country || countryPlan(country).trunkPrefix === null) return { subscriber: national };
  const groups = pn.formatInternational().split(/[^0-9]+/).filter((g) => g !== '');
  const first = groups[1];
  if (groups.length < 3 || first === undefined || first.length >= national.length || !national.startsWith(first)) {
    return { subscriber: national };
  }
  return { areaCode: first, subscriber: national.slice(first.length) };
}
