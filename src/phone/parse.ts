/**
 * `normalise(raw, ctx)`: any phone value, as typed by a user or sent by a phone system,
 * to its E.164 form (R5.4), never throwing. Readings of a value without `+`, in order:
 *
 * 1. it starts with the default country's international (IDD) prefix (`011`, `00`,
 *    `0011`…) → what follows is country code + national number;
 * 2. a national number of the default country (trunk prefix optional: `020 7555 0123`,
 *    `2075550123`);
 * 3. a local number in the default area: the default area code is put in front. This
 *    reading is only taken when reading 2 is not a valid number, i.e. the digits are
 *    too short (or otherwise wrong) to be a national number on their own — which is
 *    why `555-0100` in US/202 becomes `+12025550100` while a full French number is
 *    left alone;
 * 4. an international number typed without `+` (`442075550123`).
 *
 * The first reading that is a valid number (per the `max` metadata's number ranges)
 * wins; failing that, the first that is at least possible (right length), so numbers
 * in ranges newer than the metadata are still accepted (`valid: false`).
 */
import parsePhoneNumber from 'libphonenumber-js/max';
import type { PhoneNumber, PhoneNumberType } from 'libphonenumber-js/max';
import { splitArea } from './area.js';
import { contextKey, planOf } from './context.js';
import type { PhoneContext } from './context.js';
import { extractNumber } from './extract.js';
import type { NotANumberReason } from './extract.js';
import { callingCodeAt, foreignIddPrefixes, mainCountryOf } from './metadata.js';
import type { CountryCode } from './metadata.js';

export type NumberKind =
  | 'fixed-line'
  | 'mobile'
  | 'fixed-line-or-mobile'
  | 'toll-free'
  | 'premium-rate'
  | 'shared-cost'
  | 'voip'
  | 'personal'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | 'unknown';

/** How the digits were read (see the module comment). */
export type Reading = 'international' | 'idd' | 'national' | 'local' | 'international-without-plus';

export interface PhoneNumberParts {
  readonly ok: true;
  /** `+` and digits, e.g. `+441615527789`. */
  readonly e164: string;
  readonly country: CountryCode;
  readonly callingCode: string;
  /** National significant number (no trunk prefix), e.g. `1615527789`. */
  readonly nationalNumber: string;
  /** Absent in countries without area codes (see area.ts). */
  readonly areaCode?: string;
  readonly subscriber: string;
  readonly kind: NumberKind;
  /** In an assigned range per the metadata; `false` = right length only. */
  readonly valid: boolean;
  readonly reading: Reading;
  readonly extension?: string;
}

export interface NotANumber {
  readonly ok: false;
  readonly reason: NotANumberReason;
}

export type Normalised = PhoneNumberParts | NotANumber;

