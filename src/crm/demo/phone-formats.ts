/**
 * Numbers typed the many ways people type them (R5.4: stored as typed). A number is
 * generated as parts (country, area code, the rest) and rendered in one of the forms
 * real users produce. National forms (`(0161) 552-7789`, `01 42 68 53 00`) are only
 * used for the CRM's home country, and the international prefix is the one dialled
 * from home (`0044 …` from Europe, `011 44 …` from the US): that is how a user there
 * would type them, and it is what the number parser can read without guessing.
 */
import { COUNTRIES, type DemoCountry } from './countries.js';
import type { Prng } from './prng.js';

export interface NumberParts {
  country: DemoCountry;
  /** Area code (or mobile prefix) as part of the national significant number. */
  area: string;
  rest: string;
}

export const nsnOf = (n: NumberParts): string => n.area + n.rest;
export const e164Of = (n: NumberParts): string => `+${COUNTRIES[n.country].callingCode}${nsnOf(n)}`;

function chunk(digits: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    out.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) out.push(digits.slice(at));
  return out;
}

const restGroups = (n: NumberParts): string[] => chunk(n.rest, COUNTRIES[n.country].groups(n.rest));

/** The forms of one number a user at `home` might type; the first is the tidy one. */
export function typedForms(n: NumberParts, home: string): string[] {
  const c = COUNTRIES[n.country];
  const groups = restGroups(n);
  const spaced = groups.join(' ');
  const dashed = groups.length > 1 ? `${groups.slice(0, -1).join(' ')}-${groups[groups.length - 1]}` : spaced;
  const cc = c.callingCode;
  const forms = [`+${cc} ${n.area} ${spaced}`, `+${cc}${nsnOf(n)}`, `+${cc} ${n.area} ${n.rest}`];
  if (c.writesZeroInBrackets) forms.push(`+${cc} (0)${n.area} ${spaced}`);
  if (n.country === 'US') forms.push(`+1 (${n.area}) ${dashed}`);
  const homeIdd = (COUNTRIES as Partial<Record<string, { idd: string }>>)[home]?.idd;
  if (homeIdd && n.country !== home) forms.push(`${homeIdd}${homeIdd === '00' ? '' : ' '}${cc} ${n.area} ${n.rest}`, `${homeIdd} ${cc} ${n.area} ${spaced}`);
  if (n.country === home) {
    const trunked = `${c.trunk}${n.area}`;
    if (n.country === 'US') {
      forms.push(`(${n.area}) ${dashed}`, `${n.area}-${groups.join('-')}`, `${n.area}.${groups.join('.')}`, `1 ${n.area} ${dashed}`);
    } else {
      forms.push(`${trunked} ${spaced}`, `${trunked}${n.rest}`);
      if (n.country === 'GB' || n.country === 'AU') forms.push(`(${trunked}) ${dashed}`);
      if (n.country === 'DE' || n.country === 'CH') forms.push(`${trunked}/${n.rest}`, `(${trunked}) ${n.rest}`);
    }
  }
  return forms;
}

/** One typed form, chosen so most values are tidy and some are not (as in real CRMs). */
export function typeNumber(n: NumberParts, home: string, rng: Prng): string {
  const forms = typedForms(n, home);
  return rng.chance(0.4) ? (forms[0] as string) : rng.pick(forms);
}

/**
 * A number with direct-dial extensions in a block, the way Germans write it:
 * `0211 12345-0` for the switchboard, `0211 12345-67` for a direct line (DIN 5008).
 */
export function blockForm(n: NumberParts, stem: string, ext: string, home: string): string {
  const c = COUNTRIES[n.country];
  if (n.country === home) return `${c.trunk}${n.area} ${stem}-${ext}`;
  return c.writesZeroInBrackets ? `+${c.callingCode} (0)${n.area} ${stem}-${ext}` : `+${c.callingCode} ${n.area} ${stem}-${ext}`;
}
