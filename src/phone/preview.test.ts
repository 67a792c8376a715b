import { describe, expect, it } from 'vitest';
import { defaultLocation } from './location.js';
import type { Location } from './location.js';
import { previewDial } from './preview.js';

const washington = defaultLocation('US', '202', '9', 4);

describe('previewDial: what users and admins see before dialling (R6.4)', () => {
  it.each([
    ['+44 (161) 5527789', 'will dial 9 011 44 161 5527789 (international)'],
    ['+1 212 736 4440', 'will dial 9 1 212 7364440 (national)'],
    ['555-0100', 'will dial 9 5550100 (local)'],
    ['1234', 'will dial 1234 (internal)'],
    ['911', 'will dial 9 911 (emergency)'],
  ])('%j → %j', (input, preview) => {
    expect(previewDial(input, washington)).toBe(preview);
  });

  it('shows the area-code rule at work', () => {
    const loc: Location = { ...washington, areaCodeRules: [{ areaCode: '202', dialAreaCode: true, dialNationalPrefix: true }] };
    expect(previewDial('555-0100', loc)).toBe('will dial 9 1 202 5550100 (local)');
  });

  it('says why it cannot dial', () => {
    expect(previewDial('hello', washington)).toBe('cannot dial: not a phone number');
    expect(previewDial('12', washington)).toBe('cannot dial: too short to be a phone number');
  });
});
