/**
 * `translate(number, location)`: what to dial for a number, after TAPI's
 * `lineTranslateAddress` (R3.3, R3.4, R6.4). Non-digits are ignored (R5.4); the result
 * only ever holds `0-9 * #`. In order:
 *
 * - feature codes with `*`/`#` (`*72`) are dialled as typed: `internal`;
 * - an emergency number (emergency.ts): outside-line prefix, then the code (`9911`).
 *   Many PBXs also route `911` without the prefix (US Kari's Law requires it); dialling
 *   the prefix first works on both kinds. Checked before extensions, so an extension
 *   plan can never shadow an emergency number;
 * - exactly `internalLength` digits: an extension, dialled as is: `internal`;
 * - otherwise the number is read with the location as context (parse.ts) and:
 *   - another calling code → international: long-distance outside prefix,
 *     international prefix, country code, area code, subscriber;
 *   - same calling code, and an area-code rule for the number's area code (covering its
 *     subscriber prefix when the rule lists local prefixes) → outside prefix, then the
 *     national prefix and the area code if the rule says so, then the subscriber. It is
 *     `local` when it is the location's own area or the rule dials no national prefix,
 *     `national` otherwise;
 *   - same area code as the location, no rule → `local`: outside prefix + subscriber;
 *   - otherwise → `national`: long-distance outside prefix, national prefix, national
 *     number (in closed plans without a trunk prefix, just the national number).
 *
 * An extension typed after a number (`x12`) is not dialled: it needs a pause and the
 * called party's prompt, which is not part of an address.
 */
import { extractNumber } from './extract.js';
import type { NotANumberReason } from './extract.js';
import { checkLocation, contextOfLocation } from './location.js';
import type { AreaCodeRule, Location } from './location.js';
import { isEmergencyNumber } from './emergency.js';
import { countryPlan } from './metadata.js';
import { normalise } from './parse.js';
import type { PhoneNumberParts } from './parse.js';

export type CallKind = 'internal' | 'local' | 'national' | 'international' | 'emergency';

export type TranslateReason = NotANumberReason | 'invalid-location';

export type Translation =
  | {
      readonly ok: true;
      /** Only `0-9 * #`. */
      readonly dialable: string;
      readonly kind: CallKind;
      /** The dialable string in its parts, for the preview: prefix, IDD, country, area, subscriber. */
      readonly groups: readonly string[];
      /** The number called, when it is a public number. */
      readonly e164?: string;
    }
  | { readonly ok: false; readonly reason: TranslateReason };

const DIALABLE = /^[0-9*#]+$/;

function result(kind: CallKind, parts: readonly string[], e164?: string): Translation {
  const groups = parts.filter((g) => g !== '');
  const dialable = groups.join('');
  // Guards the promise that nothing else is ever dialled (checkLocation vets prefixes).
  if (!DIALABLE.test(dialable)) return { ok: false, reason: 'not-a-number' };
  return e164 === undefined ? { ok: true, dialable, kind, groups } : { ok: true, dialable, kind, groups, e164 };
}

function ruleFor(rules: readonly AreaCodeRule[], n: PhoneNumberParts): AreaCodeRule | undefined {
  if (n.areaCode === undefined) return undefined;
  return rules.find(
    (r) =>
      r.areaCode === n.areaCode &&
      (r.localPrefixes === undefined || r.localPrefixes.length === 0 || r.localPrefixes.some((p) => n.subscriber.startsWith(p))),
  );
}

function publicNumber(n: PhoneNumberParts, loc: Location): Translation {
  if (n.callingCode !== countryPlan(loc.country).callingCode) {
    return result('international', [loc.outsidePrefixLongDistance, loc.internationalPrefix, n.callingCode, n.areaCode ?? '', n.subscriber], n.e164);
  }
  const sameArea = n.areaCode !== undefined && n.areaCode === loc.areaCode;
  const rule = ruleFor(loc.areaCodeRules, n);
  if (rule) {
    const kind: CallKind = sameArea || !rule.dialNationalPrefix ? 'local' : 'national';
    const outside = kind === 'local' ? loc.outsidePrefixLocal : loc.outsidePrefixLongDistance;
    return result(kind, [outside, rule.dialNationalPrefix ? loc.nationalPrefix : '', rule.dialAreaCode ? (n.areaCode ?? '') : '', n.subscriber], n.e164);
  }
  if (sameArea) return result('local', [loc.outsidePrefixLocal, n.subscriber], n.e164);
  return result('national', [loc.outsidePrefixLongDistance, loc.nationalPrefix, n.areaCode ?? '', n.subscriber], n.e164);
}

/** The dialable string and kind of call for `input` at `location`. Never throws. */
export function translate(input: string, location: Location): Translation {
  if (checkLocation(location).length > 0) return { ok: false, reason: 'invalid-location' };
  const extracted = extractNumber(input);
  if (!extracted.ok) return { ok: false, reason: extracted.reason };
  const { digits, plus, starHash } = extracted.value;
  if (!plus && starHash) return result('internal', [input.replace(/[^0-9*#]/g, '')]);
  // Emergency first: an extension plan must never shadow an emergency number.
  if (!plus && isEmergencyNumber(location.country, digits)) return result('emergency', [location.outsidePrefixLocal, digits]);
  if (!plus && digits.length === location.internalLength) return result('internal', [digits]);
  // The location may override the metadata's international prefix.
  const idd = location.internationalPrefix;
  const text = !plus && idd !== '' && digits.startsWith(idd) && digits.length > idd.length ? `+${digits.slice(idd.length)}` : input;
  const n = normalise(text, contextOfLocation(location));
  if (!n.ok) return { ok: false, reason: n.reason };
  return publicNumber(n, location);
}
