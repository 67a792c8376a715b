/**
 * How every phone number is shown in the browser (issue 12 §3, R5.4): the way its
 * country writes it, by libphonenumber — `(212) 736-4440` for a number of the system's
 * own country (its national format), `+44 20 7946 0958` for another country's (the
 * international format; the call screen always uses it, R6.4) — never the dial string
 * or TAPI's canonical `+1 (212) 7364440`.
 * Pure, so it is tested without a browser; the edit form keeps showing the typed value.
 *
 * It reads what people type (R5.4): `tel:` URIs, `+`, another country's `00`/`011`
 * prefix, `(0)` after the country code, extensions (kept: ` ext. 123`). What it cannot
 * read as a number (a number block `0211 12345-0`, `+1 212 555 01xx`; text) is shown as
 * typed. A withheld caller ID is not a number: `isWithheld` says so, and the screen
 * shows its words ("Withheld number").
 */
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

/** What phone systems put in place of a withheld number (CLIR; RFC 3323's anonymous URI). */
const WITHHELD = /^(?:|anonymous|anonymous\.invalid|withheld|restricted|private|unknown|<unknown>|unavailable|blocked|not available|number withheld|no caller id|p|o)$/i;

/** Whether a caller ID says the number was withheld (empty, `anonymous`, `sip:anonymous@anonymous.invalid`…). */
export function isWithheld(value: string | null | undefined): boolean {
  const v = (value ?? '').trim();
  const user = /^<?sips?:([^@;>]*)@?([^;>]*)/i.exec(v);
  if (user) return WITHHELD.test(user[1] ?? '') || (user[2] ?? '').toLowerCase() === 'anonymous.invalid';
  return WITHHELD.test(v);
}

const EXTENSION = /(?:;ext=|\s*(?:ext\.?|extension|x)\s*)([0-9]{1,8})\s*$/i;
/** A number block's marker (`-0`, `/0`, `xx`, `…`): shown as typed, it says more than any format. */
const BLOCK = /(?:\s*[-/]\s*0|\s*[xX]+|\s*\.{2,}|\s*…)\s*$/;
const FOREIGN_IDD = /^(?:0011|00|011)\s*(?=[1-9])/;

const valid = (pn: PhoneNumber | undefined): pn is PhoneNumber => pn !== undefined && pn.isPossible();

function read(text: string, home: CountryCode | undefined): PhoneNumber | undefined {
  const asIs = parsePhoneNumberFromString(text, home);
  if (asIs?.isValid()) return asIs;
  const international = FOREIGN_IDD.test(text) ? parsePhoneNumberFromString(text.replace(FOREIGN_IDD, '+')) : undefined;
  if (international?.isValid()) return international;
  return valid(asIs) ? asIs : valid(international) ? international : undefined;
}

const isCountry = (c: string | undefined): c is CountryCode => c !== undefined && /^[A-Z]{2}$/.test(c);

/**
 * `as-written-at-home`: national for the home country's numbers, international for the
 * others (lists, records, history); `international`: always with the country code, as
 * the call screen shows a call's number (R6.4: "the full number with country and area
 * code").
 */
export type PhoneStyle = 'as-written-at-home' | 'international';

/**
 * `value` as its country writes it, seen from a system at home in `home` (ISO country,
 * e.g. `US`); the value itself when it is no number this can read.
 */
export function formatPhone(value: string | null | undefined, home: string | undefined, style: PhoneStyle = 'as-written-at-home'): string {
  const typed = (value ?? '').trim();
  if (typed === '' || BLOCK.test(typed)) return typed;
  let text = typed.replace(/^<?(?:tel|sips?):/i, '').replace(/[@;>].*$/, (rest) => (/^;ext=/i.test(rest) ? rest : ''));
  const ext = EXTENSION.exec(text);
  if (ext && ext.index > 0) text = text.slice(0, ext.index);
  // `+44 (0)20 …`, `0044 (0)20 …`: the bracketed trunk prefix is not part of the number.
  text = text.replace(/(?<=[0-9+].*)\(\s*0\s*\)/, '');
  const country = isCountry(home) ? home : undefined;
  const pn = read(text, country);
  if (!pn) return typed;
  const shown = style === 'as-written-at-home' && pn.country !== undefined && pn.country === country ? pn.formatNational() : pn.formatInternational();
  return ext ? `${shown} ext. ${ext[1]}` : shown;
}
