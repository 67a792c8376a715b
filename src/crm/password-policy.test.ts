import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { passwordWeakness } from './password-policy.js';

const RUNS = { seed: 12, numRuns: 300 };
const refused = (p: string, ctx = {}) => expect(passwordWeakness(p, ctx), JSON.stringify(p)).not.toBeNull();

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'azertyuiop', 'qsdfghjklm', 'qwertzuiop', '1qaz2wsx3edc4rfv5tgb6yhn7ujm'];
const digitsOrSymbols = fc.string({ unit: fc.constantFrom(...'0123456789!?.#$*_-'), maxLength: 4 });

describe('password policy (issue 12): the classes guessers try first are refused', () => {
  it('refuses the cited cases: eight spaces, 12345678, password', () => {
    expect(passwordWeakness('        ')).toBe('few-distinct-characters');
    expect(passwordWeakness('12345678')).not.toBeNull();
    expect(passwordWeakness('password')).toBe('common-password');
  });

  it('refuses any password of fewer than 5 distinct characters (one character repeated, two alternating…)', () => {
    fc.assert(fc.property(fc.array(fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 8, max: 40 }), (alphabet, n) => {
      refused(Array.from({ length: n }, (_, i) => alphabet[i % alphabet.length]).join(''));
    }), RUNS);
  });

  it('refuses a repeated chunk and any run of a sequence, ascending or descending', () => {
    fc.assert(fc.property(fc.string({ minLength: 2, maxLength: 6 }), fc.integer({ min: 2, max: 5 }), (chunk, times) => {
      const p = chunk.repeat(times);
      if ([...p].length >= 8) refused(p);
    }), RUNS);
    fc.assert(fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 8, max: 20 }), fc.boolean(), (start, n, down) => {
      refused(Array.from({ length: n }, (_, i) => (start + (down ? -i : i) + 100) % 10).join(''));
    }), RUNS);
    fc.assert(fc.property(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 8, max: 9 }), fc.boolean(), (start, n, down) => {
      const run = 'abcdefghijklmnopqrstuvwxyz'.slice(start, start + n);
      refused(down ? [...run].reverse().join('') : run);
    }), RUNS);
  });

  it('refuses keyboard walks along any row or column, either way, on QWERTY, AZERTY and QWERTZ', () => {
    fc.assert(fc.property(fc.constantFrom(...ROWS), fc.nat(), fc.integer({ min: 8, max: 12 }), fc.boolean(), (row, at, n, back) => {
      const doubled = row + row.split('').reverse().join('');
      const start = at % Math.max(1, doubled.length - n);
      const walk = doubled.slice(start, start + n);
      if (walk.length >= 8) refused(back ? [...walk].reverse().join('') : walk);
    }), RUNS);
    for (const p of ['1qaz2wsx', 'zaq12wsx', 'qwerty123', 'asdfghjk', 'azertyuiop']) refused(p);
  });

  it('refuses a common password or word with digits and symbols around it, in any case or leetspeak', () => {
    const leet = (w: string) => w.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3').replace(/s/g, '$');
    fc.assert(fc.property(fc.constantFrom(...COMMON_PASSWORDS.filter((w) => /^\p{L}+$/u.test(w))), digitsOrSymbols, digitsOrSymbols, fc.boolean(), fc.boolean(), (word, before, after, upper, l33t) => {
      let core = upper ? word[0]?.toUpperCase() + word.slice(1) : word;
      if (l33t) core = leet(core);
      const p = `${before}${core}${after}`;
      if ([...p].length >= 8) refused(p);
    }), RUNS);
  });

  it('refuses the login or name with a few characters around it', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{3,10}$/), digitsOrSymbols, (login, suffix) => {
      const p = `${login}${suffix}`;
      if (p.length >= 8) refused(p, { login });
    }), RUNS);
    expect(passwordWeakness('vandersteen!2024', { login: 'av', name: 'Alice Vandersteen' })).toBe('contains-login');
  });

  it('accepts random passwords and passphrases', () => {
    const unit = fc.constantFrom(...'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_');
    fc.assert(fc.property(fc.string({ unit, minLength: 16, maxLength: 24 }), (p) => {
      expect(passwordWeakness(p, { login: 'alice', name: 'Alice Martin' }), p).toBeNull();
    }), RUNS);
    for (const p of ['correct horse battery staple', 'Tr0ub4dor&3', 'plum-orchard-lantern-42', 'agent-password-1']) expect(passwordWeakness(p), p).toBeNull();
  });
});

describe('the maintained list of common passwords (zxcvbn-ts, issue 12)', () => {
  it('refuses every password of the list that is long enough to be typed', async () => {
    const { dictionary } = await import('@zxcvbn-ts/language-common');
    const long = dictionary['passwords-common'].filter((p) => [...p].length >= 8 && [...p].length <= 200);
    expect(long.length).toBeGreaterThan(10_000);
    expect(long.filter((p) => passwordWeakness(p) === null)).toEqual([]);
  });
});
