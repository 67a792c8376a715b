/**
 * Which passwords are refused, for logins and SIP passwords alike (issue 12): not a
 * strength score but the classes guessers try first — too short, few distinct
 * characters (`        `, `aaaaaaaa`), a repeated chunk (`abcabcabc`), a run of a
 * sequence (`12345678`, `hgfedcba`), a keyboard walk on a QWERTY/AZERTY/QWERTZ keyboard
 * (`qwertyui`, `1qaz2wsx`), digits only (dates, PINs), a common password or password
 * word with digits and symbols around it or in leetspeak (`Password123!`, `p@ssw0rd`),
 * or the account's own login or name with a few characters around it.
 */
import { AppError } from '../domain/errors.js';
import { dictionary } from '@zxcvbn-ts/language-common';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordWeakness =
  | 'too-short' | 'too-long' | 'few-distinct-characters' | 'repeated-pattern' | 'sequence' | 'keyboard-walk'
  | 'digits-only' | 'common-password' | 'contains-login';

export interface PasswordContext { login?: string | null; name?: string | null }

/**
 * The zxcvbn-ts project's maintained list of the 49,000 most common passwords (from leaked
 * corpora), and a few the product adds (its own words, French ones).
 */
const COMMON = new Set([...dictionary['passwords-common'], ...COMMON_PASSWORDS]);

/** Keyboards as rows; each row is offset about half a key right of the one above. */
const LAYOUTS = [
  ['1234567890-=', 'qwertyuiop[]', 'asdfghjkl;\'', 'zxcvbnm,./'],
  ['1234567890)=', 'azertyuiop^$', 'qsdfghjklmù*', 'wxcvbn,;:!'],
  ['1234567890ß', 'qwertzuiopü+', 'asdfghjklöä#', 'yxcvbnm,.-'],
];
/** Shifted digit row (US) and the AZERTY unshifted digit row, read as digits. */
const DIGIT_ALIASES: Record<string, string> = {
  '!': '1', '@': '2', '#': '3', '$': '4', '%': '5', '^': '6', '&': '7', '*': '8', '(': '9', ')': '0',
  'é': '2', '"': '3', '\'': '4', 'è': '7', '_': '8', 'ç': '9', 'à': '0',
};

const ADJACENT: Array<Map<string, Set<string>>> = LAYOUTS.map((rows) => {
  const at = (r: number, c: number): string | undefined => rows[r]?.[c];
  const map = new Map<string, Set<string>>();
  rows.forEach((row, r) => [...row].forEach((key, c) => {
    const near = [at(r, c - 1), at(r, c + 1), at(r - 1, c), at(r - 1, c + 1), at(r + 1, c - 1), at(r + 1, c)];
    map.set(key, new Set(near.filter((k): k is string => k !== undefined)));
  }));
  return map;
});

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '!': 'i', '3': 'e', '4': 'a', '@': 'a', '5': 's', '$': 's', '7': 't', '8': 'b', '9': 'g', '|': 'l', '+': 't' };

function isRepeatedPattern(s: readonly string[]): boolean {
  for (let unit = 1; unit <= s.length / 2; unit++) {
    if (s.length % unit !== 0) continue;
    if (s.every((ch, i) => ch === s[i % unit])) return true;
  }
  return false;
}

/** Every step the same small stride (`12345678`, `acegikmo`, `87654321`), digits wrapping 9→0. */
function isSequence(s: readonly string[]): boolean {
  const digits = s.every((c) => c >= '0' && c <= '9');
  const steps = s.slice(1).map((c, i) => {
    const d = (c.codePointAt(0) ?? 0) - (s[i]?.codePointAt(0) ?? 0);
    return digits ? ((d % 10) + 10) % 10 : d;
  });
  const first = steps[0];
  if (first === undefined) return false;
  const small = digits ? [1, 2, 8, 9].includes(first) : first !== 0 && Math.abs(first) <= 2;
  return small && steps.every((d) => d === first);
}

