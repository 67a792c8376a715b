/**
 * Phone numbers for Switchboard: pure, no database (STYLE.md layer `src/phone`).
 *
 * Parsing and display (R5.4, R6.5)
 * - `normalise(raw, ctx)` → `{ ok: true, e164, country, areaCode?, subscriber, kind, … }`
 *   or `{ ok: false, reason }`; never throws. `ctx` is a `PhoneContext` (R3.3).
 *   `e164Of(raw, ctx)`: the E.164 alone, cheaper (what an index rebuild needs).
 * - `formatCanonical(e164)` → TAPI canonical `+44 (161) 5527789`; `formatNational`.
 * - `validateTypedNumber(input, ctx)`: the call screen's number field (R6.5): R6.5's two
 *   forms and whatever people paste (dashes, dots, brackets, `00`/`011`, `(0)`, `tel:`,
 *   extensions, issue 12); anything else names the character to change.
 * - `writtenForms(e164, home)` (written-forms.ts): the everyday ways of writing a number,
 *   which the property and corpus tests walk through all of the above.
 *
 * Dialling rules (R3.3, R3.4; TAPI `lineTranslateAddress`)
 * - `defaultLocation(country, areaCode, outsidePrefix, internalLength)`, `checkLocation`.
 * - `translate(input, location)` → `{ ok: true, dialable, kind, groups }` or a reason.
 * - `previewDial(input, location)` → `will dial 9 011 44 161 5527789 (international)`.
 * - `compareLocations(ours, theirs)`: where the provider's rules differ (R3.4).
 *
 * Caller-ID matching (R6.6, R4.4)
 * - `indexKeysFor(raw, ctx)`: the keys to store in the index for one CRM phone value.
 * - `candidateKeys(callerId, ctx)` / `lookupKeys(…)`: what to look up, in one query;
 *   `isPrefixRow(key)`: whether a stored key goes in the small index of prefix rows.
 * - `matchCallerId(callerId, ctx, lookup)` (sync, SQLite) and `matchCallerIdAsync`
 *   (PostgreSQL): ranked `CallerMatch[]`, best first, and whether the call is internal.
 * - `rankMatches(callerId, ctx, rows)`: the ranking alone.
 */
export type { CountryCode, PhoneContext, ContextProblem } from './context.js';
export { checkContext } from './context.js';
export type { NotANumberReason } from './extract.js';
export type { Normalised, NotANumber, NumberKind, PhoneNumberParts, Reading } from './parse.js';
export { e164Of, normalise } from './parse.js';
export { canonicalOf, formatCanonical, formatNational } from './format.js';
export type { TypedNumber, TypedNumberReason } from './typed-input.js';
export { validateTypedNumber } from './typed-input.js';
export type { AreaCodeRule, Location, LocationDifference, LocationProblem } from './location.js';
export { checkLocation, compareLocations, contextOfLocation, defaultLocation } from './location.js';
export type { CallKind, Translation, TranslateReason } from './translate.js';
export { translate } from './translate.js';
export { describeTranslation, previewDial } from './preview.js';
export { isEmergencyNumber } from './emergency.js';
export type { CandidateKeys, IndexKey, IndexKeyKind } from './match-keys.js';
export { MIN_PREFIX_DIGITS, allKeys, canBePrefix, candidateKeys, extensionKey, indexKeysFor, isPrefixRow, lookupKeys } from './match-keys.js';
export { callingCodeMaxLengths } from './metadata.js';
export type { AsyncIndexLookup, CallerIdResult, IndexLookup, IndexRow } from './match.js';
export { matchCallerId, matchCallerIdAsync, rankMatches, rankRows } from './match.js';
