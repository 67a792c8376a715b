/**
 * The call screen's number field (R6.5). Accepted, and nothing else:
 * - an extension: exactly `internalLength` digits (`1234`);
 * - plain digits with spaces: `44 161 5527789`, `011 44 161 5527789`, `161 5527789`,
 *   `5527789`. The digits are read as R6.5 lists the cases — international (with the
 *   international prefix, or starting with a country code), another area of the same
 *   country (area code and number), local (the number alone, in the default area) —
 *   using the readings of `normalise` (parse.ts): IDD prefix first, then a valid
 *   national number of the default country, then a local number in the default area,
 *   then a leading country code. So for US/202 `44 161 5527789` is not a US number and
 *   is read as country 44;
 * - the canonical form, with or without a space after `+`: `+ 44 (161) 5527789`,
 *   `+44 (161) 5527789`, `+45 32123456`, and E.164 itself (`+441615527789`), which is
 *   the canonical form without its optional spacing.
 * Anything else is refused with the first character that is not allowed and its index.
 */
import type { PhoneContext } from './context.js';
import type { NotANumberReason } from './extract.js';
import { MAX_RAW_LENGTH } from './extract.js';
import { canonicalOf } from './format.js';
import { normalise } from './parse.js';
import type { PhoneNumberParts } from './parse.js';

export type TypedNumberReason = 'character-not-allowed' | NotANumberReason;

export type TypedNumber =
  | { readonly ok: true; readonly kind: 'extension'; readonly extension: string }
  | { readonly ok: true; readonly kind: 'number'; readonly e164: string; readonly canonical: string; readonly parts: PhoneNumberParts }
  | {
      readonly ok: false;
      readonly reason: TypedNumberReason;
      readonly message: string;
      readonly offending?: { readonly char: string; readonly index: number };
    };

const FORMS = 'type digits and spaces (44 161 5527789) or the canonical form (+44 (161) 5527789)';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function refuse(input: string, index: number): TypedNumber {
  const char = String.fromCodePoint(input.codePointAt(index) ?? 0);
  const known = char === '+' || char === '(' || char === ')';
  const shown = char.trim() === '' ? JSON.stringify(char) : `"${char}"`;
  const message = known
    ? `${shown} is not allowed at position ${index + 1}: ${FORMS}`
    : `the character ${shown} is not allowed (position ${index + 1}): ${FORMS}`;
  return { ok: false, reason: 'character-not-allowed', message, offending: { char, index } };
}

const notANumber = (reason: NotANumberReason): TypedNumber => ({
  ok: false,
  reason,
  message: reason === 'empty' ? `no number: ${FORMS}` : `not a phone number (${reason})`,
});

/** Index of the first character that breaks the canonical form, or -1. */
function scanCanonical(s: string, start: number): number {
  let i = start + 1; // past '+'
  while (s[i] === ' ') i++;
  const ccStart = i;
  while (isDigit(s[i])) i++;
  if (i === ccStart) return i < s.length ? i : -2;
  // `+441615527789`: E.164 itself, the canonical form without its optional spacing.
  if (i - ccStart > 3) return s.slice(i).trim() === '' ? -1 : i;
  while (s[i] === ' ') i++;
  if (s[i] === '(') {
    i++;
    const areaStart = i;
    while (isDigit(s[i])) i++;
    if (i === areaStart || s[i] !== ')') return i < s.length ? i : -2;
    i++;
  }
  let digits = 0;
  for (; i < s.length; i++) {
    if (isDigit(s[i])) digits++;
    else if (s[i] !== ' ') return i;
  }
  return digits === 0 ? -2 : -1;
}

function scanPlain(s: string): number {
  for (let i = 0; i < s.length; i++) if (!isDigit(s[i]) && s[i] !== ' ') return i;
  return -1;
}

/** Validates and reads what the user typed in the call screen's number field. */
export function validateTypedNumber(input: string, ctx: PhoneContext): TypedNumber {
  if (typeof input !== 'string' || input.trim() === '') return notANumber('empty');
  if (input.length > MAX_RAW_LENGTH) return notANumber('too-long');
  const start = input.length - input.trimStart().length;
  const canonical = input[start] === '+';
  const bad = canonical ? scanCanonical(input, start) : scanPlain(input);
  if (bad === -2) return notANumber('too-short');
  if (bad >= 0) return refuse(input, bad);

  const digits = input.replace(/[^0-9]/g, '');
  if (!canonical && digits.length === ctx.internalLength) return { ok: true, kind: 'extension', extension: digits };
  const read = normalise(canonical ? `+${digits}` : digits, ctx);
  if (!read.ok) return notANumber(read.reason);
  return { ok: true, kind: 'number', e164: read.e164, canonical: canonicalOf(read), parts: read };
}
