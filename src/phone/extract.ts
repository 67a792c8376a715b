/**
 * First step of reading any phone value: from what a user typed or a phone system sent
 * (`"Ann" <sip:+44…@host;user=phone>`, `tel:+1-212-…;ext=12`, `0211 12345-0`,
 * `anonymous`) to a plain digit string with a few flags. Pure string work, no metadata:
 * the caller-ID fast path relies on it being cheap. Never throws.
 */

/** Why a value is not a phone number; the API returns it as `details.reason` (R5.4). */
export type NotANumberReason =
  | 'empty'
  | 'too-long'
  | 'withheld'
  | 'not-a-number'
  | 'too-short'
  | 'invalid-country'
  | 'not-possible';

export interface NumberText {
  /** A leading `+` was present: the digits start with a country code. */
  readonly plus: boolean;
  /** The number's digits, without `(0)` after a country code and without extension. */
  readonly digits: string;
  /** Extension after `x`, `ext`, `ext.` or RFC 3966 `;ext=`. */
  readonly extension?: string;
  /**
   * Set when the value marks a number block (a switchboard with direct-dial lines):
   * it ends in `-0`, `/0`, `x`/`xx…`, `...` or `…`. The stem is the digits before the
   * marker; every number that starts with it belongs to the block.
   */
  readonly blockStem?: string;
  /** `*` or `#` appear (feature codes such as `*72`): dialled as typed. */
  readonly starHash: boolean;
}

export type Extracted = { ok: true; value: NumberText } | { ok: false; reason: NotANumberReason };

/** Longest raw value accepted from users (R5.2 fields are short; this bounds the work). */
export const MAX_RAW_LENGTH = 64;

// RFC 3323's anonymous URI (`sip:anonymous@anonymous.invalid`), and the words PBXs and carriers
// put in the caller ID when the number is not presented (CLIR); `P`/`O` are the
// private / out-of-area codes of Bellcore GR-30 caller-ID displays.
const WITHHELD = new Set([
  'anonymous', 'anonymous.invalid', 'withheld', 'restricted', 'private', 'unknown', 'unavailable',
  'blocked', 'not available', 'number withheld', 'no caller id', 'p', 'o',
]);

const EXTENSION = /(?:;ext=|\s*(?:ext\.?|extension|x)\s*)([0-9]{1,8})\s*$/i;
const BLOCK_MARKER = /(?:\s*[-/]\s*0|\s*[xX]+|\s*\.{2,}|\s*…)\s*$/;
const TRUNK_IN_BRACKETS = /\(\s*0\s*\)/;
const ALLOWED = /^\+?[0-9 \-./()[\]*#]*$/;

// Pasted numbers carry typographic spaces and dashes (no-break space, en dash, minus…).
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\t]/g;
const ODD_DASH = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Typographic spaces and dashes as ASCII ones, one character for one (indices stay the same). */
export const tidyPunctuation = (s: string): string => s.replace(ODD_SPACE, ' ').replace(ODD_DASH, '-');

const safeDecode = (s: string): string => {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * The number part of a SIP/tel URI or name-addr, or the text itself.
 * RFC 3261 §25.1 name-addr: `"Display" <URI>`; RFC 3261 §19.1.1: the user part is
 * before `@`; RFC 3966 §3: a tel URI's number runs up to the first `;` parameter.
 */
function numberPart(text: string): { text: string; ext?: string; host?: string } {
  let s = text;
  const open = s.indexOf('<');
  if (open >= 0) {
    const close = s.indexOf('>', open + 1);
    s = s.slice(open + 1, close < 0 ? undefined : close).trim();
  }
  const scheme = /^(sips?|tel):/i.exec(s);
  if (!scheme) return { text: s };
  s = s.slice(scheme[0].length);
  let host: string | undefined;
  const at = s.indexOf('@');
  if (at >= 0) {
    host = s.slice(at + 1).split(/[;:?>]/)[0]?.toLowerCase();
    s = s.slice(0, at);
  }
  const ext = /;ext=([0-9]{1,8})/i.exec(s)?.[1];
  const semi = s.indexOf(';');
  if (semi >= 0) s = s.slice(0, semi);
  s = safeDecode(s).trim();
  return ext === undefined ? { text: s, ...(host ? { host } : {}) } : { text: s, ext, ...(host ? { host } : {}) };
}

/** Reads `raw` into digits and flags, or says why it is not a phone number. */
export function extractNumber(raw: unknown, maxLength: number = MAX_RAW_LENGTH): Extracted {
  if (typeof raw !== 'string') return { ok: false, reason: 'not-a-number' };
  if (raw.length > maxLength) return { ok: false, reason: 'too-long' };
  const trimmed = tidyPunctuation(raw).trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (WITHHELD.has(trimmed.toLowerCase())) return { ok: false, reason: 'withheld' };

  const part = numberPart(trimmed);
  let s = part.text;
  const lower = s.toLowerCase();
  if (WITHHELD.has(lower) || (lower === '' && part.host === 'anonymous.invalid')) return { ok: false, reason: 'withheld' };
  if (s === '') return { ok: false, reason: 'empty' };
  // `+44 (0)20 …`, `0044 (0)20 …`: the bracketed trunk prefix is not dialled after a
  // country code; at the start (`(0)20 7946 0958`) it is the national form's own.
  const trunk = TRUNK_IN_BRACKETS.exec(s);
  if (trunk && (s.startsWith('+') || /[0-9]/.test(s.slice(0, trunk.index)))) s = s.slice(0, trunk.index) + s.slice(trunk.index + trunk[0].length);

  let extension = part.ext;
  const ext = EXTENSION.exec(s);
  if (ext && ext.index > 0) {
    extension = ext[1];
    s = s.slice(0, ext.index);
  }
  let blockStem: string | undefined;
  const block = BLOCK_MARKER.exec(s);
  if (block && block.index > 0) {
    blockStem = s.slice(0, block.index).replace(/[^0-9]/g, '');
    // `-0` names the switchboard itself, which is a number too; `xx`/`…` do not.
    if (!/0\s*$/.test(block[0])) s = s.slice(0, block.index);
  }

  s = s.trim();
  const plus = s.startsWith('+');
  if (!ALLOWED.test(s)) return { ok: false, reason: 'not-a-number' };
  const digits = s.replace(/[^0-9]/g, '');
  if (digits === '') return { ok: false, reason: 'not-a-number' };
  const value: NumberText = {
    plus,
    digits,
    starHash: /[*#]/.test(s),
    ...(extension !== undefined ? { extension } : {}),
    ...(blockStem !== undefined && blockStem !== '' ? { blockStem } : {}),
  };
  return { ok: true, value };
}
