/**
 * Dialling locations (R3.3, R3.4), after TAPI's dialling-rules model
 * (`lineTranslateAddress`, `LINELOCATIONENTRY`, area-code rules): where the phones are,
 * which prefixes get an outside line, the country's national (trunk) and international
 * prefixes, and per-area-code rules.
 */
import type { PhoneContext } from './context.js';
import { countryPlan, isCountryCode } from './metadata.js';
import type { CountryCode } from './metadata.js';

/**
 * A TAPI area-code rule: for numbers in `areaCode`, whether to dial the area code and
 * the national prefix. With `localPrefixes` the rule only covers subscriber numbers
 * starting with one of them (the exchanges it names); empty or absent = all.
 */
export interface AreaCodeRule {
  readonly areaCode: string;
  readonly dialAreaCode: boolean;
  readonly dialNationalPrefix: boolean;
  readonly localPrefixes?: readonly string[];
}

export interface Location {
  readonly country: CountryCode;
  /** The location's own area code without trunk prefix (`202`, `20`); may be empty. */
  readonly areaCode: string;
  /** Outside-line prefix for local calls (R3.1: e.g. `9`); may be empty. */
  readonly outsidePrefixLocal: string;
  /** Outside-line prefix for long-distance and international calls. */
  readonly outsidePrefixLongDistance: string;
  /** The country's trunk prefix (`1` US, `0` UK); empty in closed plans. */
  readonly nationalPrefix: string;
  /** The country's international prefix (`011` US, `00` UK/FR). */
  readonly internationalPrefix: string;
  readonly internalLength: number;
  readonly areaCodeRules: readonly AreaCodeRule[];
}

export interface LocationProblem {
  readonly field: keyof Location | `areaCodeRules[${number}]`;
  readonly message: string;
}

const DIALABLE_PREFIX = /^[0-9*#]{0,6}$/;
const DIGITS = /^[0-9]{0,8}$/;

/** A location with the country's prefixes filled in from the number metadata (R3.2). */
export function defaultLocation(country: CountryCode, areaCode: string, outsidePrefix: string, internalLength = 4): Location {
  const plan = countryPlan(country);
  return {
    country,
    areaCode,
    outsidePrefixLocal: outsidePrefix,
    outsidePrefixLongDistance: outsidePrefix,
    nationalPrefix: plan.trunkPrefix ?? '',
    internationalPrefix: plan.internationalPrefix,
    internalLength,
    areaCodeRules: [],
  };
}

/** What is wrong with a location (empty when it can be used); the admin API shows it. */
export function checkLocation(loc: Location): LocationProblem[] {
  const problems: LocationProblem[] = [];
  if (!isCountryCode(loc.country)) problems.push({ field: 'country', message: `unknown country code "${String(loc.country)}"` });
  if (!/^[0-9]{0,6}$/.test(loc.areaCode)) problems.push({ field: 'areaCode', message: 'up to 6 digits, without trunk prefix' });
  for (const field of ['outsidePrefixLocal', 'outsidePrefixLongDistance', 'nationalPrefix', 'internationalPrefix'] as const) {
    if (typeof loc[field] !== 'string' || !DIALABLE_PREFIX.test(loc[field])) problems.push({ field, message: 'up to 6 of 0-9 * #' });
  }
  if (!Number.isInteger(loc.internalLength) || loc.internalLength < 1 || loc.internalLength > 8) {
    problems.push({ field: 'internalLength', message: 'a whole number from 1 to 8' });
  }
  const seen = new Set<string>();
  loc.areaCodeRules.forEach((rule, i) => {
    const field = `areaCodeRules[${i}]` as const;
    if (!/^[0-9]{1,6}$/.test(rule.areaCode)) problems.push({ field, message: 'the area code is 1 to 6 digits' });
    if (seen.has(rule.areaCode)) problems.push({ field, message: `a second rule for area code ${rule.areaCode}` });
    seen.add(rule.areaCode);
    if ((rule.localPrefixes ?? []).some((p) => p === '' || !DIGITS.test(p))) problems.push({ field, message: 'local prefixes are digits' });
  });
  return problems;
}

/** The parsing context a location implies (translate reads numbers with it). */
export const contextOfLocation = (loc: Location): PhoneContext => ({
  defaultCountry: loc.country,
  defaultAreaCode: loc.areaCode,
  internalLength: loc.internalLength,
  outsidePrefix: loc.outsidePrefixLocal,
});

export interface LocationDifference {
  /** A location field, or `areaCodeRule` for a rule present on one side or differing. */
  readonly field: Exclude<keyof Location, 'areaCodeRules'> | 'areaCodeRule';
  readonly areaCode?: string;
  readonly ours: string | null;
  readonly theirs: string | null;
}

const describeRule = (r: AreaCodeRule): string =>
  `dial area code ${r.dialAreaCode ? 'yes' : 'no'}, national prefix ${r.dialNationalPrefix ? 'yes' : 'no'}` +
  (r.localPrefixes && r.localPrefixes.length > 0 ? `, prefixes ${[...r.localPrefixes].sort().join(' ')}` : '');

/**
 * Where our location differs from the one the telephony provider reports (R3.4). The
 * provider may know only part of it: fields it does not report are not compared, and
 * rules are compared only when it reports a rule list.
 */
export function compareLocations(ours: Location, theirs: Partial<Location>): LocationDifference[] {
  const out: LocationDifference[] = [];
  const fields = ['country', 'areaCode', 'outsidePrefixLocal', 'outsidePrefixLongDistance', 'nationalPrefix', 'internationalPrefix', 'internalLength'] as const;
  for (const field of fields) {
    const theirValue = theirs[field];
    if (theirValue === undefined || String(theirValue) === String(ours[field])) continue;
    out.push({ field, ours: String(ours[field]), theirs: String(theirValue) });
  }
  if (theirs.areaCodeRules === undefined) return out;
  const mine = new Map(ours.areaCodeRules.map((r) => [r.areaCode, describeRule(r)]));
  const theirsByCode = new Map(theirs.areaCodeRules.map((r) => [r.areaCode, describeRule(r)]));
  const codes = [...new Set([...mine.keys(), ...theirsByCode.keys()])].sort();
  for (const areaCode of codes) {
    const a = mine.get(areaCode) ?? null;
    const b = theirsByCode.get(areaCode) ?? null;
    if (a !== b) out.push({ field: 'areaCodeRule', areaCode, ours: a, theirs: b });
  }
  return out;
}
