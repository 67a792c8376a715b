/**
 * The small part of libphonenumber-js's numbering-plan metadata this module uses, read
 * once per country and cached. We use the `max` metadata build: it knows number types
 * (mobile, fixed line…) and validates against the real number ranges; loading and
 * parsing cost the same as the default build (measured: ~50 ms import for both, ~11 µs
 * per parse of an E.164 string), so there is no reason to fall back.
 *
 * libphonenumber-js exposes the per-country plan through a `Metadata` class whose
 * TypeScript declaration omits the accessors we need (national prefix); we declare the
 * few we read in `PlanReader` instead of importing the vendor's internals (STYLE.md:
 * declare only the part of a vendor API you use).
 */
import { Metadata } from 'libphonenumber-js/core';
import { getCountries, getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/metadata.max.json';
import type { CountryCode } from 'libphonenumber-js/max';

export type { CountryCode };

/** The accessors of libphonenumber-js's numbering plan that we read. */
interface PlanReader {
  IDDPrefix(): string | undefined;
  /** A digit string, or a non-string placeholder (0) when absent. */
  defaultIDDPrefix(): unknown;
  /** A digit string, or a non-string placeholder (0) when the country has none. */
  nationalPrefix(): unknown;
  /** A regex source; defaults to the national prefix. */
  nationalPrefixForParsing(): unknown;
  /** Set where stripping the prefix also rewrites the number (AR, BR, JP, NANP islands…). */
  nationalPrefixTransformRule(): unknown;
  possibleLengths(): number[] | undefined;
}

interface MetadataReader {
  selectNumberingPlan(country: CountryCode): void;
  numberingPlan?: unknown;
  getCountryCodesForCallingCode(callingCode: string): CountryCode[] | undefined;
}

/** What we know about one country's numbering plan. */
export interface CountryPlan {
  readonly country: CountryCode;
  /** ITU-T E.164 country calling code, e.g. `44`. */
  readonly callingCode: string;
  /**
   * The national (trunk) prefix dialled before an area code, e.g. `0` in the UK, `1` in
   * NANP; `null` in closed numbering plans (DK, NO, SG, IT, ES…), which have no trunk
   * prefix and, for this module, no separate area code.
   */
  readonly trunkPrefix: string | null;
  /** The international (IDD) prefix to dial, e.g. `011` (US), `00` (UK), `0011` (AU). */
  readonly internationalPrefix: string;
  /** Matches any IDD prefix the country accepts at the start of a digit string. */
  readonly iddPattern: RegExp;
  /**
   * Matches what to strip before a national number (trunk prefix, carrier selection
   * codes: AU `1831`, GB `180020`…), from the metadata's national-prefix-for-parsing.
   */
  readonly trunkPattern: RegExp | null;
  /**
   * The country rewrites numbers when stripping the prefix (AR mobile `15`, BR carrier
   * codes, NANP islands' 7-digit local numbers): only the full parser reads them right.
   */
  readonly trunkTransform: boolean;
  /** Possible lengths of a national significant number, ascending. */
  readonly nationalLengths: readonly number[];
}

const plans = new Map<CountryCode, CountryPlan>();
let reader: MetadataReader | undefined;

const isDigits = (s: string): boolean => /^[0-9]+$/.test(s);

export const isCountryCode = (value: string): value is CountryCode => isSupportedCountry(value);

// Common IDD prefixes, tried against a country's IDD pattern when the metadata names
// no preferred one (SG: `0[0-3]\d` → `000`).
const COMMON_IDD = ['00', '000', '001', '011', '0011', '810', '010', '009'];

/**
 * The international prefix to dial. The metadata's preferred prefix when there is one
 * and it is all digits (RU's `8~10` means "8, wait for dial tone, 10": not dialable in
 * one string), else the IDD prefix itself when it is plain digits, else the first
 * common prefix the IDD pattern accepts.
 */
function dialableIdd(idd: string, preferred: unknown): string {
  if (typeof preferred === 'string' && isDigits(preferred)) return preferred;
  if (isDigits(idd)) return idd;
  const whole = new RegExp(`^(?:${idd})$`);
  return COMMON_IDD.find((p) => whole.test(p)) ?? '00';
}

/** The numbering plan of `country`, read from the metadata once and cached. */
export function countryPlan(country: CountryCode): CountryPlan {
  const cached = plans.get(country);
  if (cached) return cached;
  const md = metadataReader();
  md.selectNumberingPlan(country);
  const plan = md.numberingPlan as PlanReader;
  const idd = plan.IDDPrefix() ?? '00';
  const trunk = plan.nationalPrefix();
  const forParsing = plan.nationalPrefixForParsing();
  const built: CountryPlan = Object.freeze({
    country,
    callingCode: getCountryCallingCode(country),
    trunkPrefix: typeof trunk === 'string' && isDigits(trunk) ? trunk : null,
    internationalPrefix: dialableIdd(idd, plan.defaultIDDPrefix()),
    iddPattern: new RegExp(`^(?:${idd})`),
    trunkPattern: typeof forParsing === 'string' && forParsing !== '' ? new RegExp(`^(?:${forParsing})`) : null,
    trunkTransform: typeof plan.nationalPrefixTransformRule() === 'string',
    nationalLengths: Object.freeze([...(plan.possibleLengths() ?? [])].sort((a, b) => a - b)),
  });
  plans.set(country, built);
  return built;
}

let callingCodes: Map<string, readonly CountryCode[]> | undefined;

function metadataReader(): MetadataReader {
  reader ??= new Metadata(maxMetadata) as unknown as MetadataReader;
  return reader;
}

/** Countries per calling code (`1` → US, CA, …), main country first as the metadata orders them. */
function callingCodeTable(): Map<string, readonly CountryCode[]> {
  if (callingCodes) return callingCodes;
  const table = new Map<string, readonly CountryCode[]>();
  const md = metadataReader();
  for (const country of getCountries()) {
    const code = getCountryCallingCode(country);
    if (!table.has(code)) table.set(code, Object.freeze([...(md.getCountryCodesForCallingCode(code) ?? [country])]));
  }
  callingCodes = table;
  return table;
}

/** The main country of a calling code: the one whose plan holds the formats (US for `1`). */
export function mainCountryOf(callingCode: string): CountryCode | undefined {
  return callingCodeTable().get(callingCode)?.[0];
}

/**
 * The calling code at the start of an international digit string (E.164 without `+`).
 * ITU-T E.164 country codes are prefix-free, so at most one of the 1-, 2- and 3-digit
 * prefixes is assigned.
 */
export function callingCodeAt(digits: string): string | undefined {
  const table = callingCodeTable();
  for (let n = 1; n <= 3 && n <= digits.length; n++) {
    const code = digits.slice(0, n);
    if (table.has(code)) return code;
  }
  return undefined;
}

const lengthsByCode = new Map<string, ReadonlySet<number>>();

/** Possible national-number lengths for a calling code (union over its countries), cached. */
function lengthsOf(callingCode: string): ReadonlySet<number> {
  const cached = lengthsByCode.get(callingCode);
  if (cached) return cached;
  const lengths = new Set<number>();
  for (const c of callingCodeTable().get(callingCode) ?? []) for (const n of countryPlan(c).nationalLengths) lengths.add(n);
  lengthsByCode.set(callingCode, lengths);
  return lengths;
}

/** Whether `nationalLength` is a possible national number length for that calling code. */
export const isPossibleLength = (callingCode: string, nationalLength: number): boolean => lengthsOf(callingCode).has(nationalLength);

const maxLengthByCode = new Map<string, number>();

/** The longest possible national-number length for a calling code (over its countries), cached; 0 when unknown. */
export function maxNationalLength(callingCode: string): number {
  let max = maxLengthByCode.get(callingCode);
  if (max === undefined) {
    max = Math.max(0, ...lengthsOf(callingCode));
    maxLengthByCode.set(callingCode, max);
  }
  return max;
}

/** Every assigned calling code with its longest national-number length (what the database's copy holds). */
export const callingCodeMaxLengths = (): Array<{ callingCode: string; maxNationalLength: number }> =>
  [...callingCodeTable().keys()].sort().map((callingCode) => ({ callingCode, maxNationalLength: maxNationalLength(callingCode) }));

/**
 * International (IDD) prefixes in use around the world (ITU-T Operational Bulletin
 * 994, list of international prefixes): `00` in most countries, `011` in NANP, `0011`
 * in Australia, `010` in Japan, `001`/`002`/`005`/`008`/`009` in Asia, `810` the
 * Russian `8~10` without its pause.
 */
const WORLD_IDD = ['0011', '00', '011', '010', '001', '002', '005', '008', '009', '810'];

/**
 * The international prefixes of other countries that `digits` start with (`00` typed in
 * a US system, `011` in a European one): a number copied from a signature or a web page
 * keeps the prefix of the country it was written in. Readers try these after the
 * country's own readings, and prefer a valid reading, so a national number that happens
 * to start with one (`0114 496 0123`, Sheffield) stays national.
 */
export function foreignIddPrefixes(digits: string, plan: Pick<CountryPlan, 'iddPattern'>): string[] {
  if (!digits.startsWith('0') && !digits.startsWith('8')) return [];
  const own = plan.iddPattern.exec(digits)?.[0];
  return WORLD_IDD.filter((p) => p !== own && digits.length > p.length + 6 && digits.startsWith(p));
}
