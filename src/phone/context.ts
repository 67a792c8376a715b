/**
 * The dialling context of the system (R3.1, R3.3): the default country, the default
 * area code, the outside-line prefix and the internal number length. Every function of
 * this module that reads a number takes one; the settings layer builds it.
 */
import { countryPlan, isCountryCode } from './metadata.js';
import type { CountryCode, CountryPlan } from './metadata.js';

export type { CountryCode };

export interface PhoneContext {
  /** ISO 3166-1 alpha-2 country of the installation, e.g. `US`. */
  readonly defaultCountry: CountryCode;
  /** Area (city) code without trunk prefix, e.g. `202`, `20` (London); may be empty. */
  readonly defaultAreaCode: string;
  /** Length of an internal extension number (R3.3, default 4). */
  readonly internalLength: number;
  /** The digit(s) dialled for an outside line, e.g. `9`; may be empty. */
  readonly outsidePrefix: string;
}

export type ContextProblem =
  | { field: 'defaultCountry'; message: string }
  | { field: 'defaultAreaCode'; message: string }
  | { field: 'internalLength'; message: string }
  | { field: 'outsidePrefix'; message: string };

/** What is wrong with a context the settings layer is about to save (empty when fine). */
export function checkContext(ctx: { defaultCountry: string; defaultAreaCode: string; internalLength: number; outsidePrefix: string }): ContextProblem[] {
  const problems: ContextProblem[] = [];
  if (!isCountryCode(ctx.defaultCountry)) problems.push({ field: 'defaultCountry', message: `unknown country code "${ctx.defaultCountry}"` });
  if (!/^[0-9]{0,6}$/.test(ctx.defaultAreaCode)) problems.push({ field: 'defaultAreaCode', message: 'the area code is up to 6 digits, without trunk prefix' });
  if (!Number.isInteger(ctx.internalLength) || ctx.internalLength < 1 || ctx.internalLength > 8) problems.push({ field: 'internalLength', message: 'the internal number length is a whole number from 1 to 8' });
  if (!/^[0-9*#]{0,4}$/.test(ctx.outsidePrefix)) problems.push({ field: 'outsidePrefix', message: 'the outside-line prefix is up to 4 of 0-9 * #' });
  return problems;
}

/** The numbering plan of the context's country (cached by the metadata layer). */
export const planOf = (ctx: PhoneContext): CountryPlan => countryPlan(ctx.defaultCountry);

/** A stable key for caches that depend on the whole context. */
export const contextKey = (ctx: PhoneContext): string =>
  `${ctx.defaultCountry}|${ctx.defaultAreaCode}|${ctx.internalLength}|${ctx.outsidePrefix}`;