/** Each key next to the one before on one keyboard, allowing one jump per three keys (`1qaz2wsx3edc`). */
function isKeyboardWalk(s: readonly string[]): boolean {
  const keys = s.map((c) => DIGIT_ALIASES[c] ?? c);
  return ADJACENT.some((adjacent) => {
    let jumps = 0;
    for (let i = 1; i < keys.length; i++) {
      const a = keys[i - 1] as string;
      const b = keys[i] as string;
      if (a !== b && !adjacent.get(a)?.has(b)) jumps++;
    }
    return jumps <= Math.floor((keys.length - 1) / 3);
  });
}

/**
 * The word inside a password: up to six digits and symbols around it stripped, leetspeak
 * undone. Both are tried at every cut, since `c@m@r000` is `camaro` + `00` in leetspeak.
 */
function coreWords(lower: string): string[] {
  const strip = (w: string) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const unleet = (w: string) => [...w].map((c) => LEET[c] ?? c).join('');
  const lead = Math.min(6, (/^[^\p{L}]*/u.exec(lower)?.[0] ?? '').length);
  const trail = Math.min(6, (/[^\p{L}]*$/u.exec(lower)?.[0] ?? '').length);
  const words = [lower, strip(lower), unleet(lower), strip(unleet(lower))];
  for (let i = 0; i <= lead; i++) for (let j = 0; j <= trail; j++) words.push(unleet(lower.slice(i, lower.length - j)));
  return [...new Set(words.flatMap((w) => [w, w.replace(/i/g, 'l')]))].filter((w) => w.length > 0);
}

/** User-perceived characters: `שּׁ` or `é` written with a combining mark count once. */
const graphemes = (s: string): string[] => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

/** Why `password` is refused, or null when it is acceptable. */
export function passwordWeakness(password: string, context: PasswordContext = {}): PasswordWeakness | null {
  if (password.length > MAX_PASSWORD_LENGTH * 4) return 'too-long';
  const chars = graphemes(password);
  if (chars.length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (chars.length > MAX_PASSWORD_LENGTH) return 'too-long';
  const lower = password.normalize('NFC').toLowerCase();
  const lowerChars = graphemes(lower);
  if (new Set(lowerChars).size < 5) return 'few-distinct-characters';
  if (isRepeatedPattern(lowerChars)) return 'repeated-pattern';
  if (/^\d+$/.test(lower) && lower.length < 12) return 'digits-only';
  if (isSequence(lowerChars)) return 'sequence';
  if (isKeyboardWalk(lowerChars)) return 'keyboard-walk';
  const words = coreWords(lower);
  if (words.some((w) => COMMON.has(w) || (w.length >= 4 && (isRepeatedPattern(graphemes(w)) || isKeyboardWalk(graphemes(w)) || isSequence(graphemes(w)))))) {
    return 'common-password';
  }
  const own = [context.login, ...(context.name ?? '').split(/\s+/)]
    .map((x) => (x ?? '').normalize('NFC').toLowerCase()).filter((x) => x.length >= 3);
  // The login or a name with a few characters around it (`alice2024!`); a longer password merely containing it is fine.
  if (own.some((x) => words.includes(x) || graphemes(lower.split(x).join('')).length < MIN_PASSWORD_LENGTH)) return 'contains-login';
  return null;
}

const EXPLAIN: Record<PasswordWeakness, string> = {
  'too-short': `Use at least ${MIN_PASSWORD_LENGTH} characters`,
  'too-long': `Use at most ${MAX_PASSWORD_LENGTH} characters`,
  'few-distinct-characters': 'Use more different characters',
  'repeated-pattern': 'Do not repeat the same few characters',
  'sequence': 'Do not use a sequence such as 12345678 or abcdefgh',
  'keyboard-walk': 'Do not use neighbouring keys such as qwertyui',
  'digits-only': 'Use letters too, or at least 12 digits',
  'common-password': 'This password is among the most common ones',
  'contains-login': 'Do not use the login or the name in the password',
};

/** Throws 422 `weak-password` naming the field and the reason. */
export function assertAcceptablePassword(password: string, context: PasswordContext = {}, field = 'password'): void {
  const reason = passwordWeakness(password, context);
  if (reason !== null) throw new AppError('weak-password', `${EXPLAIN[reason]}`, { field, reason });
}
