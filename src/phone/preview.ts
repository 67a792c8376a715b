/**
 * The dialling preview shown to users and admins (R6.4):
 * `will dial 9 011 44 161 5527789 (international)`: the groups are the outside-line
 * prefix, the international or national prefix, the country code, the area code and
 * the subscriber number, as `translate` produced them.
 */
import type { Location } from './location.js';
import { translate } from './translate.js';
import type { Translation, TranslateReason } from './translate.js';

const REASONS: Readonly<Record<TranslateReason, string>> = {
  'empty': 'no number',
  'too-long': 'the text is too long to be a phone number',
  'withheld': 'the number is withheld',
  'not-a-number': 'not a phone number',
  'too-short': 'too short to be a phone number',
  'invalid-country': 'unknown country code',
  'not-possible': 'not a possible phone number (wrong length)',
  'invalid-location': 'the dialling location is not valid',
};

/** The sentence for a translation already made. */
export function describeTranslation(t: Translation): string {
  return t.ok ? `will dial ${t.groups.join(' ')} (${t.kind})` : `cannot dial: ${REASONS[t.reason]}`;
}

/** `will dial 9 011 44 161 5527789 (international)` or `cannot dial: <why>`. */
export const previewDial = (input: string, location: Location): string => describeTranslation(translate(input, location));
