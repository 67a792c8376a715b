/**
 * The call screen's number field (R6.5, R5.4). What people type or paste is accepted
 * whenever it is a number the system's dialling context can read:
 * - an extension: exactly `internalLength` digits (`1234`);
 * - R6.5's two forms: plain digits with spaces (`44 161 5527789`, `011 44 161 5527789`,
 *   `161 5527789`, `5527789`), read as R6.5 lists the cases — international (with the
 *   international prefix, or starting with a country code), another area of the same
 *   country, local — by the readings of `normalise` (parse.ts); and the canonical form
 *   `+ 44 (161) 5527789`, `+44 (161) 5527789`, `+45 32123456`, E.164 itself;
 * - what people paste (issue 12): spaces, dashes, dots, slashes and parentheses between
 *   the digits (`(212) 555-0136`, `212.555.0136`, `040/50372104`), a leading `+`, an
 *   international prefix (`00`, `011`, the system's own or another's), a bracketed trunk
 *   prefix (`+49 (0)30 1234567`, `0044 (0)20-7946 0958`), a `tel:` URI (RFC 3966) and an
 *   extension (`x123`, `ext. 123`, `;ext=123`), which is not dialled.
 * Anything else is refused with the first character that is not allowed and its index,
 * so the message (and the browser, in the user's language) can say what to change.
 */
import type { PhoneContext } from './context.js';
import { MAX_RAW_LENGTH, tidyPunctuation } from './extract.js';
import type { NotANumberReason } from './extract.js';
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

const FORMS = 'type the digits, with spaces, dashes, dots, slashes or brackets between them, and a leading + or international prefix for another country (+44 161 552 7789, 0044 161 552 7789)';

const REASONS: Readonly<Record<NotANumberReason, string>> = {
  'empty': 'no number',
  'too-long': 'too long to be a phone number',
  'withheld': 'that is not a phone number but a withheld caller ID',
  'not-a-number': 'not a phone number',
  'too-short': 'too short to be a phone number: a digit is missing, or add the area code',
  'invalid-country': 'no country has that country code: check the digits after + or after the international prefix',
  'not-possible': 'not a number of that country (wrong number of digits): check the digits and the country code',
};

/** `tel:` (RFC 3966 §3) before the number. */
const TEL = /^tel:/i;
/** An extension at the end: `x123`, `ext. 123`, `extension 123`, RFC 3966 `;ext=123`. */
const EXTENSION = /(?:;ext=|\s*(?:ext\.?|extension|x)\s*)[0-9]{1,8}\s*$/i;
/** What may stand between the digits: the separators people write numbers with. */
const SEPARATOR = /[0-9 \-./()[\]]/;

function refuse(input: string, index: number): TypedNumber {
  const char = String.fromCodePoint(input.codePointAt(index) ?? 0);
  const shown = char.trim() === '' ? JSON.stringify(char) : `"${char}"`;
  const message = char === '+'
    ? `${shown} is only allowed at the start (position ${index + 1}): ${FORMS}`
    : `remove the character ${shown} (position ${index + 1}): ${FORMS}`;
  return { ok: false, reason: 'character-not-allowed', message, offending: { char, index } };
}

const notANumber = (reason: NotANumberReason): TypedNumber => ({
  ok: false,
  reason,
  message: reason === 'empty' ? `no number: ${FORMS}` : `${REASONS[reason]}`,
});

/** Index of the first character that no everyday way of writing a number has, or -1. */
export function firstNotAllowed(text: string): number {
  let start = text.length - text.trimStart().length;
  const tel = TEL.exec(text.slice(start));
  if (tel) start += tel[0].length;
  while (text[start] === ' ') start++;
  if (text[start] === '+') start++;
  const ext = EXTENSION.exec(text);
  const end = ext && ext.index > start ? ext.index : text.length;
  for (let i = start; i < end; i++) {
    if (!SEPARATOR.test(text[i] as string)) return i;
  }
  return -1;
}

/** Validates and reads what the user typed or pasted in the call screen's number field. */
export function validateTypedNumber(input: string, ctx: PhoneContext): TypedNumber {
  if (typeof input !== 'string' || input.trim() === '') return notANumber('empty');
  if (input.length > MAX_RAW_LENGTH) return notANumber('too-long');
  // Same length: an offending character's index is the index in what the user typed.
  const text = tidyPunctuation(input);
  const bad = firstNotAllowed(text);
  if (bad >= 0) return refuse(input, bad);
  const body = text.trim().replace(TEL, '').replace(EXTENSION, '');
  const plus = body.trimStart().startsWith('+');
  const digits = body.replace(/[^0-9]/g, '');
  if (digits === '') return notANumber(plus ? 'too-short' : 'not-a-number');
  if (!plus && digits.length === ctx.internalLength) return { ok: true, kind: 'extension', extension: digits };
  const read = normalise(text.trim(), ctx);
  if (!read.ok) return notANumber(read.reason);
  return { ok: true, kind: 'number', e164: read.e164, canonical: canonicalOf(read), parts: read };
}
