import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { fr } from '../../i18n/fr.js';
import { formatPhone } from '../../lib/phone-format.js';
import { fieldWords, matchWhy } from './match-reason.js';

describe('why a caller matched, in plain words (R6.6)', () => {
  it('says "same number" for an exact match, with the field and the number as stored', () => {
    expect(matchWhy({ reason: 'exact', field: 'phone:direct', phone: '+1 212 736 4440' }, en)).toEqual({ reason: 'same number', where: 'direct line: +1 212 736 4440' });
  });

  it('says the other format for a variant (national vs international)', () => {
    expect(matchWhy({ reason: 'variant', field: 'phone:mobile', phone: '(212) 736-4440' }, en).reason).toBe('same number, other format');
    expect(matchWhy({ reason: 'variant', field: 'phone:mobile', phone: '(212) 736-4440' }, fr)).toEqual({ reason: 'même numéro, autre format', where: 'mobile: (212) 736-4440' });
  });

  it('shows the stored number the way its country writes it (issue 12 §3)', () => {
    expect(matchWhy({ reason: 'exact', field: 'phone:direct', phone: '1 212 736-4440' }, en, (v) => formatPhone(v, 'US')).where).toBe('direct line: (212) 736-4440');
  });

  it('names the company switchboard or number block for a prefix match, and a colleague for internal', () => {
    expect(matchWhy({ reason: 'prefix', field: 'phone:switchboard', phone: '+1 212 736 4400' }, en).reason).toBe('company switchboard / number block');
    expect(matchWhy({ reason: 'internal', field: 'extension', phone: '1002' }, fr)).toEqual({ reason: 'collègue', where: 'poste: 1002' });
  });

  it('shows a custom column by its name, and nothing for a field-less match', () => {
    expect(fieldWords('x_other_mobile', en)).toBe('x_other_mobile');
    expect(fieldWords(undefined, en)).toBeNull();
    expect(matchWhy({ reason: 'exact', phone: '1234' }, en).where).toBe('1234');
  });

  it('has every reason and phone kind in both languages', () => {
    expect(Object.keys(fr.matchReasons).sort()).toEqual(Object.keys(en.matchReasons).sort());
    expect(Object.keys(fr.phoneKinds).sort()).toEqual(Object.keys(en.phoneKinds).sort());
    for (const words of [en.matchReasons, fr.matchReasons, en.phoneKinds, fr.phoneKinds]) for (const w of Object.values(words)) expect(w).not.toBe('');
  });
});
