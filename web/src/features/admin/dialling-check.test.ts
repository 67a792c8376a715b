import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { fr } from '../../i18n/fr.js';
import { differenceWords } from './dialling-check.js';

describe('the dialling-rules differences in plain words (R3.4)', () => {
  it('says which outside-line prefix each side dials', () => {
    const d = { field: 'outsidePrefixLocal' as const, ours: '9', theirs: '0' };
    expect(differenceWords(d, en)).toBe('The phone system dials 0 for an outside line, Switchboard 9');
    expect(differenceWords(d, fr)).toBe('Le système téléphonique compose le 0 pour sortir, Switchboard 9');
  });

  it('names an area-code rule only one side has', () => {
    const d = { field: 'areaCodeRule' as const, areaCode: '312', ours: null, theirs: 'dial area code yes, national prefix yes' };
    expect(differenceWords(d, en)).toBe('The phone system has for area code 312: dial area code yes, national prefix yes, Switchboard no rule for area code 312');
  });

  it('has a phrase for every location field in both languages', () => {
    expect(Object.keys(fr.diffPhrases).sort()).toEqual(Object.keys(en.diffPhrases).sort());
    for (const p of [...Object.values(en.diffPhrases), ...Object.values(fr.diffPhrases)]) expect(p).toContain('{v}');
  });
});
