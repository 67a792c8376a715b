import { describe, expect, it } from 'vitest';
import { DICTIONARIES, format, makeTranslate } from './i18n.js';

describe('the tiny i18n', () => {
  it('fills {placeholders} and leaves unknown ones visible', () => {
    expect(format('Will dial {dialable}', { dialable: '9011441615527789' })).toBe('Will dial 9011441615527789');
    expect(format('Page {page} of {pages}', { page: 1 })).toBe('Page 1 of {pages}');
  });

  it('has every English word in French, none left empty', () => {
    const en = Object.keys(DICTIONARIES.en).sort();
    expect(Object.keys(DICTIONARIES.fr).sort()).toEqual(en);
    for (const [k, v] of Object.entries(DICTIONARIES.fr)) if (typeof v === 'string') expect(v, k).not.toBe('');
  });

  it('translates the call-screen buttons, while state words come from the server (R6.10)', () => {
    expect(makeTranslate('fr')('hold')).toBe('Attente');
    expect(makeTranslate('fr')('transfer')).toBe('Transférer');
    expect(makeTranslate('fr')('consult')).toBe('Conseil');
  });
});
