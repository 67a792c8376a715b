/**
 * The system settings seen by the number logic (src/phone): the dialling context
 * (R3.1, R3.3), the dialling location with its area-code rules (R3.4), and the keyer that
 * writes caller-ID index keys for every stored phone value (R6.6).
 */
import { defaultLocation, indexKeysFor, isPrefixRow, type CountryCode, type Location, type PhoneContext } from '../phone/index.js';
import type { PhoneKeyer } from './phone-keyer.js';
import type { SystemSettings } from './settings.js';

export const phoneContextOf = (s: SystemSettings): PhoneContext => ({
  defaultCountry: s.country as CountryCode,
  defaultAreaCode: s.areaCode,
  internalLength: s.internalLength,
  outsidePrefix: s.outsidePrefix,
});

export function locationOf(s: SystemSettings): Location {
  const base = defaultLocation(s.country as CountryCode, s.areaCode, s.outsidePrefix, s.internalLength);
  return {
    ...base,
    outsidePrefixLongDistance: s.outsidePrefixLongDistance,
    nationalPrefix: s.nationalPrefix ?? base.nationalPrefix,
    internationalPrefix: s.internationalPrefix ?? base.internationalPrefix,
    areaCodeRules: s.areaCodeRules,
  };
}

/** Index keys from src/phone; the E.164 form is the number key when there is one. */
export function phoneKeyer(ctx: PhoneContext): PhoneKeyer {
  return {
    keys(raw) {
      const keys = indexKeysFor(raw, ctx);
      const number = keys.find((k) => k.kind === 'number');
      return { e164: number ? `+${number.key}` : null, keys: keys.map((k) => ({ key: k.key, block: k.kind === 'block', prefix: isPrefixRow(k) })) };
    },
  };
}
