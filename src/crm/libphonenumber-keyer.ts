/**
 * A PhoneKeyer over libphonenumber-js: E.164 from the default country.
 * TEMPORARY until src/phone's index keys are wired in.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { PhoneKeyer, PhoneKeys } from './phone-keyer.js';

export function libphonenumberKeyer(country: string): PhoneKeyer {
  return {
    keys(raw: string): PhoneKeys {
      const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
      const e164 = parsed?.isPossible() ? parsed.number : null;
      return { e164, keys: e164 ? [{ key: e164.slice(1), block: false }] : [] };
    },
  };
}
