/**
 * The ways people write one number (R5.4): what users type in a phone field, paste from
 * a signature or a web page, or what a phone system sends. The corpus and property
 * tests of issue 12 walk every form through storing, caller-ID matching and dialling;
 * each form names how it is written, so a failure says which way of writing broke.
 *
 * National forms are only written for numbers of the system's own country (elsewhere
 * they are another number, or none); international ones carry `+`, the world's common
 * prefixes `00` and `011`, or the system's own international prefix.
 */
import { parseWith } from './parse.js';
import { formatCanonical } from './format.js';
import { countryPlan } from './metadata.js';
import type { CountryCode } from './metadata.js';

export type WrittenFormName =
  | 'e164' | 'international' | 'canonical' | 'trunk-in-brackets' | 'idd-00' | 'idd-011' | 'idd-home'
  | 'idd-trunk-in-brackets' | 'dots' | 'dashes' | 'slashes' | 'parentheses' | 'tel-uri' | 'extension-x'
  | 'extension-ext' | 'no-break-spaces' | 'national' | 'national-dots' | 'national-slash' | 'national-brackets'
  | 'national-extension';

export interface WrittenForm {
  readonly name: WrittenFormName;
  readonly text: string;
}

/** The digit groups of the international format after the country code (`20`, `7946`, `0958`). */
const groupsOf = (international: string): string[] => international.split(/[^0-9]+/).filter((g) => g !== '').slice(1);

/** Every way of writing `e164` this module knows, for a system at home in `home`; [] when it is no number. */
export function writtenForms(e164: string, home: CountryCode): WrittenForm[] {
  const pn = parseWith(e164);
  if (!pn || !pn.isPossible()) return [];
  const cc = String(pn.countryCallingCode);
  const groups = groupsOf(pn.formatInternational());
  const [first = '', ...rest] = groups;
  const trunk = pn.country ? countryPlan(pn.country).trunkPrefix : null;
  const national = pn.formatNational();
  // `(0)` only where the national form really starts with the trunk prefix.
  const bracketTrunk = trunk !== null && national.replace(/\D/g, '').startsWith(trunk) && trunk === '0';
  const spaced = groups.join(' ');
  const forms: WrittenForm[] = [
    { name: 'e164', text: e164 },
    { name: 'international', text: pn.formatInternational() },
    { name: 'canonical', text: formatCanonical(e164) ?? e164 },
    { name: 'idd-00', text: `00${cc} ${spaced}` },
    { name: 'idd-011', text: `011 ${cc} ${spaced}` },
    { name: 'idd-home', text: `${countryPlan(home).internationalPrefix} ${cc} ${spaced}` },
    { name: 'dots', text: `+${cc}.${groups.join('.')}` },
    { name: 'dashes', text: `+${cc}-${groups.join('-')}` },
    { name: 'slashes', text: `+${cc} ${first}/${rest.join('')}` },
    { name: 'parentheses', text: `+${cc} (${first}) ${rest.join('-')}` },
    { name: 'tel-uri', text: `tel:+${cc}-${groups.join('-')}` },
    { name: 'extension-x', text: `${pn.formatInternational()} x123` },
    { name: 'extension-ext', text: `+${cc} ${spaced} ext. 45` },
    { name: 'no-break-spaces', text: `+${cc}\u00a0${groups.join('\u2011')}` },
  ];
  if (bracketTrunk) {
    forms.push({ name: 'trunk-in-brackets', text: `+${cc} (0)${spaced}` }, { name: 'idd-trunk-in-brackets', text: `00${cc} (0)${first}-${rest.join(' ')}` });
  }
  if (pn.country === home) {
    const lead = national.replace(/[()]/g, '').split(/[^0-9]+/).filter((g) => g !== '');
    forms.push(
      { name: 'national', text: national },
      { name: 'national-dots', text: lead.join('.') },
      { name: 'national-slash', text: `${lead[0] ?? ''}/${lead.slice(1).join('')}` },
      { name: 'national-brackets', text: `(${lead[0] ?? ''}) ${lead.slice(1).join('-')}` },
      { name: 'national-extension', text: `${national} ext 7` },
    );
  }
  return forms;
}