const KINDS: Readonly<Record<PhoneNumberType, NumberKind>> = {
  FIXED_LINE: 'fixed-line',
  MOBILE: 'mobile',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

/** libphonenumber-js's parser, made total: `undefined` instead of throwing. */
export function parseWith(text: string, country?: CountryCode): PhoneNumber | undefined {
  try {
    return country ? parsePhoneNumber(text, { defaultCountry: country, extract: false }) : parsePhoneNumber(text, { extract: false });
  } catch {
    return undefined;
  }
}

/** The parts of a parsed number, as this module reports them. */
export function partsOf(pn: PhoneNumber, reading: Reading, extension?: string): PhoneNumberParts | undefined {
  const callingCode = String(pn.countryCallingCode);
  const country = pn.country ?? mainCountryOf(callingCode);
  if (!country) return undefined;
  const split = splitArea(pn);
  const type = pn.getType();
  return Object.freeze({
    ok: true as const,
    e164: String(pn.number),
    country,
    callingCode,
    nationalNumber: String(pn.nationalNumber),
    ...(split.areaCode !== undefined ? { areaCode: split.areaCode } : {}),
    subscriber: split.subscriber,
    kind: type ? KINDS[type] : 'unknown',
    valid: pn.isValid(),
    reading,
    ...(extension !== undefined ? { extension } : {}),
  });
}

interface Candidate {
  reading: Reading;
  pn: PhoneNumber;
}

function readingsOf(digits: string, ctx: PhoneContext): Candidate[] {
  const plan = planOf(ctx);
  const found: Candidate[] = [];
  const add = (reading: Reading, pn: PhoneNumber | undefined): void => {
    if (pn && pn.isPossible()) found.push({ reading, pn });
  };
  const idd = plan.iddPattern.exec(digits);
  if (idd && idd[0].length > 0 && digits.length > idd[0].length) {
    // Valid national numbers never start with the IDD prefix, so this reading wins
    // when it gives a number; otherwise (Tokelau's `0000`) the others are tried.
    add('idd', parseWith(`+${digits.slice(idd[0].length)}`));
    if (found.length > 0) return found;
  }
  const national = parseWith(digits, ctx.defaultCountry);
  if (national) {
    const nn = String(national.nationalNumber);
    const cc = String(national.countryCallingCode);
    // libphonenumber itself recognises a leading country code without `+`.
    add(digits === cc + nn && digits !== nn && digits !== `${plan.trunkPrefix ?? ''}${nn}` ? 'international-without-plus' : 'national', national);
  }
  const startsWithTrunk = plan.trunkPrefix !== null && digits.startsWith(plan.trunkPrefix);
  if (ctx.defaultAreaCode !== '' && !startsWithTrunk) add('local', parseWith(ctx.defaultAreaCode + digits, ctx.defaultCountry));
  if (callingCodeAt(digits)) add('international-without-plus', parseWith(`+${digits}`));
  for (const prefix of foreignIddPrefixes(digits, plan)) add('idd', parseWith(`+${digits.slice(prefix.length)}`));
  return found;
}


function pick(found: Candidate[]): Candidate | undefined {
  return found.find((c) => c.pn.isValid()) ?? found[0];
}

function failureOf(digits: string, plus: boolean, ctx: PhoneContext): NotANumberReason {
  if (plus) {
    const cc = callingCodeAt(digits);
    if (!cc) return 'invalid-country';
    const country = mainCountryOf(cc);
    const min = country ? Math.min(...planOf({ ...ctx, defaultCountry: country }).nationalLengths) : 4;
    return digits.length - cc.length < min ? 'too-short' : 'not-possible';
  }
  return digits.length < Math.min(...planOf(ctx).nationalLengths) ? 'too-short' : 'not-possible';
}

const CACHE_LIMIT = 5000;
const cache = new Map<string, Normalised>();

function remember(key: string, value: Normalised): Normalised {
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, value);
  return value;
}

function compute(raw: unknown, ctx: PhoneContext): Normalised {
  const extracted = extractNumber(raw);
  if (!extracted.ok) return { ok: false, reason: extracted.reason };
  const { digits, plus, extension, starHash } = extracted.value;
  if (starHash) return { ok: false, reason: 'not-a-number' };
  if (digits.length > 20) return { ok: false, reason: 'not-possible' };
  const chosen = plus ? candidateOfPlus(digits) : pick(readingsOf(digits, ctx));
  const parts = chosen ? partsOf(chosen.pn, chosen.reading, extension) : undefined;
  return parts ?? { ok: false, reason: failureOf(digits, plus, ctx) };
}

function candidateOfPlus(digits: string): Candidate | undefined {
  const pn = parseWith(`+${digits}`);
  return pn && pn.isPossible() ? { reading: 'international', pn } : undefined;
}

/**
 * Only the E.164 form of a phone value, or `null`: what the index needs, without the
 * type, validity and area split that `normalise` adds (about a third of its cost).
 * Same readings, so always the same number as `normalise(raw, ctx).e164`.
 */
export function e164Of(raw: string, ctx: PhoneContext): string | null {
  const extracted = extractNumber(raw);
  if (!extracted.ok) return null;
  const { digits, plus, starHash } = extracted.value;
  if (starHash || digits.length > 20) return null;
  const chosen = plus ? candidateOfPlus(digits) : pick(readingsOf(digits, ctx));
  if (!chosen) return null;
  const cc = String(chosen.pn.countryCallingCode);
  return mainCountryOf(cc) === undefined && chosen.pn.country === undefined ? null : String(chosen.pn.number);
}

/** Any phone value → its E.164 form and parts, or the reason it is not a number. */
export function normalise(raw: string, ctx: PhoneContext): Normalised {
  if (typeof raw !== 'string') return { ok: false, reason: 'not-a-number' };
  const key = `${contextKey(ctx)}\u0000${raw}`;
  return cache.get(key) ?? remember(key, compute(raw, ctx));
}
